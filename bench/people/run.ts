/**
 * People at scale (issue 3): 1,000,000 people in 20,000 org units in one tenant on PostgreSQL (a smaller set on
 * PGlite), then p50/p95 of the people service's search and list calls and of the 党内统计 report, called the way
 * the routes call them (service function, tenant transaction with row-level security, scope checks).
 *
 *   npx tsx bench/people/run.ts --db=postgresql                  # 1M people, 20k units
 *   npx tsx bench/people/run.ts --db=pglite                      # 100k people, 2k units
 *   npx tsx bench/people/run.ts --db=postgresql --people=200000 --units=4000 --iterations=50 --no-write
 *   npx tsx bench/people/run.ts --db=postgresql --keep                    # keep the loaded database (prints its name)
 *   npx tsx bench/people/run.ts --db=postgresql --reuse=zg_bench_… --only=statistics   # measure again, no reload
 *
 * Data is generated in the database (generate_series), not through the API: a name pool with pinyin made in
 * JavaScript, everything else derived from the row number. Writes bench/results/<date>-people-<db>.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '../../server/src/platform/db/schema.js';
import type { Actor } from '../../server/src/platform/access/actor.js';
import { FieldCipher } from '../../server/src/platform/crypto/fields.js';
import { PLATFORM_TENANT_ID } from '../../server/src/platform/db/tenancy.js';
import { createTenant } from '../../server/src/modules/tenants/service.js';
import { listPeople, todayInChina } from '../../server/src/modules/members/people-service.js';
import { listOrder, peopleQuery, type PeopleFilter } from '../../server/src/modules/members/people-search.js';

/** The ORDER BY of listPeople for each list order, for --explain. */
const ORDER_SQL = { initials: 'people.name_initials, people.name_pinyin', search: "people.name_pinyin || ''", unit: 'people.org_path, people.name_pinyin', name: 'people.name_pinyin' } as const;
import { withTenant } from '../../server/src/platform/db/tenancy.js';
import { txContext } from '../../server/src/platform/http/app.js';
import { DEFAULT_ADMIN_URL, openBenchDatabase, type BenchDatabase } from '../lib/setup.js';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { summarize } from '../lib/stats.js';
import { makeNamePool, type PoolName } from './names.js';
import { scanStatistics } from './scan-statistics.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgresql' },
    people: { type: 'string' },
    units: { type: 'string' },
    iterations: { type: 'string', default: '100' },
    'no-write': { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    /** PostgreSQL: keep the database at the end (a 1M load takes minutes), to measure it again with --reuse. */
    keep: { type: 'boolean', default: false },
    /** PostgreSQL: measure a database kept by --keep (pending migrations are applied first), without loading. */
    reuse: { type: 'string' },
    /** 'statistics': only the 党内统计 rows. */
    only: { type: 'string' },
  },
});
const kind = args.db === 'pglite' ? 'pglite' : 'postgresql';
const PEOPLE = Number(args.people ?? (kind === 'pglite' ? 100_000 : 1_000_000));
const UNITS = Number(args.units ?? (kind === 'pglite' ? 2_000 : 20_000));
const ITER = Number(args.iterations);

/** Units: 1 group committee → 20 company 党委 → 20 党总支 each → branches under them, to make UNITS in all. */
const COMMITTEES = 20;
const GENERAL_PER_COMMITTEE = 20;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** As the owner (row-level security does not apply, as for migrations), in one transaction: temp tables live in it. */
async function generate(db0: Kysely<DB>, tenantId: string, cipher: FieldCipher, pool: PoolName[]) {
  return db0.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    return generateAsOwner(tx, tenantId, cipher, pool);
  });
}

async function generateAsOwner(db: Kysely<DB>, tenantId: string, cipher: FieldCipher, pool: PoolName[]): Promise<{ rootId: string; committeeId: string; branchId: string; sampleIds: string[] }> {
  const rootId = crypto.randomUUID();
  const generals = COMMITTEES * GENERAL_PER_COMMITTEE;
  const branches = Math.max(UNITS - 1 - COMMITTEES - generals, generals);
  await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name, sort_order)
    values (${rootId}, ${tenantId}, null, ${`/${rootId}/`}, 0, 'group_committee', '基准集团党委', 1)`.execute(db);
  await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name, sort_order)
    select id, ${tenantId}::uuid, ${rootId}::uuid, ${`/${rootId}/`} || id || '/', 1, 'committee', '第' || g || '公司党委', g
    from (select gen_random_uuid() as id, g from generate_series(1, ${COMMITTEES}::int) g) s`.execute(db);
  await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name, sort_order)
    select s.id, ${tenantId}::uuid, c.id, c.path || s.id || '/', 2, 'general_branch', c.name || '第' || s.g || '党总支', s.g
    from org_units c, lateral (select gen_random_uuid() as id, g from generate_series(1, ${GENERAL_PER_COMMITTEE}::int) g) s
    where c.tenant_id = ${tenantId} and c.depth = 1`.execute(db);
  await sql`insert into org_units (id, tenant_id, parent_id, path, depth, kind, name, sort_order)
    select s.id, ${tenantId}::uuid, gb.id, gb.path || s.id || '/', 3, 'branch', gb.name || '第' || s.n || '党支部', s.n
    from (select id, path, name, row_number() over (order by path) - 1 as k from org_units where tenant_id = ${tenantId} and depth = 2) gb,
      lateral (select gen_random_uuid() as id, n from generate_series(1, ${Math.ceil(branches / generals)}::int) n) s
    where gb.k * ${Math.ceil(branches / generals)} + s.n <= ${branches}`.execute(db);

  // Name pool: a small table joined by row number modulo its size.
  await sql`create temporary table bench_names (k int primary key, name text, pinyin text, initials text, gender text) on commit drop`.execute(db);
  for (let i = 0; i < pool.length; i += 1000) {
    const chunk = pool.slice(i, i + 1000);
    await sql`insert into bench_names values ${sql.join(chunk.map((p, j) => sql`(${i + j}, ${p.name}, ${p.pinyin}, ${p.initials}, ${p.gender})`))}`.execute(db);
  }
  await sql`create temporary table bench_branches on commit drop as select id, path, row_number() over (order by path) - 1 as k from org_units where tenant_id = ${tenantId} and kind = 'branch'`.execute(db);
  await sql`create index on bench_branches (k)`.execute(db);
  const nBranches = Number((await sql<{ n: string }>`select count(*) as n from bench_branches`.execute(db)).rows[0]?.n ?? 0);

  // org_path is the trigger's job in the application; here it is written directly (the trigger would look the unit
  // up once per row), so the trigger is switched off for the load only.
  await sql`alter table people disable trigger people_org_path`.execute(db);
  const BATCH = 100_000;
  for (let from = 0; from < PEOPLE; from += BATCH) {
    const to = Math.min(PEOPLE, from + BATCH) - 1;
    await sql`insert into people (id, tenant_id, org_unit_id, org_path, name, name_pinyin, name_initials, gender, ethnicity, birth_date, education,
        job_title, party_status, party_joined_on, full_on, id_number_hash, membership)
      select gen_random_uuid(), ${tenantId}::uuid, b.id, b.path, n.name, n.pinyin, n.initials, n.gender,
        case when g % 20 = 0 then '回族' when g % 33 = 0 then '壮族' else '汉族' end,
        date '1962-01-01' + ((g * 7919) % 15000)::int,
        (array['高中','中专','大专','大学本科','大学本科','硕士研究生','博士研究生','初中及以下'])[1 + (g % 8)::int],
        '职员',
        (array['none','none','none','none','applicant','activist','candidate','probationary','full','full','full','full'])[1 + (g % 12)::int],
        case when g % 12 in (7, 8, 9, 10, 11) then date '1985-07-01' + ((g * 31) % 13000)::int end,
        case when g % 12 in (8, 9, 10, 11) then date '1986-07-01' + ((g * 31) % 13000)::int end,
        md5('bench-id-' || g),
        case when g % 12 >= 7 and g % 97 = 0 then 'mobile' when g % 12 >= 7 and g % 211 = 0 then 'retained' else 'normal' end
      from generate_series(${from}::bigint, ${to}::bigint) g
      join bench_branches b on b.k = (g % ${nBranches})
      join bench_names n on n.k = ((g * 104729) % ${pool.length})`.execute(db);
  }
  await sql`alter table people enable trigger people_org_path`.execute(db);
  // Real keyed hashes for a sample, so the exact ID search finds someone the way the app would.
  const sample = await sql<{ id: string }>`select id from people where tenant_id = ${tenantId} order by id limit 200`.execute(db);
  const sampleIds: string[] = [];
  for (const [i, r] of sample.rows.entries()) {
    const idNumber = `11010519800101${String(100 + i).padStart(3, '0')}`;
    const full = idNumber + checkChar(idNumber);
    await sql`update people set id_number_hash = ${cipher.lookupHash(full)} where id = ${r.id}`.execute(db);
    sampleIds.push(full);
  }
  // The company 党委 with the most people (with few units, the last ones may have no branches).
  const committee = (await sql<{ id: string }>`select c.id from org_units c where c.tenant_id = ${tenantId} and c.depth = 1
    order by (select count(*) from people p where p.org_path >= c.path and p.org_path < c.path || '~') desc limit 1`.execute(db)).rows[0]!.id;
  const branch = (await sql<{ id: string }>`select id from bench_branches where k = 7`.execute(db)).rows[0]!.id;
  return { rootId, committeeId: committee, branchId: branch, sampleIds };
}

function checkChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]!;
  return '10X98765432'[s % 11]!;
}

interface Row { op: string; n: number; p50: number; p95: number; max: number; note: string; load: number }

async function measure(op: string, note: string, fn: (i: number) => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < Math.min(10, ITER); i++) await fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(ms(t0));
  }
  const s = summarize(samples);
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
  // The 1-minute load average of the machine as the row ends: other processes' work shows in p95 and max.
  const row = { op, n: s.n, p50: s.p50, p95, max: s.max, note, load: os.loadavg()[0] ?? 0 };
  console.log(`${op.padEnd(46)} p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  max ${s.max.toFixed(1).padStart(7)} ms  ${note}`);
  return row;
}

/** A database loaded by an earlier run with --keep: pending migrations applied, nothing dropped at the end. */
async function reuseDatabase(name: string): Promise<BenchDatabase> {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  const { rows } = await sql<{ v: string }>`select version() as v`.execute(database.db);
  return { kind: 'postgresql', database, serverVersion: /^PostgreSQL [\d.]+/.exec(rows[0]?.v ?? '')?.[0] ?? '', pgDatabaseName: name, close: () => database.close() };
}

/** What generate() made, found again in a reused database (same queries, same order). */
async function findLoaded(db: Kysely<DB>): Promise<{ t: { tenantId: string; adminUserId: string }; g: Awaited<ReturnType<typeof generateAsOwner>> }> {
  return db.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    const t = (await sql<{ tenantId: string; adminUserId: string }>`select t.id as "tenantId", u.id as "adminUserId" from tenants t join users u on u.tenant_id = t.id
      where t.code = 'benchpeople' and u.username = 'benchadmin'`.execute(tx)).rows[0]!;
    const rootId = (await sql<{ id: string }>`select id from org_units where tenant_id = ${t.tenantId} and depth = 0`.execute(tx)).rows[0]!.id;
    const committeeId = (await sql<{ id: string }>`select c.id from org_units c where c.tenant_id = ${t.tenantId} and c.depth = 1
      order by (select count(*) from people p where p.org_path >= c.path and p.org_path < c.path || '~') desc limit 1`.execute(tx)).rows[0]!.id;
    const branchId = (await sql<{ id: string }>`select id from org_units where tenant_id = ${t.tenantId} and kind = 'branch' order by path offset 7 limit 1`.execute(tx)).rows[0]!.id;
    const sampleIds = Array.from({ length: 200 }, (_, i) => { const n = `11010519800101${String(100 + i).padStart(3, '0')}`; return n + checkChar(n); });
    return { t, g: { rootId, committeeId, branchId, sampleIds } };
  });
}

async function main(): Promise<void> {
  if (args.reuse && kind !== 'postgresql') throw new Error('--reuse is for --db=postgresql');
  const bench = args.reuse ? await reuseDatabase(args.reuse) : await openBenchDatabase(kind, { seed: false });
  const db = bench.database.db;
  // A fixed key: the sample's keyed ID hashes stay valid in a database reused by a later run.
  const cipher = new FieldCipher(crypto.createHash('sha256').update('bench-people').digest());
  const rows: Row[] = [];
  let keep = false;
  try {
    const pool = makeNamePool(20_000);
    const t0 = process.hrtime.bigint();
    let t: { tenantId: string; adminUserId: string };
    let g: Awaited<ReturnType<typeof generateAsOwner>>;
    if (args.reuse) {
      ({ t, g } = await findLoaded(db));
    } else {
      t = await createTenant(db, { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: 'bench', sourceIp: '127.0.0.1', platform: true }, {
        code: 'benchpeople', name: '基准测试企业', admin: { username: 'benchadmin', displayName: '基准', password: 'Bench-people-2026!' },
      });
      g = await generate(db, t.tenantId, cipher, pool);
    }
    const loadSeconds = ms(t0) / 1000;
    const owner = <T>(fn: (tx: Kysely<DB>) => Promise<T>) => db.transaction().execute(async (tx) => { await sql`set local role none`.execute(tx); return fn(tx); });
    // VACUUM as autovacuum would have by then: the visibility map lets counts use index-only scans.
    await db.connection().execute(async (c) => {
      await sql`set role none`.execute(c);
      await sql`vacuum analyze people`.execute(c);
      await sql`vacuum analyze org_units`.execute(c);
      await sql`set role zg_app`.execute(c);
    });
    keep = args.keep && kind === 'postgresql';
    if (keep) console.log(`--keep: database ${bench.pgDatabaseName} stays; measure it again with --reuse=${bench.pgDatabaseName}`);
    const counts = (await owner((tx) => sql<{ p: string; u: string }>`select (select count(*) from people) as p, (select count(*) from org_units) as u`.execute(tx))).rows[0]!;
    console.log(`${kind}: ${counts.p} people in ${counts.u} units, ${args.reuse ? `reused ${args.reuse}` : `generated in ${loadSeconds.toFixed(1)} s`}`);

    const paths = Object.fromEntries((await owner((tx) => sql<{ id: string; path: string }>`select id, path from org_units where id in (${g.rootId}, ${g.committeeId}, ${g.branchId})`.execute(tx))).rows.map((r) => [r.id, r.path]));
    const actorAt = (unitId: string | null, role: string): Actor => ({
      userId: t.adminUserId, tenantId: t.tenantId, tenantKind: 'enterprise', username: 'bench', displayName: '基准', sourceIp: '127.0.0.1',
      grants: [{ role, orgUnitId: unitId, path: unitId === null ? '' : paths[unitId]! }],
    });
    const whole = actorAt(null, 'organization_member');
    const d = { db, cipher };
    const page = { page: 1, pageSize: 20 };
    const names = pool.filter((_, i) => i % 97 === 0);
    const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;

    if (args.explain) {
      const samples: [string, Actor, PeopleFilter][] = [
        ['name prefix', whole, { q: [...pool[0]!.name].slice(0, 2).join('') }], ['pinyin prefix', whole, { q: pool[0]!.pinyin.slice(0, 8) }],
        ['initials', whole, { q: pool[0]!.initials }], ['initials (2 letters)', whole, { q: 'wj' }], ['committee subtree', whole, { unitId: g.committeeId }], ['whole tenant', whole, {}],
        ['branch scope pinyin', actorAt(g.branchId, 'branch_secretary'), { q: pool[0]!.pinyin.slice(0, 2) }],
        ['status + age band', whole, { status: ['full'], ageBand: '31to35' }],
      ];
      for (const [label, actor, f] of samples) {
        await withTenant(db, txContext(actor), async (tx) => {
          const q = await peopleQuery(tx, actor, cipher, f, todayInChina());
          const page = q.innerJoin('org_units as o', 'o.id', 'people.org_unit_id').selectAll('people').select('o.name as org_unit_name').orderBy(sql.raw(ORDER_SQL[listOrder(actor, f)])).orderBy('people.id').limit(20).compile();
          const count = tx.selectFrom(q.select(sql<number>`1`.as('one')).limit(10_001).as('m')).select((eb) => eb.fn.countAll().as('n')).compile();
          for (const [what, c] of [['page', page], ['count', count]] as const) {
            const r = await tx.executeQuery(CompiledQuery.raw(`explain (analyze, buffers) ${c.sql}`, [...c.parameters]));
            console.log(`--- ${label}: ${what}\n${(r.rows as Record<string, string>[]).map((x) => Object.values(x)[0]).join('\n')}`);
          }
        });
      }
    }
    if (args.only !== 'statistics') {
    rows.push(await measure('search: name prefix (2 chars), whole tenant', '张慧 / 王建 …', (i) => listPeople(d, whole, { q: [...pick(names, i).name].slice(0, 2).join('') }, page)));
    rows.push(await measure('search: full pinyin prefix, whole tenant', 'zhanghui …', (i) => listPeople(d, whole, { q: pick(names, i).pinyin.slice(0, 8) }, page)));
    rows.push(await measure('search: initials, whole tenant', 'zhj …', (i) => listPeople(d, whole, { q: pick(names, i).initials }, page)));
    rows.push(await measure('search: exact 身份证号, whole tenant', 'keyed hash', (i) => listPeople(d, whole, { q: pick(g.sampleIds, i) }, page)));
    const branchActor = actorAt(g.branchId, 'branch_secretary');
    rows.push(await measure('search: pinyin prefix, branch secretary scope', 'one branch', (i) => listPeople(d, branchActor, { q: pick(names, i).pinyin.slice(0, 2) }, page)));
    rows.push(await measure('list + count: one branch', `~${Math.round(PEOPLE / (UNITS - 421))} people`, () => listPeople(d, whole, { unitId: g.branchId }, page)));
    rows.push(await measure('list + count: a company 党委', `~${Math.round(PEOPLE / COMMITTEES)} people`, () => listPeople(d, whole, { unitId: g.committeeId }, page)));
    rows.push(await measure('list + count: whole tenant', `${PEOPLE} people (count capped)`, () => listPeople(d, whole, {}, page)));
    rows.push(await measure('list: whole tenant, 正式党员 aged 31–35', 'status + age band', () => listPeople(d, whole, { status: ['full'], ageBand: '31to35' }, page)));
    rows.push(await measure('list: company 党委, page 50', 'deep page', () => listPeople(d, whole, { unitId: g.committeeId }, { page: 50, pageSize: 20 })));
    }

    // 党内统计: read from the kept per-unit cells (migration 0050). The current year is as of today, which also counts
    // the people on the age bands' edges from \`people\`; last year is as of 31 December (cells only).
    const { buildStatistics } = await import('../../server/src/modules/stats/service.js');
    const statsActor = actorAt(null, 'committee_secretary');
    const year = new Date().getUTCFullYear();
    rows.push(await measure('党内统计: whole tenant', `buildStatistics, ${year} (as of today)`, () => buildStatistics(db, statsActor, { unitId: g.rootId, year })));
    rows.push(await measure('党内统计: whole tenant, last year', `as of ${year - 1}-12-31`, () => buildStatistics(db, statsActor, { unitId: g.rootId, year: year - 1 })));
    rows.push(await measure('党内统计: a company 党委', `~${Math.round(PEOPLE / COMMITTEES)} people`, () => buildStatistics(db, statsActor, { unitId: g.committeeId, year })));
    rows.push(await measure('党内统计: one branch', 'one branch', () => buildStatistics(db, statsActor, { unitId: g.branchId, year })));
    // The previous way, side by side: one GROUP BY pass over the tenant's people (scan-statistics.ts).
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    rows.push(await measure('党内统计 by scanning people (before 0050): whole tenant', 'one GROUP BY pass', () => scanStatistics(db, statsActor, paths[g.rootId] ?? '', today)));

    const md = report(bench.serverVersion, Number(counts.p), Number(counts.u), loadSeconds, rows);
    console.log(`\n${md}`);
    if (!args['no-write']) {
      const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results', `${new Date().toISOString().slice(0, 10)}-people-${kind}.md`);
      fs.writeFileSync(file, md);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    if (keep || args.reuse) await bench.database.close();
    else await bench.close();
  }
}

function report(version: string, people: number, units: number, loadSeconds: number, rows: Row[]): string {
  const cpu = os.cpus();
  return [
    `# People at scale — ${kind} (${new Date().toISOString().slice(0, 10)})`,
    '',
    `${version}; ${people.toLocaleString('en')} people in ${units.toLocaleString('en')} org units in one tenant (${args.reuse ? 'loaded by an earlier run' : `generated in ${loadSeconds.toFixed(0)} s`}); `
      + `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, Node ${process.version}. ${ITER} calls per row after 10 warm-up calls, one at a time, `
      + 'through the service functions the routes call (tenant transaction with row-level security, scope check, masked ID decryption).',
    '',
    '| operation | p50 ms | p95 ms | max ms | note | load (1 min) |',
    '| --- | ---: | ---: | ---: | --- | ---: |',
    ...rows.map((r) => `| ${r.op} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.note} | ${r.load.toFixed(1)}${r.load >= os.cpus().length ? ' ⚠' : ''} |`),
    '',
  ].join('\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
