// Leadership of a unit (RULES.md §1): term end from tenant settings, 换届 reminders, §1 findings, the 支委会 block
// and its exception, term changes at most 1 year, org settings within bounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { addMonths, addYears } from '../../platform/dates/legal-date.js';
import { DEFAULT_ORG_SETTINGS } from './rules.js';
import { todayInChina } from './clock.js';
import { makeMembers } from './testing.js';

let t: TestApp;
let tenant: TestTenant;
let admin: Agent;
let root: TestUnit;
let c1: TestUnit;
const today = todayInChina();

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  admin = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'sys_admin', displayName: '系统管理员丙' }));
  root = await makeUnit(t, tenant.tenantId, { name: '集团党委' });
  c1 = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'committee', name: '一公司党委' });
});

afterAll(async () => {
  await t?.close();
});

interface Leadership {
  counts: { fullMembers: number; probationaryMembers: number; members: number };
  findings: { code: string; severity: string; message: string }[];
  term: { startedOn: string; endsOn: string; regularEndsOn: string; state: string } | null;
  positions: { personId: string; role: string; duty: string | null; exceptionReason: string | null }[];
}
const leadership = async (id: string, a: Agent = admin) => (await a.get(`/api/org/units/${id}/leadership`)).json<Leadership>();

describe('terms (任期, RULES.md §1: 基层党委 5 years, 党总支 and 党支部 3 years; a tenant setting)', () => {
  it('computes the end of a branch term from the election date, and of a committee term', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const ids = await makeMembers(t, tenant.tenantId, b.id, 5);
    const r = await admin.post(`/api/org/units/${b.id}/terms`, { startedOn: '2024-02-29', positions: [{ personId: ids[0], role: 'secretary' }, { personId: ids[1], role: 'deputy_secretary' }] });
    expect(r.statusCode, r.body).toBe(200);
    const l = await leadership(b.id);
    // 29 February clamps to 28 February three years on.
    expect(l.term).toMatchObject({ startedOn: '2024-02-29', endsOn: '2027-02-28', regularEndsOn: '2027-02-28' });
    expect(l.positions.map((p) => p.role)).toEqual(['secretary', 'deputy_secretary']);
    expect((await admin.post(`/api/org/units/${c1.id}/terms`, { startedOn: '2023-06-30', positions: [] })).statusCode).toBe(200);
    expect((await leadership(c1.id)).term).toMatchObject({ endsOn: '2028-06-30' });
  });

  it('follows the tenant’s term lengths', async () => {
    const other = await makeTenant(t);
    const otherAdmin = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'sys_admin' }));
    const oRoot = await makeUnit(t, other.tenantId);
    const ob = await makeUnit(t, other.tenantId, { parentId: oRoot.id, kind: 'branch' });
    const put = await otherAdmin.put('/api/org/settings', { ...DEFAULT_ORG_SETTINGS, termYears: { ...DEFAULT_ORG_SETTINGS.termYears, branch: 5 } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await otherAdmin.post(`/api/org/units/${ob.id}/terms`, { startedOn: '2024-03-01', positions: [] })).statusCode).toBe(200);
    expect((await leadership(ob.id, otherAdmin)).term?.endsOn).toBe('2029-03-01');
    // The first tenant keeps the defaults.
    expect((await admin.get('/api/org/settings')).json<{ settings: { termYears: { branch: number } } }>().settings.termYears.branch).toBe(3);
  });

  it('a new election closes the previous term and its positions; one more than 12 months early is refused', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const ids = await makeMembers(t, tenant.tenantId, b.id, 4);
    expect((await admin.post(`/api/org/units/${b.id}/terms`, { startedOn: '2022-01-10', positions: [{ personId: ids[0], role: 'secretary' }] })).statusCode).toBe(200);
    // Regular end 2025-01-10: an election on 2023-12-01 is more than 12 months early.
    const early = await admin.post(`/api/org/units/${b.id}/terms`, { startedOn: '2023-12-01', positions: [{ personId: ids[1], role: 'secretary' }] });
    expect(early.json()).toMatchObject({ statusCode: 400, error: 'org_rule', field: 'startedOn' });
    const ok = await admin.post(`/api/org/units/${b.id}/terms`, { startedOn: '2024-12-20', positions: [{ personId: ids[1], role: 'secretary' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const l = await leadership(b.id);
    expect(l.positions.map((p) => p.personId)).toEqual([ids[1]]);
    expect(l.term?.startedOn).toBe('2024-12-20');
    const closed = await asOwner(t.database, (tx) => tx.selectFrom('org_terms').select(['started_on', 'ended_on']).where('unit_id', '=', b.id).orderBy('started_on').execute());
    expect(closed).toEqual([{ started_on: '2022-01-10', ended_on: '2024-12-20' }, { started_on: '2024-12-20', ended_on: null }]);
  });

  it('extends a term by at most 12 months (延期换届), with a reason, in the history', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    expect((await admin.post(`/api/org/units/${b.id}/terms`, { startedOn: '2023-05-01', positions: [] })).statusCode).toBe(200);
    const tooLong = await admin.patch(`/api/org/units/${b.id}/terms/current`, { endsOn: '2027-05-02', reason: '企业重组' });
    expect(tooLong.json()).toMatchObject({ statusCode: 400, error: 'org_rule', field: 'endsOn' });
    const ok = await admin.patch(`/api/org/units/${b.id}/terms/current`, { endsOn: '2027-05-01', reason: '企业重组' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await leadership(b.id)).term).toMatchObject({ endsOn: '2027-05-01', regularEndsOn: '2026-05-01' });
    const ev = (await admin.get(`/api/org/units/${b.id}/history`)).json<{ items: { kind: string; detail: Record<string, unknown> }[] }>().items[0];
    expect(ev).toMatchObject({ kind: 'term_changed', detail: { from: '2026-05-01', to: '2027-05-01', reason: '企业重组' } });
  });

  it('refuses an election in the future, an impossible date, a probationary member, and a person from elsewhere', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const elsewhere = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const [prob] = await makeMembers(t, tenant.tenantId, b.id, 1, 'probationary');
    const [stranger] = await makeMembers(t, tenant.tenantId, elsewhere.id, 1);
    const cases: [unknown, string][] = [
      [{ startedOn: addYears(today, 1), positions: [] }, 'startedOn'],
      [{ startedOn: '2025-02-30', positions: [] }, 'startedOn'],
      [{ startedOn: '2025-01-01', positions: [{ personId: prob, role: 'secretary' }] }, 'positions.0.personId'],
      [{ startedOn: '2025-01-01', positions: [{ personId: stranger, role: 'secretary' }] }, 'positions.0.personId'],
    ];
    for (const [body, field] of cases) {
      const r = await admin.post(`/api/org/units/${b.id}/terms`, body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json<{ field: string }>().field).toBe(field);
    }
  });
});

describe('§1 findings and the 支委会 block', () => {
  it('warns about a branch with fewer than 3 正式党员 (probationary members do not count)', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    await makeMembers(t, tenant.tenantId, b.id, 2);
    await makeMembers(t, tenant.tenantId, b.id, 2, 'probationary');
    await makeMembers(t, tenant.tenantId, b.id, 3, 'activist');
    const l = await leadership(b.id);
    expect(l.counts).toMatchObject({ fullMembers: 2, probationaryMembers: 2, members: 4 });
    expect(l.findings.map((f) => [f.code, f.severity])).toEqual([['branch_too_few_full_members', 'warning']]);
    expect(l.findings[0]!.message).toContain('联合党支部');
  });

  it('refuses a 委员 in a branch with fewer than 7 正式党员, unless the higher organisation records an exception with a reason', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const ids = await makeMembers(t, tenant.tenantId, b.id, 5);
    const local = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: b.id }));
    expect((await local.post(`/api/org/units/${b.id}/positions`, { personId: ids[0], role: 'secretary', fromOn: '2025-03-01' })).statusCode).toBe(200);
    const refused = await local.post(`/api/org/units/${b.id}/positions`, { personId: ids[1], role: 'member', duty: 'organization', fromOn: '2025-03-01' });
    expect(refused.json()).toMatchObject({ statusCode: 400, error: 'org_rule', field: 'role' });
    expect(refused.json<{ message: string }>().message).toContain('不设支部委员会');
    // A manager of the branch itself cannot override: the exception belongs to the higher organisation.
    expect((await local.post(`/api/org/units/${b.id}/positions`, { personId: ids[1], role: 'member', fromOn: '2025-03-01', exceptionReason: '上级批准' })).statusCode).toBe(400);
    expect((await local.get(`/api/org/units/${b.id}/leadership`)).json<{ abilities: { overrideRules: boolean } }>().abilities.overrideRules).toBe(false);
    const parentManager = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: c1.id }));
    const ok = await parentManager.post(`/api/org/units/${b.id}/positions`, { personId: ids[1], role: 'member', duty: 'organization', fromOn: '2025-03-01', exceptionReason: '党委会议批准试点' });
    expect(ok.statusCode, ok.body).toBe(200);
    const l = await leadership(b.id);
    expect(l.positions.find((p) => p.personId === ids[1])).toMatchObject({ role: 'member', duty: 'organization', exceptionReason: '党委会议批准试点' });
    // The unit now shows the drifted state as a finding.
    expect(l.findings.map((f) => f.code)).toContain('committee_not_allowed');
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('detail').where('tenant_id', '=', tenant.tenantId).where('action', '=', 'org.position_add').where('object_id', '=', b.id).orderBy('seq').execute());
    expect(audit[1]!.detail).toMatchObject({ exception: { rules: ['committee_not_allowed'], reason: '党委会议批准试点' } });
  });

  it('allows a 支委会 from 7 正式党员, refuses a committee above 7, and a second 书记', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const ids = await makeMembers(t, tenant.tenantId, b.id, 12);
    const positions = [{ personId: ids[0], role: 'secretary' }, ...ids.slice(1, 5).map((personId) => ({ personId, role: 'member' }))];
    expect((await admin.post(`/api/org/units/${b.id}/terms`, { startedOn: '2025-06-01', positions })).statusCode).toBe(200);
    expect((await leadership(b.id)).findings).toEqual([]);
    for (const id of ids.slice(5, 7)) expect((await admin.post(`/api/org/units/${b.id}/positions`, { personId: id, role: 'member', fromOn: '2025-07-01' })).statusCode).toBe(200);
    expect((await leadership(b.id)).findings.map((f) => [f.code, f.severity])).toEqual([['committee_above_usual', 'warning']]);
    expect((await admin.post(`/api/org/units/${b.id}/positions`, { personId: ids[7], role: 'member', fromOn: '2025-07-01' })).json()).toMatchObject({ error: 'org_rule' });
    expect((await admin.post(`/api/org/units/${b.id}/positions`, { personId: ids[8], role: 'secretary', fromOn: '2025-07-01' })).json()).toMatchObject({ statusCode: 400, field: 'role' });
    // A 2-person committee elected as a whole is too small.
    const small = await admin.post(`/api/org/units/${b.id}/terms`, { startedOn: '2025-08-01', positions: [{ personId: ids[0], role: 'secretary' }, { personId: ids[1], role: 'member' }] });
    expect(small.json()).toMatchObject({ error: 'org_rule', field: 'positions' });
  });

  it('offers only the 正式党员 of the subtree as candidates, searchable', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const g = await makeUnit(t, tenant.tenantId, { parentId: b.id, kind: 'party_group' });
    const full = [...await makeMembers(t, tenant.tenantId, b.id, 2), ...await makeMembers(t, tenant.tenantId, g.id, 1)];
    await makeMembers(t, tenant.tenantId, b.id, 2, 'probationary');
    const items = (await admin.get(`/api/org/units/${b.id}/candidates`)).json<{ items: { id: string }[] }>().items;
    expect(items.map((i) => i.id).sort()).toEqual([...full].sort());
    expect((await admin.get(`/api/org/units/${b.id}/candidates?q=${encodeURIComponent('党员1')}`)).json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('ends a position', async () => {
    const b = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch' });
    const [p] = await makeMembers(t, tenant.tenantId, b.id, 3);
    const id = (await admin.post(`/api/org/units/${b.id}/positions`, { personId: p, role: 'secretary', fromOn: '2025-01-01' })).json<{ id: string }>().id;
    expect((await admin.post(`/api/org/units/${b.id}/positions/${id}/end`, { toOn: '2024-12-31' })).statusCode).toBe(400);
    expect((await admin.post(`/api/org/units/${b.id}/positions/${id}/end`, { toOn: '2025-06-30' })).statusCode).toBe(200);
    expect((await leadership(b.id)).positions).toEqual([]);
    expect((await admin.post(`/api/org/units/${b.id}/positions/${id}/end`, { toOn: '2025-06-30' })).statusCode).toBe(404);
  });
});

describe('换届提醒', () => {
  it('lists open terms ending within 6 months and expired ones, in the actor’s scope only', async () => {
    const x = await makeTenant(t);
    const xAdmin = await loginActive(t.app, await makeUser(t, x.tenantId, { role: 'sys_admin' }));
    const xr = await makeUnit(t, x.tenantId);
    const due = await makeUnit(t, x.tenantId, { parentId: xr.id, kind: 'branch', name: '即将届满支部' });
    const expired = await makeUnit(t, x.tenantId, { parentId: xr.id, kind: 'branch', name: '已届满支部' });
    const fresh = await makeUnit(t, x.tenantId, { parentId: xr.id, kind: 'branch', name: '新一届支部' });
    const elect = (id: string, startedOn: string) => xAdmin.post(`/api/org/units/${id}/terms`, { startedOn, positions: [] });
    expect((await elect(due.id, addMonths(addYears(today, -3), 2))).statusCode).toBe(200); // ends in 2 months
    expect((await elect(expired.id, addMonths(addYears(today, -3), -1))).statusCode).toBe(200); // ended a month ago
    expect((await elect(fresh.id, addMonths(today, -1))).statusCode).toBe(200);
    const r = (await xAdmin.get('/api/org/reminders')).json<{ months: number; items: { unitId: string; state: string; daysLeft: number }[] }>();
    expect(r.months).toBe(6);
    expect(r.items.map((i) => [i.unitId, i.state])).toEqual([[expired.id, 'expired'], [due.id, 'renewal_due']]);
    expect(r.items[0]!.daysLeft).toBeLessThan(0);
    // A branch secretary of the expired branch sees only that one; another tenant sees none of them.
    const sec = await loginActive(t.app, await makeUser(t, x.tenantId, { role: 'branch_secretary', orgUnitId: expired.id }));
    expect((await sec.get('/api/org/reminders')).json<{ items: { unitId: string }[] }>().items.map((i) => i.unitId)).toEqual([expired.id]);
    expect((await admin.get('/api/org/reminders')).json<{ items: { unitId: string }[] }>().items.map((i) => i.unitId)).not.toContain(due.id);
  });
});

describe('org settings', () => {
  it('are bounded, consistent, and changed only at the top, with an audit record', async () => {
    const bad: [unknown, string][] = [
      [{ ...DEFAULT_ORG_SETTINGS, termYears: { ...DEFAULT_ORG_SETTINGS.termYears, branch: 20 } }, 'termYears.branch'],
      [{ ...DEFAULT_ORG_SETTINGS, renewalReminderMonths: 0 }, 'renewalReminderMonths'],
      [{ ...DEFAULT_ORG_SETTINGS, committeeMax: 4 }, 'committeeMax'],
      [{ ...DEFAULT_ORG_SETTINGS, committeeFromMembers: 40 }, 'committeeFromMembers'],
    ];
    for (const [body, field] of bad) {
      const r = await admin.put('/api/org/settings', body);
      expect(r.statusCode, field).toBe(400);
      expect(r.json<{ field: string }>().field).toBe(field);
    }
    const lower = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: c1.id }));
    expect((await lower.get('/api/org/settings')).json<{ canEdit: boolean }>().canEdit).toBe(false);
    expect((await lower.put('/api/org/settings', DEFAULT_ORG_SETTINGS)).statusCode).toBe(403);
    const top = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id }));
    const r = await top.put('/api/org/settings', { ...DEFAULT_ORG_SETTINGS, renewalReminderMonths: 8 });
    expect(r.statusCode, r.body).toBe(200);
    const rec = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('detail').where('tenant_id', '=', tenant.tenantId).where('action', '=', 'settings.org').execute());
    expect(rec.map((x) => x.detail)).toEqual([{ changed: { renewalReminderMonths: { from: 6, to: 8 } } }]);
  });
});
