/**
 * Planning a meeting: plan (from a gap the compliance view shows, or freely), edit while not yet held, notify the
 * attendees (in-app, and e-mail when configured), cancel. The attendee list is drawn from the org records (roster.ts).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import { broadcastMeeting } from './room/broadcast.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { deliver, usersOfPeople, type Notice } from '../../platform/notify/inbox.js';
import { loadMeetingInScope, MEETING, type MeetingInScope } from './api.js';
import { chinaDate, chinaTimeText, defaultTitle, KIND_NAMES, kindsHeldBy, meetingSettings, periodChoices, type MeetingSettings } from './rules.js';
import { expectedRoster, hasCommittee, personInBranch, unitRow, type UnitRow } from './roster.js';
import type { MeetingKind } from './tables.js';

const UNIT = { zh: '党组织', en: 'Org unit' };
const MAX_HOURS = 12;

export async function tenantMeetingSettings(tx: Tx, tenantId: string): Promise<MeetingSettings> {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return meetingSettings(t.settings);
}

export interface AgendaInput { title: string; presenter?: string | undefined; durationMinutes?: number | null | undefined }

export interface MeetingFields {
  title?: string | undefined;
  period?: string | undefined;
  plannedStartAt: string;
  plannedEndAt: string;
  place?: string | undefined;
  online?: boolean | undefined;
  videoLink?: string | null | undefined;
  hostPersonId?: string | null | undefined;
  recorderPersonId?: string | null | undefined;
  lecturer?: string | undefined;
  description?: string | undefined;
  agenda?: AgendaInput[] | undefined;
}

export interface PlanInput extends MeetingFields { orgUnitId: string; kind: MeetingKind; notify?: boolean | undefined }

/** A unit the actor may plan meetings for (meetings.manage on it), or 404. */
export async function managedUnit(tx: Tx, actor: Actor, id: string): Promise<UnitRow> {
  const u = await unitRow(tx, id);
  if (!u || u.dissolved_at || !can(actor, 'meetings.manage', u.path)) throw notFound(UNIT);
  return u;
}

/** A time a meeting can be at: a valid instant between 2000 and 2100 (the §5 periods are counted in that range). */
export function instant(value: string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw badField(field, { zh: '时间格式不正确', en: 'Not a valid time' });
  const y = d.getUTCFullYear();
  if (y < 2000 || y > 2099) throw badField(field, { zh: '时间须在 2000 年至 2099 年之间', en: 'The time must be between 2000 and 2099' });
  return d;
}

function checkVideoLink(link: string | null | undefined): string | null {
  const v = link?.trim();
  if (!v) return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw badField('videoLink', { zh: '视频会议链接须是完整的网址（以 https:// 开头）', en: 'The video link must be a full URL (https://…)' });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw badField('videoLink', { zh: '视频会议链接须以 https:// 或 http:// 开头', en: 'The video link must start with https:// or http://' });
  return u.toString();
}

interface CheckedFields {
  title: string; period: string; start: Date; end: Date; place: string; online: boolean; videoLink: string | null;
  hostPersonId: string | null; recorderPersonId: string | null; lecturer: string; description: string; agenda: AgendaInput[] | undefined;
}

async function checkFields(tx: Tx, unit: UnitRow, kind: MeetingKind, f: MeetingFields, s: MeetingSettings): Promise<CheckedFields> {
  const start = instant(f.plannedStartAt, 'plannedStartAt');
  const end = instant(f.plannedEndAt, 'plannedEndAt');
  if (end <= start) throw badField('plannedEndAt', { zh: '结束时间须晚于开始时间', en: 'The end must be after the start' });
  if (end.getTime() - start.getTime() > MAX_HOURS * 3_600_000) throw badField('plannedEndAt', { zh: `一次会议不超过 ${MAX_HOURS} 小时`, en: `A meeting lasts at most ${MAX_HOURS} hours` });
  const choices = periodChoices(kind, chinaDate(start), s);
  const period = f.period ?? choices[0] as string;
  if (!choices.includes(period)) {
    throw badField('period', { zh: '会议只能计入开会时间所在的周期，或补开此前未开的周期', en: 'A meeting counts for the period it is held in, or makes up an earlier one' });
  }
  const online = f.online ?? false;
  const place = (f.place ?? '').trim();
  if (!online && !place) throw badField('place', { zh: '请填写会议地点，或选择线上召开', en: 'Give a place, or hold the meeting online' });
  for (const [field, id] of [['hostPersonId', f.hostPersonId], ['recorderPersonId', f.recorderPersonId]] as const) {
    if (!id) continue;
    const p = await personInBranch(tx, unit, id);
    if (!p || p.archived_at) throw badField(field, { zh: '请从本支部的人员中选择', en: 'Choose a person of this branch' });
  }
  const title = (f.title ?? '').trim() || defaultTitle(kind, period);
  return {
    title, period, start, end, place, online, videoLink: checkVideoLink(f.videoLink), hostPersonId: f.hostPersonId ?? null, recorderPersonId: f.recorderPersonId ?? null,
    lecturer: (f.lecturer ?? '').trim(), description: (f.description ?? '').trim(), agenda: f.agenda,
  };
}

async function writeAgenda(tx: Tx, tenantId: string, meetingId: string, agenda: AgendaInput[]): Promise<void> {
  await tx.deleteFrom('meeting_agenda_items').where('meeting_id', '=', meetingId).execute();
  const rows = agenda.map((a, i) => ({
    id: randomUUID(), tenant_id: tenantId, meeting_id: meetingId, position: i, title: a.title.trim(), presenter: (a.presenter ?? '').trim(), duration_minutes: a.durationMinutes ?? null,
  })).filter((r) => r.title.length > 0);
  if (rows.length > 0) await tx.insertInto('meeting_agenda_items').values(rows).execute();
}

export async function planMeeting(db: Kysely<DB>, actor: Actor, input: PlanInput): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const unit = await managedUnit(tx, actor, input.orgUnitId);
    if (!kindsHeldBy(unit.kind).includes(input.kind)) {
      throw badField('kind', unit.kind === 'party_group'
        ? { zh: '党小组只召开党小组会', en: 'A party group holds party group meetings only' }
        : { zh: '党小组会由各党小组召开，请选择党小组', en: 'Party group meetings are held by the groups; choose the group' });
    }
    if (input.kind === 'committee' && !(await hasCommittee(tx, unit.id))) {
      throw badField('kind', { zh: '本支部未设支部委员会（正式党员不足7人时只设书记），不召开支委会', en: 'This branch has no committee (fewer than 7 full members), so it holds no committee meetings' });
    }
    const s = await tenantMeetingSettings(tx, ctx.tenantId);
    const f = await checkFields(tx, unit, input.kind, input, s);
    const roster = await expectedRoster(tx, unit, input.kind);
    if (roster.length === 0) throw badField('orgUnitId', { zh: '该组织没有应参会的党员', en: 'Nobody in this unit should attend' });
    const id = randomUUID();
    await tx.insertInto('meetings').values({
      id, tenant_id: ctx.tenantId, org_unit_id: unit.id, kind: input.kind, title: f.title, period: f.period, planned_start_at: f.start, planned_end_at: f.end,
      held_start_at: null, held_end_at: null, place: f.place, online: f.online, video_link: f.videoLink, host_person_id: f.hostPersonId,
      recorder_person_id: f.recorderPersonId, lecturer: f.lecturer, description: f.description, minutes_updated_at: null, minutes_updated_by: null,
      minutes_signed_at: null, minutes_signed_by: null, minutes_signed_name: null, notified_at: null, cancelled_at: null, cancel_reason: null, created_by: ctx.actorId,
    }).execute();
    await tx.insertInto('meeting_attendees').values(roster.map((r) => ({
      tenant_id: ctx.tenantId, meeting_id: id, person_id: r.personId, person_name: r.name, party_status: r.partyStatus, role: r.role, voting: r.voting,
      leave_state: null, leave_reason: null, leave_requested_at: null, leave_decided_at: null, leave_decided_by: null, leave_decision_note: null,
      signed_in_at: null, sign_in_channel: null,
    }))).execute();
    if (f.agenda) await writeAgenda(tx, ctx.tenantId, id, f.agenda);
    await auditAs(tx, ctx, { action: 'meeting.plan', objectType: 'meeting', objectId: id, detail: { orgUnitId: unit.id, kind: input.kind, period: f.period, attendees: roster.length } });
    if (input.notify) await notifyIn(tx, ctx, await loadMeetingInScope(tx, actor, id, { forUpdate: true }));
    return id;
  });
}

export interface UpdateInput extends MeetingFields { version: number }

export async function updateMeeting(hub: RealtimeHub, actor: Actor, id: string, input: UpdateInput): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (!m.viewer.manage) throw notFound(MEETING);
    if (m.meeting.status !== 'planned' && m.meeting.status !== 'notified') {
      throw conflict('status', { zh: '会议已开始、已举行或已取消，不能再修改安排', en: 'The meeting has started, been held or been cancelled' });
    }
    if (m.meeting.version !== input.version) throw conflict('version', { zh: '会议安排已被他人修改，请刷新后重试', en: 'Someone else changed this meeting; reload and try again' });
    const unit = await unitRow(tx, m.meeting.orgUnitId) as UnitRow;
    const s = await tenantMeetingSettings(tx, ctx.tenantId);
    const f = await checkFields(tx, unit, m.meeting.kind, input, s);
    await tx.updateTable('meetings').set({
      title: f.title, period: f.period, planned_start_at: f.start, planned_end_at: f.end, place: f.place, online: f.online, video_link: f.videoLink,
      host_person_id: f.hostPersonId, recorder_person_id: f.recorderPersonId, lecturer: f.lecturer, description: f.description,
      // A moved meeting is reminded again before its new start.
      reminded_at: f.start.getTime() !== m.meeting.plannedStartAt.getTime() ? null : undefined,
      updated_at: new Date(), version: sql`version + 1`,
    }).where('id', '=', id).execute();
    if (f.agenda) await writeAgenda(tx, ctx.tenantId, id, f.agenda);
    const moved = f.start.getTime() !== m.meeting.plannedStartAt.getTime() || f.end.getTime() !== m.meeting.plannedEndAt.getTime() || f.place !== m.meeting.place || f.online !== m.meeting.online;
    await auditAs(tx, ctx, { action: 'meeting.update', objectType: 'meeting', objectId: id, detail: { moved } });
    await broadcastMeeting(tx, emit, id, ['details']);
    if (moved && m.meeting.status === 'notified') {
      const after = await loadMeetingInScope(tx, actor, id);
      await sendToAttendees(tx, ctx, after, 'meeting.changed', `【会议变更】${after.meeting.title}`, noticeBody(after), `changed:${after.meeting.version}`);
    }
  });
}

export function noticeBody(m: MeetingInScope): string {
  const r = m.meeting;
  const lines = [
    `时间：${chinaTimeText(r.plannedStartAt)} 至 ${chinaTimeText(r.plannedEndAt).split(' ')[1]}（北京时间）`,
    `地点：${r.online ? `线上（云支部）${r.place ? `；${r.place}` : ''}` : r.place}`,
    `组织：${r.orgUnitName}　类型：${KIND_NAMES[r.kind].zh}`,
  ];
  if (r.videoLink) lines.push(`视频会议：${r.videoLink}`);
  if (m.agenda.length > 0) lines.push('议程：', ...m.agenda.map((a, i) => `${i + 1}. ${a.title}`));
  lines.push('不能参加的，请在会议页面请假并说明理由。');
  return lines.join('\n');
}

/** Notices to every attendee with an account (one per meeting, kind and key). */
export async function sendToAttendees(tx: Tx, ctx: TxContext, m: MeetingInScope, kind: string, title: string, body: string, key: string, only?: readonly string[]): Promise<number> {
  const people = m.attendees.filter((a) => !only || only.includes(a.personId)).map((a) => a.personId);
  const users = await usersOfPeople(tx, people);
  const notices: Notice[] = users.map((u) => ({ userId: u.userId, kind, title, body, link: `/meetings/${m.meeting.id}`, dedupeKey: `meeting:${m.meeting.id}:${key}` }));
  return (await deliver(tx, ctx.tenantId, notices)).inApp;
}

async function notifyIn(tx: Tx, ctx: TxContext, m: MeetingInScope): Promise<number> {
  if (m.meeting.status !== 'planned' && m.meeting.status !== 'notified') {
    throw conflict('status', { zh: '只能通知尚未召开的会议', en: 'Only a meeting not yet held can be announced' });
  }
  const sent = await sendToAttendees(tx, ctx, m, 'meeting.notice', `【会议通知】${m.meeting.title}`, noticeBody(m), `notice:${m.meeting.version}`);
  const now = new Date();
  await tx.updateTable('meetings').set({ status: 'notified', notified_at: now, updated_at: now }).where('id', '=', m.meeting.id).execute();
  await auditAs(tx, ctx, { action: 'meeting.notify', objectType: 'meeting', objectId: m.meeting.id, detail: { recipients: sent } });
  return sent;
}

export async function notifyMeeting(hub: RealtimeHub, actor: Actor, id: string): Promise<number> {
  const ctx = txContext(actor);
  return hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (!m.viewer.manage) throw notFound(MEETING);
    const sent = await notifyIn(tx, ctx, m);
    await broadcastMeeting(tx, emit, id, ['status']);
    return sent;
  });
}

export async function cancelMeeting(hub: RealtimeHub, actor: Actor, id: string, reason: string): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (!m.viewer.manage) throw notFound(MEETING);
    if (m.meeting.status === 'held' || m.meeting.status === 'cancelled') {
      throw conflict('status', { zh: '已举行或已取消的会议不能取消', en: 'A held or cancelled meeting cannot be cancelled' });
    }
    const now = new Date();
    await tx.updateTable('meetings').set({ status: 'cancelled', cancelled_at: now, cancel_reason: reason.trim(), updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'meeting.cancel', objectType: 'meeting', objectId: id, detail: { reason: reason.trim() } });
    await broadcastMeeting(tx, emit, id, ['status']);
    if (m.meeting.notifiedAt) {
      await sendToAttendees(tx, ctx, m, 'meeting.cancelled', `【会议取消】${m.meeting.title}`, `原定 ${chinaTimeText(m.meeting.plannedStartAt)} 召开的会议已取消。原因：${reason.trim()}`, 'cancelled');
    }
  });
}
