// 三员分立 (../shared/domain/RULES.md §7, 等保 2.0 L3 "separated administrator duties"): the system administrator runs
// accounts and the org tree but cannot read the audit log or grant roles; the security administrator
// grants roles; the audit administrator reads the audit log and changes neither accounts nor roles;
// nobody grants themselves roles; one person holds at most one of the three; no route deletes audit records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestUnit, type TestUser } from '../../testing/factories.js';

let t: TestApp;
let root: TestUnit;
let sysUser: TestUser;
let secUser: TestUser;
let member: TestUser;
let sys: Agent;
let sec: Agent;
let aud: Agent;

beforeAll(async () => {
  t = await testApp();
  const tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId);
  sysUser = await makeUser(t, tenant.tenantId, { role: 'sys_admin' });
  secUser = await makeUser(t, tenant.tenantId, { role: 'sec_admin' });
  member = await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id });
  sys = await loginActive(t.app, sysUser);
  sec = await loginActive(t.app, secUser);
  aud = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'audit_admin' }));
});

afterAll(async () => {
  await t?.close();
});

const errorOf = (res: { json: <T>() => T }) => res.json<{ error: string; message: string; field?: string }>();

describe('三员分立 (RULES.md §7)', () => {
  it('system administrator: no audit log, no role grants, no security policy', async () => {
    const before = await rowCounts(t.database, WRITE_TABLES);
    for (const res of [
      await sys.get('/api/audit'),
      await sys.get('/api/audit/verify'),
      await sys.get('/api/audit/export.csv'),
      await sys.post(`/api/accounts/${member.userId}/roles`, { role: 'branch_secretary', orgUnitId: root.id }),
      await sys.delete(`/api/accounts/${member.userId}/roles/${member.grantIds[0]}`),
      await sys.put('/api/settings/security', {}),
    ]) expect(res.statusCode, res.body).toBe(403);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
    // …while running accounts is the system administrator's job.
    expect((await sys.get('/api/accounts')).statusCode).toBe(200);
  });

  it('audit administrator: reads and verifies the log, but cannot touch accounts, roles or the org tree', async () => {
    expect((await aud.get('/api/audit')).statusCode).toBe(200);
    expect((await aud.get('/api/audit/verify')).json<{ ok: boolean }>().ok).toBe(true);
    const before = await rowCounts(t.database, WRITE_TABLES);
    for (const res of [
      await aud.post('/api/accounts', { username: 'auditor-made', displayName: '审计建的账号' }),
      await aud.patch(`/api/accounts/${member.userId}`, { status: 'disabled' }),
      await aud.post(`/api/accounts/${member.userId}/roles`, { role: 'branch_secretary', orgUnitId: root.id }),
      await aud.patch(`/api/org/units/${root.id}`, { name: '审计改名' }),
    ]) expect(res.statusCode, res.body).toBe(403);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });

  it('security administrator: grants roles, but cannot create accounts or read the audit log', async () => {
    expect((await sec.post('/api/accounts', { username: 'sec-made', displayName: '安全建的账号' })).statusCode).toBe(403);
    expect((await sec.get('/api/audit')).statusCode).toBe(403);
    const res = await sec.post(`/api/accounts/${member.userId}/roles`, { role: 'branch_secretary', orgUnitId: root.id });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('nobody can grant or revoke their own roles', async () => {
    const before = await rowCounts(t.database, WRITE_TABLES);
    const grant = await sec.post(`/api/accounts/${secUser.userId}/roles`, { role: 'party_member', orgUnitId: root.id });
    expect(grant.statusCode).toBe(403);
    expect(errorOf(grant).error).toBe('self_grant');
    const revoke = await sec.delete(`/api/accounts/${secUser.userId}/roles/${secUser.grantIds[0]}`);
    expect(revoke.statusCode).toBe(403);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });

  it('one person cannot hold two of the three administrator roles (403 naming 三员分立)', async () => {
    const before = await rowCounts(t.database, WRITE_TABLES);
    for (const role of ['sec_admin', 'audit_admin']) {
      const res = await sec.post(`/api/accounts/${sysUser.userId}/roles`, { role, orgUnitId: null });
      expect(res.statusCode, res.body).toBe(403);
      expect(errorOf(res)).toMatchObject({ error: 'separation_of_duties', field: 'role' });
      expect(errorOf(res).message).toContain('三员分立');
    }
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });

  it('a fresh account may become one administrator, and then no second one', async () => {
    const fresh = await makeUser(t, sysUser.tenantId, {});
    expect((await sec.post(`/api/accounts/${fresh.userId}/roles`, { role: 'audit_admin', orgUnitId: null })).statusCode).toBe(200);
    const second = await sec.post(`/api/accounts/${fresh.userId}/roles`, { role: 'sys_admin', orgUnitId: null });
    expect(second.statusCode).toBe(403);
    expect(errorOf(second).error).toBe('separation_of_duties');
  });

  it('has no route that deletes or changes audit records', () => {
    const writes = t.app.routeTable.filter((r) => r.url.startsWith('/api/audit') && r.method !== 'GET');
    expect(writes).toEqual([]);
    const anyAuditWrite = t.app.routeTable.filter((r) => ['DELETE', 'PUT', 'PATCH'].includes(r.method) && /audit/i.test(r.url));
    expect(anyAuditWrite).toEqual([]);
  });
});
