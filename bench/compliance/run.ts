/**
 * The compliance view (issue 5) at scale: one tenant with 20,000 党支部 (half with a 支委会, every tenth with two 党小组)
 * and a year of held meetings (about 700,000: 主题党日 and 支委会 monthly, 党小组会 monthly per group, 支部党员大会 and 党课
 * quarterly, 组织生活会 yearly, with gaps), then p50/p95 of the compliance service called the way the route calls it
 * (tenant transaction under row-level security, scope check, rules.ts judging every cell) for a year, a quarter and a
 * month over the whole tenant, and a year for one company 党委. Target: under 1 s on PostgreSQL.
 *
 *   npx tsx bench/compliance/run.ts                         # PostgreSQL (BENCH_DATABASE_URL, an admin URL), 20,000 branches
 *   npx tsx bench/compliance/run.ts --branches=2000 --db=pglite --no-write
 *
 * Data is generated in the database (generate_series) as the owner. Writes bench/results/<date>-compliance-<db>.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/src/platform/db/schema.js';
import type { Actor } from '../../server/src/platform/access/actor.js';
import { PLATFORM_TENANT_ID } from '../../server/src/platform/db/tenancy.js';
import { createTenant } from '../../server/src/modules/tenants/service.js';
import { compliance } from '../../server/src/modules/meetings/compliance.js';
import { DEFAULT_ADMIN_URL, openBenchDatabase } from '../lib/setup.js';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { summarize } from '../lib/stats.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgresql' },
    branches: { type: 'string' },
    iterations: { type: 'string', default: '20' },
    year: { type: 'string', default: '2026' },
    'no-write': { type: 'boolean', default: false },
    /** PostgreSQL: measure a database loaded by an earlier run (kept with --keep), without loading again. */
    reuse: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const kind = args.db === 'pglite' ? 'pglite' : 'postgresql';
const BRANCHES = Number(args.branches ?? (kind === 'pglite' ? 2_000 : 20_000));
const ITER = Number(args.iterations);
const YEAR = Number(args.year);
const COMMITTEES = 20;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function generate(db0: Kysely<DB>, tenantId: string): Promise<{ rootId: string; committeeId: string; meetings: number; paths: { id: string; path: string }[] }> {
  return db0.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    const db = tx;
    const rootId = crypto.randomUUID();
    await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name) values (${rootId}, ${tenantId}, null, ${`/${rootId}/`}, 0, 'group_committee', '基准集团党委')`.execute(db);
    await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name, sort_order)
      select id, ${tenantId}::uuid, ${rootId}::uuid, ${`/${rootId}/`} || id || '/', 1, 'committee', '第' || g || '公司党委', g
      from (select gen_random_uuid() as id, g from generate_series(1, ${COMMITTEES}::int) g) s`.execute(db);
    await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name, sort_order)
      select s.id, ${tenantId}::uuid, c.id, c.path || s.id || '/', 2, 'branch', c.name || '第' || s.n || '党支部', s.n
      from (select id, path, name from org_units where tenant_id = ${tenantId} and depth = 1) c,
        lateral (select gen_random_uuid() as id, n from generate_series(1, ${Math.ceil(BRANCHES / COMMITTEES)}::int) n where c.id is not null) s`.execute(db);
    await sql`create temporary table bench_b on commit drop as
      select id, path, row_number() over (order by path) as k from org_units where tenant_id = ${tenantId} and kind = 'branch'`.execute(db);
    // One person per branch (the committee member and the host); meetings' attendees are not read by the view.
    await sql`alter table people disable trigger people_org_path`.execute(db);
    await sql`insert into people (id, tenant_id, org_unit_id, org_path, name, name_pinyin, name_initials, gender, party_status)
      select gen_random_uuid(), ${tenantId}::uuid, b.id, b.path, '党员' || b.k, 'dangyuan', 'dy', 'male', 'full' from bench_b b`.execute(db);
    await sql`alter table people enable trigger people_org_path`.execute(db);
    // Half the branches have a 支委会 (a 委员 position).
    await sql`insert into org_positions (id, tenant_id, unit_id, person_id, role, from_on)
      select gen_random_uuid(), ${tenantId}::uuid, b.id, p.id, 'member', date '2024-01-01' from bench_b b join people p on p.org_unit_id = b.id where b.k % 2 = 0`.execute(db);
    // Every tenth branch has two 党小组.
    await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name)
      select s.id, ${tenantId}::uuid, b.id, b.path || s.id || '/', 3, 'party_group', '第' || s.n || '党小组'
      from bench_b b, lateral (select gen_random_uuid() as id, n from generate_series(1, 2) n where b.id is not null) s where b.k % 10 = 0`.execute(db);
    const insertMeetings = async (unitSql: ReturnType<typeof sql>, kindName: string, periods: { period: string; held: string }[], skip: string) => {
      for (const p of periods) {
        await sql`insert into meetings (id, tenant_id, org_unit_id, kind, title, period, planned_start_at, planned_end_at, held_start_at, held_end_at, place, status, minutes_signed_at)
          select gen_random_uuid(), ${tenantId}::uuid, u.id, ${kindName}, ${`${p.period} ${kindName}`}, ${p.period},
            ${p.held}::timestamptz, ${p.held}::timestamptz + interval '90 minutes', ${p.held}::timestamptz, ${p.held}::timestamptz + interval '90 minutes', '会议室', 'held', ${p.held}::timestamptz + interval '1 day'
          from (${unitSql}) u where not (${sql.raw(skip)})`.execute(db);
      }
    };
    // The marks the view reads (migration 0039) are rebuilt once after the bulk load instead of per inserted row.
    await sql`alter table meetings disable trigger meetings_marks`.execute(db);
    const months = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);
    const branches = sql`select id, k from bench_b`;
    await insertMeetings(branches, 'theme_day', months.map((m) => ({ period: m, held: `${m}-15T06:30:00Z` })), `u.k % 17 = ${3}`);
    await insertMeetings(sql`select id, k from bench_b where k % 2 = 0`, 'committee', months.map((m) => ({ period: m, held: `${m}-06T06:30:00Z` })), 'u.k % 23 = 4');
    await insertMeetings(sql`select g.id, b.k from org_units g join bench_b b on b.id = g.parent_id where g.kind = 'party_group'`, 'group', months.map((m) => ({ period: m, held: `${m}-10T06:30:00Z` })), 'false');
    for (const q of [1, 2, 3, 4]) {
      const last = q * 3;
      await insertMeetings(branches, 'branch_assembly', [{ period: `${YEAR}-Q${q}`, held: `${YEAR}-${String(last).padStart(2, '0')}-18T06:30:00Z` }], `u.k % 13 = ${q}`);
      await insertMeetings(branches, 'lecture', [{ period: `${YEAR}-Q${q}`, held: `${YEAR}-${String(last - 1).padStart(2, '0')}-20T06:30:00Z` }], `u.k % 11 = ${q}`);
    }
    await insertMeetings(branches, 'life_meeting', [{ period: String(YEAR), held: `${YEAR}-12-12T06:30:00Z` }], 'u.k % 9 = 0');
    await sql`alter table meetings enable trigger meetings_marks`.execute(db);
    await sql`select zg_meeting_marks_rebuild()`.execute(db);
    const n = Number((await sql<{ n: string }>`select count(*) as n from meetings where tenant_id = ${tenantId}`.execute(db)).rows[0]?.n ?? 0);
    const committeeId = (await sql<{ id: string }>`select id from org_units where tenant_id = ${tenantId} and depth = 1 order by path limit 1`.execute(db)).rows[0]!.id;
    const paths = (await sql<{ id: string; path: string }>`select id, path from org_units where id in (${rootId}, ${committeeId})`.execute(db)).rows;
    return { rootId, committeeId, meetings: n, paths };
  });
}

async function main(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const bench = args.reuse ? await reuseDatabase(args.reuse) : await openBenchDatabase(kind, { seed: false });
  const db = bench.database.db;
  try {
    const t = args.reuse ? await existingTenant(db) : await createTenant(db, { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: 'bench', sourceIp: '127.0.0.1', platform: true }, {
      code: 'bench', name: '基准企业', admin: { username: 'benchadmin', displayName: '基准', password: 'Zg-bench-Pass-7!' },
    });
    const g = args.reuse ? await existing(db, t.tenantId) : await generate(db, t.tenantId);
    if (!args.reuse) {
      await sql`analyze`.execute(db);
      if (kind === 'postgresql') await sql`vacuum (analyze) meetings, meeting_marks`.execute(db);
    }
    if (args.keep && bench.pgDatabaseName) process.stdout.write(`keeping ${bench.pgDatabaseName} (--reuse=${bench.pgDatabaseName})\n`);
    const load = ms(t0) / 1000;
    const pathOf = (id: string) => g.paths.find((r) => r.id === id)!.path;
    const actor = (unitId: string): Actor => ({
      userId: t.adminUserId, tenantId: t.tenantId, tenantKind: 'enterprise', username: 'bench', displayName: '基准', sourceIp: '127.0.0.1',
      grants: [{ role: 'organization_member', orgUnitId: unitId, path: pathOf(unitId) }],
    });
    const now = new Date(`${YEAR}-11-25T04:00:00Z`);
    const cases: [string, Actor, string][] = [
      [`whole tenant, year ${YEAR}`, actor(g.rootId), String(YEAR)],
      [`whole tenant, ${YEAR}-Q3`, actor(g.rootId), `${YEAR}-Q3`],
      [`whole tenant, ${YEAR}-09`, actor(g.rootId), `${YEAR}-09`],
      [`one company 党委 (${BRANCHES / COMMITTEES} branches), year`, actor(g.committeeId), String(YEAR)],
    ];
    const rows: string[] = [];
    let lights = '';
    for (const [label, a, period] of cases) {
      const samples: number[] = [];
      for (let i = 0; i < ITER + 2; i++) {
        const s = process.hrtime.bigint();
        const r = await compliance(db, a, { period, page: 1, pageSize: 20 }, now);
        if (i >= 2) samples.push(ms(s));
        if (i === 0 && !lights) lights = JSON.stringify(r.summary.lights);
      }
      const st = summarize(samples);
      rows.push(`| ${label} | ${st.p50.toFixed(0)} | ${st.p90.toFixed(0)} | ${st.max.toFixed(0)} |`);
      process.stdout.write(`${label}: p50 ${st.p50.toFixed(0)} ms, p90 ${st.p90.toFixed(0)} ms, max ${st.max.toFixed(0)} ms\n`);
    }
    const report = [
      `# Compliance view at scale — ${kind}`, '',
      `${new Date().toISOString().slice(0, 10)}, ${bench.serverVersion}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}), Node ${process.version}; load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (other work on the machine).`,
      `${BRANCHES} branches in ${COMMITTEES} company 党委, ${g.meetings} held meetings in ${YEAR}; loaded in ${load.toFixed(0)} s. ${ITER} measured calls per row after 2 warm-up calls; "now" is ${now.toISOString()}.`,
      `Branch lights of the year view: ${lights}.`, '',
      '| call (compliance service, under row-level security) | p50 ms | p90 ms | max ms |', '| --- | ---: | ---: | ---: |', ...rows, '',
    ].join('\n');
    process.stdout.write(`\n${report}\n`);
    if (!args['no-write']) {
      const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${new Date().toISOString().slice(0, 10)}-compliance-${kind}.md`), report);
    }
  } finally {
    if (args.keep || args.reuse) await bench.database.close();
    else await bench.close();
  }
}

async function reuseDatabase(name: string) {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  const v = (await sql<{ v: string }>`select version() as v`.execute(database.db)).rows[0]?.v ?? '';
  return { kind, database, serverVersion: `PostgreSQL ${/^PostgreSQL ([\d.]+)/.exec(v)?.[1] ?? v}`, pgDatabaseName: name, close: () => database.close() };
}

const asOwner = <T>(db: Kysely<DB>, fn: (tx: Kysely<DB>) => Promise<T>) => db.transaction().execute(async (tx) => {
  await sql`set local role none`.execute(tx);
  return fn(tx);
});

async function existingTenant(db: Kysely<DB>) {
  return asOwner(db, async (tx) => {
    const t = (await sql<{ id: string }>`select id from tenants where code = 'bench'`.execute(tx)).rows[0]!;
    const u = (await sql<{ id: string }>`select id from users where tenant_id = ${t.id} limit 1`.execute(tx)).rows[0]!;
    return { tenantId: t.id, adminUserId: u.id };
  });
}

async function existing(db: Kysely<DB>, tenantId: string) {
  return asOwner(db, async (tx) => {
    const rootId = (await sql<{ id: string }>`select id from org_units where tenant_id = ${tenantId} and depth = 0`.execute(tx)).rows[0]!.id;
    const committeeId = (await sql<{ id: string }>`select id from org_units where tenant_id = ${tenantId} and depth = 1 order by path limit 1`.execute(tx)).rows[0]!.id;
    const meetings = Number((await sql<{ n: string }>`select count(*) as n from meetings where tenant_id = ${tenantId}`.execute(tx)).rows[0]?.n ?? 0);
    const paths = (await sql<{ id: string; path: string }>`select id, path from org_units where id in (${rootId}, ${committeeId})`.execute(tx)).rows;
    return { rootId, committeeId, meetings, paths };
  });
}

await main();
