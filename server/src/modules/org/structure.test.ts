// Restructuring the org tree (RULES.md §1 hierarchy): move with the whole subtree, merge, dissolve, history, scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { makeMembers } from './testing.js';

let t: TestApp;
let tenant: TestTenant;
let admin: Agent;
/** A 党委书记 over the whole tree: reads member lists (people.read), which the system administrator may not. */
let reader: Agent;
let root: TestUnit;
let c1: TestUnit;
let c2: TestUnit;

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  admin = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'sys_admin', displayName: '系统管理员乙' }));
  root = await makeUnit(t, tenant.tenantId, { name: '集团党委' });
  c1 = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'committee', name: '一公司党委' });
  c2 = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'committee', name: '二公司党委' });
  reader = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'committee_secretary', orgUnitId: root.id }));
});

afterAll(async () => {
  await t?.close();
});

const unitRow = (id: string) => asOwner(t.database, (tx) => tx.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
const history = async (id: string) => (await admin.get(`/api/org/units/${id}/history`)).json<{ items: { kind: string; actorName: string; detail: Record<string, unknown> }[] }>().items;
const auditOf = (action: string, objectId: string) =>
  asOwner(t.database, (tx) => tx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.tenantId).where('action', '=', action).where('object_id', '=', objectId).execute());
const subtreeNames = async (id: string) =>
  (await reader.get(`/api/org/units/${id}/members?subtree=true&pageSize=200`)).json<{ items: { id: string }[]; total: number }>();

describe('move (调整上级)', () => {
  it('moves a branch with its 党小组 and people; paths, depths and people.org_path follow; history and audit', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch', name: '机关第一党支部' });
    const g = await makeUnit(t, tenant.tenantId, { parentId: b.id, kind: 'party_group', name: '第一党小组' });
    const people = [...await makeMembers(t, tenant.tenantId, b.id, 3), ...await makeMembers(t, tenant.tenantId, g.id, 2)];
    const r = await admin.post(`/api/org/units/${b.id}/move`, { parentId: c2.id });
    expect(r.statusCode, r.body).toBe(200);
    expect(await unitRow(b.id)).toMatchObject({ parent_id: c2.id, path: `${c2.path}${b.id}/`, depth: 2 });
    expect(await unitRow(g.id)).toMatchObject({ parent_id: b.id, path: `${c2.path}${b.id}/${g.id}/`, depth: 3 });
    const paths = await asOwner(t.database, (tx) => tx.selectFrom('people').select('org_path').where('id', 'in', people).execute());
    expect(paths.every((p) => p.org_path.startsWith(`${c2.path}${b.id}/`))).toBe(true);
    // The moved people are found under the new parent's subtree, and no longer under the old one.
    const under2 = await subtreeNames(c2.id);
    expect(under2.items.map((p) => p.id).sort()).toEqual([...people].sort());
    expect((await subtreeNames(c1.id)).total).toBe(0);
    expect((await history(b.id))[0]).toMatchObject({ kind: 'moved', actorName: '系统管理员乙', detail: { fromParentId: c1.id, toParentId: c2.id, units: 2 } });
    expect((await history(c2.id)).map((e) => e.kind)).toContain('child_moved_in');
    expect((await history(c1.id)).map((e) => e.kind)).toContain('child_moved_out');
    expect(await auditOf('org.move', b.id)).toHaveLength(1);
  });

  it('refuses a cycle (under itself or its own subunit), a kind that cannot hold it, and the top unit', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const g = await makeUnit(t, tenant.tenantId, { parentId: b.id, kind: 'party_group' });
    const cases: [string, string, number, string | undefined][] = [
      [c1.id, b.id, 400, 'parentId'], // committee under its own branch
      [c1.id, c1.id, 400, 'parentId'],
      [b.id, g.id, 400, 'parentId'], // 党支部 under a 党小组
      [g.id, c2.id, 200, undefined], // a 党小组 may sit under a committee (canContain)
      [root.id, c2.id, 409, undefined],
      [b.id, c1.id, 400, 'parentId'], // already there
    ];
    for (const [id, parentId, status, field] of cases) {
      const r = await admin.post(`/api/org/units/${id}/move`, { parentId });
      expect(r.statusCode, `${id}→${parentId} ${r.body}`).toBe(status);
      if (field) expect(r.json<{ field: string }>().field).toBe(field);
    }
    expect(await unitRow(c1.id)).toMatchObject({ parent_id: root.id, path: c1.path });
  });

  it('answers 404 for another tenant’s units, both as the unit and as the target', async () => {
    const other = await makeTenant(t);
    const otherAdmin = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'sys_admin' }));
    const oRoot = await makeUnit(t, other.tenantId);
    const oBranch = await makeUnit(t, other.tenantId, { parentId: oRoot.id, kind: 'branch' });
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    expect((await otherAdmin.post(`/api/org/units/${b.id}/move`, { parentId: oRoot.id })).statusCode).toBe(404);
    expect((await admin.post(`/api/org/units/${b.id}/move`, { parentId: oRoot.id })).statusCode).toBe(404);
    expect((await otherAdmin.post(`/api/org/units/${oBranch.id}/merge`, { intoId: b.id })).statusCode).toBe(404);
    expect((await otherAdmin.post(`/api/org/units/${b.id}/dissolve`, { reason: '试探' })).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/org/units/${b.id}/history`)).statusCode).toBe(404);
  });

  it('needs org.manage on the parent: a manager of the unit itself may rename it but not move it', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const local = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: b.id }));
    const detail = (await local.get(`/api/org/units/${b.id}`)).json<{ abilities: Record<string, boolean> }>();
    expect(detail.abilities).toMatchObject({ rename: true, move: false, merge: false, dissolve: false, manageLeadership: true });
    expect((await local.post(`/api/org/units/${b.id}/move`, { parentId: c2.id })).statusCode).toBe(403);
    const secretary = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: b.id }));
    expect((await secretary.post(`/api/org/units/${b.id}/move`, { parentId: c2.id })).statusCode).toBe(403);
  });

  it('lists targets by kind, outside the subtree', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch', name: '目标测试支部' });
    const move = (await admin.get(`/api/org/units/${c1.id}/targets?purpose=move`)).json<{ items: { id: string; kind: string }[] }>().items;
    expect(move.map((x) => x.id)).toContain(c2.id);
    expect(move.map((x) => x.id)).not.toContain(b.id);
    expect(move.map((x) => x.id)).not.toContain(root.id); // already its parent
    const merge = (await admin.get(`/api/org/units/${b.id}/targets?purpose=merge`)).json<{ items: { kind: string; pathNames: string[] }[] }>().items;
    expect(merge.every((x) => x.kind === 'branch')).toBe(true);
    expect(merge[0]?.pathNames[0]).toBe('集团党委');
  });
});

describe('merge (合并)', () => {
  it('moves people and child units of A into B, ends A’s leadership and dissolves A', async () => {
    const a = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch', name: '被合并支部' });
    const b = await makeUnit(t, tenant.tenantId, { parentId: c2.id, kind: 'branch', name: '存续支部' });
    const g = await makeUnit(t, tenant.tenantId, { parentId: a.id, kind: 'party_group' });
    const aPeople = await makeMembers(t, tenant.tenantId, a.id, 4);
    const gPeople = await makeMembers(t, tenant.tenantId, g.id, 2);
    const bPeople = await makeMembers(t, tenant.tenantId, b.id, 3);
    expect((await admin.post(`/api/org/units/${a.id}/terms`, { startedOn: '2025-01-10', positions: [{ personId: aPeople[0], role: 'secretary' }] })).statusCode).toBe(200);
    const r = await admin.post(`/api/org/units/${a.id}/merge`, { intoId: b.id });
    expect(r.statusCode, r.body).toBe(200);
    expect((await admin.get(`/api/org/units/${a.id}`)).statusCode).toBe(404);
    expect((await unitRow(a.id)).dissolved_at).not.toBeNull();
    expect(await unitRow(g.id)).toMatchObject({ parent_id: b.id, path: `${b.path}${g.id}/`, depth: 3 });
    const inB = await subtreeNames(b.id);
    expect(inB.items.map((p) => p.id).sort()).toEqual([...aPeople, ...gPeople, ...bPeople].sort());
    const open = await asOwner(t.database, (tx) => tx.selectFrom('org_positions').select('id').where('unit_id', '=', a.id).where('to_on', 'is', null).execute());
    expect(open).toEqual([]);
    const events = await asOwner(t.database, (tx) => tx.selectFrom('person_events').select(['person_id', 'kind']).where('person_id', 'in', aPeople).execute());
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.kind === 'moved')).toBe(true);
    expect((await history(b.id))[0]).toMatchObject({ kind: 'absorbed', detail: { fromId: a.id, people: 4, childUnits: 1 } });
    expect(await auditOf('org.merge', a.id)).toHaveLength(1);
  });

  it('merges only into a unit of the same kind, never into its own subtree', async () => {
    const a = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const g = await makeUnit(t, tenant.tenantId, { parentId: a.id, kind: 'party_group' });
    expect((await admin.post(`/api/org/units/${a.id}/merge`, { intoId: c2.id })).json()).toMatchObject({ statusCode: 400, field: 'intoId' });
    expect((await admin.post(`/api/org/units/${a.id}/merge`, { intoId: g.id })).json()).toMatchObject({ statusCode: 400, field: 'intoId' });
    expect((await admin.post(`/api/org/units/${a.id}/merge`, { intoId: a.id })).json()).toMatchObject({ statusCode: 400, field: 'intoId' });
  });
});

describe('dissolve (撤销)', () => {
  it('is refused with a clear message while the unit has people or live subunits', async () => {
    const a = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    await makeMembers(t, tenant.tenantId, a.id, 2);
    const r = await admin.post(`/api/org/units/${a.id}/dissolve`, { reason: '机构调整' });
    expect(r.statusCode).toBe(409);
    expect(r.json<{ message: string }>().message).toContain('2名人员');
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    await makeUnit(t, tenant.tenantId, { parentId: b.id, kind: 'party_group' });
    expect((await admin.post(`/api/org/units/${b.id}/dissolve`, { reason: '机构调整' })).json<{ message: string }>().message).toContain('1个下级组织');
  });

  it('dissolves an empty unit: gone from the tree, history kept, audited', async () => {
    const a = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch', name: '待撤销支部' });
    const r = await admin.post(`/api/org/units/${a.id}/dissolve`, { reason: '机构调整' });
    expect(r.statusCode, r.body).toBe(200);
    const tree = (await admin.get(`/api/org/tree?parentId=${c1.id}`)).json<{ items: { id: string }[] }>().items;
    expect(tree.map((x) => x.id)).not.toContain(a.id);
    const ev = await asOwner(t.database, (tx) => tx.selectFrom('org_unit_events').select(['kind', 'detail']).where('unit_id', '=', a.id).execute());
    expect(ev).toContainEqual({ kind: 'dissolved', detail: { reason: '机构调整' } });
    expect(await auditOf('org.dissolve', a.id)).toHaveLength(1);
  });
});

describe('history', () => {
  it('records creation and renames on the unit', async () => {
    const created = (await admin.post('/api/org/units', { parentId: c1.id, name: '新支部', kind: 'branch' })).json<{ id: string }>();
    expect((await admin.patch(`/api/org/units/${created.id}`, { name: '新支部（改）' })).statusCode).toBe(200);
    expect((await history(created.id)).map((e) => [e.kind, e.detail])).toEqual([
      ['renamed', { from: '新支部', to: '新支部（改）' }],
      ['created', { name: '新支部', kind: 'branch', parentId: c1.id, parentName: '一公司党委' }],
    ]);
  });
});
