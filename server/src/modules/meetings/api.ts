/**
 * The meetings module's exported service API for other modules (the live room in ./room, votes): load a meeting with its
 * attendees in the actor's scope, sign someone in, save the minutes draft, start and end a meeting. Each function runs
 * inside the caller's tenant-scoped transaction (`withTenant`) and writes its own audit record, so a caller cannot
 * forget it. Names and shapes here are stable; add, do not rename.
 *
 * Who may see a meeting: `meetings.read` on its unit (or above), or being on its attendee list. Who may run it
 * (`viewer.manage`): `meetings.manage` on its unit, or being its host. Anything else answers 404.
 */
import { sql, type Selectable } from 'kysely';
import type { Tx, TxContext } from '../../platform/db/tenancy.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { auditAs } from '../../platform/audit/chain.js';
import { badField, conflict, forbidden, notFound, type Msg } from '../../platform/http/errors.js';
import { ownPersonId } from '../members/person-access.js';
import type { Voter } from './votes-rules.js';
import type { Attendance, AttendeeRole, LeaveState, MeetingAttendeesTable, MeetingKind, MeetingStatus, SignInChannel } from './tables.js';

export const MEETING: Msg = { zh: '会议', en: 'Meeting' };

export interface MeetingRecord {
  id: string;
  orgUnitId: string;
  orgUnitName: string;
  /** The unit's org path (scope checks). */
  orgPath: string;
  kind: MeetingKind;
  title: string;
  period: string;
  plannedStartAt: Date;
  plannedEndAt: Date;
  heldStartAt: Date | null;
  heldEndAt: Date | null;
  place: string;
  online: boolean;
  videoLink: string | null;
  status: MeetingStatus;
  hostPersonId: string | null;
  hostName: string | null;
  recorderPersonId: string | null;
  recorderName: string | null;
  lecturer: string;
  description: string;
  minutes: string;
  minutesUpdatedAt: Date | null;
  minutesSignedAt: Date | null;
  minutesSignedName: string | null;
  notifiedAt: Date | null;
  cancelReason: string | null;
  version: number;
}

export interface AttendeeRecord {
  personId: string;
  name: string;
  partyStatus: string;
  role: AttendeeRole;
  /** 正式党员 vote, 预备党员 do not (RULES.md §5). */
  voting: boolean;
  attendance: Attendance;
  leaveState: LeaveState | null;
  leaveReason: string | null;
  signedInAt: Date | null;
  signInChannel: SignInChannel | null;
}

export interface AgendaItemRecord { id: string; position: number; title: string; presenter: string; durationMinutes: number | null }

export interface MeetingViewer {
  /** The actor's person record, if the account has one. */
  personId: string | null;
  /** The actor's own line on the attendee list, if any. */
  attendee: AttendeeRecord | null;
  /** The host of this meeting. */
  host: boolean;
  /** May run it: meetings.manage on its unit, or the host. */
  manage: boolean;
}

export interface MeetingInScope {
  meeting: MeetingRecord;
  attendees: AttendeeRecord[];
  agenda: AgendaItemRecord[];
  viewer: MeetingViewer;
}

/** A meeting row as the record, with unit and names (no scope check). */
export async function meetingRecord(tx: Tx, id: string, forUpdate = false): Promise<MeetingRecord | undefined> {
  let q = tx.selectFrom('meetings as m').innerJoin('org_units as u', 'u.id', 'm.org_unit_id')
    .leftJoin('people as h', 'h.id', 'm.host_person_id').leftJoin('people as r', 'r.id', 'm.recorder_person_id')
    .selectAll('m').select(['u.name as unit_name', 'u.path as unit_path', 'h.name as host_name', 'r.name as recorder_name'])
    .where('m.id', '=', id);
  if (forUpdate) q = q.forUpdate('m');
  const m = await q.executeTakeFirst();
  if (!m) return undefined;
  return {
    id: m.id, orgUnitId: m.org_unit_id, orgUnitName: m.unit_name, orgPath: m.unit_path, kind: m.kind, title: m.title, period: m.period,
    plannedStartAt: m.planned_start_at, plannedEndAt: m.planned_end_at, heldStartAt: m.held_start_at, heldEndAt: m.held_end_at,
    place: m.place, online: m.online, videoLink: m.video_link, status: m.status, hostPersonId: m.host_person_id, hostName: m.host_name,
    recorderPersonId: m.recorder_person_id, recorderName: m.recorder_name, lecturer: m.lecturer, description: m.description,
    minutes: m.minutes, minutesUpdatedAt: m.minutes_updated_at, minutesSignedAt: m.minutes_signed_at, minutesSignedName: m.minutes_signed_name,
    notifiedAt: m.notified_at, cancelReason: m.cancel_reason, version: m.version,
  };
}

export async function attendeesOf(tx: Tx, meetingId: string): Promise<AttendeeRecord[]> {
  const rows = await tx.selectFrom('meeting_attendees').selectAll().where('meeting_id', '=', meetingId)
    .orderBy(sql`case role when 'committee' then 0 when 'member' then 1 else 2 end`).orderBy('person_name').orderBy('person_id').execute();
  return rows.map(attendeeRecord);
}

function attendeeRecord(a: Selectable<MeetingAttendeesTable>): AttendeeRecord {
  return {
    personId: a.person_id, name: a.person_name, partyStatus: a.party_status, role: a.role, voting: a.voting, attendance: a.attendance,
    leaveState: a.leave_state, leaveReason: a.leave_reason, signedInAt: a.signed_in_at, signInChannel: a.sign_in_channel,
  };
}

export async function agendaOf(tx: Tx, meetingId: string): Promise<AgendaItemRecord[]> {
  const rows = await tx.selectFrom('meeting_agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, position: r.position, title: r.title, presenter: r.presenter, durationMinutes: r.duration_minutes }));
}

/**
 * The meeting with its attendees and agenda, if the actor may see it (meetings.read on its unit, or on its attendee
 * list); 404 otherwise. `forUpdate` locks the meeting row for the rest of the transaction.
 */
export async function loadMeetingInScope(tx: Tx, actor: Actor, meetingId: string, opts: { forUpdate?: boolean } = {}): Promise<MeetingInScope> {
  const meeting = await meetingRecord(tx, meetingId, opts.forUpdate ?? false);
  if (!meeting) throw notFound(MEETING);
  const [attendees, agenda, personId] = await Promise.all([attendeesOf(tx, meetingId), agendaOf(tx, meetingId), ownPersonId(tx, actor)]);
  const attendee = personId ? attendees.find((a) => a.personId === personId) ?? null : null;
  return { meeting, attendees, agenda, viewer: viewerOrNotFound(actor, meeting, personId, attendee) };
}

/**
 * The meeting and the actor's own line on its list, with the same scope rule as loadMeetingInScope but without the
 * roster and the agenda: for a request that needs only the actor's place in the meeting (a ballot in a room of 1,000).
 */
export async function loadViewerInScope(tx: Tx, actor: Actor, meetingId: string): Promise<Pick<MeetingInScope, 'meeting' | 'viewer'>> {
  const meeting = await meetingRecord(tx, meetingId);
  if (!meeting) throw notFound(MEETING);
  const personId = await ownPersonId(tx, actor);
  const row = personId
    ? await tx.selectFrom('meeting_attendees').selectAll().where('meeting_id', '=', meetingId).where('person_id', '=', personId).executeTakeFirst()
    : undefined;
  return { meeting, viewer: viewerOrNotFound(actor, meeting, personId, row ? attendeeRecord(row) : null) };
}

function viewerOrNotFound(actor: Actor, meeting: MeetingRecord, personId: string | null, attendee: AttendeeRecord | null): MeetingViewer {
  const host = personId !== null && personId === meeting.hostPersonId;
  if (!attendee && !host && !can(actor, 'meetings.read', meeting.orgPath)) throw notFound(MEETING);
  return { personId, attendee, host, manage: host || can(actor, 'meetings.manage', meeting.orgPath) };
}

/** One person's line on the meeting's list (a sign-in in a room of 1,000 reads that line, not the roster). */
export async function attendeeLine(tx: Tx, meetingId: string, personId: string): Promise<AttendeeRecord | undefined> {
  const row = await tx.selectFrom('meeting_attendees').selectAll().where('meeting_id', '=', meetingId).where('person_id', '=', personId).executeTakeFirst();
  return row ? attendeeRecord(row) : undefined;
}

/**
 * The list as voters (votes-rules.ts), grouped: one row per (role, voting, present) with its number of people, so a
 * quorum is counted from a handful of rows whatever the size of the meeting.
 */
export async function voterGroups(tx: Tx, meetingId: string): Promise<(Voter & { n: number })[]> {
  const rows = await tx.selectFrom('meeting_attendees').select(['role', 'voting', sql<boolean>`attendance = 'present'`.as('present'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('meeting_id', '=', meetingId).groupBy(['role', 'voting', sql`attendance = 'present'`]).execute();
  return rows.map((r) => ({ role: r.role, voting: r.voting, present: r.present, n: Number(r.n) }));
}

const OPEN_FOR_SIGN_IN: readonly MeetingStatus[] = ['planned', 'notified', 'in_progress'];

/**
 * Signs a person in. `qr` and `button` are the actor signing themselves in (their own line on the list); `manual` is the
 * host or a manager recording someone's presence. Signing in twice keeps the first time (`changed: false`).
 * A person on approved leave who turns up is marked present.
 */
export async function markSignIn(tx: Tx, ctx: TxContext, m: Pick<MeetingInScope, 'meeting' | 'viewer'>, personId: string, a: AttendeeRecord | undefined, channel: SignInChannel, at: Date = new Date()): Promise<{ changed: boolean; signedInAt: Date }> {
  if (channel === 'manual' ? !m.viewer.manage : personId !== m.viewer.personId) {
    throw forbidden({ zh: '只能为自己签到；代为签到需由主持人或会议管理人员办理', en: 'You can only sign yourself in; the host or a manager records others' });
  }
  if (!OPEN_FOR_SIGN_IN.includes(m.meeting.status)) {
    throw conflict('status', { zh: '会议已结束或已取消，不能签到', en: 'The meeting has ended or was cancelled; sign-in is closed' });
  }
  if (!a) throw badField('personId', { zh: '此人不在本次会议的参会名单中', en: 'This person is not on the attendee list' });
  if (a.signedInAt) return { changed: false, signedInAt: a.signedInAt };
  await tx.updateTable('meeting_attendees').set({ signed_in_at: at, sign_in_channel: channel, attendance: 'present' })
    .where('meeting_id', '=', m.meeting.id).where('person_id', '=', personId).execute();
  await auditAs(tx, ctx, { action: 'meeting.sign_in', objectType: 'meeting', objectId: m.meeting.id, detail: { personId, channel } });
  a.signedInAt = at;
  a.signInChannel = channel;
  a.attendance = 'present';
  return { changed: true, signedInAt: at };
}

export const MINUTES_MAX = 50_000;

/** Whether the actor may edit the minutes draft: the host, the recorder, or a manager, until the host signs them off. */
export function mayDraftMinutes(m: Pick<MeetingInScope, 'meeting' | 'viewer'>): boolean {
  const recorder = m.viewer.personId !== null && m.viewer.personId === m.meeting.recorderPersonId;
  return (m.viewer.manage || recorder) && m.meeting.minutesSignedAt === null && m.meeting.status !== 'cancelled';
}

/** Saves the minutes draft (the whole text). Refused once the host has signed the minutes off. */
export async function saveMinutesDraft(tx: Tx, ctx: TxContext, m: MeetingInScope, text: string): Promise<{ updatedAt: Date }> {
  if (m.meeting.minutesSignedAt) throw conflict('minutes', { zh: '会议记录已由主持人签发，不能再修改', en: 'The minutes were signed off by the host and can no longer change' });
  if (!mayDraftMinutes(m)) throw forbidden({ zh: '只有主持人、记录人或会议管理人员可以起草会议记录', en: 'Only the host, the recorder or a manager may draft the minutes' });
  if (text.length > MINUTES_MAX) throw badField('minutes', { zh: `会议记录不能超过 ${MINUTES_MAX} 字`, en: `The minutes may not exceed ${MINUTES_MAX} characters` });
  const updatedAt = new Date();
  await tx.updateTable('meetings').set({ minutes: text, minutes_updated_at: updatedAt, minutes_updated_by: ctx.actorId, updated_at: updatedAt })
    .where('id', '=', m.meeting.id).execute();
  await auditAs(tx, ctx, { action: 'meeting.minutes_draft', objectType: 'meeting', objectId: m.meeting.id, detail: { length: text.length } });
  m.meeting.minutes = text;
  m.meeting.minutesUpdatedAt = updatedAt;
  return { updatedAt };
}

/** Starts the meeting (in_progress, held_start_at now). The host or a manager; not a cancelled or held meeting. */
export async function startMeeting(tx: Tx, ctx: TxContext, m: MeetingInScope, at: Date = new Date()): Promise<void> {
  if (!m.viewer.manage) throw forbidden({ zh: '只有主持人或会议管理人员可以开始会议', en: 'Only the host or a manager may start the meeting' });
  if (m.meeting.status === 'in_progress') return;
  if (m.meeting.status !== 'planned' && m.meeting.status !== 'notified') {
    throw conflict('status', { zh: '会议已结束或已取消，不能开始', en: 'The meeting has ended or was cancelled' });
  }
  await tx.updateTable('meetings').set({ status: 'in_progress', held_start_at: at, updated_at: at, version: sql`version + 1` }).where('id', '=', m.meeting.id).execute();
  await auditAs(tx, ctx, { action: 'meeting.start', objectType: 'meeting', objectId: m.meeting.id });
  m.meeting.status = 'in_progress';
  m.meeting.heldStartAt = at;
}

/**
 * Ends the meeting: held, held_end_at now; whoever did not sign in is absent unless on approved leave. A meeting is held
 * only with its attendance recorded, which is what the compliance view and the 台账 count (rules.ts).
 */
export async function endMeeting(tx: Tx, ctx: TxContext, m: MeetingInScope, at: Date = new Date()): Promise<void> {
  if (!m.viewer.manage) throw forbidden({ zh: '只有主持人或会议管理人员可以结束会议', en: 'Only the host or a manager may end the meeting' });
  if (m.meeting.status !== 'in_progress') throw conflict('status', { zh: '会议尚未开始或已经结束', en: 'The meeting is not in progress' });
  if (!m.attendees.some((a) => a.attendance === 'present')) {
    throw conflict('attendance', { zh: '还没有人签到，不能结束会议；如会议未举行，请取消', en: 'Nobody has signed in; cancel the meeting if it did not take place' });
  }
  await tx.updateTable('meeting_attendees').set({ attendance: sql`case when leave_state = 'approved' then 'leave' else 'absent' end` })
    .where('meeting_id', '=', m.meeting.id).where('attendance', '=', 'pending').execute();
  await tx.updateTable('meetings').set({ status: 'held', held_end_at: at, updated_at: at, version: sql`version + 1` }).where('id', '=', m.meeting.id).execute();
  await auditAs(tx, ctx, { action: 'meeting.end', objectType: 'meeting', objectId: m.meeting.id });
  m.meeting.status = 'held';
  m.meeting.heldEndAt = at;
  m.attendees = await attendeesOf(tx, m.meeting.id);
}
