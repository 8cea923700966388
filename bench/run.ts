// Benchmarks of the platform foundation. `npm run bench` from the repository root; see bench/README.md.
//   --only=throughput|latency   run one benchmark (default: both)
//   --only=profile               diagnostic: main-thread CPU profile of benchmark 1's routes (not part of the default run)
//   --only=whatif                diagnostic: variants of the bare route that each add one cost (not part of the default run)
//   --only=statements            diagnostic: cost of single statements (session lookup variants, unnamed vs prepared)
//   --db=pglite|postgresql|both  databases for the throughput benchmark (default: both)
//   --duration=N                 seconds per measured run; also the number of 1-second long queries per
//                                latency scenario (default 10)
//   --rounds=N --concurrency=N --warmup=N --rate=N   finer knobs (defaults 2, 10, 3, 200)
//   --quiet-wait=S               before each measured run, wait up to S seconds (default 30) until other
//                                processes use less than 0.3 cores; the load found is reported either way
//   --retries=N                  repeat a run during which other processes used 0.3 cores or more, up to N
//                                times (default 2), keeping the least disturbed attempt
//   --no-write                   print only; do not touch bench/results or bench/RESULTS.md
// BENCH_DATABASE_URL: admin URL of the PostgreSQL server (default postgres://postgres:postgres@127.0.0.1:5432/postgres);
// the benchmark creates its own database there and drops it at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { LoadGenerator } from './lib/loadgen.js';
import { int, ms, pct, table } from './lib/stats.js';
import { ROUTE_KEYS, ROUTES, runThroughput, type ThroughputResult } from './throughput.js';
import { runLatency, type LatencyResult } from './latency.js';
import { runProfile, type ProfileResult } from './profile.js';
import { runWhatIf, VARIANTS, type WhatIfResult } from './whatif.js';
import { runStatements, type StatementsResult } from './statements.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const THROUGHPUT_TARGET = 0.7;
const LATENCY_TARGET_MS = 50;
const QUIET_THRESHOLD = 0.3;

interface Args { only: 'throughput' | 'latency' | 'profile' | 'whatif' | 'statements' | 'all'; dbs: DatabaseKind[]; duration: number; rounds: number; concurrency: number; warmup: number; rate: number; quietWait: number; retries: number; write: boolean }

function parseArgs(argv: string[]): Args {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const num = (name: string, def: number, min: number, max: number) => {
    const v = get(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return n;
  };
  const known = ['only', 'db', 'duration', 'rounds', 'concurrency', 'warmup', 'rate', 'quiet-wait', 'retries'];
  for (const a of argv) {
    if (a === '--no-write') continue;
    const name = /^--([a-z-]+)=/.exec(a)?.[1];
    if (!name || !known.includes(name)) throw new Error(`unknown argument ${a}`);
  }
  const only = get('only') ?? 'all';
  if (!['throughput', 'latency', 'profile', 'whatif', 'statements', 'all'].includes(only)) throw new Error('--only must be throughput, latency, profile, whatif or statements');
  const db = get('db') ?? 'both';
  if (!['pglite', 'postgresql', 'both'].includes(db)) throw new Error('--db must be pglite, postgresql or both');
  return {
    only: only as Args['only'],
    dbs: db === 'both' ? ['pglite', 'postgresql'] : [db as DatabaseKind],
    duration: num('duration', 10, 1, 300),
    rounds: num('rounds', 2, 1, 20),
    concurrency: num('concurrency', 10, 1, 256),
    warmup: num('warmup', 3, 0, 60),
    rate: num('rate', 200, 1, 2000),
    quietWait: num('quiet-wait', 30, 0, 600),
    retries: num('retries', 2, 0, 5),
    write: !argv.includes('--no-write'),
  };
}

function machine(): { cpu: string; cores: number; memGiB: number; node: string; os: string; pglite: string } {
  // The package does not export its package.json: walk up from its entry point.
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const pglitePkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, os: `${os.type()} ${os.release()} ${os.arch()}`, pglite: pglitePkg.version,
  };
}

function throughputSection(results: ThroughputResult[], args: Args, failures: string[]): string {
  const out: string[] = [];
  out.push('## 1. Authorized read route vs bare route');
  out.push('');
  out.push(`Authorized: \`${ROUTES.authorized.path}\` as the branch secretary (full session cookie) through the whole app. ` +
    `Bare: \`${ROUTES.bare.path}\` on a hook-less Fastify instance, same SQL in the same \`withTenant\` transaction. ` +
    `Diagnostic: \`${ROUTES.session.path}\`, the bare route plus the application's \`resolveSession\`. ` +
    `Closed loop, ${args.concurrency} keep-alive connections, ${args.warmup} s warm-up per route, then ${args.rounds} round(s) of ` +
    `${args.duration} s per route, the order reversed every round. Target: authorized ≥ ${pct(THROUGHPUT_TARGET)} of bare.`);
  out.push('');
  const rows: string[][] = [['Database', 'Route', 'req/s', 'runs (req/s)', 'p50 ms', 'p99 ms', 'max ms', 'bytes/resp', 'failed', 'vs bare']];
  for (const r of results) {
    for (const k of ROUTE_KEYS) {
      const x = r.routes[k];
      const vs = x.rps / r.routes.bare.rps;
      rows.push([
        k === 'authorized' ? `${r.kind} (pool ${r.poolSize})` : '', ROUTES[k].label, int(x.rps), x.runs.map(int).join(', '),
        ms(x.latency.p50), ms(x.latency.p99), ms(x.latency.max), int(x.bytesPerResponse), String(x.failed),
        k === 'authorized' ? `**${pct(vs)}** ${vs >= THROUGHPUT_TARGET ? '✅' : '❌'}` : k === 'bare' ? '100%' : pct(vs),
      ]);
    }
  }
  out.push(table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  out.push('');
  for (const r of results) {
    out.push(`- ${r.kind}: ${r.serverVersion}; the unit has ${r.unitMembers} members (one page of 20). ` +
      `Other processes on the machine during the measured runs: mean ${r.background.mean.toFixed(2)}, max ${r.background.max.toFixed(2)} cores` +
      (r.background.max >= QUIET_THRESHOLD ? ' ⚠ (the machine was shared; expect noise)' : '') + '.');
  }
  if (results.length) {
    out.push('', 'Serial cost per call, one at a time through the pool (median of 5 batches of 200):', '');
    const srows: string[][] = [['Database', 'round trip (`select 1`) ms', 'resolveSession ms', 'listMembers transaction ms', 'session / (session + transaction)']];
    for (const r of results) {
      const x = r.serial;
      srows.push([r.kind, ms(x.roundTripMs), ms(x.sessionMs), ms(x.transactionMs), pct(x.sessionMs / (x.sessionMs + x.transactionMs))]);
    }
    out.push(table(srows));
  }
  for (const f of failures) out.push('', `Not run: ${f}`);
  return out.join('\n');
}

function latencySection(r: LatencyResult | null, args: Args, failure: string | null): string {
  const out: string[] = [];
  out.push('## 2. Trivial route latency while a 1-second query runs (PGlite)');
  out.push('');
  out.push(`\`GET /api/health\` (no database) sent on a fixed schedule of ${args.rate} req/s (latency from the scheduled send time) ` +
    'while 1-second queries run one after another, on the application\'s PGlite worker thread (through its pool) or on a PGlite ' +
    'instance in the server\'s own thread. Only requests scheduled while a long query was running are counted. ' +
    `Target: p99 < ${LATENCY_TARGET_MS} ms with the worker.`);
  out.push('');
  if (!r) { out.push(`Not run: ${failure ?? 'unknown'}`); return out.join('\n'); }
  const rows: string[][] = [['Scenario', 'PGlite runs on', 'Route', 'Long query', 'query ms (n)', 'samples', 'p50 ms', 'p99 ms', 'max ms', 'target', 'other procs (cores)']];
  for (const x of r.rows) {
    const target = x.where === 'worker' && x.route === '/api/health' ? (x.latency.p99 < LATENCY_TARGET_MS ? '✅' : '❌') : '';
    rows.push([x.scenario, x.where, `\`${x.route}\``, x.query, x.queriesRun ? `${ms(x.queryMs)} (${x.queriesRun})` : '–', int(x.latency.n),
      ms(x.latency.p50), ms(x.latency.p99), ms(x.latency.max), target + (x.failed ? ` (${x.failed} failed)` : ''),
      x.background.toFixed(2) + (x.background >= QUIET_THRESHOLD ? ' ⚠' : '')]);
  }
  out.push(table(rows, ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'l', 'r']));
  out.push('', `The CPU-bound query is calibrated to about 1 s on the worker (${r.cpuRows.toLocaleString('en-US')} rows); the same SQL then runs on the ` +
    'main-thread instance. Between two long queries the driver pauses 200 ms so a blocked server can drain its backlog; requests sent in ' +
    'the pause are not counted. "other procs" is the CPU other processes used during the scenario (⚠ from 0.3 cores).');
  return out.join('\n');
}

function profileSection(results: ProfileResult[], failures: string[]): string {
  const out: string[] = [];
  out.push('## Diagnostic: where the main thread spends its time (CPU profile)');
  out.push('');
  out.push('Server main thread sampled every 100 µs with node:inspector while each route of benchmark 1 is under the same load; ' +
    'self time grouped by where the code lives, in µs per request. Profiling slows everything down: compare the columns with each other.');
  for (const r of results) {
    out.push('', `### ${r.kind}`, '');
    const groups = [...new Set(ROUTE_KEYS.flatMap((k) => r.routes[k].byGroup.slice(0, 14).map((g) => g.group)))];
    const val = (k: (typeof ROUTE_KEYS)[number], g: string) => r.routes[k].byGroup.find((x) => x.group === g)?.usPerRequest ?? 0;
    groups.sort((a, b) => val('authorized', b) - val('authorized', a));
    const rows: string[][] = [['Code', ...ROUTE_KEYS.map((k) => `${ROUTES[k].label} µs/req`), 'authorized − bare']];
    rows.push(['**all (busy main thread)**', ...ROUTE_KEYS.map((k) => `**${r.routes[k].busyUsPerRequest.toFixed(0)}**`),
      `**${(r.routes.authorized.busyUsPerRequest - r.routes.bare.busyUsPerRequest).toFixed(0)}**`]);
    for (const g of groups) rows.push([g, ...ROUTE_KEYS.map((k) => val(k, g).toFixed(1)), (val('authorized', g) - val('bare', g)).toFixed(1)]);
    out.push(table(rows));
    out.push('', `Top functions (self time) on the authorized route, µs per request (${int(r.routes.authorized.requests)} requests):`, '');
    out.push(table([['Function', 'µs/req'], ...r.routes.authorized.topFunctions.map((f) => [`\`${f.fn.replace(/\|/g, '\\|')}\``, f.usPerRequest.toFixed(1)])]));
    out.push('', `Other processes during each profile: ${r.background.map((b) => b.toFixed(2)).join(', ')} cores.`);
  }
  for (const f of failures) out.push('', `Not run: ${f}`);
  return out.join('\n');
}

function whatIfSection(results: WhatIfResult[], args: Args, failures: string[]): string {
  const out: string[] = [];
  out.push('## Diagnostic: what each part costs (variants of the bare route)');
  out.push('');
  out.push(`Each variant adds or changes one thing on the bare route; same client and alternation as benchmark 1 ` +
    `(${args.concurrency} connections, ${args.rounds} round(s) of ${args.duration} s). Nothing here changes the application.`);
  for (const r of results) {
    out.push('', `### ${r.kind}`, '');
    const bare = r.rows.find((x) => x.variant === 'bare')!.rps;
    out.push(table([['Variant', 'req/s', 'runs (req/s)', 'p50 ms', 'p99 ms', 'vs bare'],
      ...r.rows.map((x) => [VARIANTS[x.variant], int(x.rps), x.runs.map(int).join(', '), ms(x.latency.p50), ms(x.latency.p99), pct(x.rps / bare)])]));
    out.push('', `Other processes during the runs: mean ${r.background.mean.toFixed(2)}, max ${r.background.max.toFixed(2)} cores` +
      (r.background.max >= QUIET_THRESHOLD ? ' ⚠ (the machine was shared; expect noise)' : '') + '.');
  }
  for (const f of failures) out.push('', `Not run: ${f}`);
  return out.join('\n');
}

function statementsSection(results: StatementsResult[], failures: string[]): string {
  const out: string[] = [];
  out.push('## Diagnostic: what single statements cost (one connection, one at a time)');
  out.push('');
  out.push('µs per call, round trip included, median of 5 batches of 400, inside one transaction with the RLS context set.');
  if (results.length) {
    out.push('', '### The session lookup', '');
    const labels = results[0]!.session.map((x) => x.label);
    out.push(table([['Statement', ...results.map((r) => `${r.kind} µs`)], ...labels.map((l) => [l, ...results.map((r) => ms(r.session.find((x) => x.label === l)?.us ?? Number.NaN))])]));
    out.push('', '### listMembers\' statements: unnamed (parsed and planned every call, as sent today) vs named prepared', '');
    const rows: string[][] = [['Statement', ...results.flatMap((r) => [`${r.kind} unnamed µs`, `${r.kind} prepared µs`, `${r.kind} saved`])]];
    for (const l of results[0]!.prepared.map((x) => x.label)) {
      rows.push([l, ...results.flatMap((r) => {
        const x = r.prepared.find((p) => p.label === l)!;
        return [ms(x.unnamedUs), ms(x.namedUs), pct(1 - x.namedUs / x.unnamedUs)];
      })]);
    }
    rows.push(['**sum**', ...results.flatMap((r) => {
      const u = r.prepared.reduce((n, x) => n + x.unnamedUs, 0);
      const p = r.prepared.reduce((n, x) => n + x.namedUs, 0);
      return [`**${ms(u)}**`, `**${ms(p)}**`, `**${pct(1 - p / u)}**`];
    })]);
    out.push(table(rows));
    out.push('', `Other processes during the measurements: ${results.map((r) => `${r.kind} ${r.background.toFixed(2)}${r.background >= QUIET_THRESHOLD ? ' ⚠' : ''}`).join(', ')} cores.`);
  }
  for (const f of failures) out.push('', `Not run: ${f}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const m = machine();
  const started = new Date();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const load = new LoadGenerator();
  const quiet = { threshold: QUIET_THRESHOLD, maxWaitS: args.quietWait, retries: args.retries, log };
  const throughput: ThroughputResult[] = [];
  const throughputFailures: string[] = [];
  let latency: LatencyResult | null = null;
  let latencyFailure: string | null = null;
  const profiles: ProfileResult[] = [];
  const profileFailures: string[] = [];
  const whatifs: WhatIfResult[] = [];
  const whatifFailures: string[] = [];
  const statements: StatementsResult[] = [];
  const statementFailures: string[] = [];
  try {
    if (args.only === 'profile') {
      for (const kind of args.dbs) {
        try {
          profiles.push(await runProfile(kind, { durationS: args.duration, concurrency: args.concurrency, quiet, log }, load));
        } catch (err) {
          log(`[profile/${kind}] failed: ${(err as Error).stack ?? String(err)}`);
          profileFailures.push(`${kind}: ${(err as Error).message}`);
        }
      }
    }
    if (args.only === 'statements') {
      for (const kind of args.dbs) {
        try {
          statements.push(await runStatements(kind, { quiet, log }));
        } catch (err) {
          log(`[statements/${kind}] failed: ${(err as Error).stack ?? String(err)}`);
          statementFailures.push(`${kind}: ${(err as Error).message}`);
        }
      }
    }
    if (args.only === 'whatif') {
      for (const kind of args.dbs) {
        try {
          whatifs.push(await runWhatIf(kind, { durationS: args.duration, warmupS: args.warmup, concurrency: args.concurrency, rounds: args.rounds, quiet, log }, load));
        } catch (err) {
          log(`[whatif/${kind}] failed: ${(err as Error).stack ?? String(err)}`);
          whatifFailures.push(`${kind}: ${(err as Error).message}`);
        }
      }
    }
    if (args.only === 'throughput' || args.only === 'all') {
      for (const kind of args.dbs) {
        try {
          throughput.push(await runThroughput(kind, { durationS: args.duration, warmupS: args.warmup, concurrency: args.concurrency, rounds: args.rounds, quiet, log }, load));
        } catch (err) {
          log(`[throughput/${kind}] failed: ${(err as Error).stack ?? String(err)}`);
          throughputFailures.push(`${kind}: ${(err as Error).message}`);
        }
      }
    }
    if (args.only === 'latency' || args.only === 'all') {
      try {
        latency = await runLatency({ queries: args.duration, rate: args.rate, quiet, log }, load);
      } catch (err) {
        log(`[latency] failed: ${(err as Error).stack ?? String(err)}`);
        latencyFailure = (err as Error).message;
      }
    }
  } finally {
    await load.close();
  }

  const versions = [...new Set([...throughput.map((t) => t.serverVersion), ...(latency ? [latency.serverVersion] : [])])];
  const date = started.toISOString().slice(0, 10);
  const doc: string[] = [];
  doc.push(`# Foundation benchmarks — ${date}`);
  doc.push('');
  doc.push(table([
    ['Machine', ''],
    ['CPU', `${m.cpu}, ${m.cores} cores`],
    ['Memory', `${m.memGiB} GiB`],
    ['OS', m.os],
    ['Node.js', m.node],
    ['PGlite', m.pglite],
    ['Databases', versions.join('; ') || '–'],
    ['Command', `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim()],
    ['Started', started.toISOString()],
  ], ['l', 'l']));
  doc.push('');
  doc.push('Load generator: bench/lib/loadgen-worker.mjs (node:http keep-alive, own worker thread, same process as the server). ' +
    'Server, PGlite worker and client share the machine\'s cores; absolute numbers are for this machine only, the ratios are the point.');
  if (args.only === 'throughput' || args.only === 'all') doc.push('', throughputSection(throughput, args, throughputFailures));
  if (args.only === 'latency' || args.only === 'all') doc.push('', latencySection(latency, args, latencyFailure));
  if (args.only === 'profile') doc.push('', profileSection(profiles, profileFailures));
  if (args.only === 'whatif') doc.push('', whatIfSection(whatifs, args, whatifFailures));
  if (args.only === 'statements') doc.push('', statementsSection(statements, statementFailures));
  const md = doc.join('\n') + '\n';
  process.stdout.write(`\n${md}`);

  if (args.write) {
    const dir = path.join(HERE, 'results');
    fs.mkdirSync(dir, { recursive: true });
    // A full run is the record (and the latest table); a partial one only adds a file of its own.
    const full = args.only === 'all' && args.dbs.length === 2;
    const name = full ? `${date}-foundation.md` : `${date}-${['profile', 'whatif', 'statements'].includes(args.only) ? args.only : `foundation-${args.only}`}-${args.dbs.join('-')}.md`;
    const file = path.join(dir, name);
    fs.writeFileSync(file, md);
    if (full) {
      const latest = `<!-- Written by bench/run.ts; the dated history is in bench/results/. -->\n# Latest benchmark results\n\n` +
        `From [results/${name}](results/${name}). How to read them: [README.md](README.md).\n\n` + md.replace(/^# .*\n\n/, '');
      fs.writeFileSync(path.join(HERE, 'RESULTS.md'), latest);
    }
    log(`\nwrote ${path.relative(process.cwd(), file)}${full ? ' and bench/RESULTS.md' : ' (a partial run leaves bench/RESULTS.md alone)'}`);
  }
  const failed = throughputFailures.length > 0 || latencyFailure !== null || profileFailures.length > 0 || whatifFailures.length > 0 || statementFailures.length > 0;
  process.exit(failed ? 1 : 0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
