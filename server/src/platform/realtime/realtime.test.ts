// The realtime platform (docs/decisions/0007-realtime-rooms.md): a WebSocket channel authenticated by the session
// cookie with the Origin checked, events kept in the database with a per-channel sequence, fan-out between server
// processes. On PostgreSQL two app instances share one database (as two server processes behind a proxy would) and
// a socket on one sees what was written through the other; on PGlite (one process by design) the in-process bus
// carries the same interface.
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, buildApp, txContext, type App } from '../http/app.js';
import { testCipher } from '../../testing/app.js';
import { testDatabase, testDbKind, asOwner } from '../../testing/db.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant } from '../../testing/factories.js';
import type { Database } from '../db/database.js';
import { Obj, Str, Uuid } from '../http/schema.js';
import { badField } from '../http/errors.js';
import { enableRealtime, liveRoute } from './live-route.js';
import { LiveClient } from './testing.js';
import type { HubSocket, ServerMessage } from './hub.js';

const Params = Obj({ id: Uuid });

/** A bare app with one live channel per id and a write route that appends to it (no domain involved). */
async function channelApp(database: Database): Promise<{ app: App; url: string }> {
  process.env.LOG_LEVEL = 'silent';
  const app = await buildApp({ database, cipher: testCipher(), secureCookies: false, version: 'test', webDist: null }, async (a) => {
    const { authRoutes } = await import('../auth/routes.js');
    await authRoutes(a);
    await enableRealtime(a, { sessionRecheckMs: 300, pingMs: 60_000 });
    liveRoute(a, {
      url: '/api/test-live/:id/live', permission: 'authenticated', params: Params, summary: 'test', tags: ['test'],
      authorize: async (req) => ({ tenantId: actorOf(req).tenantId, channel: `test:${(req.params as { id: string }).id}` }),
    });
    a.post('/api/test-live/:id', {
      config: { permission: 'authenticated' },
      schema: { params: Params, body: Obj({ text: Str(1, 100), fail: Type.Optional(Type.Boolean()) }) },
    }, async (req) => {
      const actor = actorOf(req);
      const seq = await a.realtime.withEvents(txContext(actor), async (_tx, emit) => {
        const s = await emit(`test:${req.params.id}`, 'note', { text: req.body.text });
        if (req.body.fail) throw badField('fail', { zh: '按要求失败', en: 'failed as asked' });
        return s;
      });
      return { seq };
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return { app, url: `ws://127.0.0.1:${addr.port}` };
}

let database: Database;
let a: { app: App; url: string };
/** The second server process: a second app on the same PostgreSQL database; on PGlite the same app. */
let b: { app: App; url: string };
let tenant: TestTenant;
let alice: Agent;
let bob: Agent;
let aliceId = '';
const twoProcesses = testDbKind() === 'postgresql';

beforeAll(async () => {
  database = await testDatabase();
  a = await channelApp(database);
  b = twoProcesses ? await channelApp(database) : a;
  tenant = await makeTenant({ database });
  const unit = await makeUnit({ database }, tenant.tenantId);
  const aliceUser = await makeUser({ database }, tenant.tenantId, { role: 'party_member', orgUnitId: unit.id, displayName: '甲' });
  aliceId = aliceUser.userId;
  alice = await loginActive(a.app, aliceUser);
  bob = await loginActive(a.app, await makeUser({ database }, tenant.tenantId, { role: 'party_member', orgUnitId: unit.id, displayName: '乙' }));
});

afterAll(async () => {
  await a?.app.close();
  if (twoProcesses) await b?.app.close();
  await database?.close();
});

const id = () => crypto.randomUUID();
const isEvent = (text: string) => (m: { t: string; data?: unknown }) => m.t === 'event' && (m.data as { text?: string }).text === text;

describe('the handshake', () => {
  it('refuses a socket without a session (401), from another site or without an Origin (403), with a bad resume point (400)', async () => {
    const room = id();
    await expect(LiveClient.open(`${a.url}/api/test-live/${room}/live`)).rejects.toThrow('status 401');
    await expect(LiveClient.open(`${a.url}/api/test-live/${room}/live`, { cookie: alice.cookie, origin: 'https://evil.example' })).rejects.toThrow('status 403');
    await expect(LiveClient.open(`${a.url}/api/test-live/${room}/live`, { cookie: alice.cookie, origin: null })).rejects.toThrow('status 403');
    await expect(LiveClient.open(`${a.url}/api/test-live/${room}/live?after=-1`, { cookie: alice.cookie })).rejects.toThrow('status 400');
    await expect(LiveClient.open(`${a.url}/api/test-live/not-a-uuid/live`, { cookie: alice.cookie })).rejects.toThrow('status 400');
  });

  it('declares its permission like every route (the deny-by-default walker sees it)', () => {
    expect(a.app.routeTable.find((r) => r.url === '/api/test-live/:id/live' && r.method === 'GET')?.permission).toBe('authenticated');
  });
});

describe('events', () => {
  it(`reach a socket on the other server process, in order, only once committed${twoProcesses ? '' : ' (one process on PGlite)'}`, async () => {
    const room = id();
    const onB = await LiveClient.open(`${b.url}/api/test-live/${room}/live`, { cookie: bob.cookie });
    await onB.waitFor((m) => m.t === 'ready');
    for (const text of ['一', '二', '三']) expect((await alice.post(`/api/test-live/${room}`, { text })).statusCode).toBe(200);
    expect((await alice.post(`/api/test-live/${room}`, { text: '回滚', fail: true })).statusCode).toBe(400);
    await alice.post(`/api/test-live/${room}`, { text: '四' });
    await onB.waitFor(isEvent('四'));
    const evs = onB.events();
    expect(evs.map((e) => (e.data as { text: string }).text)).toEqual(['一', '二', '三', '四']);
    expect(evs.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    // Another channel's events do not arrive.
    await alice.post(`/api/test-live/${id()}`, { text: '别处' });
    await alice.post(`/api/test-live/${room}`, { text: '五' });
    await onB.waitFor(isEvent('五'));
    expect(onB.events().some((e) => (e.data as { text: string }).text === '别处')).toBe(false);
    await onB.close();
  });

  it('replays from the database after the sequence a reconnecting client saw, then continues live', async () => {
    const room = id();
    for (const text of ['a', 'b', 'c', 'd']) await alice.post(`/api/test-live/${room}`, { text });
    const c = await LiveClient.open(`${b.url}/api/test-live/${room}/live?after=2`, { cookie: bob.cookie });
    const ready = await c.waitFor((m) => m.t === 'ready');
    expect(ready).toEqual({ t: 'ready', seq: 4 });
    expect(c.events().map((e) => e.seq)).toEqual([3, 4]);
    await alice.post(`/api/test-live/${room}`, { text: 'e' });
    await c.waitFor(isEvent('e'));
    expect(c.events().map((e) => e.seq)).toEqual([3, 4, 5]);
    await c.close();
  });

  it('skips no event for a socket that joins further behind while the channel is being read (a reconnect storm)', async () => {
    const room = id();
    for (const text of ['1', '2', '3', '4', '5']) await alice.post(`/api/test-live/${room}`, { text });
    const seen: Record<'ahead' | 'behind', number[]> = { ahead: [], behind: [] };
    const sock = (name: 'ahead' | 'behind', sentSeq: number): HubSocket => ({
      id: crypto.randomUUID(), tenantId: tenant.tenantId, channel: `test:${room}`, userId: aliceId, sentSeq,
      send(m) {
        const msg = (typeof m === 'string' ? JSON.parse(m) : m) as ServerMessage;
        if (msg.t === 'event') seen[name].push(msg.seq);
      },
    });
    const user = { userId: aliceId, personId: null, name: '甲' };
    const ahead = sock('ahead', 3);
    const behind = sock('behind', 0);
    // The second joins while the first one's read (after 3) is under way: it must get 1–5, not 4–5.
    await Promise.all([a.app.realtime.join(ahead, user), a.app.realtime.join(behind, user)]);
    expect(seen).toEqual({ ahead: [4, 5], behind: [1, 2, 3, 4, 5] });
    await a.app.realtime.leave(ahead);
    await a.app.realtime.leave(behind);
  });

  it('keeps other tenants out: a channel name is per tenant', async () => {
    const other = await makeTenant({ database });
    const ou = await makeUnit({ database }, other.tenantId);
    const eve = await loginActive(a.app, await makeUser({ database }, other.tenantId, { role: 'party_member', orgUnitId: ou.id }));
    const room = id();
    const c = await LiveClient.open(`${a.url}/api/test-live/${room}/live`, { cookie: eve.cookie });
    await c.waitFor((m) => m.t === 'ready');
    await alice.post(`/api/test-live/${room}`, { text: '本企业' });
    await eve.post(`/api/test-live/${room}`, { text: '他企业' });
    await c.waitFor(isEvent('他企业'));
    expect(c.events().map((e) => (e.data as { text: string }).text)).toEqual(['他企业']);
    await c.close();
  });

  it('answers the heartbeat and closes on a malformed message (4400)', async () => {
    const c = await LiveClient.open(`${a.url}/api/test-live/${id()}/live`, { cookie: alice.cookie });
    c.send({ t: 'ping' });
    await c.waitFor((m) => m.t === 'pong');
    c.ws.send('not json');
    await new Promise((r) => c.ws.once('close', r));
    expect(c.closedWith).toBe(4400);
  });
});

describe('presence and sessions', () => {
  it('shows who is connected across processes, and drops a user who leaves', async () => {
    const room = id();
    const ca = await LiveClient.open(`${a.url}/api/test-live/${room}/live`, { cookie: alice.cookie });
    const cb = await LiveClient.open(`${b.url}/api/test-live/${room}/live`, { cookie: bob.cookie });
    const names = (c: LiveClient) => {
      const set = new Map<string, string>();
      for (const m of c.messages) {
        if (m.t !== 'presence') continue;
        if (m.full) { set.clear(); for (const u of m.full) set.set(u.userId, u.name); }
        for (const u of m.add ?? []) set.set(u.userId, u.name);
        for (const r of m.remove ?? []) set.delete(r);
      }
      return [...set.values()].sort();
    };
    await expect.poll(() => names(ca), { timeout: 5000 }).toEqual(['乙', '甲']);
    await expect.poll(() => names(cb), { timeout: 5000 }).toEqual(['乙', '甲']);
    await cb.close();
    await expect.poll(() => names(ca), { timeout: 5000 }).toEqual(['甲']);
    const rows = await asOwner(database, (tx) => tx.selectFrom('realtime_presence').select('user_id').where('channel', '=', `test:${room}`).execute());
    expect(rows).toHaveLength(1);
    await ca.close();
  });

  it('closes a socket whose session ended (logout) with 4401', async () => {
    const carol = await loginActive(a.app, await makeUser({ database }, tenant.tenantId, { role: 'party_member' }));
    const c = await LiveClient.open(`${b.url}/api/test-live/${id()}/live`, { cookie: carol.cookie });
    await c.waitFor((m) => m.t === 'ready');
    expect((await carol.post('/api/auth/logout')).statusCode).toBe(200);
    await new Promise((r) => c.ws.once('close', r));
    expect(c.closedWith).toBe(4401);
  });
});
