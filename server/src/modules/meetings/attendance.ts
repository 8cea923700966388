/**
 * Attendance: leave requests (a member asks with a reason, the host or a manager decides), sign-in on the meeting page,
 * recording who was there for a meeting held offline, and changes to the attendee list before the meeting.
 */
import { sql } from 'kysely';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { deliver, usersOfPeople } from '../../platform/notify/inbox.js';
import { endMeeting, loadMeetingInScope, markSignIn, MEETING, startMeeting, type MeetingInScope } from './api.js';
import { personInBranch, unitRow, votingRight, type UnitRow } from './roster.js';
import { instant } from './planning.js';
import { broadcastAttendee, broadcastMeeting } from './room/broadcast.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';

const OPEN = ['planned', 'notified', 'in_progress'] as const;

function isOpen(m: MeetingInScope): boolean {
  return (OPEN as readonly string[]).includes(m.meeting.status);
}

/** A member asks for leave with a reason (their own line), before or during the meeting. */
export async function requestLeave(hub: RealtimeHub, actor: Actor, id: string, reason: string): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    const me = m.viewer.attendee;
    if (!me) throw forbidden({ zh: '您不在本次会议的参会名单中', en: 'You are not on the attendee list' });
    if (!isOpen(m)) throw conflict('status', { zh: '会议已结束或已取消，不能请假', en: 'The meeting has ended or was cancelled' });
    if (me.attendance === 'present') throw conflict('reason', { zh: '您已签到，不需要请假', en: 'You have signed in already' });
    if (me.leaveState === 'approved') throw conflict('reason', { zh: '您的请假已获批准', en: 'Your leave is already approved' });
    const text = reason.trim();
    if (!text) throw badField('reason', { zh: '请填写请假理由', en: 'Give a reason for the leave' });
    await tx.updateTable('meeting_attendees').set({ leave_state: 'requested', leave_reason: text, leave_requested_at: new Date(), leave_decided_at: null, leave_decided_by: null, leave_decision_note: null })
      .where('meeting_id', '=', id).where('person_id', '=', me.personId).execute();
    await auditAs(tx, ctx, { action: 'meeting.leave_request', objectType: 'meeting', objectId: id, detail: { personId: me.personId } });
    // The host decides; without a host account, whoever planned the meeting.
    const hostUsers = m.meeting.hostPersonId ? await usersOfPeople(tx, [m.meeting.hostPersonId]) : [];
    const planner = await tx.selectFrom('meetings').select('created_by').where('id', '=', id).executeTakeFirstOrThrow();
    const to = hostUsers.length > 0 ? hostUsers.map((u) => u.userId) : planner.created_by ? [planner.created_by] : [];
    await deliver(tx, ctx.tenantId, to.filter((u) => u !== actor.userId).map((userId) => ({
      userId, kind: 'meeting.leave_request', title: `【请假申请】${me.name}：${m.meeting.title}`, body: `理由：${text}`, link: `/meetings/${id}`,
    })));
    await broadcastMeeting(tx, emit, id, ['attendees']);
  });
}

export async function decideLeave(hub: RealtimeHub, actor: Actor, id: string, personId: string, input: { approve: boolean; note?: string | undefined }): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (!m.viewer.manage) throw notFound(MEETING);
    if (m.meeting.minutesSignedAt || m.meeting.status === 'cancelled') throw conflict('status', { zh: '会议记录已签发或会议已取消', en: 'The minutes are signed or the meeting was cancelled' });
    const a = m.attendees.find((x) => x.personId === personId);
    if (!a) throw badField('personId', { zh: '此人不在参会名单中', en: 'Not on the attendee list' });
    if (a.leaveState !== 'requested') throw conflict('personId', { zh: '此人没有待审批的请假', en: 'No leave request is waiting for a decision' });
    const note = input.note?.trim() || null;
    // An approved leave after the meeting ended turns 'absent' into 'leave'; before, the line stays pending until then.
    const attendance = m.meeting.status === 'held' ? (input.approve ? 'leave' : 'absent') : a.attendance;
    await tx.updateTable('meeting_attendees').set({ leave_state: input.approve ? 'approved' : 'rejected', leave_decided_at: new Date(), leave_decided_by: ctx.actorId, leave_decision_note: note, attendance })
      .where('meeting_id', '=', id).where('person_id', '=', personId).execute();
    await auditAs(tx, ctx, { action: input.approve ? 'meeting.leave_approve' : 'meeting.leave_reject', objectType: 'meeting', objectId: id, detail: { personId } });
    const users = await usersOfPeople(tx, [personId]);
    await deliver(tx, ctx.tenantId, users.map((u) => ({
      userId: u.userId, kind: 'meeting.leave_decision', title: `【请假${input.approve ? '已批准' : '未批准'}】${m.meeting.title}`,
      body: note ? `说明：${note}` : input.approve ? '请会后及时学习会议精神。' : '请按时参加会议。', link: `/meetings/${id}`,
    })));
    await broadcastMeeting(tx, emit, id, ['attendees']);
  });
}

/** Sign-in on the meeting page: the member's own button, or a manager recording someone (channel manual). */
export async function signIn(hub: RealtimeHub, actor: Actor, id: string, personId: string | undefined): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    const self = personId === undefined || personId === m.viewer.personId;
    const who = self ? m.viewer.personId : personId;
    if (!who) throw forbidden({ zh: '您的账号没有关联人员档案，不能签到', en: 'Your account has no person record' });
    if (m.meeting.status !== 'in_progress' && self) throw conflict('status', { zh: '会议尚未开始，开始后才能签到', en: 'Sign-in opens when the meeting starts' });
    const line = m.attendees.find((a) => a.personId === who);
    if ((await markSignIn(tx, ctx, m, who, line, self ? 'button' : 'manual')).changed && line) await broadcastAttendee(tx, emit, ctx.tenantId, m.meeting, line);
  });
}

export async function start(hub: RealtimeHub, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    await startMeeting(tx, ctx, await loadMeetingInScope(tx, actor, id, { forUpdate: true }));
    await broadcastMeeting(tx, emit, id, ['status']);
  });
}

export async function end(hub: RealtimeHub, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    await endMeeting(tx, ctx, await loadMeetingInScope(tx, actor, id, { forUpdate: true }));
    await broadcastMeeting(tx, emit, id, ['status', 'attendees']);
  });
}

export interface AttendanceLine { personId: string; attendance: 'present' | 'leave' | 'absent'; leaveReason?: string | undefined }

/**
 * Records a meeting held offline (or corrects the record of one held, until the minutes are signed): when it was held,
 * and each attendee present, on leave (with a reason) or absent. The meeting is then held; at least one was present.
 */
export async function recordAttendance(hub: RealtimeHub, actor: Actor, id: string, input: { heldStartAt: string; heldEndAt: string; lines: AttendanceLine[] }, now: Date = new Date()): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (!m.viewer.manage) throw notFound(MEETING);
    if (m.meeting.status === 'cancelled') throw conflict('status', { zh: '会议已取消', en: 'The meeting was cancelled' });
    if (m.meeting.minutesSignedAt) throw conflict('status', { zh: '会议记录已签发，出勤不能再修改', en: 'The minutes are signed; attendance can no longer change' });
    const startAt = instant(input.heldStartAt, 'heldStartAt');
    const endAt = instant(input.heldEndAt, 'heldEndAt');
    if (endAt < startAt) throw badField('heldEndAt', { zh: '结束时间须不早于开始时间', en: 'The end cannot be before the start' });
    if (startAt.getTime() > now.getTime() + 10 * 60_000) throw badField('heldStartAt', { zh: '会议尚未召开，不能登记出勤', en: 'A meeting cannot be recorded before it takes place' });
    const known = new Map(m.attendees.map((a) => [a.personId, a]));
    const seen = new Set<string>();
    for (const l of input.lines) {
      const a = known.get(l.personId);
      if (!a) throw badField('lines', { zh: '出勤名单中有不在参会名单里的人', en: 'Someone in the lines is not on the attendee list' });
      if (seen.has(l.personId)) throw badField('lines', { zh: `${a.name} 重复登记`, en: `${a.name} appears twice` });
      seen.add(l.personId);
      if (l.attendance === 'leave' && !a.leaveReason && !l.leaveReason?.trim()) {
        throw badField('leaveReason', { zh: `请填写 ${a.name} 的请假理由`, en: `Give ${a.name}'s reason for leave` });
      }
    }
    if (seen.size !== known.size) throw badField('lines', { zh: '请为参会名单上的每个人登记出勤', en: 'Record every attendee' });
    if (!input.lines.some((l) => l.attendance === 'present')) throw badField('lines', { zh: '至少一人出席才算会议已召开；会议未召开请取消', en: 'At least one person must be present; cancel a meeting that did not take place' });
    for (const l of input.lines) {
      const a = known.get(l.personId)!;
      const leave = l.attendance === 'leave';
      await tx.updateTable('meeting_attendees').set({
        attendance: l.attendance,
        ...(leave && a.leaveState !== 'approved'
          ? { leave_state: 'approved' as const, leave_reason: l.leaveReason?.trim() || a.leaveReason, leave_requested_at: a.leaveState ? undefined : now, leave_decided_at: now, leave_decided_by: ctx.actorId }
          : {}),
        ...(l.attendance === 'present' && !a.signedInAt ? { signed_in_at: startAt, sign_in_channel: 'manual' as const } : {}),
        ...(l.attendance !== 'present' && a.signInChannel === 'manual' ? { signed_in_at: null, sign_in_channel: null } : {}),
      }).where('meeting_id', '=', id).where('person_id', '=', l.personId).execute();
    }
    await tx.updateTable('meetings').set({ status: 'held', held_start_at: startAt, held_end_at: endAt, updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
    const present = input.lines.filter((l) => l.attendance === 'present').length;
    await auditAs(tx, ctx, { action: 'meeting.record', objectType: 'meeting', objectId: id, detail: { present, expected: input.lines.length } });
    await broadcastMeeting(tx, emit, id, ['status', 'attendees']);
  });
}

/** Adds someone of the branch to the list before the meeting is held (a guest, or a member who joined since planning). */
export async function addAttendee(hub: RealtimeHub, actor: Actor, id: string, personId: string): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (!m.viewer.manage) throw notFound(MEETING);
    if (!isOpen(m)) throw conflict('status', { zh: '会议已结束或已取消，名单不能再改', en: 'The meeting has ended or was cancelled' });
    if (m.attendees.some((a) => a.personId === personId)) throw conflict('personId', { zh: '此人已在参会名单中', en: 'Already on the list' });
    const unit = await unitRow(tx, m.meeting.orgUnitId) as UnitRow;
    const p = await personInBranch(tx, unit, personId);
    if (!p || p.archived_at) throw badField('personId', { zh: '请从本支部的人员中选择', en: 'Choose a person of this branch' });
    const party = p.party_status === 'full' || p.party_status === 'probationary';
    await tx.insertInto('meeting_attendees').values({
      tenant_id: ctx.tenantId, meeting_id: id, person_id: p.id, person_name: p.name, party_status: p.party_status, role: party ? 'member' : 'guest',
      voting: votingRight(p.party_status), leave_state: null, leave_reason: null, leave_requested_at: null, leave_decided_at: null, leave_decided_by: null,
      leave_decision_note: null, signed_in_at: null, sign_in_channel: null,
    }).execute();
    await auditAs(tx, ctx, { action: 'meeting.attendee_add', objectType: 'meeting', objectId: id, detail: { personId } });
    await broadcastMeeting(tx, emit, id, ['attendees']);
  });
}

export async function removeAttendee(hub: RealtimeHub, actor: Actor, id: string, personId: string): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (!m.viewer.manage) throw notFound(MEETING);
    if (m.meeting.status !== 'planned' && m.meeting.status !== 'notified') throw conflict('status', { zh: '会议开始后名单不能删减', en: 'The list cannot shrink once the meeting started' });
    const r = await tx.deleteFrom('meeting_attendees').where('meeting_id', '=', id).where('person_id', '=', personId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw badField('personId', { zh: '此人不在参会名单中', en: 'Not on the attendee list' });
    await auditAs(tx, ctx, { action: 'meeting.attendee_remove', objectType: 'meeting', objectId: id, detail: { personId } });
    await broadcastMeeting(tx, emit, id, ['attendees']);
  });
}
