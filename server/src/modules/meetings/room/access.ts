/**
 * Who may do what in a meeting's live room, from the meetings module's view of the meeting (api.ts: in scope by
 * meetings.read on its unit or by being on its attendee list; `manage` for the host or meetings.manage). The room's
 * own row (the sign-in secret, the current agenda step) is created the first time the room is used.
 */
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../../platform/db/tenancy.js';
import type { Actor } from '../../../platform/access/actor.js';
import { conflict, forbidden, type Msg } from '../../../platform/http/errors.js';
import { loadMeetingInScope, mayDraftMinutes, type MeetingInScope } from '../api.js';
import { voteBodyOf } from '../votes-rules.js';
import type { MeetingRoomsTable } from './tables.js';
import type { Selectable } from 'kysely';

export const channelOf = (meetingId: string) => `meeting:${meetingId}`;

export interface RoomAbilities {
  /** Run the room: agenda, materials, floor, votes, sign-in code, start and end. */
  manage: boolean;
  /** Sign oneself in (on the list, not yet signed in, meeting not over). */
  signIn: boolean;
  /** Raise a hand and post in the discussion (on the list, or running it; meeting in progress). */
  speak: boolean;
  /** Hold a vote in this meeting's deciding body (whether or not signed in yet). */
  vote: boolean;
  /** Edit the minutes draft. */
  draftMinutes: boolean;
}

const LIVE = ['planned', 'notified', 'in_progress'];

export function abilitiesOf(m: Pick<MeetingInScope, 'meeting' | 'viewer'>): RoomAbilities {
  const status = m.meeting.status;
  const me = m.viewer.attendee;
  const body = voteBodyOf(m.meeting.kind);
  return {
    manage: m.viewer.manage && LIVE.includes(status),
    signIn: !!me && !me.signedInAt && LIVE.includes(status),
    speak: (!!me || m.viewer.manage) && status === 'in_progress',
    vote: !!me && body !== null && me.voting && (body === 'assembly' || me.role === 'committee'),
    draftMinutes: mayDraftMinutes(m),
  };
}

export async function loadRoom(tx: Tx, actor: Actor, meetingId: string): Promise<MeetingInScope> {
  return loadMeetingInScope(tx, actor, meetingId);
}

export function requireManage(m: Pick<MeetingInScope, 'meeting' | 'viewer'>): void {
  if (!abilitiesOf(m).manage) throw forbidden({ zh: '只有主持人或会议管理人员可以操作', en: 'Only the host or a manager may do this' });
}

export const NOT_IN_PROGRESS: Msg = { zh: '会议尚未开始或已经结束', en: 'The meeting is not in progress' };

export function requireInProgress(m: MeetingInScope): void {
  if (m.meeting.status !== 'in_progress') throw conflict('status', NOT_IN_PROGRESS);
}

/** The room's row, created on first use with a fresh sign-in secret. */
export async function roomRow(tx: Tx, tenantId: string, meetingId: string, forUpdate = false): Promise<Selectable<MeetingRoomsTable>> {
  await tx.insertInto('meeting_rooms').values({ meeting_id: meetingId, tenant_id: tenantId, qr_key: randomBytes(32).toString('base64url'), current_agenda_item_id: null, shown_material_id: null, minutes_lock_user_id: null, minutes_lock_name: null, minutes_lock_until: null })
    .onConflict((oc) => oc.column('meeting_id').doNothing()).execute();
  let q = tx.selectFrom('meeting_rooms').selectAll().where('meeting_id', '=', meetingId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}
