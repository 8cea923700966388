// The compliance view and the 台账 (../shared/domain/RULES.md §5; ARCHITECTURE.md "records are the ledger"): derived
// only from held meetings; green on time, amber late or due, red missing; 支委会 only where a committee exists, 党小组会
// per group; the .xlsx and .docx 台账 and the minutes exports come from the same records and are audited.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { asOwner } from '../../testing/db.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { readWorkbook } from '../../platform/office/xlsx.js';
import type { Actor } from '../../platform/access/actor.js';
import { compliance } from './compliance.js';
import { insertMeeting, makeBranch, memberAgent, type TestBranch } from './testing.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let a: TestBranch;
let b: TestBranch;
let g1: TestUnit;
let g2: TestUnit;
let admin: Agent;
let adminActor: Actor;
let signedId = '';

const NOW = new Date('2026-05-10T04:00:00Z');
const at = (d: string) => new Date(`${d}T06:00:00Z`);

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { name: '集团党委' });
  a = await makeBranch(t, tenant.tenantId, root.id, { full: 7, probationary: 1, name: '甲党支部' });
  b = await makeBranch(t, tenant.tenantId, root.id, { full: 4, probationary: 0, committee: false, name: '乙党支部' });
  g1 = await makeUnit(t, tenant.tenantId, { parentId: a.unit.id, kind: 'party_group', name: '第一党小组' });
  g2 = await makeUnit(t, tenant.tenantId, { parentId: a.unit.id, kind: 'party_group', name: '第二党小组' });
  const adminUser = await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id });
  admin = await loginActive(t.app, adminUser);
  adminActor = { userId: adminUser.userId, tenantId: tenant.tenantId, tenantKind: 'enterprise', username: adminUser.username, displayName: '组织委员', sourceIp: '', grants: [{ role: 'organization_member', orgUnitId: root.id, path: root.path }] };

  const ap = [...a.full, ...a.probationary];
  const bp = b.full;
  const m = (unitId: string, kind: string, period: string, heldAt: string | null, people: string[], extra: { absent?: string[]; signed?: boolean; title?: string } = {}) =>
    insertMeeting(t, tenant.tenantId, { unitId, kind, period, heldAt: heldAt ? at(heldAt) : null, people, ...extra });
  // 甲: assembly Q1 on time; committee Jan, Feb on time, March missing, April held late (in May); group 1 monthly, group 2 never.
  signedId = await m(a.unit.id, 'branch_assembly', '2026-Q1', '2026-03-15', ap, { absent: [a.full[6]!], signed: true, title: '2026年第一季度支部党员大会' });
  await m(a.unit.id, 'committee', '2026-01', '2026-01-20', a.committee);
  await m(a.unit.id, 'committee', '2026-02', '2026-02-20', a.committee);
  await m(a.unit.id, 'committee', '2026-04', '2026-05-02', a.committee);
  for (const mo of ['01', '02', '03', '04']) await m(g1.id, 'group', `2026-${mo}`, `2026-${mo}-10`, a.full.slice(0, 3));
  await m(a.unit.id, 'theme_day', '2026-05', null, ap);
  // A cancelled meeting and one never held do not count.
  await m(a.unit.id, 'lecture', '2026-Q1', null, ap);
  // 乙: everything of Q1 on time, and a 组织生活会 in March that also counts as the 民主评议 (RULES.md §5: may join).
  await m(b.unit.id, 'branch_assembly', '2026-Q1', '2026-02-01', bp);
  await m(b.unit.id, 'lecture', '2026-Q1', '2026-02-02', bp);
  for (const mo of ['01', '02', '03', '04']) await m(b.unit.id, 'theme_day', `2026-${mo}`, `2026-${mo}-15`, bp);
  await m(b.unit.id, 'life_meeting', '2026', '2026-03-01', bp);
  // 甲's lecture of Q1: none held; 甲's theme days: none.
});

afterAll(async () => {
  await t?.close();
});

type Result = Awaited<ReturnType<typeof compliance>>;
const kindOf = (r: Result, unitId: string, kind: string) => r.items.find((i) => i.unitId === unitId)?.kinds.find((k) => k.kind === kind);

describe('compliance of a quarter that is over (RULES.md §5)', () => {
  let r: Result;
  beforeAll(async () => {
    r = await compliance(t.database.db, adminActor, { unitId: root.id, period: '2026-Q1', page: 1, pageSize: 50 }, NOW);
  });

  it('is red where a meeting is missing and green where all were held on time; red first', () => {
    expect(r.items.map((i) => [i.name, i.light])).toEqual([['甲党支部', 'red'], ['乙党支部', 'green']]);
    expect(r.summary).toMatchObject({ branches: 2, lights: { red: 1, green: 1 } });
  });

  it('asks 支委会 only of the branch with a committee, and 党小组会 of each group', () => {
    expect(kindOf(r, b.unit.id, 'committee')?.applicable).toBe(false);
    expect(kindOf(r, b.unit.id, 'group')?.applicable).toBe(false);
    const committee = kindOf(r, a.unit.id, 'committee')!;
    expect(committee.cells.map((c) => [c.period, c.light])).toEqual([['2026-01', 'green'], ['2026-02', 'green'], ['2026-03', 'red']]);
    const group = kindOf(r, a.unit.id, 'group')!;
    expect(group.cells.filter((c) => c.group === '第一党小组').every((c) => c.light === 'green')).toBe(true);
    expect(group.cells.filter((c) => c.group === '第二党小组').map((c) => c.light)).toEqual(['red', 'red', 'red']);
    expect(group.light).toBe('red');
  });

  it('does not count a planned meeting that was never held', () => {
    expect(kindOf(r, a.unit.id, 'lecture')).toMatchObject({ light: 'red', missing: 1, held: 0 });
  });
});

describe('compliance of the year so far', () => {
  let r: Result;
  beforeAll(async () => {
    r = await compliance(t.database.db, adminActor, { period: '2026', page: 1, pageSize: 50 }, NOW);
  });

  it('shows a meeting held after its period as amber (held late), the current month open or due, the rest future', () => {
    const cells = kindOf(r, a.unit.id, 'committee')!.cells;
    expect(cells.find((c) => c.period === '2026-04')).toMatchObject({ light: 'amber', reason: 'held_late' });
    expect(cells.find((c) => c.period === '2026-05')).toMatchObject({ light: 'open' });
    expect(cells.find((c) => c.period === '2026-06')).toMatchObject({ light: 'future' });
  });

  it('marks the 主题党日 near its fixed day as due soon, and shows it planned', () => {
    expect(kindOf(r, a.unit.id, 'theme_day')!.cells.find((c) => c.period === '2026-05')).toMatchObject({ light: 'amber', reason: 'due_soon', planned: true });
  });

  it('counts the 组织生活会 as the year’s 民主评议 (setting, default on)', () => {
    expect(kindOf(r, b.unit.id, 'evaluation')!.cells[0]).toMatchObject({ light: 'green', reason: 'held' });
    expect(kindOf(r, a.unit.id, 'evaluation')!.cells[0]).toMatchObject({ light: 'open' });
  });

  it('filters by light and pages', async () => {
    const red = await compliance(t.database.db, adminActor, { period: '2026', light: 'red', page: 1, pageSize: 1 }, NOW);
    expect(red.total).toBe(1);
    expect(red.items[0]?.name).toBe('甲党支部');
  });
});

describe('scope of the view', () => {
  it('answers 404 for a unit out of scope, 403 without meetings.read', async () => {
    const secB = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: b.unit.id }));
    expect((await secB.get(`/api/meetings/compliance?unitId=${a.unit.id}&period=2026`)).statusCode).toBe(404);
    const own = (await secB.get('/api/meetings/compliance?period=2026')).json<{ items: { name: string }[] }>();
    expect(own.items.map((i) => i.name)).toEqual(['乙党支部']);
    const member = (await memberAgent(t, tenant.tenantId, a.full[4]!)).agent;
    expect((await member.get('/api/meetings/compliance?period=2026')).statusCode).toBe(403);
    expect((await admin.get('/api/meetings/compliance?period=2026-13')).statusCode).toBe(400);
  });
});

describe('the 台账 from the same records', () => {
  it('exports the held meetings and the compliance to .xlsx, audited', async () => {
    const res = await admin.get(`/api/meetings/ledger.xlsx?unitId=${root.id}&period=2026-Q1`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('ledger-2026-Q1.xlsx');
    const sheet = await readWorkbook(res.rawPayload, '会议台账');
    // Q1 held: 甲 assembly, committee Jan+Feb, group Jan–Mar; 乙 assembly, lecture, theme days Jan–Mar, and the year's
    // 组织生活会 (a yearly item belongs to every view inside its year, as in the compliance view).
    expect(sheet.rows.length).toBe(1 + 2 + 3 + 2 + 3 + 1);
    const col = (h: string) => sheet.headers.indexOf(h);
    const assembly = sheet.rows.find((r) => r.cells[col('会议名称')] === '2026年第一季度支部党员大会')!;
    expect([col('党组织'), col('应到'), col('实到')].map((i) => assembly.cells[i])).toEqual(['甲党支部', '8', '7']);
    const summary = await readWorkbook(res.rawPayload, '落实情况');
    expect(summary.rows.map((r) => r.cells[0]).sort()).toEqual(['乙党支部', '甲党支部'].sort());
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('detail').where('tenant_id', '=', tenant.tenantId).where('action', '=', 'meeting.ledger_export').execute());
    expect(audit.at(-1)?.detail).toMatchObject({ format: 'xlsx', period: '2026-Q1' });
  });

  it('exports the 台账 as a 公文-style .docx, one section per branch', async () => {
    const res = await admin.get(`/api/meetings/ledger.docx?unitId=${root.id}&period=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!);
    expect(xml).toContain('集团党委2026年三会一课台账');
    expect(xml).toMatch(/[一二]、甲党支部/);
    expect(xml).toMatch(/[一二]、乙党支部/);
    expect(xml).toContain('第一党小组：');
  });
});

describe('minutes exports', () => {
  it('exports signed minutes as .docx and PDF; attendees who do not manage cannot; audited', async () => {
    const docx = await admin.get(`/api/meetings/${signedId}/minutes.docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    expect(xml).toContain('甲党支部2026年第一季度支部党员大会记录');
    expect(xml).toContain('应到8人（有表决权7人），实到7人，请假0人，缺席1人');
    expect(xml).toContain('主持人签发：书记');
    const pdf = await admin.get(`/api/meetings/${signedId}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const member = (await memberAgent(t, tenant.tenantId, a.full[5]!)).agent;
    expect((await member.get(`/api/meetings/${signedId}/minutes.docx`)).statusCode).toBe(403);
    const other = await makeTenant(t);
    const foreign = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'organization_member' }));
    expect((await foreign.get(`/api/meetings/${signedId}/minutes.pdf`)).statusCode).toBe(404);
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('detail').where('tenant_id', '=', tenant.tenantId).where('action', '=', 'meeting.minutes_export').execute());
    expect(audit.map((x) => (x.detail as { format: string }).format)).toEqual(['docx', 'pdf']);
  });
});
