import { sql } from 'kysely';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { resolveSession } from '../server/src/platform/auth/sessions.js';
import type { TxContext } from '../server/src/platform/db/tenancy.js';
import { bareListMembers, startBareApp } from './lib/bare.js';
import type { LoadGenerator, LoadResult } from './lib/loadgen.js';
import { openBenchDatabase, signIn, startApp } from './lib/setup.js';
import { concat, summarize, type LatencySummary } from './lib/stats.js';
import { loadNote, measureQuietly, type LoadNote, type QuietOptions } from './lib/cpu.js';

export interface ThroughputOptions {
  /** Seconds of each measured run. */
  durationS: number;
  warmupS: number;
  concurrency: number;
  /** Rounds of runs of every route; the order reverses every round (A S B, B S A, ...). */
  rounds: number;
  quiet: QuietOptions & { retries: number };
  log: (line: string) => void;
}

export type RouteKey = 'authorized' | 'session' | 'bare';
export const ROUTE_KEYS: readonly RouteKey[] = ['authorized', 'session', 'bare'];

export interface RouteResult {
  rps: number;
  /** Requests per second of each measured run, in run order. */
  runs: number[];
  latency: LatencySummary;
  bytesPerResponse: number;
  failed: number;
}

/** One request at a time through the pool: what each part costs the database connection. */
export interface SerialCosts {
  /** `select 1`: the round trip floor. */
  roundTripMs: number;
  /** resolveSession: the one statement an authorized request adds. */
  sessionMs: number;
  /** The listMembers transaction (BEGIN, set_config, unit, count, page, COMMIT). */
  transactionMs: number;
  iterations: number;
}

export interface ThroughputResult {
  kind: DatabaseKind;
  serverVersion: string;
  poolSize: string;
  unitMembers: number;
  routes: Record<RouteKey, RouteResult>;
  /** authorized rps / bare rps. */
  ratio: number;
  serial: SerialCosts;
  /** Cores used by other processes during each measured run. */
  background: LoadNote;
}

export const ROUTES: Record<RouteKey, { label: string; path: string }> = {
  authorized: { label: 'authorized (whole app)', path: 'GET /api/org/units/:id/members?page=1&pageSize=20' },
  session: { label: 'bare + session lookup (diagnostic)', path: 'GET /bare-session/units/:id/members?page=1&pageSize=20' },
  bare: { label: 'bare', path: 'GET /bare/units/:id/members?page=1&pageSize=20' },
};

/**
 * Benchmark 1: the authorized read route through the whole stack against the bare route running the
 * same SQL in the same kind of RLS transaction, driven alternately by the same closed-loop client.
 */
export async function runThroughput(kind: DatabaseKind, opts: ThroughputOptions, load: LoadGenerator): Promise<ThroughputResult> {
  opts.log(`[throughput/${kind}] creating and seeding the database`);
  const bdb = await openBenchDatabase(kind);
  const servers: { close(): Promise<unknown> }[] = [];
  try {
    const { app, baseUrl } = await startApp(bdb.database);
    servers.push(app);
    opts.log(`[throughput/${kind}] signing in as the branch secretary (zhibu) over HTTP`);
    const s = await signIn(baseUrl, 'zhibu', 'branch_secretary');
    const ctx: TxContext = { tenantId: s.tenantId, actorId: s.userId, actorName: s.displayName, sourceIp: '127.0.0.1', platform: false };
    const bare = await startBareApp(bdb.database.db, ctx);
    servers.push(bare.app);
    const query = '?page=1&pageSize=20';
    const urls: Record<RouteKey, string> = {
      authorized: `${baseUrl}/api/org/units/${s.unitId}/members${query}`,
      session: `${bare.baseUrl}/bare-session/units/${s.unitId}/members${query}`,
      bare: `${bare.baseUrl}/bare/units/${s.unitId}/members${query}`,
    };
    const headers = { cookie: s.cookie };

    // Every route must answer the same page, or the comparison means nothing.
    const pages = await Promise.all(ROUTE_KEYS.map(async (k) => {
      const res = await fetch(urls[k], { headers });
      if (!res.ok) throw new Error(`${k} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { total: number; items: { id: string }[] };
    }));
    const first = pages[0]!;
    pages.forEach((p, i) => {
      if (p.total !== first.total || JSON.stringify(p.items.map((x) => x.id)) !== JSON.stringify(first.items.map((x) => x.id))) {
        throw new Error(`the ${ROUTE_KEYS[i]} route answers another page than the authorized one: bench/lib/bare.ts is out of step with listMembers`);
      }
    });
    if (first.items.length === 0) throw new Error('the unit has no members; nothing to measure');

    const run = (k: RouteKey, durationS: number) => load.closed({ url: urls[k], headers, concurrency: opts.concurrency, durationMs: durationS * 1000 });

    opts.log(`[throughput/${kind}] warm-up ${opts.warmupS} s per route`);
    for (const k of ROUTE_KEYS) await run(k, opts.warmupS);

    const results: Record<RouteKey, LoadResult[]> = { authorized: [], session: [], bare: [] };
    const background: number[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      const order = r % 2 === 0 ? [...ROUTE_KEYS] : [...ROUTE_KEYS].reverse();
      for (const k of order) {
        const { value: res, background: bg } = await measureQuietly(() => run(k, opts.durationS), { ...opts.quiet, pgDatabase: bdb.pgDatabaseName });
        background.push(bg);
        results[k].push(res);
        opts.log(`[throughput/${kind}] round ${r + 1}/${opts.rounds} ${k.padEnd(10)} ${(res.ok / (res.elapsedMs / 1000)).toFixed(0)} req/s` +
          (res.errors + res.non2xx ? ` (${res.errors} errors, ${res.non2xx} non-2xx)` : '') +
          ` [other processes: ${background[background.length - 1]!.toFixed(2)} cores]`);
      }
    }
    const summarizeRoute = (rs: LoadResult[]): RouteResult => {
      const ok = rs.reduce((n, r) => n + r.ok, 0);
      const elapsed = rs.reduce((n, r) => n + r.elapsedMs, 0) / 1000;
      return {
        rps: ok / elapsed,
        runs: rs.map((r) => r.ok / (r.elapsedMs / 1000)),
        latency: summarize(concat(rs.map((r) => r.latencies))),
        bytesPerResponse: rs.reduce((n, r) => n + r.bytes, 0) / Math.max(1, ok),
        failed: rs.reduce((n, r) => n + r.errors + r.non2xx, 0),
      };
    };
    const routes = { authorized: summarizeRoute(results.authorized), session: summarizeRoute(results.session), bare: summarizeRoute(results.bare) };

    opts.log(`[throughput/${kind}] serial cost of each part (one request at a time)`);
    const token = /zg_sid=([^;]+)/.exec(s.cookie)?.[1] ?? '';
    const serial = await serialCosts(
      () => sql`select 1`.execute(bdb.database.db),
      () => resolveSession(bdb.database.db, token),
      () => bareListMembers(bdb.database.db, ctx, s.unitId, { page: '1', pageSize: '20' }),
    );
    return {
      kind, serverVersion: bdb.serverVersion, poolSize: kind === 'pglite' ? '1' : '10',
      unitMembers: first.total, routes, ratio: routes.authorized.rps / routes.bare.rps, serial, background: loadNote(background),
    };
  } finally {
    for (const server of servers.reverse()) await server.close();
    await bdb.close();
  }
}

/** Median of 5 batches of 200 sequential calls each, per part. */
async function serialCosts(roundTrip: () => Promise<unknown>, session: () => Promise<unknown>, transaction: () => Promise<unknown>): Promise<SerialCosts> {
  const iterations = 200;
  const time = async (fn: () => Promise<unknown>) => {
    const batches: number[] = [];
    for (let b = 0; b < 5; b++) {
      const t = performance.now();
      for (let i = 0; i < iterations; i++) await fn();
      batches.push((performance.now() - t) / iterations);
    }
    return batches.sort((a, c) => a - c)[2]!;
  };
  for (let i = 0; i < 100; i++) { await roundTrip(); await session(); await transaction(); }
  return { roundTripMs: await time(roundTrip), sessionMs: await time(session), transactionMs: await time(transaction), iterations: iterations * 5 };
}
