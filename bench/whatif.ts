import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { APP_ROLE } from '../server/src/platform/db/database.js';
import type { DB } from '../server/src/platform/db/schema.js';
import type { TxContext } from '../server/src/platform/db/tenancy.js';
import { resolveSession, SESSION_COOKIE } from '../server/src/platform/auth/sessions.js';
import { sha256 } from '../server/src/platform/crypto/hash.js';
import { bareListMembers, memberPage } from './lib/bare.js';
import type { LoadGenerator, LoadResult } from './lib/loadgen.js';
import { openBenchDatabase, signIn, startApp } from './lib/setup.js';
import { concat, summarize, type LatencySummary } from './lib/stats.js';
import { loadNote, measureQuietly, type LoadNote, type QuietOptions } from './lib/cpu.js';

export interface WhatIfOptions { durationS: number; warmupS: number; concurrency: number; rounds: number; quiet: QuietOptions & { retries: number }; log: (line: string) => void }

export const VARIANTS = {
  authorized: 'the application route (reference)',
  session: 'bare + resolveSession (as today: its own round trip before the transaction)',
  sessionHelmet: 'bare + resolveSession + @fastify/helmet (the app\'s options)',
  sessionInTx: 'bare + session resolved inside the transaction, in the statement that sets the RLS context',
  bare: 'bare (floor)',
} as const;
export type Variant = keyof typeof VARIANTS;
const KEYS = Object.keys(VARIANTS) as Variant[];

export interface WhatIfResult {
  kind: DatabaseKind;
  rows: { variant: Variant; rps: number; runs: number[]; latency: LatencySummary }[];
  background: LoadNote;
}

/**
 * Diagnostic (`--only=whatif`): variants of the bare route that each add or change one thing, measured
 * side by side like benchmark 1, to put numbers on the suggestions in bench/README.md "Findings".
 * Nothing here changes the application; the variants are built beside it.
 */
export async function runWhatIf(kind: DatabaseKind, opts: WhatIfOptions, load: LoadGenerator): Promise<WhatIfResult> {
  opts.log(`[whatif/${kind}] creating and seeding the database`);
  const bdb = await openBenchDatabase(kind);
  const servers: { close(): Promise<unknown> }[] = [];
  try {
    const { app, baseUrl } = await startApp(bdb.database);
    servers.push(app);
    const s = await signIn(baseUrl, 'zhibu', 'branch_secretary');
    const ctx: TxContext = { tenantId: s.tenantId, actorId: s.userId, actorName: s.displayName, sourceIp: '127.0.0.1', platform: false };
    const db = bdb.database.db;
    const plain = await variantServer(db, ctx, false);
    const withHelmet = await variantServer(db, ctx, true);
    servers.push(plain.app, withHelmet.app);
    const q = `/units/${s.unitId}/members?page=1&pageSize=20`;
    const urls: Record<Variant, string> = {
      authorized: `${baseUrl}/api/org${q}`,
      session: `${plain.baseUrl}/session${q}`,
      sessionHelmet: `${withHelmet.baseUrl}/session${q}`,
      sessionInTx: `${plain.baseUrl}/session-in-tx${q}`,
      bare: `${plain.baseUrl}/bare${q}`,
    };
    const headers = { cookie: s.cookie };
    for (const k of KEYS) {
      const res = await fetch(urls[k], { headers });
      if (!res.ok) throw new Error(`${k} answered ${res.status}: ${await res.text()}`);
    }
    const run = (k: Variant, seconds: number) => load.closed({ url: urls[k], headers, concurrency: opts.concurrency, durationMs: seconds * 1000 });
    for (const k of KEYS) await run(k, opts.warmupS);
    const results = Object.fromEntries(KEYS.map((k) => [k, [] as LoadResult[]])) as Record<Variant, LoadResult[]>;
    const background: number[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      for (const k of r % 2 === 0 ? KEYS : [...KEYS].reverse()) {
        const { value: res, background: bg } = await measureQuietly(() => run(k, opts.durationS), { ...opts.quiet, pgDatabase: bdb.pgDatabaseName });
        background.push(bg);
        results[k].push(res);
        opts.log(`[whatif/${kind}] round ${r + 1}/${opts.rounds} ${k.padEnd(13)} ${(res.ok / (res.elapsedMs / 1000)).toFixed(0)} req/s [other processes: ${background[background.length - 1]!.toFixed(2)} cores]`);
      }
    }
    return {
      kind,
      rows: KEYS.map((variant) => {
        const rs = results[variant];
        const ok = rs.reduce((n, x) => n + x.ok, 0);
        const elapsed = rs.reduce((n, x) => n + x.elapsedMs, 0) / 1000;
        return { variant, rps: ok / elapsed, runs: rs.map((x) => x.ok / (x.elapsedMs / 1000)), latency: summarize(concat(rs.map((x) => x.latencies))) };
      }),
      background: loadNote(background),
    };
  } finally {
    for (const server of servers.reverse()) await server.close();
    await bdb.close();
  }
}

async function variantServer(db: Kysely<DB>, ctx: TxContext, withHelmet: boolean): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = Fastify({ logger: false });
  if (withHelmet) {
    await app.register(helmet, {
      contentSecurityPolicy: { directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null } },
      hsts: false,
    });
  }
  const cookieRe = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`);
  const tokenOf = (cookie: string | undefined) => cookieRe.exec(cookie ?? '')?.[1];
  type Req = { params: unknown; query: unknown; headers: { cookie?: string | undefined } };
  const page = (req: Req) => [(req.params as { id: string }).id, req.query as { page?: string; pageSize?: string }] as const;

  app.get('/bare/units/:id/members', async (req) => bareListMembers(db, ctx, ...page(req)));
  app.get('/session/units/:id/members', async (req, reply) => {
    const token = tokenOf(req.headers.cookie);
    const r = token ? await resolveSession(db, token) : null;
    if (!r?.state) return reply.status(401).send({ error: 'unauthorized' });
    return bareListMembers(db, ctx, ...page(req));
  });
  // One round trip fewer: the transaction's first statement resolves the session and sets the
  // row-level-security context from it (role, tenant, actor), so no separate lookup runs before it.
  app.get('/session-in-tx/units/:id/members', async (req, reply) => {
    const token = tokenOf(req.headers.cookie);
    if (!token) return reply.status(401).send({ error: 'unauthorized' });
    const out = await db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ s: { tenantId: string; userId: string } | null }>`with r as (select zg_auth_session(${sha256(token)}) as s)
        select r.s, set_config('role', ${APP_ROLE}, true), set_config('zg.tenant_id', coalesce(r.s->>'tenantId', ${ctx.tenantId}), true),
          set_config('zg.platform', 'off', true), set_config('zg.actor_id', coalesce(r.s->>'userId', ''), true) from r`.execute(tx);
      if (!rows[0]?.s) return null;
      return memberPage(tx, ...page(req));
    });
    return out ?? reply.status(401).send({ error: 'unauthorized' });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}
