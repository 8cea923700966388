/**
 * 5,000 exam submissions within 60 s, 0 lost, 0 graded twice (issue 6), through the real application over HTTP:
 * every request passes session resolution, the permission check, schema validation and the tenant transaction of
 * `submitAttempt` (row lock, grading, points, audit record) exactly as in production.
 *
 * Set-up (not timed): one enterprise, 5,000 party members in 25 branches, each with an account and a signed-in session
 * (minted in the database: 5,000 password hashes would take minutes and are not what is measured), a bank of 40
 * questions and a published random exam of 10 drawn per taker; every taker starts an attempt over HTTP.
 * Measured: all 5,000 hand their sheets in over `--concurrency` keep-alive connections; 10 % of them double-tap (the
 * same submission twice at once, same token) and 5 % retry from a second device afterwards (a new token). Then the
 * database is checked: every attempt closed once, exactly one grading and one `exam.submit` audit record per attempt,
 * points at most once per person.
 *
 *   BENCH_DATABASE_URL=postgres://zg_test:zg_test@127.0.0.1:5432/postgres npx tsx bench/exams/run.ts --db=postgresql
 *   npx tsx bench/exams/run.ts --db=pglite
 *
 * Writes bench/results/<date>-exams-<db>.md.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Actor } from '../../server/src/platform/access/actor.js';
import { PLATFORM_TENANT_ID, withTenant, type TxContext } from '../../server/src/platform/db/tenancy.js';
import { createTenant } from '../../server/src/modules/tenants/service.js';
import { createSession } from '../../server/src/platform/auth/sessions.js';
import { createCategory, createQuestion } from '../../server/src/modules/exams/questions.js';
import { createExam, publishExam } from '../../server/src/modules/exams/setup.js';
import { namePinyin } from '../../server/src/platform/text/pinyin.js';
import { makeUnit } from '../../server/src/testing/factories.js';
import { DEFAULT_ADMIN_URL, openBenchDatabase, startApp } from '../lib/setup.js';
import { ms, summarize, table } from '../lib/stats.js';

const { values: args } = parseArgs({ options: { db: { type: 'string', default: 'postgresql' }, takers: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '50' }, processes: { type: 'string', default: '1' } } });
const kind = args.db === 'pglite' ? 'pglite' : 'postgresql';
const TAKERS = Number(args.takers);
const CONCURRENCY = Number(args.concurrency);
const BRANCHES = 25;
/** Application processes serving the requests (PostgreSQL only: PGlite lives inside one process). */
const PROCESSES = kind === 'postgresql' ? Math.max(1, Number(args.processes)) : 1;

/** Starts `n` application processes on the benchmark's database; their base URLs, and how to stop them. */
async function startWorkers(n: number, databaseUrl: string): Promise<{ urls: string[]; stop: () => Promise<void> }> {
  const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app-worker.ts');
  const children = Array.from({ length: n }, () => spawn(process.execPath, ['--import', 'tsx', worker], { env: { ...process.env, BENCH_APP_DATABASE_URL: databaseUrl }, stdio: ['pipe', 'pipe', 'inherit'] }));
  const urls = await Promise.all(children.map((c) => new Promise<string>((resolve, reject) => {
    let out = '';
    c.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /PORT (\d+)/.exec(out)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    c.on('exit', (code) => reject(new Error(`app worker exited with ${code}`)));
  })));
  return {
    urls,
    stop: async () => { await Promise.all(children.map((c) => new Promise<void>((resolve) => { c.on('exit', () => resolve()); c.stdin!.end(); }))); },
  };
}

/** Runs `work` for each item with at most `n` in flight. */
async function pool<T>(items: readonly T[], n: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  }));
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase(kind, { seed: false });
  const db = bench.database.db;
  const started = new Date();
  const load0 = os.loadavg();
  try {
    const t = await createTenant(db, { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: 'bench', sourceIp: '127.0.0.1', platform: true }, {
      code: `exam${Date.now().toString(36)}`, name: '考试基准企业', admin: { username: 'bench-admin', displayName: '基准', password: 'Bench-Password-2026!' },
    });
    const tenantId = t.tenantId;
    const f = { database: bench.database };
    const root = await makeUnit(f, tenantId, { name: '基准集团党委' });
    const branches: Awaited<ReturnType<typeof makeUnit>>[] = [];
    for (let i = 0; i < BRANCHES; i++) branches.push(await makeUnit(f, tenantId, { parentId: root.id, name: `第${i + 1}党支部` }));
    const ctx: TxContext = { tenantId, actorId: null, actorName: 'bench', sourceIp: '127.0.0.1' };

    // The organiser and the takers (people with linked accounts), in batches.
    const organiserId = randomUUID();
    const takers: { idx: number; userId: string; personId: string; cookie: string; csrf: string }[] = [];
    const { pinyin, initials } = namePinyin('考生');
    for (let from = 0; from < TAKERS; from += 500) {
      const n = Math.min(500, TAKERS - from);
      await withTenant(db, ctx, async (tx) => {
        const people = Array.from({ length: n }, (_, k) => ({ id: randomUUID(), unit: branches[(from + k) % BRANCHES]! }));
        await tx.insertInto('people').values(people.map((p) => ({
          id: p.id, tenant_id: tenantId, org_unit_id: p.unit.id, name: '考生', name_pinyin: pinyin, name_initials: initials, gender: 'male' as const, ethnicity: '汉族',
          birth_date: null, education: null, job_title: null, employee_no: null, id_number_enc: null, id_number_hash: null, phone_enc: null,
          party_status: 'full' as const, applied_on: null, activist_on: null, candidate_on: null, party_joined_on: null, full_on: null, membership: 'normal' as const,
          membership_note: null, archived_at: null, archived_reason: null,
        }))).execute();
        const users = people.map((p, k) => ({ id: randomUUID(), person: p, username: `taker${from + k}` }));
        await tx.insertInto('users').values(users.map((u) => ({
          id: u.id, tenant_id: tenantId, username: u.username, display_name: '考生', person_id: u.person.id, password_hash: 'not-used-by-this-bench',
          must_change_password: false, locked_until: null, totp_secret_enc: null, totp_enabled: false, last_login_at: null,
        }))).execute();
        await tx.insertInto('role_grants').values(users.map((u) => ({ id: randomUUID(), tenant_id: tenantId, user_id: u.id, role: 'party_member', org_unit_id: u.person.unit.id, granted_by: null }))).execute();
        for (const u of users) {
          const s = await createSession(tx, { tenantId, userId: u.id, stage: 'active', ip: '127.0.0.1', userAgent: 'bench' });
          takers.push({ idx: takers.length, userId: u.id, personId: u.person.id, cookie: `zg_sid=${s.token}`, csrf: s.csrfToken });
        }
      });
    }
    await withTenant(db, ctx, async (tx) => {
      await tx.insertInto('users').values({ id: organiserId, tenant_id: tenantId, username: 'organiser', display_name: '宣传委员', person_id: null, password_hash: 'x', must_change_password: false, locked_until: null, totp_secret_enc: null, totp_enabled: false, last_login_at: null }).execute();
      await tx.insertInto('role_grants').values({ id: randomUUID(), tenant_id: tenantId, user_id: organiserId, role: 'propaganda_member', org_unit_id: root.id, granted_by: null }).execute();
    });
    const organiser: Actor = { userId: organiserId, tenantId, tenantKind: 'enterprise', username: 'organiser', displayName: '宣传委员', sourceIp: '127.0.0.1', grants: [{ role: 'propaganda_member', orgUnitId: root.id, path: root.path }] };
    const cat = await createCategory(db, organiser, { name: '党章' });
    for (let i = 0; i < 40; i++) {
      await createQuestion(db, organiser, { categoryId: cat, kind: 'single', difficulty: 1, stem: `基准单选题 ${i + 1}：党的最高领导机关是（ ）。`, options: ['党的全国代表大会和它所产生的中央委员会', '中央纪律检查委员会', '国务院', '全国人民代表大会'], correct: ['A'] } as Parameters<typeof createQuestion>[2]);
    }
    const now = Date.now();
    const examId = await createExam(db, organiser, {
      title: '基准考试', orgUnitId: root.id, paperMode: 'random', rules: [{ categoryId: cat, difficulty: 1, count: 10, points: 10 }], timeLimitMinutes: 120,
      opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString(), maxAttempts: 1, passScore: 60,
      shuffleQuestions: true, shuffleOptions: true, multiplePartial: false, reveal: 'score', audience: { unitIds: [root.id], personIds: [] },
    } as Parameters<typeof createExam>[2]);
    await publishExam(db, organiser, examId);

    let servers: { urls: string[]; stop: () => Promise<void> };
    if (PROCESSES > 1) {
      const dbUrl = new URL(process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL);
      dbUrl.pathname = `/${bench.pgDatabaseName!}`;
      servers = await startWorkers(PROCESSES, dbUrl.toString());
    } else {
      const { app, baseUrl } = await startApp(bench.database);
      servers = { urls: [baseUrl], stop: () => app.close() };
    }
    const post = async (who: (typeof takers)[number], p: string, body: unknown) => {
      const t0 = performance.now();
      // Each taker always reaches the same process (as a sticky load balancer would send them).
      const baseUrl = servers.urls[who.idx % servers.urls.length]!;
      const res = await fetch(baseUrl + p, { method: 'POST', headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf }, body: JSON.stringify(body) });
      const json = (await res.json()) as Record<string, unknown>;
      return { status: res.status, json, ms: performance.now() - t0 };
    };
    process.stdout.write(`exams bench on ${bench.serverVersion}: ${TAKERS} takers set up; starting attempts\n`);
    const attempts: string[] = new Array(TAKERS);
    const startT0 = performance.now();
    await pool(takers, CONCURRENCY, async (who, i) => {
      const r = await post(who, `/api/learning/exams/${examId}/attempts`, {});
      if (r.status !== 200) throw new Error(`start ${i}: ${r.status} ${JSON.stringify(r.json)}`);
      attempts[i] = r.json.id as string;
    });
    const startSeconds = (performance.now() - startT0) / 1000;

    // ---- measured: the submissions
    process.stdout.write(`started ${TAKERS} attempts in ${startSeconds.toFixed(1)} s; submitting\n`);
    const statuses = new Map<number, number>();
    let duplicatesAnswered = 0;
    const latencies: number[] = [];
    const answers = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [String(k + 1), k % 3 === 0 ? 'B' : 'A']));
    const load1 = os.loadavg();
    const t0 = performance.now();
    await pool(takers, CONCURRENCY, async (who, i) => {
      const token = randomUUID();
      const body = { token, answers };
      const tap = i % 10 === 0;
      const sends = tap ? [post(who, `/api/learning/attempts/${attempts[i]}/submit`, body), post(who, `/api/learning/attempts/${attempts[i]}/submit`, body)] : [post(who, `/api/learning/attempts/${attempts[i]}/submit`, body)];
      for (const r of await Promise.all(sends)) {
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        latencies.push(r.ms);
        if (r.json.duplicate === true) duplicatesAnswered++;
      }
      if (i % 20 === 1) {
        // A second device retries later with its own token.
        const r = await post(who, `/api/learning/attempts/${attempts[i]}/submit`, { token: randomUUID(), answers });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        latencies.push(r.ms);
        if (r.json.duplicate === true) duplicatesAnswered++;
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    const load2 = os.loadavg();
    await servers.stop();

    // ---- checked in the database
    const check = await withTenant(db, ctx, async (tx) => {
      const byState = await tx.selectFrom('exam_attempts').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('exam_id', '=', examId).groupBy('state').execute();
      const gradings = await sql<{ attempts: number; rows: number; maxper: number; gradeno: number }>`
        select count(distinct g.attempt_id)::int as attempts, count(*)::int as rows,
               coalesce(max(c.n), 0)::int as maxper, coalesce(max(a.grade_no), 0)::int as gradeno
        from exam_gradings g join exam_attempts a on a.id = g.attempt_id
        join (select attempt_id, count(*) as n from exam_gradings group by attempt_id) c on c.attempt_id = g.attempt_id
        where a.exam_id = ${examId}`.execute(tx);
      const audits = await sql<{ rows: number; objects: number }>`select count(*)::int as rows, count(distinct object_id)::int as objects from audit_log where action = 'exam.submit'`.execute(tx);
      const points = await sql<{ rows: number; people: number }>`select count(*)::int as rows, count(distinct person_id)::int as people from learning_points where rule = 'exam_passed' and source_id = ${examId}`.execute(tx);
      const passed = await tx.selectFrom('exam_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('exam_id', '=', examId).where('passed', '=', true).executeTakeFirstOrThrow();
      return { byState, gradings: gradings.rows[0]!, audits: audits.rows[0]!, points: points.rows[0]!, passed: Number(passed.n) };
    });
    const closed = check.byState.filter((s) => s.state !== 'open').reduce((n, s) => n + Number(s.n), 0);
    const lost = TAKERS - closed;
    const doubleGraded = check.gradings.rows - check.gradings.attempts;
    const lat = summarize(latencies);
    const requests = latencies.length;
    const lines = [
      `# Exam submissions (bench/exams, issue 6) — ${bench.serverVersion}`,
      '',
      `Run ${started.toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}. Load average (1/5/15 min) before set-up ${load0.map((v) => v.toFixed(1)).join(' / ')}, ` +
        `before the submissions ${load1.map((v) => v.toFixed(1)).join(' / ')}, after ${load2.map((v) => v.toFixed(1)).join(' / ')} (the machine is shared: other sessions' tests run on it).`,
      '',
      `${TAKERS} takers, ${CONCURRENCY} concurrent connections over HTTP to the real app (${PROCESSES} process${PROCESSES > 1 ? 'es' : ''}); every 10th taker double-taps (the same submission twice at once), every 20th retries from a second device with a new token.`,
      '',
      table([
        ['measure', 'value'],
        ['attempts started (not timed for the target)', `${TAKERS} in ${startSeconds.toFixed(1)} s`],
        ['submissions (distinct takers)', String(TAKERS)],
        ['submit requests (with double taps and retries)', String(requests)],
        ['**time for all submissions**', `**${seconds.toFixed(1)} s** (target ≤ 60 s)`],
        ['throughput', `${(requests / seconds).toFixed(0)} requests/s, ${(TAKERS / seconds).toFixed(0)} sheets/s`],
        ['latency p50 / p90 / p99 / max (ms)', `${ms(lat.p50)} / ${ms(lat.p90)} / ${ms(lat.p99)} / ${ms(lat.max)}`],
        ['HTTP statuses', [...statuses].map(([s, n]) => `${s} × ${n}`).join(', ')],
        ['answered as duplicates (same result, no new grading)', String(duplicatesAnswered)],
        ['**lost** (attempts still open)', `**${lost}**`],
        ['**graded twice** (gradings beyond one per attempt)', `**${doubleGraded}** (max gradings per attempt ${check.gradings.maxper}, max grade_no ${check.gradings.gradeno})`],
        ['exam.submit audit records / distinct attempts', `${check.audits.rows} / ${check.audits.objects}`],
        ['exam points / people (passed sheets)', `${check.points.rows} / ${check.points.people} (${check.passed})`],
      ], ['l', 'r']),
      '',
    ];
    const out = lines.join('\n');
    process.stdout.write(`\n${out}\n`);
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${started.toISOString().slice(0, 10)}-exams-${kind}${PROCESSES > 1 ? `-${PROCESSES}proc` : ''}.md`), out);
    if (lost !== 0 || doubleGraded !== 0 || check.audits.rows !== TAKERS) process.exitCode = 1;
  } finally {
    await bench.close();
  }
}

await main();
