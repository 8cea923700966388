/**
 * The plans of runMonth()'s statements (auto_explain with ANALYZE and BUFFERS, nested statements included) on a
 * database kept by `run.ts --keep`: where the monthly run spends its time, statement by statement.
 *
 *   npx tsx bench/dues-run/run.ts --db=postgresql --members=200000 --steps=0 --keep     # prints the database and tenant
 *   npx tsx bench/dues-run/explain.ts --url=postgres://…/<kept database> --tenant=<id> --month=2026-09 [--rollback]
 *
 * The connecting user must be a superuser (auto_explain is loaded per session). --rollback leaves the database as it
 * was, so the same month can be explained again after a change (VACUUM dues_entries in between: the rolled-back rows
 * stay in the table and its indexes until then, and the next run would check them).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DB } from '../../server/src/platform/db/schema.js';
import { APP_ROLE } from '../../server/src/platform/db/database.js';
import { setContext, type TxContext } from '../../server/src/platform/db/tenancy.js';
import { runMonth } from '../../server/src/modules/dues/run.js';
import { backendCpuSeconds } from '../lib/cpu.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    tenant: { type: 'string' },
    month: { type: 'string', default: '2026-09' },
    rollback: { type: 'boolean', default: false },
    // Statements faster than this are not shown.
    'min-ms': { type: 'string', default: '50' },
    // Measure only (database CPU and wall time): per-node timing costs a clock read per row and node.
    'no-plans': { type: 'boolean', default: false },
  },
});
if (!args.url || !args.tenant) throw new Error('--url and --tenant are required');

class Rollback extends Error {}

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: args.url, max: 1 });
  pool.on('connect', (client) => {
    client.on('notice', (n) => { if (n.message) console.log(`${n.message}\n`); });
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const ctx: TxContext = { tenantId: args.tenant!, actorId: null, actorName: 'explain', sourceIp: '' };
  const t0 = process.hrtime.bigint();
  try {
    await db.transaction().execute(async (tx) => {
      if (!args['no-plans']) {
        await sql`load 'auto_explain'`.execute(tx);
        await sql.raw(`set local auto_explain.log_min_duration = ${Number(args['min-ms'])}`).execute(tx);
        await sql`set local auto_explain.log_analyze = on`.execute(tx);
        await sql`set local auto_explain.log_buffers = on`.execute(tx);
        await sql`set local auto_explain.log_nested_statements = on`.execute(tx);
        await sql`set local auto_explain.log_level = notice`.execute(tx);
      }
      await setContext(tx, ctx);
      await sql.raw(`set local role ${APP_ROLE}`).execute(tx);
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid;
      const before = backendCpuSeconds(pid) ?? 0;
      const r = await runMonth(tx, ctx, { month: args.month!, trigger: 'manual', scopePath: '' });
      const cpu = (backendCpuSeconds(pid) ?? 0) - before;
      console.log(JSON.stringify(r), `${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s, database CPU ${cpu.toFixed(1)} s, load ${os.loadavg()[0]!.toFixed(1)}`);
      if (args.rollback) throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    console.log('rolled back');
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
