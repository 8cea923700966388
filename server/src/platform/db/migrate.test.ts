// Migrations: applied once, in order, recorded; running them again applies nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { listMigrations, runMigrations } from './migrate.js';
import { asOwner, testDatabase } from '../../testing/db.js';

let database: Database;

beforeAll(async () => {
  database = await testDatabase();
});

afterAll(async () => {
  await database?.close();
});

describe('migrations', () => {
  it('lists the migration files in order, with well-formed versions', () => {
    const versions = listMigrations().map((m) => m.version);
    expect(versions[0]).toBe('0001_platform');
    expect(versions).toEqual([...versions].sort());
    for (const v of versions) expect(v).toMatch(/^\d{4}_[a-z0-9_]+$/);
  });

  it('applies nothing on a second run, and has recorded every migration', async () => {
    // First, before the pool has connected: PGlite serves one connection at a time.
    expect(await runMigrations(database.connection)).toEqual([]);
    const recorded = await asOwner(database, async (tx) =>
      (await sql<{ version: string }>`select version from zg_migrations order by version`.execute(tx)).rows.map((r) => r.version));
    expect(recorded).toEqual(listMigrations().map((m) => m.version));
  });
});
