/** Reading meetings: the detail, the list (calendar) of a subtree, my meetings, and the pickers the plan form needs. */
import { sql, type Kysely } from 'kysely';
import type { DB, OrgKind } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { inSubtrees, subtreeRange } from '../../platform/db/subtree.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { ownPersonId } from '../members/person-access.js';
import { loadMeetingInScope, loadViewerInScope, MEETING } from './api.js';
import { detailOf, listItemOf, type MeetingDetail } from './present.js';
import { hostHasAccount } from './minutes.js';
import { chinaDate, kindsHeldBy, periodChoices } from './rules.js';
import { instant, tenantMeetingSettings } from './planning.js';
import { unitRow } from './roster.js';
import type { MeetingKind, MeetingStatus } from './tables.js';

export async function getMeeting(db: Kysely<DB>, actor: Actor, id: string): Promise<MeetingDetail> {
  return withTenant(db, txContext(actor), async (tx) => {
    const m = await loadMeetingInScope(tx, actor, id);
    return detailOf(tx, m, await hostHasAccount(tx, m.meeting.hostPersonId), { manage: can(actor, 'meetings.manage', m.meeting.orgPath), read: can(actor, 'meetings.read', m.meeting.orgPath) });
  });
}

export interface ListQuery {
  page: number;
  pageSize: number;
  unitId?: string | undefined;
  kind?: MeetingKind | undefined;
  status?: MeetingStatus | undefined;
  /** Planned start from / before (ISO instants): the calendar's month. */
  from?: string | undefined;
  to?: string | undefined;
}

const listColumns = ['m.id', 'm.org_unit_id', 'u.name as unit_name', 'm.kind', 'm.title', 'm.period', 'm.planned_start_at', 'm.planned_end_at', 'm.held_start_at', 'm.held_end_at', 'm.place', 'm.online', 'm.video_link', 'm.status', 'm.minutes_signed_at'] as const;

/** Meetings of the units in the actor's meetings.read scope (optionally one unit's subtree), newest first. */
export async function listMeetings(db: Kysely<DB>, actor: Actor, q: ListQuery) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'meetings.read');
    let base = tx.selectFrom('meetings as m').innerJoin('org_units as u', 'u.id', 'm.org_unit_id').where(inSubtrees('u.path', scopes));
    if (q.unitId) {
      const unit = await unitRow(tx, q.unitId);
      if (!unit || !can(actor, 'meetings.read', unit.path)) throw notFound({ zh: '党组织', en: 'Org unit' });
      base = base.where(subtreeRange('u.path', unit.path));
    }
    if (q.kind) base = base.where('m.kind', '=', q.kind);
    if (q.status) base = base.where('m.status', '=', q.status);
    if (q.from) base = base.where('m.planned_start_at', '>=', instant(q.from, 'from'));
    if (q.to) base = base.where('m.planned_start_at', '<', instant(q.to, 'to'));
    const rows = await base.select([...listColumns]).orderBy('m.planned_start_at', 'desc').orderBy('m.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const counts = await attendanceCounts(tx, rows.map((r) => r.id));
    return { items: rows.map((r) => listItemOf(r, counts.get(r.id) ?? { expected: 0, present: 0 })), total };
  });
}

async function attendanceCounts(tx: Tx, ids: string[]) {
  const out = new Map<string, { expected: number; present: number }>();
  if (ids.length === 0) return out;
  const rows = await tx.selectFrom('meeting_attendees').select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where attendance = 'present')`.as('p')])
    .where('meeting_id', 'in', ids).groupBy('meeting_id').execute();
  for (const r of rows) out.set(r.meeting_id, { expected: Number(r.n), present: Number(r.p) });
  return out;
}

/** The meetings the actor is on the list of (a member's 我的会议): upcoming first, then the past. */
export async function myMeetings(db: Kysely<DB>, actor: Actor, q: { page: number; pageSize: number; when: 'upcoming' | 'past' }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const personId = await ownPersonId(tx, actor);
    if (!personId) return { items: [], total: 0 };
    let base = tx.selectFrom('meeting_attendees as a').innerJoin('meetings as m', 'm.id', 'a.meeting_id').innerJoin('org_units as u', 'u.id', 'm.org_unit_id')
      .where('a.person_id', '=', personId);
    base = q.when === 'upcoming'
      ? base.where('m.status', 'in', ['planned', 'notified', 'in_progress'])
      : base.where('m.status', 'in', ['held', 'cancelled']);
    // Planned but not yet announced meetings are the secretary's drafts: members see them once notified.
    if (q.when === 'upcoming') base = base.where('m.status', '!=', 'planned');
    const rows = await base.select([...listColumns, 'a.attendance', 'a.leave_state'])
      .orderBy('m.planned_start_at', q.when === 'upcoming' ? 'asc' : 'desc').orderBy('m.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const counts = await attendanceCounts(tx, rows.map((r) => r.id));
    return { items: rows.map((r) => listItemOf(r, { ...(counts.get(r.id) ?? { expected: 0, present: 0 }), myAttendance: r.attendance, myLeaveState: r.leave_state })), total };
  });
}

/** Units the actor may plan meetings for, with the kinds each may hold. */
export async function plannableUnits(db: Kysely<DB>, actor: Actor, q: string | undefined) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'meetings.manage');
    if (scopes.length === 0) return [];
    let b = tx.selectFrom('org_units').select(['id', 'name', 'kind', 'depth', 'path']).where(inSubtrees('path', scopes)).where('dissolved_at', 'is', null)
      .where('kind', 'in', ['branch', 'general_branch', 'party_group'] as OrgKind[]);
    if (q?.trim()) b = b.where('name', 'like', `%${q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    const rows = await b.orderBy('path').limit(200).execute();
    const committees = new Set((await tx.selectFrom('org_positions').select('unit_id').distinct().where('to_on', 'is', null).where('role', '=', 'member')
      .where('unit_id', 'in', rows.length ? rows.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000']).execute()).map((r) => r.unit_id));
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, depth: r.depth, kinds: kindsHeldBy(r.kind).filter((k) => k !== 'committee' || committees.has(r.id)) }));
  });
}

/** People of a unit's branch for the host / recorder / attendee pickers. */
export async function unitPeople(db: Kysely<DB>, actor: Actor, unitId: string, q: string | undefined) {
  return withTenant(db, txContext(actor), async (tx) => {
    const unit = await unitRow(tx, unitId);
    if (!unit || !can(actor, 'meetings.manage', unit.path)) throw notFound({ zh: '党组织', en: 'Org unit' });
    return branchPeople(tx, unit, q);
  });
}

/**
 * The people of a meeting's branch, for whoever may manage that meeting — its host too, who need not hold
 * meetings.manage (the edit form's host/recorder pickers and the add-attendee search).
 */
export async function meetingPeople(db: Kysely<DB>, actor: Actor, meetingId: string, q: string | undefined) {
  return withTenant(db, txContext(actor), async (tx) => {
    const { meeting, viewer } = await loadViewerInScope(tx, actor, meetingId);
    if (!viewer.manage) throw notFound(MEETING);
    const unit = await unitRow(tx, meeting.orgUnitId);
    if (!unit) throw notFound(MEETING);
    return branchPeople(tx, unit, q);
  });
}

async function branchPeople(tx: Tx, unit: { path: string; kind: OrgKind; parent_id: string | null }, q: string | undefined) {
  let path = unit.path;
  if (unit.kind === 'party_group' && unit.parent_id) path = (await unitRow(tx, unit.parent_id))?.path ?? path;
  let b = tx.selectFrom('people').select(['id', 'name', 'party_status']).where(subtreeRange('org_path', path)).where('archived_at', 'is', null);
  if (q?.trim()) b = b.where('name', 'like', `%${q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const rows = await b.orderBy('name_pinyin').orderBy('id').limit(100).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, partyStatus: r.party_status }));
}

/** The periods a meeting of `kind` starting at `at` may count for (the plan form's choices). */
export async function periodOptions(db: Kysely<DB>, actor: Actor, kind: MeetingKind, at: string) {
  const when = instant(at, 'at');
  return withTenant(db, txContext(actor), async (tx) => periodChoices(kind, chinaDate(when), await tenantMeetingSettings(tx, actor.tenantId)));
}
