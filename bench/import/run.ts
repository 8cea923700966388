// Benchmark: import of a 100,000-row people spreadsheet with 1% bad rows, end to end (upload over HTTP → job done),
// on the real app with the demo enterprise, as the demo 组织委员 `zuzhi`. Target (issue 3): under 60 s on PostgreSQL.
//
//   npx tsx bench/import/run.ts                      # PostgreSQL and PGlite, 100,000 rows
//   npx tsx bench/import/run.ts --db=postgresql --rows=20000 --no-write
//
// BENCH_DATABASE_URL: admin URL of the PostgreSQL server (default postgres://postgres:postgres@127.0.0.1:5432/postgres).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openBenchDatabase, signIn, startApp } from '../lib/setup.js';
import { idCheckDigit } from '../../server/src/platform/identity/id-number.js';
import { writeWorkbook } from '../../server/src/platform/office/xlsx.js';
import { PEOPLE_COLUMNS } from '../../server/src/modules/imports/people-columns.js';
import type { DatabaseKind } from '../../server/src/platform/db/database.js';

const args = new Map(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const ROWS = Number(args.get('rows') ?? 100_000);
const DBS: DatabaseKind[] = args.get('db') === 'pglite' ? ['pglite'] : args.get('db') === 'postgresql' ? ['postgresql'] : ['postgresql', 'pglite'];
const WRITE = !args.has('no-write');
const here = path.dirname(fileURLToPath(import.meta.url));

/** A distinct valid ID number per row: birth dates over 40 years, the sequence number spreads the rest. */
function idNumber(i: number): { id: string; birth: string; male: boolean } {
  const d = new Date(Date.UTC(1962, 0, 1) + (i % 14_600) * 86_400_000);
  const birth = d.toISOString().slice(0, 10);
  const seq = Math.floor(i / 14_600) * 2 + (i % 2);
  const first17 = `110105${birth.replace(/-/g, '')}${String(seq + 100).padStart(3, '0')}`;
  return { id: first17 + idCheckDigit(first17), birth, male: seq % 2 === 1 };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';

async function buildFile(units: string[]): Promise<{ file: Buffer; bad: number }> {
  let bad = 0;
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const { id, birth, male } = idNumber(i);
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / 20) % GIVEN.length]! + GIVEN[Math.floor(i / 400) % GIVEN.length]!;
    const member = i % 3 !== 0;
    const row: Record<string, string> = {
      姓名: name, 性别: male ? '男' : '女', 民族: i % 17 === 0 ? '回族' : '汉族', 身份证号: id, 出生日期: birth, 手机号: `138${String(i).padStart(8, '0')}`,
      学历: ['大学本科', '大专', '硕士研究生', '高中'][i % 4]!, 职务: '职员', 工号: `B${i}`, 所在组织: units[i % units.length]!,
      政治面貌: member ? '正式党员' : '群众', 入党日期: member ? '2012-07-01' : '', 转正日期: member ? '2013-07-01' : '',
    };
    // 1% bad rows, spread over the file, of several kinds.
    if (i % 100 === 50) {
      bad++;
      const kind = (i / 100) % 4;
      if (kind < 1) row['身份证号'] = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
      else if (kind < 2) row['转正日期'] = member ? '2012-09-01' : '2013-07-01';
      else if (kind < 3) row['所在组织'] = '不存在的支部';
      else row['学历'] = '小学';
    }
    return row;
  });
  const file = await writeWorkbook([{ name: '人员信息', columns: PEOPLE_COLUMNS.map((c) => ({ header: c.header, key: c.header, text: !!c.text })), rows }]);
  return { file, bad };
}

interface Result { db: string; serverVersion: string; rows: number; bad: number; fileMb: number; uploadMs: number; totalMs: number; readMs: number | null; job: Record<string, unknown>; healthP99: number | null }

async function runOne(kind: DatabaseKind, fileFor: (units: string[]) => Promise<{ file: Buffer; bad: number }>): Promise<Result> {
  const bench = await openBenchDatabase(kind);
  const { app, baseUrl } = await startApp(bench.database);
  try {
    const s = await signIn(baseUrl, 'zuzhi', 'organization_member');
    const view = (await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: s.cookie } })).json()) as { csrfToken: string };
    // Branches of the demo by full path name (what a register would write).
    const units = await bench.database.db.transaction().execute(async (tx) => {
      await sql`set local role none`.execute(tx);
      const { rows } = await sql<{ full: string }>`
        with recursive t as (select id, name::text as full from org_units where parent_id is null and tenant_id = ${s.tenantId}
          union all select u.id, t.full || '/' || u.name from org_units u join t on u.parent_id = t.id where u.dissolved_at is null)
        select t.full from t join org_units u on u.id = t.id where u.kind = 'branch' order by t.full`.execute(tx);
      return rows.map((r) => r.full);
    });
    const { file, bad } = await fileFor(units);
    // A trivial database route sampled during the import: do other requests still get through?
    const health: number[] = [];
    let polling = true;
    const sampler = (async () => {
      while (polling) {
        const t0 = performance.now();
        await fetch(`${baseUrl}/api/imports?pageSize=1`, { headers: { cookie: s.cookie } });
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/imports/people?fileName=bench.xlsx`, {
      method: 'POST', body: file, headers: { cookie: s.cookie, 'x-csrf-token': view.csrfToken, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    const uploadMs = performance.now() - t0;
    if (!res.ok) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    let job: Record<string, unknown> = {};
    let readMs: number | null = null;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      job = (await (await fetch(`${baseUrl}/api/imports/${id}`, { headers: { cookie: s.cookie } })).json()) as Record<string, unknown>;
      if (readMs === null && Number(job.total) > 0) readMs = performance.now() - t0;
      if (job.status === 'done' || job.status === 'failed') break;
    }
    const totalMs = performance.now() - t0;
    // --show-report: the first report lines, to check that the bad rows are the planted ones.
    if (args.has('show-report')) console.log(JSON.stringify((await (await fetch(`${baseUrl}/api/imports/${id}/rows?pageSize=20`, { headers: { cookie: s.cookie } })).json()), null, 1).slice(0, 4000));
    polling = false;
    await sampler;
    health.sort((a, b) => a - b);
    return {
      db: kind, serverVersion: bench.serverVersion, rows: ROWS, bad, fileMb: file.length / 1048576, uploadMs, totalMs, readMs, job,
      healthP99: health.length ? health[Math.min(health.length - 1, Math.floor(health.length * 0.99))]! : null,
    };
  } finally {
    await app.close();
    await bench.close();
  }
}

const fmt = (ms: number | null) => (ms === null ? '–' : (ms / 1000).toFixed(1));
const results: Result[] = [];
for (const kind of DBS) {
  console.log(`[import] ${kind}: ${ROWS} rows…`);
  const r = await runOne(kind, buildFile);
  console.log(`[import] ${kind}: ${fmt(r.totalMs)} s`, r.job);
  results.push(r);
}

const cpu = os.cpus();
const lines = [
  `### Import of ${ROWS.toLocaleString('en')} rows (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Machine: ${cpu[0]?.model.trim() ?? '?'}, ${cpu.length} cores, Node ${process.version}. Command: \`${['npx tsx bench/import/run.ts', ...process.argv.slice(2)].join(' ')}\`.`,
  '',
  '| Database | Rows | Bad rows | File MB | Upload s | Parsed by s | Upload → done s | Inserted | Failed | Job status | `GET /api/imports` p99 ms during import | Target < 60 s |',
  '| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | ---: | :--- |',
  ...results.map((r) => `| ${r.serverVersion} | ${r.rows.toLocaleString('en')} | ${r.bad} | ${r.fileMb.toFixed(1)} | ${fmt(r.uploadMs)} | ${fmt(r.readMs)} | **${fmt(r.totalMs)}** | ${String(r.job.inserted)} | ${String(r.job.failed)} | ${String(r.job.status)} | ${r.healthP99 === null ? '–' : r.healthP99.toFixed(0)} | ${r.db === 'postgresql' ? (r.totalMs < 60_000 && r.job.status === 'done' ? '✅' : '❌') : 'n/a (note)'} |`),
  '',
];
console.log(lines.join('\n'));
if (WRITE) {
  const out = path.join(here, 'RESULTS.md');
  const prev = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Import benchmark results\n\nNewest first. How to run and read: [../README.md](../README.md) (section “Excel import”).\n\n';
  const [head, ...rest] = prev.split(/\n(?=### )/);
  fs.writeFileSync(out, [head!.trimEnd() + '\n', lines.join('\n'), ...rest].join('\n'));
  console.log(`wrote ${out}`);
}
process.exit(0);
