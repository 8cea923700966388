#!/usr/bin/env node
// The project's test command (`npm test`). Runs, in order, stopping at the first failure:
//
//   typecheck            npm run typecheck (server + web) and tsc -p e2e
//   server (PGlite)      vitest in server/ with TEST_DB=pglite
//   server (PostgreSQL)  vitest in server/ with TEST_DB=postgresql and TEST_DATABASE_URL
//   web tests            vitest in web/ (skipped while web has no test files)
//   web build            npm run build -w web
//   e2e                  node --import tsx e2e/run.ts (browser journeys against the real server)
//
// Flags:  --only=server|web|e2e (comma-separated list allowed)   --skip-e2e
// Env:    TEST_DATABASE_URL  admin URL of a PostgreSQL 15+ server (required when CI is set)
//         TEST_STEP_TIMEOUT_MIN  guard against a hung step (default 30 minutes)
//
// Ends with a summary table and a plain line "N passed, N failed[, N skipped]": vitest's test
// counts (read from its JSON reporter), journey counts from e2e/run.ts, and 1 for each other step.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'artifacts', 'test-results');
const GROUPS = ['server', 'web', 'e2e'];
const isCI = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());
const stepTimeoutMs = Number(process.env.TEST_STEP_TIMEOUT_MIN || 30) * 60_000;

// ---------------------------------------------------------------- arguments
function usage(code) {
  console.log('usage: npm test -- [--only=server|web|e2e[,...]] [--skip-e2e]');
  process.exit(code);
}
let only = new Set(GROUPS);
let skipE2e = false;
for (const arg of process.argv.slice(2)) {
  if (arg === '--help' || arg === '-h') usage(0);
  else if (arg === '--skip-e2e') skipE2e = true;
  else if (arg.startsWith('--only=')) {
    const wanted = arg.slice('--only='.length).split(',').map((s) => s.trim()).filter(Boolean);
    const bad = wanted.filter((g) => !GROUPS.includes(g));
    if (bad.length || !wanted.length) {
      console.error(`unknown --only value: ${bad.join(',') || '(empty)'}; expected ${GROUPS.join('|')}`);
      usage(2);
    }
    only = new Set(wanted);
  } else {
    console.error(`unknown argument: ${arg}`);
    usage(2);
  }
}
if (skipE2e) only.delete('e2e');
if (only.size === 0) {
  console.error('nothing to run (--only=e2e with --skip-e2e)');
  process.exit(2);
}

// ---------------------------------------------------------------- helpers
function cleanEnv(extra = {}) {
  const env = { ...process.env };
  // Never let a developer's DATABASE_URL point tests at a real database.
  delete env.DATABASE_URL;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

let current = null; // the running child, so a signal can stop its whole process group
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current) killGroup(current, 'SIGTERM');
    console.error(`\n[test] ${sig}: stopped`);
    process.exit(130);
  });
}
function killGroup(child, sig) {
  try { process.kill(-child.pid, sig); } catch { /* already gone */ }
}

/** Runs a command with inherited output in its own process group; resolves with its exit code. */
function run(cmd, args, { cwd = ROOT, env = cleanEnv() } = {}) {
  const shown = path.isAbsolute(cmd) && cmd.startsWith(ROOT) ? path.relative(ROOT, cmd) : cmd;
  console.log(`$ ${[shown, ...args].join(' ')}${cwd !== ROOT ? `   (in ${path.relative(ROOT, cwd)}/)` : ''}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`[test] step exceeded ${stepTimeoutMs / 60_000} minutes; stopping it`);
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 10_000).unref();
    }, stepTimeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      current = null;
      console.error(`[test] could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = null;
      // Leave no stragglers (e.g. a worker a test forgot to close).
      killGroup(child, 'SIGKILL');
      resolve(timedOut ? 124 : code ?? (signal ? 128 : 1));
    });
  });
}

/** A package's executable as npm installed it: <dir>/node_modules/.bin/<name>, else the root's. */
function bin(name, dir) {
  for (let d = path.join(ROOT, dir); d.startsWith(ROOT); d = path.dirname(d)) {
    const p = path.join(d, 'node_modules', '.bin', name);
    if (fs.existsSync(p)) return p;
    if (d === ROOT) break;
  }
  return name; // not installed: spawning fails with a clear "could not start" (run npm ci)
}

function readJson(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
}

/** vitest run with the default reporter on the console and a JSON report for the counts. */
async function vitest(dir, id, env) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(RESULTS_DIR, `${id}.json`);
  fs.rmSync(out, { force: true });
  const code = await run(bin('vitest', dir), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    cwd: path.join(ROOT, dir),
    env,
  });
  const report = readJson(out);
  const counts = report
    ? { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) }
    : null;
  return { code, counts };
}

function hasTestFiles(dir) {
  const re = /\.(test|spec)\.[cm]?[jt]sx?$/;
  const walk = (d) => {
    let entries;
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return false; }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (['node_modules', 'dist', '.vite', 'coverage'].includes(e.name) || e.name.startsWith('.')) continue;
        if (walk(path.join(d, e.name))) return true;
      } else if (re.test(e.name)) return true;
    }
    return false;
  };
  return walk(dir);
}

async function checkPostgres(url) {
  const require = createRequire(path.join(ROOT, 'server', 'package.json'));
  const pg = require('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query("select current_user as u, current_setting('server_version') as v");
    console.log(`[test] PostgreSQL ${rows[0].v} reachable as ${rows[0].u}`);
    return null;
  } catch (err) {
    return err.message;
  } finally {
    await client.end().catch(() => {});
  }
}

const redact = (url) => url.replace(/(:\/\/[^:/@]+:)[^@]*@/, '$1***@');

// ---------------------------------------------------------------- steps
// Each step returns { status: 'passed'|'failed'|'skipped', counts?, note? }.
const has = (g) => only.has(g);
const steps = [];

if (has('server') && has('web')) {
  steps.push({ name: 'typecheck (server + web)', fn: async () => ({ code: await run('npm', ['run', 'typecheck']) }) });
} else if (has('server')) {
  steps.push({ name: 'typecheck (server)', fn: async () => ({ code: await run('npm', ['run', 'typecheck', '-w', 'server']) }) });
} else if (has('web')) {
  steps.push({ name: 'typecheck (web)', fn: async () => ({ code: await run('npm', ['run', 'typecheck', '-w', 'web']) }) });
}
if (has('e2e')) {
  steps.push({ name: 'typecheck (e2e)', fn: async () => ({ code: await run(bin('tsc', 'e2e'), ['-p', 'e2e/tsconfig.json']) }) });
}

if (has('server')) {
  steps.push({
    name: 'server tests (PGlite)',
    fn: () => vitest('server', 'server-pglite', cleanEnv({ TEST_DB: 'pglite', TEST_DATABASE_URL: undefined })),
  });
  steps.push({
    name: 'server tests (PostgreSQL)',
    fn: async () => {
      const url = process.env.TEST_DATABASE_URL;
      if (!url) {
        if (isCI) {
          console.error('[test] CI is set but TEST_DATABASE_URL is not: the PostgreSQL run is required in CI');
          return { code: 1, note: 'TEST_DATABASE_URL not set' };
        }
        console.log('skipped: PostgreSQL not configured (set TEST_DATABASE_URL)');
        return { skipped: true, note: 'PostgreSQL not configured (set TEST_DATABASE_URL)' };
      }
      console.log(`[test] TEST_DATABASE_URL=${redact(url)}`);
      const problem = await checkPostgres(url);
      if (problem) {
        console.error(`[test] cannot connect with TEST_DATABASE_URL: ${problem}`);
        return { code: 1, note: 'cannot connect to TEST_DATABASE_URL' };
      }
      return vitest('server', 'server-postgresql', cleanEnv({ TEST_DB: 'postgresql', TEST_DATABASE_URL: url }));
    },
  });
}

if (has('web')) {
  steps.push({
    name: 'web tests',
    fn: async () => {
      if (!hasTestFiles(path.join(ROOT, 'web'))) {
        console.log('skipped: web has no test files yet');
        return { skipped: true, note: 'no test files in web/' };
      }
      return vitest('web', 'web', cleanEnv());
    },
  });
}
if (has('web') || has('e2e')) {
  steps.push({ name: 'web build', fn: async () => ({ code: await run('npm', ['run', 'build', '-w', 'web']) }) });
}
if (has('e2e')) {
  steps.push({
    name: 'e2e journeys',
    fn: async () => {
      const out = path.join(RESULTS_DIR, 'e2e.json');
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      fs.rmSync(out, { force: true });
      const code = await run(process.execPath, ['--import', 'tsx', 'e2e/run.ts'], { env: cleanEnv({ E2E_RESULTS_FILE: out }) });
      const r = readJson(out);
      return { code, counts: r ? { passed: r.passed, failed: r.failed, skipped: r.skipped ?? 0 } : null };
    },
  });
}

// ---------------------------------------------------------------- run
const results = [];
let failedAt = -1;
const t0 = Date.now();
console.log(`[test] ${steps.length} steps: ${steps.map((s) => s.name).join(', ')}`);
for (let i = 0; i < steps.length; i++) {
  const step = steps[i];
  console.log(`\n━━━━ [${i + 1}/${steps.length}] ${step.name} ━━━━`);
  const start = Date.now();
  let r;
  try {
    r = await step.fn();
  } catch (err) {
    console.error(err);
    r = { code: 1, note: String(err?.message ?? err) };
  }
  const ms = Date.now() - start;
  let status;
  let counts = r.counts ?? null;
  if (r.skipped) {
    status = 'skipped';
    counts = { passed: 0, failed: 0, skipped: 1 };
  } else if (r.code === 0) {
    status = 'passed';
    if (!counts) counts = { passed: 1, failed: 0, skipped: 0 };
  } else {
    status = 'failed';
    if (!counts) counts = { passed: 0, failed: 1, skipped: 0 };
    // A non-zero exit with no failed test (a file that did not load, an unhandled error) still counts.
    else if (counts.failed === 0) counts = { ...counts, failed: 1 };
  }
  results.push({ name: step.name, status, counts, ms, note: r.note ?? (r.code > 0 && r.code !== 1 ? `exit ${r.code}` : '') });
  if (status === 'failed') {
    failedAt = i;
    break;
  }
}
for (let i = results.length; i < steps.length; i++) {
  results.push({ name: steps[i].name, status: 'not run', counts: null, ms: 0, note: 'after a failure' });
}

// ---------------------------------------------------------------- summary
const fmt = (ms) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`);
const rows = results.map((r) => [
  r.name,
  r.status.toUpperCase(),
  r.counts ? `${r.counts.passed}/${r.counts.failed}/${r.counts.skipped}` : '-',
  r.status === 'not run' ? '-' : fmt(r.ms),
  r.note || '',
]);
const header = ['step', 'result', 'pass/fail/skip', 'time', 'note'];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
const line = (cells) => cells.map((s, c) => s.padEnd(widths[c])).join('  ').trimEnd();
console.log('\n━━━━ summary ━━━━');
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
const total = results.reduce(
  (a, r) => (r.counts ? { passed: a.passed + r.counts.passed, failed: a.failed + r.counts.failed, skipped: a.skipped + r.counts.skipped } : a),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`total time ${fmt(Date.now() - t0)}${failedAt >= 0 ? `; stopped at "${steps[failedAt].name}"` : ''}`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(failedAt >= 0 ? 1 : 0);
