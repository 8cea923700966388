/**
 * The monthly dues run (issue 4, RULES.md §4) at scale: 1,000,000 party members with a base each in one tenant on
 * PostgreSQL (100,000 on PGlite), then server/src/modules/dues/run.ts runMonth() — the function the scheduled job and
 * POST /api/dues/runs call, as the application role under row-level security — timed for:
 *   1. the first month (a due entry per member, from the base in force and the §4 brackets in SQL),
 *   2. the same month again (idempotent: nothing new),
 *   3. the next month after 90 % of members paid the first (the unpaid streaks and alerts read real history),
 *   4. the month after, with 5 % of bases changed since (and the month before run again: corrections).
 * Data is generated in the database with generate_series (as bench/people does), not through the API.
 *
 *   npx tsx bench/dues-run/run.ts --db=postgresql            # 1,000,000 members
 *   npx tsx bench/dues-run/run.ts --db=pglite                # 100,000 members
 *   npx tsx bench/dues-run/run.ts --db=postgresql --members=200000 --no-write
 *   npx tsx bench/dues-run/run.ts --db=postgresql --members=200000 --steps=0 --keep   # a loaded set to EXPLAIN on
 *
 * Writes bench/results/<date>-dues-run-<db>.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/src/platform/db/schema.js';
import { PLATFORM_TENANT_ID, withTenant, type TxContext } from '../../server/src/platform/db/tenancy.js';
import { createTenant } from '../../server/src/modules/tenants/service.js';
import { runMonth, type RunResult } from '../../server/src/modules/dues/run.js';
import { addMonthsYm } from '../../server/src/modules/dues/rules.js';
import { openBenchDatabase } from '../lib/setup.js';
import { backendCpuSeconds } from '../lib/cpu.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgresql' },
    members: { type: 'string' },
    branches: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    // Stop after this many steps (1–5), e.g. --steps=0 to load only.
    steps: { type: 'string', default: '5' },
    // PostgreSQL: keep the benchmark's database afterwards (its name is printed), to EXPLAIN the run's statements on it.
    keep: { type: 'boolean', default: false },
  },
});
const kind = args.db === 'pglite' ? 'pglite' : 'postgresql';
const MEMBERS = Number(args.members ?? (kind === 'pglite' ? 100_000 : 1_000_000));
const BRANCHES = Number(args.branches ?? Math.max(20, Math.round(MEMBERS / 50)));
const MONTH = '2026-09';
const STEPS = Number(args.steps);

const secs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** As the owner (no row-level security, as for migrations): units, members, bases. */
async function load(db: Kysely<DB>, tenantId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    const rootId = crypto.randomUUID();
    await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name) values (${rootId}, ${tenantId}, null, ${`/${rootId}/`}, 0, 'group_committee', '基准集团党委')`.execute(tx);
    await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name, sort_order)
      select id, ${tenantId}::uuid, ${rootId}::uuid, ${`/${rootId}/`} || id || '/', 1, 'branch', '第' || g || '党支部', g
      from (select gen_random_uuid() as id, g from generate_series(1, ${BRANCHES}::int) g) s`.execute(tx);
    await sql`create temporary table bench_branches on commit drop as select id, path, row_number() over (order by path) - 1 as k from org_units where tenant_id = ${tenantId} and depth = 1`.execute(tx);
    await sql`create index on bench_branches (k)`.execute(tx);
    await sql`alter table people disable trigger people_org_path`.execute(tx);
    for (let from = 0; from < MEMBERS; from += 200_000) {
      const to = Math.min(MEMBERS, from + 200_000) - 1;
      await sql`insert into people (id, tenant_id, org_unit_id, org_path, name, name_pinyin, name_initials, gender, party_status, party_joined_on, full_on)
        select gen_random_uuid(), ${tenantId}::uuid, b.id, b.path, '党员' || g, 'dangyuan' || g, 'dy', case when g % 3 = 0 then 'female' else 'male' end,
          case when g % 25 = 0 then 'probationary' else 'full' end, date '1980-01-01' + (g % 15000)::int, case when g % 25 = 0 then null else date '1981-01-01' + (g % 15000)::int end
        from generate_series(${from}::bigint, ${to}::bigint) g join bench_branches b on b.k = g % ${BRANCHES}`.execute(tx);
    }
    await sql`alter table people enable trigger people_org_path`.execute(tx);
    // Bases from three months before: mostly 在职 across all brackets, some 离退休, 年薪制 and fixed amounts.
    await sql`insert into dues_bases (id, tenant_id, person_id, from_month, category, base_fen, source)
      select gen_random_uuid(), p.tenant_id, p.id, ${addMonthsYm(MONTH, -3)},
        c.category, case when c.category in ('low_income', 'farmer', 'mobile') then null else 150000 + (abs(hashtext(p.id::text)) % 1500000) end, 'import'
      from people p cross join lateral (select case abs(hashtext(p.name)) % 20 when 0 then 'retired' when 1 then 'retired' when 2 then 'annual_salary'
        when 3 then 'low_income' when 4 then 'mobile' else 'employed' end as category) c
      where p.tenant_id = ${tenantId}`.execute(tx);
  });
  await analyze(db, 'people, dues_bases');
}

/**
 * Statistics after a bulk load, as autovacuum would gather them in time. As the owner: ANALYZE run as the application
 * role skips every table with a warning, and the run would then be planned for empty tables.
 */
async function analyze(db: Kysely<DB>, tables: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    await sql.raw(`analyze ${tables}`).execute(tx);
  });
}

/** 90 % of members pay `month` (as the owner, in bulk: the shape recordPayment writes). */
async function pay(db: Kysely<DB>, tenantId: string, month: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    await sql`insert into dues_payments (id, tenant_id, person_id, method, provider_ref, amount_fen, paid_at)
      select gen_random_uuid(), d.tenant_id, d.person_id, 'cash', 'bench-' || d.id, d.amount_fen, ${`${month}-10 10:00:00+08`}::timestamptz
      from dues_entries d where d.tenant_id = ${tenantId} and d.month = ${month} and d.kind = 'due' and d.amount_fen > 0 and abs(hashtext(d.person_id::text)) % 10 <> 0`.execute(tx);
    await sql`insert into dues_entries (id, tenant_id, person_id, kind, month, amount_fen, payment_id)
      select gen_random_uuid(), p.tenant_id, p.person_id, 'payment', ${month}, p.amount_fen, p.id
      from dues_payments p where p.tenant_id = ${tenantId} and p.paid_at >= ${`${month}-01 00:00:00+08`}::timestamptz and p.paid_at < ${`${addMonthsYm(month, 1)}-01 00:00:00+08`}::timestamptz`.execute(tx);
  });
  await analyze(db, 'dues_entries, dues_payments');
}

/** 5 % of members get a new base from `month` (a raise), as HR would import it. */
async function raise(db: Kysely<DB>, tenantId: string, month: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    await sql`insert into dues_bases (id, tenant_id, person_id, from_month, category, base_fen, source)
      select gen_random_uuid(), tenant_id, person_id, ${month}, 'employed', coalesce(base_fen, 300000) + 50000, 'import'
      from dues_bases where tenant_id = ${tenantId} and abs(hashtext(person_id::text)) % 20 = 7`.execute(tx);
  });
}

interface Row { step: string; seconds: number; cpu: number | null; result: RunResult; loadBefore: number; load: number }

async function main(): Promise<void> {
  const bench = await openBenchDatabase(kind, { seed: false });
  const db = bench.database.db;
  const rows: Row[] = [];
  try {
    const t = await createTenant(db, { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: 'bench', sourceIp: '', platform: true }, {
      code: 'benchdues', name: '党费基准企业', admin: { username: 'benchadmin', displayName: '基准', password: 'Bench-dues-2026!x' },
    });
    const ctx: TxContext = { tenantId: t.tenantId, actorId: null, actorName: '系统（月度核定）', sourceIp: '' };
    let t0 = process.hrtime.bigint();
    await load(db, t.tenantId);
    const loadSeconds = secs(t0);
    const file = args['no-write'] ? null : resultsFile();
    console.log(`loaded ${MEMBERS} members with bases in ${BRANCHES} branches on ${bench.serverVersion}: ${loadSeconds.toFixed(1)} s (tenant ${t.tenantId})`);
    const step = async (name: string, month: string) => {
      const s = process.hrtime.bigint();
      const loadBefore = os.loadavg()[0] ?? 0;
      let cpu: number | null = null;
      const result = await withTenant(db, ctx, async (tx) => {
        // The backend running the run: its CPU time tells the work apart from waiting on a busy machine.
        const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid;
        const before = kind === 'postgresql' ? backendCpuSeconds(pid) : null;
        const r = await runMonth(tx, ctx, { month, trigger: 'schedule', scopePath: '' });
        const after = before === null ? null : backendCpuSeconds(pid);
        cpu = before !== null && after !== null ? after - before : null;
        return r;
      });
      const row: Row = { step: name, seconds: secs(s), cpu, result, loadBefore, load: os.loadavg()[0] ?? 0 };
      console.log(`${name.padEnd(58)} ${row.seconds.toFixed(1).padStart(6)} s  cpu ${cpu === null ? '—' : (cpu as number).toFixed(1)} s  created ${result.created} adjusted ${result.adjusted} alerts ${result.alerts}  (load ${row.loadBefore.toFixed(1)} → ${row.load.toFixed(1)})`);
      rows.push(row);
      if (file) write(file, bench.serverVersion, loadSeconds, rows, null);
    };
    const plan: (() => Promise<void>)[] = [
      () => step(`1. first run of ${MONTH}`, MONTH),
      () => step(`2. ${MONTH} again (idempotent)`, MONTH),
      async () => {
        await pay(db, t.tenantId, MONTH);
        await step(`3. ${addMonthsYm(MONTH, 1)} after 90 % paid ${MONTH}`, addMonthsYm(MONTH, 1));
      },
      async () => {
        await pay(db, t.tenantId, addMonthsYm(MONTH, 1));
        await raise(db, t.tenantId, addMonthsYm(MONTH, 1));
        await step(`4. ${addMonthsYm(MONTH, 1)} again after 5 % new bases (corrections)`, addMonthsYm(MONTH, 1));
      },
      () => step(`5. ${addMonthsYm(MONTH, 2)} (3 months of history, reminders)`, addMonthsYm(MONTH, 2)),
    ];
    for (const next of plan.slice(0, STEPS)) await next();
    t0 = process.hrtime.bigint();
    const counts = await withTenant(db, ctx, async (tx) => (await sql<{ n: string }>`select count(*) as n from dues_entries`.execute(tx)).rows[0]!.n);
    console.log(`ledger entries: ${counts} (${secs(t0).toFixed(1)} s to count)`);
    if (file && rows.length > 0) {
      write(file, bench.serverVersion, loadSeconds, rows, Number(counts));
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    if (args.keep && bench.pgDatabaseName) {
      await bench.database.close();
      console.log(`kept database ${bench.pgDatabaseName} (drop it when done)`);
    } else {
      await bench.close();
    }
  }
}

const date = new Date().toISOString().slice(0, 10);
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** This run's results file: a second run on the same day does not overwrite the first (the README compares them). */
function resultsFile(): string {
  let file = path.join(resultsDir, `${date}-dues-run-${kind}.md`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(resultsDir, `${date}-dues-run-${kind}-${n}.md`);
  return file;
}

/** Written after every step, so a run stopped early keeps the steps it finished. */
function write(file: string, serverVersion: string, loadSeconds: number, rows: Row[], entries: number | null): void {
  const lines = [
    `# Monthly dues run — ${kind} (${date})`,
    '',
    `${MEMBERS.toLocaleString('en')} party members with a base each, ${BRANCHES.toLocaleString('en')} branches, one tenant; ${serverVersion}; ` +
      `${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}), Node ${process.version}. Load of members and bases (generate_series, as the owner): ${loadSeconds.toFixed(1)} s.`,
    'Each step is `runMonth()` as the application role under row-level security, in one transaction: due entries, corrections, waivers, missing bases, alerts, the run record and its audit record.',
    '',
    '| step | seconds | database CPU s | new dues | corrections | alerts | load (1 min) before → after |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.step} | ${r.seconds.toFixed(1)} | ${r.cpu === null ? '—' : r.cpu.toFixed(1)} | ${r.result.created.toLocaleString('en')} | ${r.result.adjusted.toLocaleString('en')} | ${r.result.alerts.toLocaleString('en')} | ${r.loadBefore.toFixed(1)} → ${r.load.toFixed(1)} |`),
    '',
    entries === null ? `Stopped after ${rows.length} of ${STEPS} steps.` : `Ledger entries at the end: ${entries.toLocaleString('en')}.`,
    '',
  ];
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(file, lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
