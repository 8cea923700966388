// 组织生活 end to end over HTTP (../shared/domain/RULES.md §5): plan from the org records (支委会 = the committee, 预备党员
// attend without a vote), notify in-app, leave with a reason decided by the host, record attendance, sign the minutes
// (the host), remind once; scope and tenant isolation answer 404; bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { loadMeetingInScope, markSignIn, saveMinutesDraft } from './api.js';
import { sendDueReminders } from './reminders.js';
import { fieldsBody, linkPerson, makeBranch, MATERIAL_PDF, memberAgent, planBody, type TestBranch } from './testing.js';
import { periodOf } from './rules.js';
import type { MeetingDetail } from './present.js';

let t: TestApp;
let tenant: TestTenant;
let other: TestTenant;
let root: TestUnit;
let b1: TestBranch;
let b2: TestBranch;
let small: TestBranch;
let sec: Agent;
let secUserId: string;
let member: Agent;
let probationer: Agent;
let otherSec: Agent;
let foreign: Agent;

const hour = 3_600_000;

beforeAll(async () => {
  t = await testApp();
  [tenant, other] = await Promise.all([makeTenant(t), makeTenant(t)]);
  root = await makeUnit(t, tenant.tenantId, { name: '集团党委' });
  b1 = await makeBranch(t, tenant.tenantId, root.id, { full: 7, probationary: 1, name: '第一党支部' });
  b2 = await makeBranch(t, tenant.tenantId, root.id, { full: 7, probationary: 0, name: '第二党支部' });
  small = await makeBranch(t, tenant.tenantId, root.id, { full: 4, probationary: 0, committee: false, name: '小支部' });
  const secUser = await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: b1.unit.id, displayName: '一支部书记' });
  secUserId = secUser.userId;
  await linkPerson(t, tenant.tenantId, secUser.userId, b1.committee[0]!);
  sec = await loginActive(t.app, secUser);
  member = (await memberAgent(t, tenant.tenantId, b1.full[5]!)).agent;
  probationer = (await memberAgent(t, tenant.tenantId, b1.probationary[0]!)).agent;
  otherSec = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: b2.unit.id }));
  const oRoot = await makeUnit(t, other.tenantId);
  foreign = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'organization_member', orgUnitId: oRoot.id }));
});

afterAll(async () => {
  await t?.close();
});

async function plan(body: Record<string, unknown>, as: Agent = sec): Promise<MeetingDetail> {
  const r = await as.post('/api/meetings', body);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<MeetingDetail>();
}

describe('planning from the org records (RULES.md §5)', () => {
  it('invites the branch’s party members to a 支部党员大会; 预备党员 attend without a vote', async () => {
    const m = await plan(planBody(b1.unit.id, 'branch_assembly', { hostPersonId: b1.committee[0], agenda: [{ title: '传达上级精神' }, { title: '讨论发展对象' }] }));
    expect(m.title).toMatch(/季度支部党员大会$/);
    expect(m.status).toBe('planned');
    expect(m.counts).toMatchObject({ expected: 8, voting: 7 });
    expect(m.attendees.find((a) => a.personId === b1.probationary[0])).toMatchObject({ voting: false, partyStatus: 'probationary' });
    expect(m.attendees.filter((a) => a.role === 'committee')).toHaveLength(3);
    expect(m.agenda.map((a) => a.title)).toEqual(['传达上级精神', '讨论发展对象']);
    expect(m.abilities).toMatchObject({ edit: true, notify: true, sign: false });
  });

  it('invites only the committee to a 支委会, and refuses one where the branch has no committee (RULES.md §1)', async () => {
    const m = await plan(planBody(b1.unit.id, 'committee'));
    expect(m.attendees.map((a) => a.personId).sort()).toEqual([...b1.committee].sort());
    const admin = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id }));
    const r = await admin.post('/api/meetings', planBody(small.unit.id, 'committee'));
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'kind' });
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const before = await rowCounts(t.database, WRITE_TABLES);
    const start = new Date(Date.now() + 48 * hour);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...planBody(b1.unit.id, 'lecture'), plannedEndAt: new Date(start.getTime() - hour).toISOString(), plannedStartAt: start.toISOString() }, 'plannedEndAt'],
      [{ ...planBody(b1.unit.id, 'lecture'), place: '' }, 'place'],
      [planBody(b1.unit.id, 'lecture', { videoLink: 'javascript:alert(1)' }), 'videoLink'],
      [planBody(b1.unit.id, 'lecture', { period: '2099-Q1' }), 'period'],
      [planBody(b1.unit.id, 'lecture', { hostPersonId: b2.full[0] }), 'hostPersonId'],
      [planBody(b1.unit.id, 'group'), 'kind'],
      [planBody(b1.unit.id, 'lecture', { plannedStartAt: 'tomorrow' }), 'plannedStartAt'],
    ];
    for (const [body, field] of cases) {
      const r = await sec.post('/api/meetings', body);
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      expect(r.json<{ field: string }>().field).toBe(field);
    }
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });

  it('answers 404 for a unit or a meeting out of scope, and across tenants', async () => {
    const m = await plan(planBody(b1.unit.id, 'theme_day'));
    expect((await otherSec.post('/api/meetings', planBody(b1.unit.id, 'lecture'))).statusCode).toBe(404);
    expect((await otherSec.get(`/api/meetings/${m.id}`)).statusCode).toBe(404);
    expect((await foreign.get(`/api/meetings/${m.id}`)).statusCode).toBe(404);
    expect((await foreign.post(`/api/meetings/${m.id}/notify`)).statusCode).toBe(404);
    // A member sees meetings they are invited to, and nothing else.
    const c = await plan(planBody(b1.unit.id, 'committee'));
    expect((await member.get(`/api/meetings/${c.id}`)).statusCode).toBe(404);
    expect((await member.get(`/api/meetings/${m.id}`)).statusCode).toBe(200);
    expect((await member.get('/api/meetings')).statusCode).toBe(403);
  });
});

describe('notify, leave, hold, sign (RULES.md §5)', () => {
  let m: MeetingDetail;

  it('notifies the attendees in-app; members find it in 我的会议', async () => {
    m = await plan(planBody(b1.unit.id, 'branch_assembly', { hostPersonId: b1.committee[0], recorderPersonId: b1.full[1], notify: true }));
    expect(m.status).toBe('notified');
    const inbox = (await member.get('/api/notifications')).json<{ items: { kind: string; title: string; link: string }[]; unread: number }>();
    expect(inbox.items.find((n) => n.link === `/meetings/${m.id}`)).toMatchObject({ kind: 'meeting.notice' });
    expect(inbox.unread).toBeGreaterThan(0);
    const mine = (await member.get('/api/meetings/mine?when=upcoming')).json<{ items: { id: string }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(m.id);
    const read = await member.post('/api/notifications/read', { all: true });
    expect(read.json()).toMatchObject({ unread: 0 });
  });

  it('takes a leave request with a reason to the host, who decides; the member hears back', async () => {
    expect((await member.post(`/api/meetings/${m.id}/leave`, { reason: '  ' })).statusCode).toBe(400);
    const r = await member.post(`/api/meetings/${m.id}/leave`, { reason: '出差在外' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<MeetingDetail>().me).toMatchObject({ leaveState: 'requested', leaveReason: '出差在外' });
    // Other attendees do not see the reason.
    const seen = (await probationer.get(`/api/meetings/${m.id}`)).json<MeetingDetail>();
    expect(seen.attendees.find((a) => a.personId === b1.full[5])?.leaveReason).toBeNull();
    const hostInbox = (await sec.get('/api/notifications')).json<{ items: { kind: string }[] }>();
    expect(hostInbox.items.some((n) => n.kind === 'meeting.leave_request')).toBe(true);
    expect((await member.post(`/api/meetings/${m.id}/attendees/${b1.full[5]}/leave-decision`, { approve: true })).statusCode).toBe(404);
    const d = await sec.post(`/api/meetings/${m.id}/attendees/${b1.full[5]}/leave-decision`, { approve: true, note: '同意' });
    expect(d.statusCode, d.body).toBe(200);
    const inbox = (await member.get('/api/notifications?unread=true')).json<{ items: { kind: string }[] }>();
    expect(inbox.items.map((n) => n.kind)).toContain('meeting.leave_decision');
  });

  it('reminds the attendees once before the start (not those on leave)', async () => {
    const soon = await plan(planBody(b1.unit.id, 'lecture', { notify: true }, 48));
    // Announced two days ahead; the reminder goes out 24 hours before the start.
    expect(await sendDueReminders(t.database.db, new Date(Date.now() + 12 * hour))).toBe(0);
    const sent = await sendDueReminders(t.database.db, new Date(Date.now() + 30 * hour));
    expect(sent).toBeGreaterThan(0);
    expect(await sendDueReminders(t.database.db, new Date(Date.now() + 31 * hour))).toBe(0);
    const inbox = (await member.get('/api/notifications')).json<{ items: { kind: string; link: string }[] }>();
    expect(inbox.items.filter((n) => n.kind === 'meeting.reminder' && n.link === `/meetings/${soon.id}`)).toHaveLength(1);
  });

  it('records attendance after an offline meeting; the meeting is held and counts for its period', async () => {
    const started = new Date(Date.now() - 2 * hour);
    const lines = m.attendees.map((a) => ({ personId: a.personId, attendance: a.personId === b1.full[5] ? 'leave' : a.personId === b1.full[6] ? 'absent' : 'present' }));
    expect((await sec.post(`/api/meetings/${m.id}/attendance`, { heldStartAt: started.toISOString(), heldEndAt: new Date().toISOString(), lines: lines.slice(1) })).statusCode).toBe(400);
    const r = await sec.post(`/api/meetings/${m.id}/attendance`, { heldStartAt: started.toISOString(), heldEndAt: new Date().toISOString(), lines });
    expect(r.statusCode, r.body).toBe(200);
    m = r.json<MeetingDetail>();
    expect(m.status).toBe('held');
    expect(m.counts).toMatchObject({ present: 6, leave: 1, absent: 1 });
  });

  it('lets the host sign the minutes off once written; then they are fixed', async () => {
    expect((await sec.post(`/api/meetings/${m.id}/sign`, { version: m.version })).json()).toMatchObject({ field: 'minutes' });
    const recorder = (await memberAgent(t, tenant.tenantId, b1.full[1]!)).agent;
    const w = await recorder.put(`/api/meetings/${m.id}/minutes`, { minutes: '一、传达学习上级会议精神\n二、讨论通过事项', version: m.version });
    expect(w.statusCode, w.body).toBe(200);
    m = w.json<MeetingDetail>();
    // A manager who is not the host cannot sign while the host has an account.
    const admin = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id }));
    expect((await admin.post(`/api/meetings/${m.id}/sign`, { version: m.version })).statusCode).toBe(403);
    const s = await sec.post(`/api/meetings/${m.id}/sign`, { version: m.version });
    expect(s.statusCode, s.body).toBe(200);
    m = s.json<MeetingDetail>();
    expect(m.minutesSignedAt).not.toBeNull();
    expect(m.minutesSignedName).toBe('一支部书记');
    expect((await recorder.put(`/api/meetings/${m.id}/minutes`, { minutes: '改', version: m.version })).statusCode).toBe(409);
    expect((await sec.post(`/api/meetings/${m.id}/attendance`, { heldStartAt: new Date().toISOString(), heldEndAt: new Date().toISOString(), lines: [] })).statusCode).toBe(409);
  });

  it('shows the held meeting green in the compliance view', async () => {
    const year = periodOf(new Date().toISOString().slice(0, 10), 'year');
    const r = await sec.get(`/api/meetings/compliance?unitId=${b1.unit.id}&period=${year}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ items: { unitId: string; kinds: { kind: string; held: number; cells: { period: string; light: string }[] }[] }[] }>();
    const assembly = body.items[0]?.kinds.find((k) => k.kind === 'branch_assembly');
    expect(assembly?.held).toBe(1);
  });
});

describe('the API the room calls', () => {
  it('signs a member in by QR once, refuses signing in someone else, and keeps the minutes draft', async () => {
    const m = await plan(planBody(b1.unit.id, 'theme_day', { online: true, place: '', hostPersonId: b1.committee[0], notify: true }));
    expect((await sec.post(`/api/meetings/${m.id}/start`)).statusCode).toBe(200);
    const memberUser = await makeUser(t, tenant.tenantId, { role: 'party_member' });
    await linkPerson(t, tenant.tenantId, memberUser.userId, b1.full[2]!);
    const actor = { userId: memberUser.userId, tenantId: tenant.tenantId, tenantKind: 'enterprise' as const, username: memberUser.username, displayName: '党员', sourceIp: '', grants: [{ role: 'party_member', orgUnitId: null, path: '' }] };
    const ctx = { tenantId: tenant.tenantId, actorId: memberUser.userId, actorName: '党员', sourceIp: '' };
    await withTenant(t.database.db, ctx, async (tx) => {
      const inScope = await loadMeetingInScope(tx, actor, m.id, { forUpdate: true });
      expect(inScope.viewer).toMatchObject({ personId: b1.full[2], manage: false });
      const line = (id: string) => inScope.attendees.find((a) => a.personId === id);
      expect((await markSignIn(tx, ctx, inScope, b1.full[2]!, line(b1.full[2]!), 'qr')).changed).toBe(true);
      expect((await markSignIn(tx, ctx, inScope, b1.full[2]!, line(b1.full[2]!), 'button')).changed).toBe(false);
      await expect(markSignIn(tx, ctx, inScope, b1.full[3]!, line(b1.full[3]!), 'manual')).rejects.toMatchObject({ statusCode: 403 });
      await expect(saveMinutesDraft(tx, ctx, inScope, 'x')).rejects.toMatchObject({ statusCode: 403 });
    });
    const d = (await sec.get(`/api/meetings/${m.id}`)).json<MeetingDetail>();
    expect(d.attendees.find((a) => a.personId === b1.full[2])).toMatchObject({ attendance: 'present', signInChannel: 'qr' });
    const end = await sec.post(`/api/meetings/${m.id}/end`);
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json<MeetingDetail>().counts).toMatchObject({ present: 1, absent: 7 });
  });

  it('moves a notified meeting and tells the attendees', async () => {
    const m = await plan(planBody(b1.unit.id, 'lecture', { notify: true, lecturer: '党委书记' }));
    const r = await sec.put(`/api/meetings/${m.id}`, { version: m.version, ...fieldsBody({ lecturer: '党委书记' }, 72) });
    expect(r.statusCode, r.body).toBe(200);
    const inbox = (await member.get('/api/notifications')).json<{ items: { kind: string; link: string }[] }>();
    expect(inbox.items.some((n) => n.kind === 'meeting.changed' && n.link === `/meetings/${m.id}`)).toBe(true);
    expect((await sec.put(`/api/meetings/${m.id}`, { version: m.version, ...fieldsBody() })).statusCode).toBe(409);
    const c = await sec.post(`/api/meetings/${m.id}/cancel`, { reason: '与上级会议冲突' });
    expect(c.json<MeetingDetail>()).toMatchObject({ status: 'cancelled', cancelReason: '与上级会议冲突' });
  });

  it('lets a host without meetings.manage search the branch for that meeting only (add-attendee, edit form)', async () => {
    const hosted = await plan(planBody(b1.unit.id, 'theme_day', { hostPersonId: b1.full[5] }));
    const other = await plan(planBody(b1.unit.id, 'theme_day'));
    const own = (await member.get(`/api/meetings/${hosted.id}`)).json<MeetingDetail>();
    expect(own.abilities).toMatchObject({ attendees: true, edit: true });
    const r = await member.get(`/api/meetings/${hosted.id}/people?q=${encodeURIComponent('一')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect((await member.get(`/api/meetings/${hosted.id}/people`)).json<{ items: { id: string }[] }>().items.map((p) => p.id)).toContain(b1.full[0]);
    expect((await member.get(`/api/meetings/${other.id}/people`)).statusCode).toBe(404);
    expect((await member.get(`/api/meetings/units/${b1.unit.id}/people`)).statusCode).toBe(403);
    expect((await probationer.get(`/api/meetings/${hosted.id}/people`)).statusCode).toBe(404);
    expect((await foreign.get(`/api/meetings/${hosted.id}/people`)).statusCode).toBe(404);
    expect((await otherSec.get(`/api/meetings/${hosted.id}/people`)).statusCode).toBe(404);
    const sp = (await sec.get(`/api/meetings/${hosted.id}/people`)).json<{ items: { id: string }[] }>();
    expect(sp.items.length).toBeGreaterThan(7);
    const edit = await member.put(`/api/meetings/${hosted.id}`, { version: hosted.version, ...fieldsBody({ title: '主持人改的标题', hostPersonId: b1.full[5] }) });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json<MeetingDetail>().title).toBe('主持人改的标题');
  });

  it('lists the meetings of the actor’s scope for the calendar', async () => {
    const r = await sec.get(`/api/meetings?pageSize=100`);
    const body = r.json<{ items: { orgUnitId: string }[]; total: number }>();
    expect(body.total).toBeGreaterThan(3);
    expect(new Set(body.items.map((i) => i.orgUnitId))).toEqual(new Set([b1.unit.id]));
    expect(secUserId).toBeTruthy();
  });
});

describe('the §5 settings (RULES.md §5)', () => {
  type SettingsReply = { settings: { frequency: Record<string, string>; themeDayOfMonth: number }; defaults: { frequency: Record<string, string> }; canEdit: boolean; bounds: Record<string, { minimum: number; maximum: number }>; allowed: Record<string, string[]> };
  it('are read with their defaults, bounds and allowed frequencies; only the top unit changes them, never below the regulation', async () => {
    const read = await sec.get('/api/meetings/settings');
    expect(read.statusCode, read.body).toBe(200);
    const r = read.json<SettingsReply>();
    expect(r).toMatchObject({ canEdit: false, bounds: { themeDayOfMonth: { minimum: 1, maximum: 28 } }, allowed: { committee: ['month'] } });
    expect(r.defaults.frequency.branch_assembly).toBe('quarter');
    expect((await sec.put('/api/meetings/settings', r.settings)).statusCode).toBe(403);
    const top = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id }));
    const before = await rowCounts(t.database, WRITE_TABLES);
    const lax = await top.put('/api/meetings/settings', { ...r.settings, frequency: { ...r.settings.frequency, committee: 'quarter' } });
    expect(lax.statusCode).toBe(400);
    expect((await top.put('/api/meetings/settings', { ...r.settings, themeDayOfMonth: 29 })).statusCode).toBe(400);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
    const monthly = await top.put('/api/meetings/settings', { ...r.settings, frequency: { ...r.settings.frequency, branch_assembly: 'month' } });
    expect(monthly.statusCode, monthly.body).toBe(200);
    expect(monthly.json<SettingsReply>()).toMatchObject({ canEdit: true, settings: { frequency: { branch_assembly: 'month' } } });
    expect((await sec.get('/api/meetings/settings')).json<SettingsReply>().settings.frequency.branch_assembly).toBe('month');
    expect((await top.put('/api/meetings/settings', r.settings)).statusCode).toBe(200);
  });
});

describe('materials as files (platform/files)', () => {
  const upload = (a: Agent, id: string, data: Buffer, fileName: string, title?: string) => a.inject({
    method: 'POST', url: `/api/meetings/${id}/materials/file?fileName=${encodeURIComponent(fileName)}${title ? `&title=${encodeURIComponent(title)}` : ''}`,
    payload: data, headers: { 'content-type': 'application/octet-stream' },
  });

  it('stores an upload checked by content; attendees open it, others get 404; removing it removes the file', async () => {
    const m = await plan(planBody(b1.unit.id, 'lecture', { hostPersonId: b1.committee[0] }));
    const before = await rowCounts(t.database, WRITE_TABLES);
    // A gzip archive named .pdf: judged by its bytes, refused, nothing written.
    const gz = await upload(sec, m.id, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(200, 7)]), '伪装.pdf');
    expect(gz.statusCode).toBe(415);
    expect(gz.json()).toMatchObject({ field: 'file' });
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
    expect((await upload(otherSec, m.id, MATERIAL_PDF, '提纲.pdf')).statusCode).toBe(404);
    expect((await upload(member, m.id, MATERIAL_PDF, '提纲.pdf')).statusCode).toBe(404);

    const up = await upload(sec, m.id, MATERIAL_PDF, '党课提纲（2026）.pdf');
    expect(up.statusCode, up.body).toBe(200);
    const mat = up.json<MeetingDetail>().materials.find((x) => x.kind === 'file')!;
    expect(mat).toMatchObject({ title: '党课提纲（2026）.pdf', file: { name: '党课提纲（2026）.pdf', size: MATERIAL_PDF.length, contentType: 'application/pdf' } });
    expect(mat.url).toBe(`/api/meetings/${m.id}/materials/${mat.id}/file`);
    const down = await member.get(mat.url!);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(MATERIAL_PDF)).toBe(true);
    expect(down.headers['content-disposition']).toContain('inline');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect((await otherSec.get(mat.url!)).statusCode).toBe(404);
    expect((await foreign.get(mat.url!)).statusCode).toBe(404);
    expect((await member.delete(`/api/meetings/${m.id}/materials/${mat.id}`)).statusCode).toBe(404);

    expect((await sec.delete(`/api/meetings/${m.id}/materials/${mat.id}`)).statusCode).toBe(200);
    expect((await member.get(mat.url!)).statusCode).toBe(404);
    const files = await withTenant(t.database.db, { tenantId: tenant.tenantId, actorId: null, actorName: 'test', sourceIp: '' }, (tx) => tx.selectFrom('stored_files').select('id').execute());
    expect(files).toEqual([]);
  });
});
