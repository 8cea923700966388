// Sessions under ../shared/domain/RULES.md §7 (等保 2.0 L3 "automatic logout when idle"): an idle session ends, logout
// revokes server-side, and every write needs the session's CSRF token.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../crypto/hash.js';
import { asOwner, rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type Res, type TestUser } from '../../testing/factories.js';

let t: TestApp;
let member: TestUser;
let sysUser: TestUser;

beforeAll(async () => {
  t = await testApp();
  const tenant = await makeTenant(t);
  const root = await makeUnit(t, tenant.tenantId);
  member = await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id });
  sysUser = await makeUser(t, tenant.tenantId, { role: 'sys_admin' });
});

afterAll(async () => {
  await t?.close();
});

const error = (res: Res) => res.json<{ error: string }>().error;
const sessionIdOf = (a: Agent) => sha256(a.cookie.replace(/^zg_sid=/, ''));

async function setLastSeen(a: Agent, minutesAgo: number): Promise<void> {
  await asOwner(t.database, (tx) =>
    sql`update sessions set last_seen_at = now() - make_interval(mins => ${minutesAgo}) where id = ${sessionIdOf(a)}`.execute(tx));
}

describe('idle sessions end (RULES.md §7; default 30 minutes)', () => {
  it('keeps a session idle for 29 minutes, ends one idle for 31 with 401 session_idle', async () => {
    const a = await loginActive(t.app, member);
    await setLastSeen(a, 29);
    expect((await a.get('/api/auth/session')).statusCode).toBe(200);

    await setLastSeen(a, 31);
    const res = await a.get('/api/auth/session');
    expect(res.statusCode).toBe(401);
    expect(error(res)).toBe('session_idle');
    const row = await asOwner(t.database, (tx) => tx.selectFrom('sessions').select('revoked_at').where('id', '=', sessionIdOf(a)).executeTakeFirstOrThrow());
    expect(row.revoked_at).not.toBeNull();
    // Ended for good: the next request is plainly unauthenticated.
    const next = await a.get('/api/org/tree');
    expect(next.statusCode).toBe(401);
    expect(error(next)).toBe('unauthorized');
  });
});

describe('logout', () => {
  it('revokes the session on the server, not only the cookie', async () => {
    const a = await loginActive(t.app, member);
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    const row = await asOwner(t.database, (tx) => tx.selectFrom('sessions').select('revoked_at').where('id', '=', sessionIdOf(a)).executeTakeFirstOrThrow());
    expect(row.revoked_at).not.toBeNull();
    // Replaying the old cookie gets nowhere.
    expect((await a.get('/api/auth/session')).statusCode).toBe(401);
    expect((await a.get('/api/org/tree')).statusCode).toBe(401);
  });

  it('needs the CSRF token like any other write', async () => {
    const a = await loginActive(t.app, member);
    const res = await a.inject({ method: 'POST', url: '/api/auth/logout', csrf: false });
    expect(res.statusCode).toBe(403);
    expect(error(res)).toBe('csrf');
    expect((await a.get('/api/auth/session')).statusCode).toBe(200);
  });
});

describe('CSRF (writes need the x-csrf-token of their own session)', () => {
  it('answers 403 csrf to a write without the header, with a wrong one, or with another session’s, and writes nothing', async () => {
    const sys = await loginActive(t.app, sysUser);
    const other = await loginActive(t.app, member);
    const before = await rowCounts(t.database, WRITE_TABLES);
    const payload = { username: 'csrf-victim', displayName: '跨站伪造' };
    const variants: Record<string, string>[] = [{}, { 'x-csrf-token': 'forged' }, { 'x-csrf-token': other.csrfToken }];
    for (const headers of variants) {
      const res = await sys.inject({ method: 'POST', url: '/api/accounts', payload, headers, csrf: false });
      expect(res.statusCode).toBe(403);
      expect(error(res)).toBe('csrf');
    }
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
    // Reads need no token; the same write with the token goes through.
    expect((await sys.inject({ method: 'GET', url: '/api/accounts', csrf: false })).statusCode).toBe(200);
    expect((await sys.post('/api/accounts', payload)).statusCode).toBe(200);
  });

  it('ends the sessions of an account that is disabled', async () => {
    const sys = await loginActive(t.app, sysUser);
    const victim = await makeUser(t, member.tenantId, { role: 'party_member' });
    const a = await loginActive(t.app, victim);
    expect((await sys.patch(`/api/accounts/${victim.userId}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await a.get('/api/auth/session')).statusCode).toBe(401);
  });
});
