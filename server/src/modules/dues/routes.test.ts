// 党费 through HTTP (RULES.md §4): the calculator, bases → monthly run → report, cash confirmation moving the collection
// rate, the hardship approval chain, alerts, 我的党费, the bases import, transfer letters' 党费交至, scope and isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { writeWorkbook } from '../../platform/office/xlsx.js';
import { XLSX_CONTENT_TYPE } from '../../platform/office/xlsx.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { makeMember } from '../transfers/testing.js';
import { addMonthsYm } from './rules.js';
import { chinaMonth } from './ledger.js';
import { deriveMonths, memberAccount, memberWithDues } from './testing.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let branch: TestUnit;
let other: TestUnit;
let z: Agent; // 组织委员 of the whole tree
let branchSec: Agent; // 支部书记 of `branch`
let committee: Agent; // 党委书记 (approves)
const current = chinaMonth();

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { name: '集团党委' });
  branch = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第一党支部' });
  other = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第二党支部' });
  z = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id }));
  branchSec = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: branch.id }));
  committee = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'committee_secretary', orgUnitId: root.id }));
});

afterAll(async () => {
  await t?.close();
});

describe('the calculator (RULES.md §4)', () => {
  it('answers the monthly dues, the bracket and the rule in words, at the bracket edges', async () => {
    const at = async (baseFen: number) => (await z.post('/api/dues/calculate', { category: 'employed', baseFen })).json<{ monthlyFen: number; bracket: number; ruleText: string }>();
    expect(await at(300_000)).toMatchObject({ monthlyFen: 1_500, bracket: 0 });
    expect(await at(300_001)).toMatchObject({ monthlyFen: 3_000, bracket: 1 });
    expect((await at(300_001)).ruleText).toContain('不累进');
    const low = (await z.post('/api/dues/calculate', { category: 'low_income' })).json<{ monthlyFen: number }>();
    expect(low.monthlyFen).toBe(20);
  });
  it('refuses a base category without a base, and a float, naming the field', async () => {
    const r = await z.post('/api/dues/calculate', { category: 'retired' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'baseFen' });
    expect((await z.post('/api/dues/calculate', { category: 'employed', baseFen: 12.5 })).statusCode).toBe(400);
  });
});

describe('bases → monthly run → report → cash → rate', () => {
  it('derives dues from bases, idempotently, and the rate moves when a member pays cash', async () => {
    const a = await makeMember(t, tenant.tenantId, { orgUnitId: branch.id, name: '王交费' });
    const b = await makeMember(t, tenant.tenantId, { orgUnitId: branch.id, name: '李未交' });
    expect((await z.put(`/api/dues/people/${a.id}/bases`, { fromMonth: current, category: 'employed', baseFen: 450_000 })).statusCode).toBe(200);
    expect((await z.put(`/api/dues/people/${b.id}/bases`, { fromMonth: current, category: 'retired', baseFen: 600_000 })).statusCode).toBe(200);
    const run = (await z.post('/api/dues/runs', { month: current, orgUnitId: branch.id })).json<{ created: number }>();
    expect(run.created).toBe(2);
    expect((await z.post('/api/dues/runs', { month: current, orgUnitId: branch.id })).json<{ created: number; adjusted: number }>()).toMatchObject({ created: 0, adjusted: 0 });

    const rep = async () => (await z.get(`/api/dues/report?orgUnitId=${branch.id}&month=${current}`)).json<{ total: { dueFen: number; collectedFen: number; outstandingFen: number; rate: number | null } }>().total;
    expect(await rep()).toMatchObject({ dueFen: 4_500 + 6_000, collectedFen: 0, rate: 0 });
    const cash = await branchSec.post(`/api/dues/people/${a.id}/cash`, { months: [current], receiptNo: 'SJ-0001' });
    expect(cash.statusCode, cash.body).toBe(200);
    expect(cash.json()).toMatchObject({ amountFen: 4_500, allocations: [{ month: current, amountFen: 4_500 }] });
    expect(await rep()).toMatchObject({ collectedFen: 4_500, outstandingFen: 6_000, rate: 0.429 });
    // The same receipt twice is refused and changes nothing.
    const before = await rowCounts(t.database, WRITE_TABLES);
    expect((await branchSec.post(`/api/dues/people/${a.id}/cash`, { months: [current], receiptNo: 'SJ-0001' })).statusCode).toBe(409);
    expect((await branchSec.post(`/api/dues/people/${a.id}/cash`, { months: [current] })).statusCode).toBe(400);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);

    const list = (await z.get(`/api/dues/unpaid?orgUnitId=${branch.id}&month=${current}`)).json<{ items: { name: string; owedFen: number }[] }>();
    expect(list.items.map((i) => i.name)).toContain('李未交');
    expect(list.items.map((i) => i.name)).not.toContain('王交费');

    const xlsx = await z.get(`/api/dues/report.xlsx?orgUnitId=${branch.id}&month=${current}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_CONTENT_TYPE);

    // A corrected base is recorded as a correction on the next run of the month.
    expect((await z.put(`/api/dues/people/${b.id}/bases`, { fromMonth: current, category: 'retired', baseFen: 400_000 })).statusCode).toBe(200);
    expect((await z.post('/api/dues/runs', { month: current, orgUnitId: branch.id })).json<{ adjusted: number }>().adjusted).toBe(1);
    const ledger = (await z.get(`/api/dues/people/${b.id}`)).json<{ months: { month: string; dueFen: number }[]; entries: { amountFen: number; correctsId: string | null }[] }>();
    expect(ledger.months.find((m) => m.month === current)?.dueFen).toBe(2_000);
    expect(ledger.entries.some((e) => e.correctsId !== null && e.amountFen === -4_000)).toBe(true);
  });

  it('keeps a branch secretary to the branch: another branch’s member is a 404', async () => {
    const c = await memberWithDues(t, tenant.tenantId, other.id, { name: '赵别支' });
    expect((await branchSec.get(`/api/dues/people/${c}`)).statusCode).toBe(404);
    expect((await branchSec.post(`/api/dues/people/${c}/cash`, { months: [current] })).statusCode).toBe(404);
    expect((await branchSec.get(`/api/dues/report?orgUnitId=${other.id}`)).statusCode).toBe(404);
  });

  it('answers 404 for another tenant’s member', async () => {
    const elsewhere = await makeTenant(t);
    const u = await makeUnit(t, elsewhere.tenantId);
    const p = await memberWithDues(t, elsewhere.tenantId, u.id);
    expect((await z.get(`/api/dues/people/${p}`)).statusCode).toBe(404);
  });
});

describe('back payment is limited to 6 months unless approved (RULES.md §4)', () => {
  it('refuses a month beyond the limit, and takes it after the 党委 approves the back payment', async () => {
    const late = await memberWithDues(t, tenant.tenantId, branch.id, { name: '孙补交', fromMonth: addMonthsYm(current, -8), runMonths: 9 });
    const old = addMonthsYm(current, -8);
    const r = await branchSec.post(`/api/dues/people/${late}/cash`, { months: [old] });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'months' });
    const req = (await branchSec.post('/api/dues/requests', { personId: late, kind: 'back_payment', fromMonth: old, toMonth: addMonthsYm(current, -7), reason: '外派期间未能交纳' })).json<{ id: string }>();
    expect((await branchSec.post(`/api/dues/requests/${req.id}/approve`, {})).statusCode).toBe(403);
    expect((await committee.post(`/api/dues/requests/${req.id}/approve`, { note: '同意补交' })).json()).toEqual({ state: 'approved' });
    expect((await branchSec.post(`/api/dues/people/${late}/cash`, { months: [old] })).statusCode).toBe(200);
  });
});

describe('hardship exemption: member applies, branch reviews, 党委 approves (RULES.md §4)', () => {
  it('waives the months once approved, and not before', async () => {
    const { user, personId } = await memberAccount(t, tenant.tenantId, branch.id, { name: '周困难', runMonths: 2 });
    const me = await loginActive(t.app, user);
    const created = await me.post('/api/dues/requests', { kind: 'exemption', fromMonth: addMonthsYm(current, -1), toMonth: current, reason: '家中重病，收入困难' });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json<{ id: string }>().id;
    expect((await committee.post(`/api/dues/requests/${id}/approve`, {})).statusCode).toBe(409); // not reviewed yet
    expect((await me.post(`/api/dues/requests/${id}/review`, {})).statusCode).toBe(403);
    expect((await branchSec.post(`/api/dues/requests/${id}/review`, { note: '情况属实' })).json()).toEqual({ state: 'reviewed' });
    const before = (await me.get('/api/dues/me')).json<{ ledger: { outstandingFen: number } }>().ledger.outstandingFen;
    expect(before).toBeGreaterThan(0);
    expect((await committee.post(`/api/dues/requests/${id}/approve`, { note: '同意免交' })).json()).toEqual({ state: 'approved' });
    const after = (await me.get('/api/dues/me')).json<{ ledger: { outstandingFen: number; paidUntil: string | null } }>().ledger;
    expect(after.outstandingFen).toBe(0);
    expect(after.paidUntil).toBe(current);
    // Running the months again adds no second waiver.
    await deriveMonths(t, tenant.tenantId, branch.id, 2);
    const entries = (await z.get(`/api/dues/people/${personId}`)).json<{ entries: { kind: string }[] }>().entries;
    expect(entries.filter((e) => e.kind === 'waiver')).toHaveLength(2);
    const mine = (await me.get('/api/dues/requests?mine=true')).json<{ items: { state: string }[] }>();
    expect(mine.items[0]?.state).toBe('approved');
  });
});

describe('alerts (RULES.md §4)', () => {
  it('raises a reminder at 3 months and a case at 6 consecutive months; a case closes only with an outcome', async () => {
    const three = await memberWithDues(t, tenant.tenantId, other.id, { name: '吴三月', fromMonth: addMonthsYm(current, -3), runMonths: 4 });
    const six = await memberWithDues(t, tenant.tenantId, other.id, { name: '郑六月', fromMonth: addMonthsYm(current, -6), runMonths: 7 });
    const alerts = (await z.get('/api/dues/alerts?state=open')).json<{ items: { id: string; personId: string; kind: string; unpaidMonths: number }[] }>().items;
    expect(alerts.find((a) => a.personId === three)).toMatchObject({ kind: 'reminder', unpaidMonths: 3 });
    const c = alerts.find((a) => a.personId === six && a.kind === 'case')!;
    expect(c.unpaidMonths).toBe(6);
    const r = await z.post(`/api/dues/alerts/${c.id}/handle`, { notes: '已谈话', close: true });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'outcome' });
    expect((await z.post(`/api/dues/alerts/${c.id}/handle`, { notes: '已谈话，说明外出务工', outcome: '补交并说明理由，不按自行脱党处理', close: true })).statusCode).toBe(200);
  });
});

describe('bases import (.xlsx, row report, re-import changes nothing)', () => {
  it('imports by 身份证号, reports bad rows, and a second import of the same file changes nothing', async () => {
    const m = await makeMember(t, tenant.tenantId, { orgUnitId: branch.id, name: '钱导入' });
    const file = await writeWorkbook([{
      name: '缴费基数',
      columns: ['姓名', '身份证号', '工号', '起始月份', '类别', '月缴费基数（元）', '备注'].map((h) => ({ header: h, key: h })),
      rows: [
        { 姓名: '钱导入', 身份证号: m.idNumber, 起始月份: current, 类别: '在职', '月缴费基数（元）': '5000.01' },
        { 姓名: '查无此人', 身份证号: '11010519491231002X', 起始月份: current, 类别: '在职', '月缴费基数（元）': '3000' },
        { 姓名: '钱导入', 身份证号: m.idNumber, 起始月份: '2026-13', 类别: '在职', '月缴费基数（元）': '3000.123' },
      ],
    }]);
    const upload = async () => {
      const r = await z.inject({ method: 'POST', url: '/api/dues/bases/import?fileName=bases.xlsx', payload: file, headers: { 'content-type': XLSX_CONTENT_TYPE } });
      expect(r.statusCode, r.body).toBe(200);
      const id = r.json<{ id: string }>().id;
      for (let i = 0; i < 100; i++) {
        const j = (await z.get(`/api/dues/bases/imports/${id}`)).json<{ status: string; inserted: number; unchanged: number; failed: number; rows: { rowNumber: number; column: string }[] }>();
        if (j.status === 'done' || j.status === 'failed') return j;
        await new Promise((res) => setImmediate(res));
      }
      throw new Error('import did not finish');
    };
    const first = await upload();
    expect(first).toMatchObject({ status: 'done', inserted: 1, failed: 2 });
    expect(first.rows.map((r) => r.rowNumber)).toEqual(expect.arrayContaining([3, 4]));
    const second = await upload();
    expect(second).toMatchObject({ status: 'done', inserted: 0, unchanged: 1, failed: 2 });
    const hist = (await z.get(`/api/dues/people/${m.id}/bases`)).json<{ items: { baseFen: number; monthlyFen: number }[] }>();
    expect(hist.items[0]).toMatchObject({ baseFen: 500_001, monthlyFen: 7_500 });
  });
});

describe('transfer letters take 党费交至 from the ledger', () => {
  it('uses the ledger, not the form, when the member has one', async () => {
    const p = await memberWithDues(t, tenant.tenantId, branch.id, { name: '冯转出', runMonths: 1, fromMonth: current });
    await branchSec.post(`/api/dues/people/${p}/cash`, { months: [current] });
    const cand = (await z.get(`/api/transfers/candidates?q=${encodeURIComponent('冯转出')}`)).json<{ items: { id: string; duesFromLedger: boolean; duesPaidUntil: string | null }[] }>();
    expect(cand.items.find((c) => c.id === p)).toMatchObject({ duesFromLedger: true, duesPaidUntil: current });
    const tr = (await z.post('/api/transfers', { personId: p, scope: 'external', toOrgName: '某市委组织部', reason: '调动', validityDays: 30, duesPaidUntil: '2020-01' })).json<{ id: string; duesPaidUntil: string }>();
    expect(tr.duesPaidUntil).toBe(current);
  });
});
