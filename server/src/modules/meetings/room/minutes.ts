/**
 * The minutes drafted in the room. Simple and safe: one drafter at a time holds a short lock (renewed while they
 * type, released when they save or leave, lapsing after two minutes), so two people never overwrite each other's
 * text; everyone sees the draft as it is saved. The text is stored through the meetings module's minutes draft
 * (api.ts saveMinutesDraft: who may draft, the sign-off freeze, its audit record); sign-off and export are theirs.
 */
import type { Selectable } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import type { RealtimeHub } from '../../../platform/realtime/hub.js';
import { txContext } from '../../../platform/http/app.js';
import { auditAs } from '../../../platform/audit/chain.js';
import { conflict, forbidden } from '../../../platform/http/errors.js';
import { mayDraftMinutes, saveMinutesDraft, type MeetingInScope } from '../api.js';
import { channelOf, loadRoom, roomRow } from './access.js';
import type { MeetingRoomsTable } from './tables.js';

export const MINUTES_LOCK_SECONDS = 120;

export interface MinutesView {
  text: string;
  updatedAt: string | null;
  signed: boolean;
  /** Who is editing now, until when; null when nobody is. */
  lock: { userId: string; name: string; until: string } | null;
}

function activeLock(room: Selectable<MeetingRoomsTable>, now: Date): MinutesView['lock'] {
  if (!room.minutes_lock_user_id || !room.minutes_lock_until || new Date(room.minutes_lock_until) <= now) return null;
  return { userId: room.minutes_lock_user_id, name: room.minutes_lock_name ?? '', until: new Date(room.minutes_lock_until).toISOString() };
}

export function minutesView(m: MeetingInScope, room: Selectable<MeetingRoomsTable>, now = new Date()): MinutesView {
  return {
    text: m.meeting.minutes, updatedAt: m.meeting.minutesUpdatedAt ? new Date(m.meeting.minutesUpdatedAt).toISOString() : null,
    signed: m.meeting.minutesSignedAt !== null, lock: activeLock(room, now),
  };
}

const HELD_BY_OTHER = (name: string) => conflict('minutes', { zh: `${name} 正在编辑会议记录，请稍后再试`, en: `${name} is editing the minutes; try again shortly` });

/** Takes (or renews) the editing lock, or releases it. */
export async function minutesLock(hub: RealtimeHub, actor: Actor, meetingId: string, take: boolean): Promise<MinutesView> {
  const ctx = txContext(actor);
  return hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    if (!mayDraftMinutes(m)) throw forbidden({ zh: '只有主持人、记录人或会议管理人员可以起草会议记录', en: 'Only the host, the recorder or a manager may draft the minutes' });
    const now = new Date();
    const room = await roomRow(tx, actor.tenantId, meetingId, true);
    const lock = activeLock(room, now);
    if (lock && lock.userId !== actor.userId) throw HELD_BY_OTHER(lock.name);
    const until = take ? new Date(now.getTime() + MINUTES_LOCK_SECONDS * 1000) : null;
    await tx.updateTable('meeting_rooms').set({ minutes_lock_user_id: take ? actor.userId : null, minutes_lock_name: take ? actor.displayName : null, minutes_lock_until: until, updated_at: now })
      .where('meeting_id', '=', meetingId).execute();
    await auditAs(tx, ctx, { action: take ? 'meeting.minutes_lock' : 'meeting.minutes_unlock', objectType: 'meeting', objectId: meetingId });
    const view = minutesView(m, { ...room, minutes_lock_user_id: take ? actor.userId : null, minutes_lock_name: take ? actor.displayName : null, minutes_lock_until: until }, now);
    await emit(channelOf(meetingId), 'minutes_lock', { lock: view.lock });
    return view;
  });
}

/** Saves the draft; the drafter must hold the lock (taking a free one on the way). `release` ends the editing turn. */
export async function saveRoomMinutes(hub: RealtimeHub, actor: Actor, meetingId: string, text: string, release: boolean): Promise<MinutesView> {
  const ctx = txContext(actor);
  return hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    const now = new Date();
    const room = await roomRow(tx, actor.tenantId, meetingId, true);
    const lock = activeLock(room, now);
    if (lock && lock.userId !== actor.userId) throw HELD_BY_OTHER(lock.name);
    await saveMinutesDraft(tx, ctx, m, text);
    const until = release ? null : new Date(now.getTime() + MINUTES_LOCK_SECONDS * 1000);
    await tx.updateTable('meeting_rooms').set({ minutes_lock_user_id: release ? null : actor.userId, minutes_lock_name: release ? null : actor.displayName, minutes_lock_until: until, updated_at: now })
      .where('meeting_id', '=', meetingId).execute();
    const view = minutesView(m, { ...room, minutes_lock_user_id: release ? null : actor.userId, minutes_lock_name: release ? null : actor.displayName, minutes_lock_until: until }, now);
    await emit(channelOf(meetingId), 'minutes', view);
    return view;
  });
}
