// Sign-in under ../shared/domain/RULES.md §7 (等保 2.0 L3): password complexity, lockout after failed logins, a forced
// password change at first login, two factors for administrators (TOTP that cannot be replayed,
// single-use recovery codes), a login rate limit, and one message for every kind of bad credentials.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from './totp.js';
import { asOwner, rowCounts } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import {
  agent, login, makeTenant, makeUnit, makeUser, nextIp, nextTotpCode, sessionCookie, strongPassword,
  type Agent, type Res, type TestTenant, type TestUnit,
} from '../../testing/factories.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId);
});

afterAll(async () => {
  await t?.close();
});

const body = (res: Res) => res.json<{ statusCode: number; error: string; message: string; field?: string; stage?: string }>();
const rawLogin = (payload: { tenant: string; username: string; password: string }, ip = nextIp(), headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, headers, payload });

describe('first login and the password policy (RULES.md §7: complexity, forced change)', () => {
  let user: Awaited<ReturnType<typeof makeUser>>;
  let a: Agent;

  beforeAll(async () => {
    user = await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id, mustChangePassword: true });
    a = await login(t.app, user);
  });

  it('starts in stage password_change; other routes answer 403 login_incomplete until it is done', async () => {
    expect(a.stage).toBe('password_change');
    for (const url of ['/api/org/tree', '/api/me/sessions', '/api/roles']) {
      const res = await a.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(body(res).error).toBe('login_incomplete');
    }
    const s = await a.get('/api/auth/session');
    expect(s.statusCode).toBe(200);
    expect(s.json<{ stage: string; permissions: string[] }>()).toMatchObject({ stage: 'password_change', permissions: [] });
  });

  it('refuses weak new passwords with 400 naming newPassword, in Chinese', async () => {
    const weak = {
      too_short: 'Ab1!xyz',
      too_few_classes: 'lanternriverboat',
      contains_username: `${user.username}-X9!a`,
      common: 'Woaini1314!!',
      // A decorated common password that has symbols of its own (was accepted before the policy fix).
      common_decorated: 'P@ssw0rd2024!',
      common_admin: 'Admin@123456',
    };
    for (const [problem, newPassword] of Object.entries(weak)) {
      const res = await a.post('/api/auth/password', { currentPassword: user.password, newPassword });
      expect(res.statusCode, problem).toBe(400);
      expect(body(res).field, problem).toBe('newPassword');
      expect(body(res).message, problem).toMatch(/新密码/);
    }
    expect(body(await a.post('/api/auth/password', { currentPassword: user.password, newPassword: 'Ab1!xyz' })).message).toBe('新密码至少需要 10 个字符');
  });

  it('answers in English for a user who chose English (the choice outranks Accept-Language once signed in)', async () => {
    expect((await a.patch('/api/me/preferences', { locale: 'en-US' })).statusCode).toBe(200);
    const res = await a.post('/api/auth/password', { currentPassword: user.password, newPassword: 'Ab1!xyz' }, { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(400);
    expect(body(res)).toMatchObject({ field: 'newPassword', message: 'The new password needs at least 10 characters' });
  });

  it('accepts a good password, completes sign-in, and ends the other sessions of the account', async () => {
    const other = await login(t.app, user);
    expect((await other.get('/api/auth/session')).statusCode).toBe(200);
    const wrongCurrent = await a.post('/api/auth/password', { currentPassword: 'Not-the-password-1', newPassword: strongPassword() });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(body(wrongCurrent).field).toBe('currentPassword');

    const newPassword = strongPassword();
    const res = await a.post('/api/auth/password', { currentPassword: user.password, newPassword });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res).stage).toBe('active');
    expect((await a.get('/api/org/tree')).statusCode).toBe(200);
    expect((await other.get('/api/auth/session')).statusCode).toBe(401);
    // The old password is gone, the new one signs in straight to a full session.
    expect((await rawLogin({ tenant: user.tenant, username: user.username, password: user.password })).statusCode).toBe(401);
    expect((await login(t.app, { ...user, password: newPassword })).stage).toBe('active');
  });
});

describe('administrators: second factor (RULES.md §7: two factors for privileged users)', () => {
  const adminPassword = strongPassword();
  let secret = '';
  let usedCode = '';
  let recoveryCodes: string[] = [];

  const signIn = () => login(t.app, { tenant: tenant.code, username: tenant.adminUsername, password: adminPassword });

  it('a new administrator changes the password, then must set up TOTP before anything else', async () => {
    const a = await login(t.app, { tenant: tenant.code, username: tenant.adminUsername, password: tenant.adminPassword });
    expect(a.stage).toBe('password_change');
    const changed = await a.post('/api/auth/password', { currentPassword: tenant.adminPassword, newPassword: adminPassword });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(body(changed).stage).toBe('totp_setup');
    expect(body(await a.get('/api/accounts')).error).toBe('login_incomplete');

    expect((await a.post('/api/auth/totp/confirm', { code: '000000' })).statusCode).toBe(409); // no setup started
    const setup = await a.post('/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const s = setup.json<{ secret: string; otpauthUrl: string; qrDataUrl: string }>();
    expect(s.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(s.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    secret = s.secret;

    const wrong = await a.post('/api/auth/totp/confirm', { code: (Number(totpCode(secret)) ^ 1).toString().padStart(6, '0') });
    expect(wrong.statusCode).toBe(400);
    expect(body(wrong).field).toBe('code');
    usedCode = await nextTotpCode(secret);
    const ok = await a.post('/api/auth/totp/confirm', { code: usedCode });
    expect(ok.statusCode, ok.body).toBe(200);
    const r = ok.json<{ recoveryCodes: string[]; stage: string }>();
    expect(r.stage).toBe('active');
    expect(r.recoveryCodes).toHaveLength(10);
    expect(new Set(r.recoveryCodes).size).toBe(10);
    recoveryCodes = r.recoveryCodes;
    expect((await a.get('/api/accounts')).statusCode).toBe(200);
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
  });

  it('asks for the code at the next sign-in and refuses a code that was already used (no replay)', async () => {
    const a = await signIn();
    expect(a.stage).toBe('totp');
    expect(body(await a.get('/api/accounts')).error).toBe('login_incomplete');
    const replay = await a.post('/api/auth/totp', { code: usedCode });
    expect(replay.statusCode).toBe(401);
    expect(body(replay)).toMatchObject({ error: 'bad_code', field: 'code' });
    const fresh = await a.post('/api/auth/totp', { code: await nextTotpCode(secret) });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(body(fresh).stage).toBe('active');
    expect((await a.get('/api/accounts')).statusCode).toBe(200);
    await a.post('/api/auth/logout');
  });

  it('accepts a recovery code once', async () => {
    const first = await signIn();
    const ok = await first.post('/api/auth/totp', { recoveryCode: recoveryCodes[0] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(body(ok).stage).toBe('active');
    await first.post('/api/auth/logout');

    const second = await signIn();
    const again = await second.post('/api/auth/totp', { recoveryCode: recoveryCodes[0] });
    expect(again.statusCode).toBe(401);
    expect(body(again).field).toBe('recoveryCode');
    // Another code works, however it is typed.
    const other = await second.post('/api/auth/totp', { recoveryCode: ` ${recoveryCodes[1]!.toUpperCase()} ` });
    expect(other.statusCode, other.body).toBe(200);
  });
});

describe('periodic password change for administrators (RULES.md §7; default 90 days)', () => {
  it('sends an administrator with a 91-day-old password to password_change after the code; not an ordinary user', async () => {
    const admin = await makeUser(t, tenant.tenantId, { role: 'sec_admin' });
    const member = await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id });
    await asOwner(t.database, (tx) => sql`update users set password_changed_at = now() - interval '91 days' where id in (${admin.userId}, ${member.userId})`.execute(tx));
    const a = await login(t.app, admin);
    expect(a.stage).toBe('password_change');
    expect(body(await a.get('/api/accounts')).error).toBe('login_incomplete');
    const changed = await a.post('/api/auth/password', { currentPassword: admin.password, newPassword: strongPassword() });
    expect(body(changed).stage).toBe('active');
    expect((await login(t.app, member)).stage).toBe('active');
  });
});

describe('lockout (RULES.md §7: lock after failed logins; strict defaults 5 attempts, 15 minutes)', () => {
  it('locks after 5 failures, refuses even the right password, and lets in once the lock has passed', async () => {
    const u = await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id });
    const ip = nextIp();
    const wrong = { tenant: u.tenant, username: u.username, password: 'Wrong-password-1' };
    for (let i = 1; i <= 4; i++) expect((await rawLogin(wrong, ip)).statusCode, `attempt ${i}`).toBe(401);
    const fifth = await rawLogin(wrong, ip);
    expect(fifth.statusCode).toBe(423);
    expect(body(fifth)).toMatchObject({ error: 'account_locked' });
    expect(body(fifth).message).toMatch(/已锁定.*15 分钟/);

    const right = { tenant: u.tenant, username: u.username, password: u.password };
    expect((await rawLogin(right, ip)).statusCode).toBe(423);
    const lockedUntil = await asOwner(t.database, (tx) => tx.selectFrom('users').select('locked_until').where('id', '=', u.userId).executeTakeFirstOrThrow());
    const minutesAhead = (new Date(lockedUntil.locked_until!).getTime() - Date.now()) / 60_000;
    expect(minutesAhead).toBeGreaterThan(14);
    expect(minutesAhead).toBeLessThanOrEqual(15);

    // Fifteen minutes later (moved through the owner connection rather than waited for).
    await asOwner(t.database, (tx) => sql`update users set locked_until = now() - interval '1 second' where id = ${u.userId}`.execute(tx));
    const after = await rawLogin(right, ip);
    expect(after.statusCode, after.body).toBe(200);
    const row = await asOwner(t.database, (tx) => tx.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', u.userId).executeTakeFirstOrThrow());
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });
});

describe('login endpoint protections', () => {
  it('gives the same answer for an unknown enterprise, an unknown user and a wrong password', async () => {
    const u = await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id });
    for (const lang of ['zh-CN', 'en-US']) {
      const headers = { 'accept-language': lang };
      const answers = [
        await rawLogin({ tenant: 'no-such-enterprise', username: u.username, password: u.password }, nextIp(), headers),
        await rawLogin({ tenant: u.tenant, username: 'no-such-user', password: u.password }, nextIp(), headers),
        await rawLogin({ tenant: u.tenant, username: u.username, password: 'Wrong-password-1' }, nextIp(), headers),
      ].map((r) => ({ status: r.statusCode, body: r.json<unknown>() }));
      expect(answers[0]?.status).toBe(401);
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      expect(JSON.stringify(answers[0]?.body)).toContain(lang === 'en-US' ? 'Enterprise code, username or password is incorrect' : '企业代码、账号或密码不正确');
    }
  });

  it('refuses a cross-origin login POST (403) and writes nothing; the same origin signs in', async () => {
    const u = await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id });
    const creds = { tenant: u.tenant, username: u.username, password: u.password };
    const before = await rowCounts(t.database, ['audit_log', 'sessions']);
    for (const origin of ['https://evil.example.com', 'null']) {
      const res = await rawLogin(creds, nextIp(), { host: 'zg.example.cn', origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.cookies.find((c) => c.name === 'zg_sid')).toBeUndefined();
    }
    expect(await rowCounts(t.database, ['audit_log', 'sessions'])).toEqual(before);
    const same = await rawLogin(creds, nextIp(), { host: 'zg.example.cn', origin: 'https://zg.example.cn' });
    expect(same.statusCode, same.body).toBe(200);
    expect(sessionCookie(same)).toMatch(/^zg_sid=/);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const u = await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id });
    const res = await rawLogin({ tenant: u.tenant, username: u.username, password: u.password });
    const c = res.cookies.find((x) => x.name === 'zg_sid');
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // A pre-built agent works with the cookie alone.
    const a = agent(t.app, { cookie: sessionCookie(res), csrfToken: res.json<{ csrfToken: string }>().csrfToken, stage: 'active', ip: nextIp() });
    expect((await a.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('answers 429 after 10 login attempts a minute from one address, while another address is served', async () => {
    const ip = nextIp();
    const creds = { tenant: 'no-such-enterprise', username: 'nobody', password: 'Whatever-123' };
    for (let i = 1; i <= 10; i++) expect((await rawLogin(creds, ip)).statusCode, `attempt ${i}`).toBe(401);
    const limited = await rawLogin(creds, ip);
    expect(limited.statusCode).toBe(429);
    expect(body(limited).message).toMatch(/太频繁/);
    expect((await rawLogin(creds, nextIp())).statusCode).toBe(401);
  });
});
