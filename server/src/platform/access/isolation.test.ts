// Tenant isolation over HTTP (ARCHITECTURE.md: "A foreign record answers 404, never 403"): a record
// of another tenant, addressed by its id, is answered as missing and left unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makePerson, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit, type TestUser } from '../../testing/factories.js';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;
let aRoot: TestUnit;
let bRoot: TestUnit;
let bBranch: TestUnit;
let aUser: TestUser;
let bUser: TestUser;
let sysA: Agent;
let secA: Agent;
let sysB: Agent;
let orgA: Agent;

beforeAll(async () => {
  t = await testApp();
  a = await makeTenant(t);
  b = await makeTenant(t);
  aRoot = await makeUnit(t, a.tenantId, { name: '甲集团党委' });
  bRoot = await makeUnit(t, b.tenantId, { name: '乙集团党委' });
  bBranch = await makeUnit(t, b.tenantId, { parentId: bRoot.id, name: '乙第一党支部' });
  await makePerson(t, b.tenantId, { orgUnitId: bBranch.id, name: '李四' });
  aUser = await makeUser(t, a.tenantId, { role: 'party_member', orgUnitId: aRoot.id });
  bUser = await makeUser(t, b.tenantId, { role: 'party_member', orgUnitId: bBranch.id });
  sysA = await loginActive(t.app, await makeUser(t, a.tenantId, { role: 'sys_admin' }));
  secA = await loginActive(t.app, await makeUser(t, a.tenantId, { role: 'sec_admin' }));
  sysB = await loginActive(t.app, await makeUser(t, b.tenantId, { role: 'sys_admin' }));
  // The system administrator may not read people; the organisation member (tenant-wide) may.
  orgA = await loginActive(t.app, await makeUser(t, a.tenantId, { role: 'organization_member' }));
});

afterAll(async () => {
  await t?.close();
});

/** B's records as the owner sees them, to prove a refused request changed nothing. */
async function bSnapshot() {
  return asOwner(t.database, async (tx) => ({
    units: await tx.selectFrom('org_units').select(['id', 'name']).where('tenant_id', '=', b.tenantId).orderBy('id').execute(),
    user: await tx.selectFrom('users').select(['display_name', 'status', 'password_hash', 'must_change_password']).where('id', '=', bUser.userId).executeTakeFirstOrThrow(),
    grants: await tx.selectFrom('role_grants').select(['id', 'role']).where('user_id', '=', bUser.userId).orderBy('id').execute(),
  }));
}

describe('foreign records over HTTP answer 404 and change nothing', () => {
  it('org units of another tenant: read, members, rename, create under', async () => {
    const before = await bSnapshot();
    const counts = await rowCounts(t.database, WRITE_TABLES);
    const cases = [
      await sysA.get(`/api/org/units/${bRoot.id}`),
      await orgA.get(`/api/org/units/${bBranch.id}/members`),
      await sysA.get(`/api/org/tree?parentId=${bRoot.id}`),
      await sysA.patch(`/api/org/units/${bBranch.id}`, { name: '被甲改名' }),
      await sysA.post('/api/org/units', { parentId: bRoot.id, name: '甲建在乙下', kind: 'branch' }),
      await orgA.patch(`/api/org/units/${bRoot.id}`, { name: '被甲改名' }),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json<{ error: string }>().error).toBe('not_found');
    }
    expect(await bSnapshot()).toEqual(before);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(counts);
  });

  it('accounts of another tenant: edit, reset password, unlock, grant and revoke roles', async () => {
    const before = await bSnapshot();
    const counts = await rowCounts(t.database, WRITE_TABLES);
    const bGrant = bUser.grantIds[0]!;
    const cases = [
      await sysA.patch(`/api/accounts/${bUser.userId}`, { displayName: '被甲改名', status: 'disabled' }),
      await sysA.post(`/api/accounts/${bUser.userId}/reset-password`),
      await sysA.post(`/api/accounts/${bUser.userId}/unlock`),
      await secA.post(`/api/accounts/${bUser.userId}/roles`, { role: 'party_member', orgUnitId: bBranch.id }),
      await secA.delete(`/api/accounts/${bUser.userId}/roles/${bGrant}`),
      // B's grant addressed through an account of A.
      await secA.delete(`/api/accounts/${aUser.userId}/roles/${bGrant}`),
      // A's account, but scoped to B's org unit.
      await secA.post(`/api/accounts/${aUser.userId}/roles`, { role: 'branch_secretary', orgUnitId: bBranch.id }),
    ];
    for (const res of cases) expect(res.statusCode, res.body).toBe(404);
    expect(await bSnapshot()).toEqual(before);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(counts);
  });

  it("shows a user of A only A's tree and accounts, never B's", async () => {
    const tree = (await sysA.get('/api/org/tree')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(tree).toEqual([aRoot.id]);
    const treeB = (await sysB.get('/api/org/tree')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(treeB).toEqual([bRoot.id]);
    const accounts = (await sysA.get('/api/accounts?pageSize=200')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(accounts).toContain(aUser.userId);
    expect(accounts).not.toContain(bUser.userId);
    expect(accounts).not.toContain(b.adminId);
  });

  it('B can still do to its own records what A could not (the 404s above were about tenancy)', async () => {
    expect((await sysB.get(`/api/org/units/${bBranch.id}`)).statusCode).toBe(200);
    const res = await sysB.patch(`/api/org/units/${bBranch.id}`, { name: '乙第一党支部（改）' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ name: string }>().name).toBe('乙第一党支部（改）');
  });
});
