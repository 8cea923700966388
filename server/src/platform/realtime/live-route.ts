/**
 * A live channel over WebSocket, registered like any route: the permission is declared in `config.permission` (the
 * deny-by-default walker sees it, and the app's onRequest hook resolves the session cookie and checks it before the
 * upgrade), the Origin must be this site (a WebSocket handshake carries no CSRF token, and browsers send cookies on
 * cross-site handshakes unless SameSite stops them), and the module's `authorize` names the channel, or refuses with
 * the usual 404. Writes do not travel over the socket: they are ordinary validated, CSRF-checked, audited HTTP routes;
 * the socket only carries the channel's events, presence, and a heartbeat.
 *
 * Protocol (JSON text frames). Client → server: {"t":"ping"}. Server → client: {"t":"event",seq,type,data,at} in
 * sequence order, {"t":"ready",seq} once the replay after `?after=` is sent, {"t":"presence",full|add|remove},
 * {"t":"pong"}. Close codes: 4401 the session ended, 4400 a malformed message, 4408 too slow to keep up (reconnect and
 * resume). A client resumes by reconnecting with `?after=<last seq it saw>`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { TSchema } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app.js';
import type { RouteAccess } from '../access/permissions.js';
import { crossSiteRefused, sameOrigin } from '../http/origin.js';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.js';
import { busFor } from './bus.js';
import { RealtimeHub, type HubSocket, type PresentUser, type ServerMessage } from './hub.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's realtime hub (platform/realtime); present once `enableRealtime` ran. */
    realtime: RealtimeHub;
    realtimeTiming: RealtimeTiming;
  }
}

export interface RealtimeTiming {
  /** Protocol pings find dead peers; a peer that missed one is dropped (its client reconnects and resumes). */
  pingMs: number;
  /** How often a socket's session is checked again (logout, password change, idle end or a disabled account close it). */
  sessionRecheckMs: number;
}
const DEFAULT_TIMING: RealtimeTiming = { pingMs: 25_000, sessionRecheckMs: 60_000 };
/** A client this far behind (bytes queued) is dropped rather than letting the server's memory grow. */
const MAX_BUFFERED = 4 * 1024 * 1024;

export interface LiveChannel { tenantId: string; channel: string }

export interface LiveRouteOptions<P extends TSchema> {
  url: string;
  permission: RouteAccess;
  params: P;
  summary: string;
  tags: string[];
  /** The channel the signed-in actor may follow, or an AppError (404 for a record out of scope). */
  authorize(req: FastifyRequest): Promise<LiveChannel>;
}

/** Registers the WebSocket plugin and this process's hub (bus by database kind). Call once, before live routes. */
export async function enableRealtime(app: App, timing: Partial<RealtimeTiming> = {}): Promise<void> {
  if (app.hasDecorator('realtime')) return;
  await app.register(websocket, { options: { maxPayload: 4096 } });
  // The plugin hides WebSocket routes from the OpenAPI document; ours stay listed (with their permission) like any route.
  app.addHook('onRoute', (route) => {
    if ((route as { websocket?: boolean }).websocket && route.schema) route.schema.hide = false;
  });
  app.decorate('realtimeTiming', { ...DEFAULT_TIMING, ...timing });
  const hub = new RealtimeHub(app.deps.database.db, busFor(app.deps.database, (m, e) => app.log.warn({ err: e }, m)), (m, e) => app.log.warn({ err: e }, m));
  app.decorate('realtime', hub);
  app.addHook('onReady', async () => { await hub.start(); });
  // A refused handshake (401 from the session check, which runs before the plugin marks the request as a WebSocket
  // one) is answered over HTTP; its socket then has to be closed here, or it stays open and holds the server's close.
  app.addHook('onResponse', async (req) => {
    if (req.raw.headers.upgrade?.toLowerCase() === 'websocket') req.raw.socket.destroy();
  });
  app.addHook('preClose', async () => {
    for (const c of app.websocketServer.clients) c.terminate();
  });
  app.addHook('onClose', async () => { await hub.close(); });
}

const AfterQuery = Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_007_199_254_740_991 })) }, { additionalProperties: false });

export function liveRoute<P extends TSchema>(app: App, opts: LiveRouteOptions<P>): void {
  app.get(opts.url, {
    websocket: true,
    config: { permission: opts.permission },
    schema: { tags: opts.tags, summary: opts.summary, params: opts.params, querystring: AfterQuery },
    // Before the upgrade, so a refusal is an HTTP answer (403/404), not an opened-then-closed socket.
    preHandler: async (req) => {
      if (!sameOrigin(req, { required: true })) throw crossSiteRefused();
      (req as FastifyRequest & { liveChannel?: LiveChannel }).liveChannel = await opts.authorize(req);
    },
  }, (socket: WebSocket, req: FastifyRequest) => {
    const channel = (req as FastifyRequest & { liveChannel?: LiveChannel }).liveChannel;
    const auth = req.auth;
    if (!channel || !auth) { socket.close(1011); return; }
    const token = req.cookies[SESSION_COOKIE] ?? '';
    const after = (req.query as { after?: number }).after ?? 0;
    const hub = app.realtime;
    const sock: HubSocket = {
      id: randomUUID(), tenantId: channel.tenantId, channel: channel.channel, userId: auth.userId, sentSeq: after,
      send(message: ServerMessage | string) {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED) { socket.close(4408, 'too slow'); return; }
        socket.send(typeof message === 'string' ? message : JSON.stringify(message));
      },
    };
    const user: PresentUser = { userId: auth.userId, personId: auth.personId, name: auth.displayName };
    let alive = true;
    let joined: Promise<void> | null = null;
    const ping = setInterval(() => {
      if (!alive) { socket.terminate(); return; }
      alive = false;
      socket.ping();
    }, app.realtimeTiming.pingMs);
    const recheck = setInterval(() => {
      resolveSession(app.deps.database.db, token).then((r) => {
        if (!r.state || r.state.userId !== auth.userId || r.state.stage !== 'active') socket.close(4401, 'session ended');
      }, () => undefined);
    }, app.realtimeTiming.sessionRecheckMs * (1 + Math.random() / 6));
    socket.on('pong', () => { alive = true; });
    socket.on('message', (raw, isBinary) => {
      alive = true;
      let msg: { t?: unknown } | null = null;
      try { msg = isBinary ? null : (JSON.parse(raw.toString()) as { t?: unknown }); } catch { msg = null; }
      if (!msg || typeof msg !== 'object') { socket.close(4400, 'bad message'); return; }
      if (msg.t === 'ping') sock.send({ t: 'pong' });
    });
    socket.on('close', () => {
      clearInterval(ping);
      clearInterval(recheck);
      // Leave after the join finished, so a quick disconnect does not leave a presence row behind.
      void (joined ?? Promise.resolve()).then(() => hub.leave(sock)).catch((err: unknown) => app.log.warn({ err }, 'realtime leave failed'));
    });
    socket.on('error', () => socket.terminate());
    joined = hub.join(sock, user).catch((err: unknown) => {
      app.log.warn({ err }, 'realtime join failed');
      socket.close(1011);
    });
  });
}
