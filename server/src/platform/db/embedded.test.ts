// The embedded database (PGlite in a worker thread behind a unix socket): a long query does not stall
// the HTTP server, and a data directory is used by one process at a time. PGlite-only by nature, so
// these run in the default (PGlite) pass and are skipped when TEST_DB=postgresql.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase, ping, type Database } from './database.js';
import { listMigrations } from './migrate.js';
import { asOwner, testDbKind } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';

describe.skipIf(testDbKind() === 'postgresql')('embedded PGlite', () => {
  describe('a long query does not block the HTTP server', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp({ database: await openDatabase({ dataDir: null }) });
    });
    afterAll(async () => {
      await t?.close();
      await t?.database.close();
    });

    it('answers GET /api/health several times while `select pg_sleep(2)` runs, all before the query ends', async () => {
      expect(t.database.kind).toBe('pglite');
      const events: string[] = [];
      let queryDone = false;
      const slow = sql`select pg_sleep(2)`.execute(t.database.db).then(() => {
        queryDone = true;
        events.push('query done');
      });
      await sleep(100); // let the query reach the database worker
      for (let i = 0; i < 5; i++) {
        const res = await t.app.inject({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(200);
        expect(res.json<{ status: string; database: string }>()).toMatchObject({ status: 'ok', database: 'pglite' });
        events.push(`health ${i}${queryDone ? ' (after the query)' : ''}`);
        await sleep(50);
      }
      await slow;
      expect(events).toEqual(['health 0', 'health 1', 'health 2', 'health 3', 'health 4', 'query done']);
      // And the database answers again once the query is over.
      expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
    });
  });

  describe('one process per data directory', () => {
    let dir: string;
    let first: Database | null = null;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zg-datadir-'));
    });
    afterAll(async () => {
      await first?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    // Two on-disk PGlite starts, the first running every migration: over 60 s on a loaded 2-core machine.
    it('refuses a second open of the same directory with DataDirLockedError, and opens after the first closes', { timeout: 240_000 }, async () => {
      first = await openDatabase({ dataDir: dir });
      expect(await ping(first.db)).toBe(true);

      const refused = await openDatabase({ dataDir: dir }).then(
        async (db) => { await db.close(); return null; },
        (err: unknown) => err,
      );
      expect(refused).toBeInstanceOf(DataDirLockedError);
      const message = (refused as Error).message;
      expect(message).toContain(dir);
      expect(message).toMatch(/正被另一个进程使用/);
      expect(message).toMatch(/in use by another process/);

      await first.close();
      first = null;
      const third = await openDatabase({ dataDir: dir });
      try {
        expect(await ping(third.db)).toBe(true);
        // Same directory, same data: the migrations recorded by the first open are there.
        const { rows } = await asOwner(third, (tx) => sql<{ n: number }>`select count(*)::int as n from zg_migrations`.execute(tx));
        expect(rows[0]?.n).toBe(listMigrations().length);
      } finally {
        await third.close();
      }
    });
  });
});
