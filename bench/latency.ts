import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import type { LoadGenerator } from './lib/loadgen.js';
import { openBenchDatabase, startApp } from './lib/setup.js';
import { summarize, type LatencySummary } from './lib/stats.js';
import { measureQuietly, type QuietOptions } from './lib/cpu.js';

export interface LatencyOptions {
  /** Long queries per scenario (each ≈ 1 s). */
  queries: number;
  /** Requests per second sent to the trivial route, on a fixed schedule. */
  rate: number;
  quiet: QuietOptions & { retries: number };
  log: (line: string) => void;
}

export interface LatencyRow {
  scenario: string;
  where: 'none' | 'worker' | 'main thread';
  route: string;
  query: string;
  /** Mean and count of the long queries that ran during the measurement. */
  queryMs: number;
  queriesRun: number;
  latency: LatencySummary;
  failed: number;
  /** Cores used by other processes during the measurement. */
  background: number;
}

export interface LatencyResult { serverVersion: string; cpuRows: number; rate: number; rows: LatencyRow[] }

/** Pause between two long queries, so a blocked server can drain its backlog (not counted). */
const GAP_MS = 200;
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Rows of generate_series whose sum takes about `targetMs` on this machine's PGlite.
 * The first runs are slow while V8 tiers the WebAssembly up, so warm up first, then take medians.
 */
async function calibrate(run: (text: string) => Promise<void>, targetMs: number): Promise<number> {
  const timeOf = async (n: number) => {
    const t = performance.now();
    await run(`select sum(i) from generate_series(1, ${n}) i`);
    return performance.now() - t;
  };
  await warmUp(run);
  let n = 2_000_000;
  for (let i = 0; i < 4; i++) {
    const times = [await timeOf(n), await timeOf(n), await timeOf(n)].sort((a, b) => a - b);
    const took = times[1]!;
    if (Math.abs(took - targetMs) < targetMs * 0.05) break;
    n = Math.max(10_000, Math.round((n * targetMs) / Math.max(1, took)));
  }
  return n;
}

/** Runs the long queries a few times so V8 has tiered PGlite's WebAssembly up before measuring. */
async function warmUp(run: (text: string) => Promise<void>): Promise<void> {
  for (let i = 0; i < 5; i++) await run('select sum(i) from generate_series(1, 1000000) i');
  await run('select pg_sleep(0.1)');
}

/**
 * Benchmark 2: latency of GET /api/health (no database) sent at a steady rate while 1-second queries
 * run back to back, (a) on the application's PGlite worker thread through its connection pool and
 * (b) on a PGlite instance inside the server's own thread, as the application would have it without
 * the worker. Only requests scheduled while a long query was running are counted.
 */
export async function runLatency(opts: LatencyOptions, load: LoadGenerator): Promise<LatencyResult> {
  opts.log('[latency] starting the app on PGlite (worker thread)');
  const bdb = await openBenchDatabase('pglite', { seed: false });
  const servers: { close(): Promise<unknown> }[] = [];
  try {
    const { app, baseUrl } = await startApp(bdb.database);
    servers.push(app);
    const sleepSql = 'select pg_sleep(1)';
    const onWorker = async (text: string) => { await sql.raw(text).execute(bdb.database.db); };
    // Warm the route and the client's connections.
    await load.open({ url: `${baseUrl}/api/health`, rate: opts.rate, durationMs: 1000 });

    const scenario = async (name: string, where: LatencyRow['where'], route: string, queryLabel: string, runQuery: ((text: string) => Promise<void>) | null, text: string): Promise<LatencyRow> => {
      const { value: { intervals, during, failed }, background } = await measureQuietly(async () => {
        const windowMs = runQuery ? opts.queries * (1300 + GAP_MS) + 1500 : opts.queries * 1000;
        const loadDone = load.open({ url: baseUrl + route, rate: opts.rate, durationMs: windowMs });
        const intervals: [number, number][] = [];
        if (runQuery) {
          const stopBy = epochNow() + windowMs - 1200;
          await new Promise((r) => setTimeout(r, 300));
          for (let i = 0; i < opts.queries && epochNow() < stopBy; i++) {
            const t0 = epochNow();
            await runQuery(text);
            intervals.push([t0, epochNow()]);
            // A pause between two queries, as between two requests that each start one. Back to back, a
            // main-thread query would start again before the event loop polls the sockets, and the
            // backlog of one query would spill into the next; requests sent in the pause are not counted.
            await new Promise((r) => setTimeout(r, GAP_MS));
          }
        }
        const res = await loadDone;
        const during: number[] = [];
        for (let i = 0; i < res.latencies.length; i++) {
          const at = res.sentAt[i]!;
          if (!runQuery || intervals.some(([a, b]) => at >= a && at < b)) during.push(res.latencies[i]!);
        }
        return { intervals, during, failed: res.errors + res.non2xx };
      }, opts.quiet);
      const row: LatencyRow = {
        scenario: name, where, route, query: queryLabel,
        queryMs: intervals.length ? intervals.reduce((n, [a, b]) => n + (b - a), 0) / intervals.length : Number.NaN,
        queriesRun: intervals.length, latency: summarize(during), failed, background,
      };
      opts.log(`[latency] ${name}: n=${row.latency.n} p50=${row.latency.p50.toFixed(2)} p99=${row.latency.p99.toFixed(2)} max=${row.latency.max.toFixed(1)} ms` +
        (runQuery ? ` (${row.queriesRun} queries, ${row.queryMs.toFixed(0)} ms each)` : '') + ` [other processes: ${background.toFixed(2)} cores]`);
      return row;
    };

    const rows: LatencyRow[] = [];
    rows.push(await scenario('no long query (baseline)', 'none', '/api/health', '–', null, ''));
    opts.log('[latency] calibrating a CPU-bound query to about 1 s on the worker');
    const cpuRows = await calibrate(onWorker, 1000);
    const cpuSql = `select sum(i) from generate_series(1, ${cpuRows}) i`;
    const cpuLabel = `sum over generate_series (${cpuRows.toLocaleString('en-US')} rows)`;
    rows.push(await scenario('worker + pg_sleep(1)', 'worker', '/api/health', 'pg_sleep(1)', onWorker, sleepSql));
    rows.push(await scenario('worker + CPU-bound query', 'worker', '/api/health', cpuLabel, onWorker, cpuSql));
    // For contrast: a route that needs the database waits for the pool's one connection.
    rows.push(await scenario('worker + CPU-bound query, route touches the database', 'worker', '/api/health/ready', cpuLabel, onWorker, cpuSql));
    // Last, so its WebAssembly compilation cannot disturb the rows above: PGlite in the server's thread.
    const inProcess = await PGlite.create();
    servers.push(inProcess);
    const onMain = async (text: string) => { await inProcess.query(text); };
    await warmUp(onMain);
    rows.push(await scenario('main thread + pg_sleep(1)', 'main thread', '/api/health', 'pg_sleep(1)', onMain, sleepSql));
    rows.push(await scenario('main thread + CPU-bound query', 'main thread', '/api/health', cpuLabel, onMain, cpuSql));
    return { serverVersion: bdb.serverVersion, cpuRows, rate: opts.rate, rows };
  } finally {
    for (const server of servers.reverse()) await server.close();
    await bdb.close();
  }
}
