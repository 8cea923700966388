/** What the meeting screens receive: the detail with the viewer's abilities, and list items. */
import type { Tx } from '../../platform/db/tenancy.js';
import { mayDraftMinutes, type AttendeeRecord, type MeetingInScope, type MeetingRecord } from './api.js';
import { KIND_NAMES, periodLabel } from './rules.js';
import type { Attendance, LeaveState, MaterialKind, MeetingKind, MeetingStatus } from './tables.js';

export interface MeetingAbilities {
  edit: boolean;
  notify: boolean;
  cancel: boolean;
  /** Record attendance and held times of a meeting held offline (or correct them before the minutes are signed). */
  record: boolean;
  decideLeave: boolean;
  requestLeave: boolean;
  signIn: boolean;
  draftMinutes: boolean;
  sign: boolean;
  export: boolean;
  materials: boolean;
  /** Add someone of the branch to the list (a guest, or a member who joined since planning) until the meeting ends. */
  attendees: boolean;
  /** Enter the online room (云支部). */
  room: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function abilitiesOf(m: MeetingInScope, hostHasAccount: boolean, unit: { manage: boolean; read: boolean }): MeetingAbilities {
  const s = m.meeting.status;
  const open = s === 'planned' || s === 'notified';
  const manage = m.viewer.manage;
  const signed = m.meeting.minutesSignedAt !== null;
  const me = m.viewer.attendee;
  return {
    edit: manage && open,
    notify: manage && open,
    cancel: manage && (open || s === 'in_progress'),
    record: manage && s !== 'cancelled' && !signed,
    decideLeave: manage && s !== 'cancelled' && !signed,
    requestLeave: me !== null && (open || s === 'in_progress') && me.attendance === 'pending' && me.leaveState !== 'requested' && me.leaveState !== 'approved',
    signIn: me !== null && s === 'in_progress' && me.signedInAt === null,
    draftMinutes: mayDraftMinutes(m),
    // The host signs the minutes off; when the host has no account, a manager of the unit records the sign-off.
    sign: s === 'held' && !signed && (m.viewer.host || (!hostHasAccount && unit.manage)),
    export: manage || unit.read,
    materials: manage && s !== 'cancelled' && !signed,
    attendees: manage && (open || s === 'in_progress'),
    room: m.meeting.online && (open || s === 'in_progress') && (manage || me !== null),
  };
}

/** A material as the screens show it; `url` opens it (the link itself, or the download of an uploaded file). */
export interface MaterialView {
  id: string; title: string; kind: MaterialKind; ref: string; addedAt: string; url: string | null;
  file: { name: string; size: number; contentType: string } | null;
}
export interface ResolutionView { id: string; position: number; text: string; voteId: string | null }

export async function materialsOf(tx: Tx, meetingId: string): Promise<MaterialView[]> {
  const rows = await tx.selectFrom('meeting_materials as m').leftJoin('stored_files as f', 'f.id', 'm.file_id')
    .select(['m.id', 'm.title', 'm.kind', 'm.ref', 'm.added_at', 'f.original_name', 'f.size', 'f.content_type'])
    .where('m.meeting_id', '=', meetingId).orderBy('m.added_at').orderBy('m.id').execute();
  return rows.map((r) => ({
    id: r.id, title: r.title, kind: r.kind, ref: r.ref, addedAt: r.added_at.toISOString(),
    url: r.kind === 'file' ? `/api/meetings/${meetingId}/materials/${r.id}/file` : r.kind === 'link' ? r.ref : null,
    file: r.kind === 'file' && r.original_name ? { name: r.original_name, size: Number(r.size), contentType: r.content_type ?? '' } : null,
  }));
}

export async function resolutionsOf(tx: Tx, meetingId: string): Promise<ResolutionView[]> {
  const rows = await tx.selectFrom('meeting_resolutions').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, position: r.position, text: r.text, voteId: r.vote_id }));
}

export function countsOf(attendees: readonly AttendeeRecord[]) {
  const c = { expected: attendees.length, present: 0, leave: 0, absent: 0, pending: 0, voting: 0, votingPresent: 0, leaveRequested: 0 };
  for (const a of attendees) {
    c[a.attendance] += 1;
    if (a.voting) c.voting += 1;
    if (a.voting && a.attendance === 'present') c.votingPresent += 1;
    if (a.leaveState === 'requested') c.leaveRequested += 1;
  }
  return c;
}

function attendeeView(a: AttendeeRecord, showReasons: boolean, own: boolean) {
  return {
    personId: a.personId, name: a.name, partyStatus: a.partyStatus, role: a.role, voting: a.voting, attendance: a.attendance,
    leaveState: showReasons || own ? a.leaveState : a.leaveState === 'approved' ? 'approved' as const : null,
    leaveReason: showReasons || own ? a.leaveReason : null,
    signedInAt: iso(a.signedInAt), signInChannel: a.signInChannel,
  };
}

export function meetingCore(m: MeetingRecord) {
  return {
    id: m.id, orgUnitId: m.orgUnitId, orgUnitName: m.orgUnitName, kind: m.kind, kindName: KIND_NAMES[m.kind].zh, title: m.title,
    period: m.period, periodLabel: periodLabel(m.period), plannedStartAt: m.plannedStartAt.toISOString(), plannedEndAt: m.plannedEndAt.toISOString(),
    heldStartAt: iso(m.heldStartAt), heldEndAt: iso(m.heldEndAt), place: m.place, online: m.online, videoLink: m.videoLink, status: m.status,
  };
}

export async function detailOf(tx: Tx, m: MeetingInScope, hostHasAccount: boolean, unit: { manage: boolean; read: boolean }) {
  const [materials, resolutions] = await Promise.all([materialsOf(tx, m.meeting.id), resolutionsOf(tx, m.meeting.id)]);
  const abilities = abilitiesOf(m, hostHasAccount, unit);
  const showReasons = m.viewer.manage;
  const r = m.meeting;
  return {
    ...meetingCore(r),
    host: r.hostPersonId ? { personId: r.hostPersonId, name: r.hostName ?? '' } : null,
    recorder: r.recorderPersonId ? { personId: r.recorderPersonId, name: r.recorderName ?? '' } : null,
    lecturer: r.lecturer, description: r.description,
    minutes: r.minutes, minutesUpdatedAt: iso(r.minutesUpdatedAt), minutesSignedAt: iso(r.minutesSignedAt), minutesSignedName: r.minutesSignedName,
    notifiedAt: iso(r.notifiedAt), cancelReason: r.cancelReason, version: r.version,
    agenda: m.agenda.map((a) => ({ id: a.id, title: a.title, presenter: a.presenter, durationMinutes: a.durationMinutes })),
    attendees: m.attendees.map((a) => attendeeView(a, showReasons, a.personId === m.viewer.personId)),
    counts: countsOf(m.attendees),
    materials, resolutions,
    me: m.viewer.attendee ? attendeeView(m.viewer.attendee, true, true) : null,
    abilities,
  };
}

export type MeetingDetail = Awaited<ReturnType<typeof detailOf>>;

export interface MeetingListRow {
  id: string; org_unit_id: string; unit_name: string; kind: MeetingKind; title: string; period: string; planned_start_at: Date; planned_end_at: Date;
  held_start_at: Date | null; held_end_at: Date | null; place: string; online: boolean; video_link: string | null; status: MeetingStatus;
  minutes_signed_at: Date | null;
}

export function listItemOf(r: MeetingListRow, extra: { expected: number; present: number; myAttendance?: Attendance | null; myLeaveState?: LeaveState | null } = { expected: 0, present: 0 }) {
  return {
    id: r.id, orgUnitId: r.org_unit_id, orgUnitName: r.unit_name, kind: r.kind, kindName: KIND_NAMES[r.kind].zh, title: r.title, period: r.period,
    periodLabel: periodLabel(r.period), plannedStartAt: r.planned_start_at.toISOString(), plannedEndAt: r.planned_end_at.toISOString(),
    heldStartAt: iso(r.held_start_at), place: r.place, online: r.online, status: r.status, minutesSigned: r.minutes_signed_at !== null,
    expected: extra.expected, present: extra.present, myAttendance: extra.myAttendance ?? null, myLeaveState: extra.myLeaveState ?? null,
  };
}
