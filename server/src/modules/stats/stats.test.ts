// 党内统计 (issue 3): every table derived from the records of an org subtree, as of 31 December (or today), archived
// people and other subtrees excluded; scope refusal; export audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makePerson, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { readWorkbook } from '../../platform/office/xlsx.js';
import { todayInChina } from '../org/clock.js';
import type { Statistics } from './service.js';
import { statisticsDate } from './service.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let c: TestUnit;
let b1: TestUnit;
let b2: TestUnit;
let c2: TestUnit;
let secretary: Agent;

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { name: '集团党委' });
  c = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'committee', name: '一公司党委' });
  b1 = await makeUnit(t, tenant.tenantId, { parentId: c.id, kind: 'branch', name: '第一党支部' });
  b2 = await makeUnit(t, tenant.tenantId, { parentId: c.id, kind: 'branch', name: '第二党支部' });
  c2 = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'committee', name: '二公司党委' });
  const tid = tenant.tenantId;
  const full = (joined: string, fullOn: string) => ({ partyStatus: 'full' as const, partyJoinedOn: joined, fullOn });
  await makePerson(t, tid, { orgUnitId: b1.id, name: '甲', gender: 'male', ethnicity: '汉族', education: '大学本科', birthDate: '1990-06-01', ...full('2010-07-01', '2011-07-01') });
  await makePerson(t, tid, { orgUnitId: b1.id, name: '乙', gender: 'female', ethnicity: '回族', education: '硕士研究生', birthDate: '1960-01-01', membership: 'mobile', ...full('1985-07-01', '1986-07-01') });
  await makePerson(t, tid, { orgUnitId: b2.id, name: '丙', gender: 'female', ethnicity: '汉族', education: '大专', birthDate: '2000-03-01', partyStatus: 'probationary', appliedOn: '2022-03-01', activistOn: '2023-01-01', candidateOn: '2023-12-01', partyJoinedOn: '2024-06-01' });
  // 正式 today, but 预备 on 2024-12-31 (转正 in 2025); admitted in 2024.
  await makePerson(t, tid, { orgUnitId: b2.id, name: '丁', gender: 'male', ethnicity: '壮族', education: null, birthDate: '1985-12-31', ...full('2024-02-01', '2025-02-01') });
  await makePerson(t, tid, { orgUnitId: b1.id, name: '戊', partyStatus: 'applicant', appliedOn: '2024-05-01', birthDate: '2001-01-01' });
  await makePerson(t, tid, { orgUnitId: b1.id, name: '己', partyStatus: 'activist', appliedOn: '2023-01-01', activistOn: '2024-03-01', birthDate: '2001-01-01' });
  // Archived now: a member on 2024-12-31, not today.
  await makePerson(t, tid, { orgUnitId: b1.id, name: '庚', gender: 'male', birthDate: '1975-01-01', archived: true, ...full('2000-07-01', '2001-07-01') });
  // Another subtree: never counted under 一公司党委.
  await makePerson(t, tid, { orgUnitId: c2.id, name: '辛', birthDate: '1975-01-01', ...full('2000-07-01', '2001-07-01') });
  // Admitted in 2025: not a member on 2024-12-31.
  await makePerson(t, tid, { orgUnitId: b2.id, name: '壬', gender: 'male', birthDate: '1995-01-01', partyStatus: 'probationary', partyJoinedOn: '2025-05-01' });
  await makePerson(t, tid, { orgUnitId: b2.id, name: '癸', gender: 'male', ethnicity: '汉族', education: '初中及以下', birthDate: '1970-01-01', membership: 'retained', ...full('2023-04-01', '2024-04-01') });
  secretary = await loginActive(t.app, await makeUser(t, tid, { role: 'committee_secretary', orgUnitId: c.id, displayName: '党委书记甲' }));
});

afterAll(async () => {
  await t?.close();
});

const stats = async (a: Agent, unitId: string, year: number) => {
  const r = await a.get(`/api/stats?unitId=${unitId}&year=${year}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Statistics>();
};
/** A table as { row key: values }. */
const table = (s: Statistics, key: string) => Object.fromEntries(s.tables.find((x) => x.key === key)!.rows.map((r) => [r.key, r.values]));

describe('党内统计 of 一公司党委 for 2024 (as of 2024-12-31)', () => {
  let s: Statistics;
  beforeAll(async () => {
    s = await stats(secretary, c.id, 2024);
  });

  it('counts members by status: admitted by the date, 正式 once 转正, archived later still counted', () => {
    expect(s.asOf).toBe('2024-12-31');
    expect(s.unit).toEqual({ id: c.id, name: '一公司党委', kind: 'committee' });
    // 甲 乙 丙 丁 庚 癸; 丁 is 预备 on the day.
    expect(table(s, 'status')).toEqual({ total: [6], full: [4], probationary: [2] });
    expect(s.summary).toEqual({ members: 6, full: 4, probationary: 2, female: 2, minority: 2, newMembers: 2, orgUnits: 3 });
  });

  it('by gender, age band, ethnicity and education (total, 正式, 预备)', () => {
    expect(table(s, 'gender')).toEqual({ male: [4, 3, 1], female: [2, 1, 1] });
    expect(table(s, 'age')).toEqual({
      to30: [1, 0, 1], '31to35': [1, 1, 0], '36to40': [1, 0, 1], '41to45': [0, 0, 0], '46to50': [1, 1, 0], '51to55': [1, 1, 0], '56to60': [0, 0, 0], from61: [1, 1, 0],
    });
    expect(table(s, 'ethnicity_group')).toEqual({ han: [4, 3, 1], minority: [2, 1, 1] });
    expect(table(s, 'ethnicity')).toEqual({ 回族: [1, 1, 0], 壮族: [1, 0, 1] });
    expect(table(s, 'education')).toEqual({
      初中及以下: [1, 1, 0], 高中: [0, 0, 0], 中专: [0, 0, 0], 大专: [1, 0, 1], 大学本科: [1, 1, 0], 硕士研究生: [1, 1, 0], 博士研究生: [0, 0, 0], '': [2, 1, 1],
    });
  });

  it('development in the year, 流动党员 / 组织关系保留, and org units by kind', () => {
    expect(table(s, 'development')).toEqual({ applications: [1], activists: [1], candidates: [0], admitted: [2], turned_full: [1] });
    expect(table(s, 'membership')).toEqual({ mobile: [1, 1, 0], retained: [1, 1, 0] });
    expect(table(s, 'org_units')).toEqual({ group_committee: [0], committee: [1], general_branch: [0], branch: [2], party_group: [0] });
  });
});

describe('党内统计 for the current year and other scopes', () => {
  it('counts as of today, without archived people', async () => {
    const today = todayInChina();
    const year = Number(today.slice(0, 4));
    const s = await stats(secretary, c.id, year);
    expect(s.asOf).toBe(statisticsDate(year, today));
    expect(s.asOf).toBe(today);
    // 甲 乙 丙 丁 壬 癸 (庚 archived); 丁 正式 now. Assumes today is after 2025-05-01, as the fixture's dates are.
    expect(table(s, 'status')).toEqual({ total: [6], full: [4], probationary: [2] });
  });

  it('a branch counts only its own people; the whole tenant counts every subtree', async () => {
    expect(table(await stats(secretary, b1.id, 2024), 'status')).toEqual({ total: [3], full: [3], probationary: [0] });
    const whole = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'committee_secretary', orgUnitId: root.id }));
    const s = await stats(whole, root.id, 2024);
    expect(table(s, 'status')).toEqual({ total: [7], full: [5], probationary: [2] });
    expect(table(s, 'org_units')).toMatchObject({ group_committee: [1], committee: [2], branch: [2] });
  });

  it('refuses units outside the scope (404), other tenants’ units, roles without stats.read, and bad years', async () => {
    expect((await secretary.get(`/api/stats?unitId=${c2.id}&year=2024`)).statusCode).toBe(404);
    expect((await secretary.get(`/api/stats?unitId=${root.id}&year=2024`)).statusCode).toBe(404);
    expect((await secretary.get(`/api/stats/export.xlsx?unitId=${root.id}&year=2024`)).statusCode).toBe(404);
    const other = await makeTenant(t);
    const oRoot = await makeUnit(t, other.tenantId);
    expect((await secretary.get(`/api/stats?unitId=${oRoot.id}&year=2024`)).statusCode).toBe(404);
    const hr = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'hr_staff' }));
    expect((await hr.get(`/api/stats?unitId=${c.id}&year=2024`)).statusCode).toBe(403);
    const future = Number(todayInChina().slice(0, 4)) + 1;
    const r = await secretary.get(`/api/stats?unitId=${c.id}&year=${future}`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'year' });
  });

  it('lists the top units of the actor’s statistics scope', async () => {
    const r = await secretary.get('/api/stats/units');
    expect(r.json()).toEqual({ items: [{ id: c.id, name: '一公司党委', kind: 'committee', fullName: '集团党委/一公司党委' }] });
  });

  it('exports one sheet per table, audited as an export', async () => {
    const r = await secretary.get(`/api/stats/export.xlsx?unitId=${c.id}&year=2024`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const gender = await readWorkbook(r.rawPayload, '性别');
    expect(gender.headers).toEqual(['项目', '党员总数', '正式党员', '预备党员']);
    expect(gender.rows.map((x) => x.cells)).toEqual([['男', '4', '3', '1'], ['女', '2', '1', '1']]);
    const dev = await readWorkbook(r.rawPayload, '2024年发展党员情况');
    expect(dev.rows.map((x) => x.cells[1])).toEqual(['1', '1', '0', '2', '1']);
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.tenantId).where('action', '=', 'stats.export').execute());
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ object_id: c.id, actor_name: '党委书记甲', detail: { year: 2024, members: 6 } });
  });
});
