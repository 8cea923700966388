import { Session } from 'node:inspector/promises';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import type { TxContext } from '../server/src/platform/db/tenancy.js';
import { startBareApp } from './lib/bare.js';
import type { LoadGenerator } from './lib/loadgen.js';
import { openBenchDatabase, signIn, startApp } from './lib/setup.js';
import { measureQuietly, type QuietOptions } from './lib/cpu.js';
import { ROUTE_KEYS, type RouteKey } from './throughput.js';

export interface ProfileOptions { durationS: number; concurrency: number; quiet: QuietOptions & { retries: number }; log: (line: string) => void }

/** Main-thread CPU of one route under load, by where the code lives, in µs per request. */
export interface RouteProfile {
  requests: number;
  /** Busy main-thread µs per request (everything but idle). */
  busyUsPerRequest: number;
  byGroup: { group: string; usPerRequest: number }[];
  topFunctions: { fn: string; usPerRequest: number }[];
}

export interface ProfileResult { kind: DatabaseKind; routes: Record<RouteKey, RouteProfile>; background: number[] }

interface CpuProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: CpuProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Where a frame's code lives: a package, the server's own code, the benchmark, or Node itself. */
function groupOf(url: string, fn: string): string {
  // Native frames by name: on loopback, writev carries the kernel's TCP work for every write.
  if (!url) return fn.startsWith('(') ? fn : `native ${fn}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node (http, net, streams, ...)';
  const m = /\/server\/src\/(.*)$/.exec(url);
  if (m) return `server/src/${m[1]!.split('/').slice(0, -1).join('/') || m[1]}`;
  if (url.includes('/bench/')) return 'bench (bare route)';
  return url;
}

function summarize(profile: CpuProfile, requests: number): RouteProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const groups = new Map<string, number>();
  const fns = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') continue;
    busy += us;
    const g = groupOf(f.url, f.functionName);
    groups.set(g, (groups.get(g) ?? 0) + us);
    const file = f.url ? f.url.replace(/^.*node_modules\//, '').replace(/^.*\/(server|bench)\//, '$1/').replace(/^file:\/\//, '') : '';
    const key = `${f.functionName || '(anonymous)'} ${file ? `(${file}:${f.lineNumber + 1})` : ''}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const per = (us: number) => us / Math.max(1, requests);
  return {
    requests,
    busyUsPerRequest: per(busy),
    byGroup: [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([group, us]) => ({ group, usPerRequest: per(us) })),
    topFunctions: [...fns.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([fn, us]) => ({ fn, usPerRequest: per(us) })),
  };
}

/**
 * Diagnostic (`--only=profile`): a CPU profile of the server's main thread (node:inspector, 100 µs
 * sampling) while each route of benchmark 1 is under the same closed-loop load. Profiling slows the
 * code down, so compare the routes with each other, not with the throughput table.
 */
export async function runProfile(kind: DatabaseKind, opts: ProfileOptions, load: LoadGenerator): Promise<ProfileResult> {
  opts.log(`[profile/${kind}] creating and seeding the database`);
  const bdb = await openBenchDatabase(kind);
  const servers: { close(): Promise<unknown> }[] = [];
  const session = new Session();
  session.connect();
  try {
    const { app, baseUrl } = await startApp(bdb.database);
    servers.push(app);
    const s = await signIn(baseUrl, 'zhibu', 'branch_secretary');
    const ctx: TxContext = { tenantId: s.tenantId, actorId: s.userId, actorName: s.displayName, sourceIp: '127.0.0.1', platform: false };
    const bare = await startBareApp(bdb.database.db, ctx);
    servers.push(bare.app);
    const q = '?page=1&pageSize=20';
    const urls: Record<RouteKey, string> = {
      authorized: `${baseUrl}/api/org/units/${s.unitId}/members${q}`,
      session: `${bare.baseUrl}/bare-session/units/${s.unitId}/members${q}`,
      bare: `${bare.baseUrl}/bare/units/${s.unitId}/members${q}`,
    };
    const headers = { cookie: s.cookie };
    for (const k of ROUTE_KEYS) await load.closed({ url: urls[k], headers, concurrency: opts.concurrency, durationMs: 2000 });
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    const routes = {} as Record<RouteKey, RouteProfile>;
    const background: number[] = [];
    for (const k of ROUTE_KEYS) {
      const { value: { res, profile }, background: bg } = await measureQuietly(async () => {
        await session.post('Profiler.start');
        const res = await load.closed({ url: urls[k], headers, concurrency: opts.concurrency, durationMs: opts.durationS * 1000 });
        const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
        return { res, profile };
      }, { ...opts.quiet, pgDatabase: bdb.pgDatabaseName });
      background.push(bg);
      routes[k] = summarize(profile, res.ok);
      opts.log(`[profile/${kind}] ${k}: ${res.ok} requests, ${routes[k].busyUsPerRequest.toFixed(0)} µs of main-thread CPU per request`);
    }
    return { kind, routes, background };
  } finally {
    session.disconnect();
    for (const server of servers.reverse()) await server.close();
    await bdb.close();
  }
}
