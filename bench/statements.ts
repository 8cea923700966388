import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql, type CompiledQuery } from 'kysely';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { sha256 } from '../server/src/platform/crypto/hash.js';
import { openBenchDatabase, signIn, startApp } from './lib/setup.js';
import { measureQuietly, type QuietOptions } from './lib/cpu.js';

export interface StatementsOptions { quiet: QuietOptions & { retries: number }; log: (line: string) => void }

export interface StatementsResult {
  kind: DatabaseKind;
  /** µs per call, one at a time (median of 5 batches of 400). */
  session: { label: string; us: number }[];
  prepared: { label: string; unnamedUs: number; namedUs: number }[];
  background: number;
}

const MIGRATION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../server/migrations/0001_platform.sql');

/** The migration's zg_auth_session, renamed, with its body changed by `edit`: variants to time, never installed by the app. */
function sessionFunctionVariant(name: string, edit: (body: string) => string): string {
  const text = fs.readFileSync(MIGRATION, 'utf8');
  const m = /CREATE FUNCTION zg_auth_session\(p_id text\)[\s\S]*?END \$\$;/.exec(text);
  if (!m) throw new Error('zg_auth_session not found in the migration');
  const out = edit(m[0].replace('zg_auth_session(p_id text)', `${name}(p_id text)`));
  if (out === m[0].replace('zg_auth_session(p_id text)', `${name}(p_id text)`)) throw new Error(`variant ${name}: the function body changed; update bench/statements.ts`);
  return out;
}

class Rollback extends Error {}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  const batches: number[] = [];
  for (let b = 0; b < 5; b++) {
    const t = performance.now();
    for (let i = 0; i < 400; i++) await fn();
    batches.push(((performance.now() - t) / 400) * 1000);
  }
  return batches.sort((a, c) => a - c)[2]!;
}

/**
 * Diagnostic (`--only=statements`): what single statements cost, one at a time, on one connection.
 * (1) The session lookup and its parts: the function as migrated, a variant without the per-call
 * `last_seen_at` UPDATE statement, a variant that runs it only when the value it already read is
 * stale, and the context `set_config` statement. (2) listMembers' statements sent as unnamed
 * statements (what Kysely over `pg` does: parsed and planned on every call) and as named prepared
 * statements (`pg`'s `name` option: parsed and planned once per connection).
 */
export async function runStatements(kind: DatabaseKind, opts: StatementsOptions): Promise<StatementsResult> {
  opts.log(`[statements/${kind}] creating and seeding the database`);
  const bdb = await openBenchDatabase(kind);
  try {
    const { app, baseUrl } = await startApp(bdb.database);
    const s = await signIn(baseUrl, 'zhibu', 'branch_secretary');
    await app.close();
    const db = bdb.database.db;
    const id = sha256(/zg_sid=([^;]+)/.exec(s.cookie)?.[1] ?? '');
    const noUpdate = sessionFunctionVariant('zg_bench_session_no_update', (b) => b.replace(/ {2}IF r IS NOT NULL THEN\s+UPDATE sessions[^;]*;\s+END IF;\n/, ''));
    const ifStale = sessionFunctionVariant('zg_bench_session_if_stale', (b) => b.replace('IF r IS NOT NULL THEN', `IF r IS NOT NULL AND (r->>'lastSeenAt')::timestamptz < now() - interval '60 seconds' THEN`));

    const unitQ = db.selectFrom('org_units').selectAll().where('id', '=', s.unitId).where('dissolved_at', 'is', null).compile();
    const base = db.selectFrom('people as p').innerJoin('org_units as o', 'o.id', 'p.org_unit_id').where('p.org_unit_id', '=', s.unitId);
    const countQ = base.select((eb) => eb.fn.countAll<number>().as('n')).compile();
    const pageQ = base.select(['p.id', 'p.name', 'p.gender', 'p.birth_date', 'p.ethnicity', 'p.education', 'p.job_title', 'p.party_status', 'o.name as org_unit_name'])
      .orderBy('p.name_pinyin').orderBy('p.id').limit(20).offset(0).compile();

    const { value, background } = await measureQuietly(async () => {
      const session: StatementsResult['session'] = [];
      await db.transaction().execute(async (tx) => {
        // The variants are created as the database owner, inside this transaction, and rolled back with it.
        await sql`set local role none`.execute(tx);
        await sql.raw(noUpdate).execute(tx);
        await sql.raw(ifStale).execute(tx);
        await sql`set local role zg_app`.execute(tx);
        const t = async (label: string, q: { execute(e: typeof tx): Promise<unknown> }) => { session.push({ label, us: await timeIt(() => q.execute(tx)) }); };
        await t('`select 1` (round trip floor)', sql`select 1`);
        await t('`select zg_auth_session($1)` as migrated', sql`select zg_auth_session(${id}) as s`);
        await t('variant without the `last_seen_at` UPDATE', sql`select zg_bench_session_no_update(${id}) as s`);
        await t('variant: UPDATE only when `lastSeenAt` is stale (IF)', sql`select zg_bench_session_if_stale(${id}) as s`);
        await t('context `set_config` statement (setContext)', sql`select set_config('zg.tenant_id', ${s.tenantId}, true), set_config('zg.platform', 'off', true), set_config('zg.actor_id', ${s.userId}, true)`);
        throw new Rollback();
      }).catch((err: unknown) => { if (!(err instanceof Rollback)) throw err; });

      // PGlite serves one connection: free the pool's before opening a raw client.
      await db.destroy();
      await new Promise((r) => setTimeout(r, 1000));
      const client = new pg.Client(bdb.database.connection);
      await client.connect();
      const prepared: StatementsResult['prepared'] = [];
      try {
        await client.query('begin');
        await client.query(`select set_config('role', 'zg_app', true), set_config('zg.tenant_id', $1, true), set_config('zg.platform', 'off', true), set_config('zg.actor_id', $2, true)`, [s.tenantId, s.userId]);
        for (const [label, q] of [['unit lookup', unitQ], ['count', countQ], ['page select', pageQ]] as [string, CompiledQuery][]) {
          const values = [...q.parameters];
          const unnamedUs = await timeIt(() => client.query(q.sql, values));
          const namedUs = await timeIt(() => client.query({ name: `bench_${label.replace(/\W/g, '_')}`, text: q.sql, values }));
          prepared.push({ label, unnamedUs, namedUs });
        }
        await client.query('rollback');
      } finally {
        await client.end();
      }
      return { session, prepared };
    }, { ...opts.quiet, retries: 0, pgDatabase: bdb.pgDatabaseName });
    return { kind, ...value, background };
  } finally {
    await bdb.close();
  }
}
