/**
 * The live room's use cases. Each runs in one tenant-scoped transaction through the realtime hub (`withEvents`), so
 * the change, its audit record and the room event commit together, and the event reaches every socket on every
 * server process once committed. Snapshot: the channel's sequence is read first, then the state, so anything written
 * in between arrives again as an event (events set state; applying one twice changes nothing).
 */
import { randomUUID } from 'node:crypto';
import type { RealtimeHub, PresentUser } from '../../../platform/realtime/hub.js';
import { lastSeq } from '../../../platform/realtime/events.js';
import { txContext } from '../../../platform/http/app.js';
import type { Actor } from '../../../platform/access/actor.js';
import { auditAs } from '../../../platform/audit/chain.js';
import { badField, conflict, forbidden } from '../../../platform/http/errors.js';
import { withTenant } from '../../../platform/db/tenancy.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { attendeeLine, endMeeting, loadViewerInScope, markSignIn, startMeeting } from '../api.js';
import { broadcastAttendee } from './broadcast.js';
import { countVoters, quorum, voteBodyOf, type Quorum } from '../votes-rules.js';
import { abilitiesOf, channelOf, loadRoom, requireInProgress, requireManage, roomRow, type RoomAbilities } from './access.js';
import { attendeeView, messagesOf, myBallots, speakersOf, votesOf, type AttendeeView, type MessageView, type MyBallot, type SpeakerView, type VoteView } from './present.js';
import { qrToken, verifyQrToken, QR_PERIOD_SECONDS } from './qr.js';
import { minutesView, type MinutesView } from './minutes.js';
import { materialsOf, type MaterialView } from '../present.js';

export interface RoomSnapshot {
  seq: number;
  meeting: {
    id: string; title: string; kind: string; status: string; orgUnitName: string; place: string; online: boolean; videoLink: string | null;
    plannedStartAt: string; plannedEndAt: string; heldStartAt: string | null; heldEndAt: string | null; hostName: string | null; recorderName: string | null;
  };
  attendees: AttendeeView[];
  agenda: { id: string; position: number; title: string; presenter: string; durationMinutes: number | null }[];
  materials: MaterialView[];
  currentAgendaItemId: string | null;
  shownMaterialId: string | null;
  speakers: SpeakerView[];
  messages: MessageView[];
  votes: VoteView[];
  myBallots: MyBallot[];
  quorum: Quorum | null;
  minutes: MinutesView;
  presence: PresentUser[];
  me: { userId: string; personId: string | null; abilities: RoomAbilities };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function roomSnapshot(db: Kysely<DB>, hub: RealtimeHub, actor: Actor, meetingId: string): Promise<RoomSnapshot> {
  return withTenant(db, txContext(actor), async (tx) => {
    const seq = await lastSeq(tx, actor.tenantId, channelOf(meetingId));
    const m = await loadRoom(tx, actor, meetingId);
    const room = await roomRow(tx, actor.tenantId, meetingId);
    const materials = await materialsOf(tx, meetingId);
    const body = voteBodyOf(m.meeting.kind);
    const mt = m.meeting;
    return {
      seq,
      meeting: {
        id: mt.id, title: mt.title, kind: mt.kind, status: mt.status, orgUnitName: mt.orgUnitName, place: mt.place, online: mt.online, videoLink: mt.videoLink,
        plannedStartAt: iso(mt.plannedStartAt)!, plannedEndAt: iso(mt.plannedEndAt)!, heldStartAt: iso(mt.heldStartAt), heldEndAt: iso(mt.heldEndAt),
        hostName: mt.hostName, recorderName: mt.recorderName,
      },
      attendees: m.attendees.map(attendeeView),
      agenda: m.agenda,
      materials,
      currentAgendaItemId: room.current_agenda_item_id,
      shownMaterialId: room.shown_material_id,
      speakers: await speakersOf(tx, meetingId),
      messages: await messagesOf(tx, meetingId),
      votes: await votesOf(tx, meetingId),
      myBallots: await myBallots(tx, meetingId, m.viewer.personId),
      quorum: body ? quorum(countVoters(body, m.attendees.map((a) => ({ role: a.role, voting: a.voting, present: a.attendance === 'present' })))) : null,
      minutes: minutesView(m, room),
      presence: await hub.presentUsers(tx, channelOf(meetingId)),
      me: { userId: actor.userId, personId: m.viewer.personId, abilities: abilitiesOf(m) },
    };
  });
}

/** The current sign-in code, for the host's big screen. */
export async function roomQr(db: Kysely<DB>, actor: Actor, meetingId: string): Promise<{ token: string; expiresAt: string; periodSeconds: number }> {
  return withTenant(db, txContext(actor), async (tx) => {
    const m = await loadRoom(tx, actor, meetingId);
    requireManage(m);
    const room = await roomRow(tx, actor.tenantId, meetingId);
    const q = qrToken(room.qr_key, meetingId, new Date());
    return { token: q.token, expiresAt: q.expiresAt.toISOString(), periodSeconds: QR_PERIOD_SECONDS };
  });
}

/** Signs the actor in: with the scanned code ('qr', for those in the room) or by the button ('button', online). */
export async function roomSignIn(hub: RealtimeHub, actor: Actor, meetingId: string, token: string | undefined): Promise<AttendeeView> {
  return hub.withEvents(txContext(actor), async (tx, emit) => {
    // Only the actor's own line: a sign-in costs the same in a room of 10 or of 1,000.
    const m = await loadViewerInScope(tx, actor, meetingId);
    const personId = m.viewer.personId;
    const me = m.viewer.attendee;
    if (!personId || !me) throw forbidden({ zh: '您不在本次会议的参会名单中', en: 'You are not on the attendee list' });
    if (token !== undefined) {
      const room = await roomRow(tx, actor.tenantId, meetingId);
      if (!verifyQrToken(room.qr_key, meetingId, token, new Date())) {
        throw badField('token', { zh: '签到码已过期或无效，请重新扫描大屏上的二维码', en: 'The sign-in code has expired or is not valid; scan the code on the screen again' });
      }
    }
    const r = await markSignIn(tx, txContext(actor), m, personId, me, token !== undefined ? 'qr' : 'button');
    if (r.changed) await broadcastAttendee(tx, emit, actor.tenantId, m.meeting, me);
    return attendeeView(me);
  });
}

/** The host records someone present who signs in neither by code nor online (no phone with them). */
export async function roomMarkPresent(hub: RealtimeHub, actor: Actor, meetingId: string, personId: string): Promise<AttendeeView> {
  return hub.withEvents(txContext(actor), async (tx, emit) => {
    const m = await loadViewerInScope(tx, actor, meetingId);
    requireManage(m);
    const line = await attendeeLine(tx, meetingId, personId);
    const r = await markSignIn(tx, txContext(actor), m, personId, line, 'manual');
    if (r.changed && line) await broadcastAttendee(tx, emit, actor.tenantId, m.meeting, line);
    return attendeeView(line!);
  });
}

type EmitFn = (channel: string, type: string, data: unknown) => Promise<number>;

/** The attendee list and the quorum it makes, at the end of the meeting (absent or on leave for everyone not signed in). */
async function emitAttendance(emit: EmitFn, m: Awaited<ReturnType<typeof loadRoom>>): Promise<void> {
  const body = voteBodyOf(m.meeting.kind);
  await emit(channelOf(m.meeting.id), 'attendees', {
    attendees: m.attendees.map(attendeeView),
    quorum: body ? quorum(countVoters(body, m.attendees.map((a) => ({ role: a.role, voting: a.voting, present: a.attendance === 'present' })))) : null,
  });
}

const statusData = (m: Awaited<ReturnType<typeof loadRoom>>) => ({ status: m.meeting.status, heldStartAt: iso(m.meeting.heldStartAt), heldEndAt: iso(m.meeting.heldEndAt) });

export async function roomStart(hub: RealtimeHub, actor: Actor, meetingId: string): Promise<void> {
  await hub.withEvents(txContext(actor), async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    const before = m.meeting.status;
    await startMeeting(tx, txContext(actor), m);
    if (before !== m.meeting.status) await emit(channelOf(meetingId), 'status', statusData(m));
  });
}

export async function roomEnd(hub: RealtimeHub, actor: Actor, meetingId: string): Promise<void> {
  await hub.withEvents(txContext(actor), async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    const open = await tx.selectFrom('meeting_votes').select('id').where('meeting_id', '=', meetingId).where('state', '=', 'open').executeTakeFirst();
    if (open) throw conflict('status', { zh: '还有表决未结束，请先结束表决', en: 'A vote is still open; close it first' });
    await endMeeting(tx, txContext(actor), m);
    await tx.updateTable('meeting_speakers').set({ state: 'done', done_at: new Date() }).where('meeting_id', '=', meetingId).where('state', 'in', ['waiting', 'speaking']).execute();
    await emit(channelOf(meetingId), 'status', statusData(m));
    await emitAttendance(emit, m);
    await emit(channelOf(meetingId), 'speakers', { speakers: [] });
  });
}

/** The host moves the meeting to an agenda step (null: none shown). */
export async function setAgendaStep(hub: RealtimeHub, actor: Actor, meetingId: string, itemId: string | null): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    requireManage(m);
    requireInProgress(m);
    if (itemId !== null && !m.agenda.some((a) => a.id === itemId)) throw badField('itemId', { zh: '议程中没有这一项', en: 'No such agenda item' });
    await roomRow(tx, actor.tenantId, meetingId, true);
    await tx.updateTable('meeting_rooms').set({ current_agenda_item_id: itemId, updated_at: new Date() }).where('meeting_id', '=', meetingId).execute();
    await auditAs(tx, ctx, { action: 'meeting.room_agenda', objectType: 'meeting', objectId: meetingId, detail: { itemId } });
    await emit(channelOf(meetingId), 'agenda', { currentAgendaItemId: itemId });
  });
}

/** The host shows a material to everyone (null: stop showing). */
export async function showMaterial(hub: RealtimeHub, actor: Actor, meetingId: string, materialId: string | null): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    requireManage(m);
    requireInProgress(m);
    if (materialId !== null) {
      const exists = await tx.selectFrom('meeting_materials').select('id').where('id', '=', materialId).where('meeting_id', '=', meetingId).executeTakeFirst();
      if (!exists) throw badField('materialId', { zh: '本次会议没有这份材料', en: 'No such material for this meeting' });
    }
    await roomRow(tx, actor.tenantId, meetingId, true);
    await tx.updateTable('meeting_rooms').set({ shown_material_id: materialId, updated_at: new Date() }).where('meeting_id', '=', meetingId).execute();
    await auditAs(tx, ctx, { action: 'meeting.room_material', objectType: 'meeting', objectId: meetingId, detail: { materialId } });
    await emit(channelOf(meetingId), 'material', { shownMaterialId: materialId });
  });
}

/** The external video conference's link (腾讯会议, 钉钉 …): http(s) only, so a link can never run script. */
export async function setVideoLink(hub: RealtimeHub, actor: Actor, meetingId: string, link: string | null): Promise<void> {
  const ctx = txContext(actor);
  const value = link?.trim() || null;
  if (value !== null) {
    let ok = false;
    try { ok = ['http:', 'https:'].includes(new URL(value).protocol); } catch { ok = false; }
    if (!ok) throw badField('videoLink', { zh: '请填写以 https:// 开头的会议链接', en: 'Enter a link starting with https://' });
  }
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    requireManage(m);
    await tx.updateTable('meetings').set({ video_link: value, updated_at: new Date() }).where('id', '=', meetingId).execute();
    await auditAs(tx, ctx, { action: 'meeting.video_link', objectType: 'meeting', objectId: meetingId, detail: { videoLink: value } });
    await emit(channelOf(meetingId), 'video', { videoLink: value });
  });
}

/** Raise or lower one's own hand. */
export async function raiseHand(hub: RealtimeHub, actor: Actor, meetingId: string, raise: boolean): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    requireInProgress(m);
    const me = m.viewer.attendee;
    if (!me) throw forbidden({ zh: '您不在本次会议的参会名单中', en: 'You are not on the attendee list' });
    await roomRow(tx, actor.tenantId, meetingId, true);
    const open = await tx.selectFrom('meeting_speakers').select(['id', 'state']).where('meeting_id', '=', meetingId).where('person_id', '=', me.personId).where('state', 'in', ['waiting', 'speaking']).executeTakeFirst();
    if (raise) {
      if (open) throw conflict('raise', { zh: '您已经举手了', en: 'Your hand is already up' });
      await tx.insertInto('meeting_speakers').values({ id: randomUUID(), tenant_id: actor.tenantId, meeting_id: meetingId, person_id: me.personId, person_name: me.name, floor_at: null, done_at: null }).execute();
    } else {
      if (!open) throw conflict('raise', { zh: '您没有举手', en: 'Your hand is not up' });
      await tx.updateTable('meeting_speakers').set({ state: open.state === 'speaking' ? 'done' : 'withdrawn', done_at: new Date() }).where('id', '=', open.id).execute();
    }
    await auditAs(tx, ctx, { action: raise ? 'meeting.hand_raise' : 'meeting.hand_lower', objectType: 'meeting', objectId: meetingId });
    await emit(channelOf(meetingId), 'speakers', { speakers: await speakersOf(tx, meetingId) });
  });
}

/** The host gives the floor to a raised hand (the current speaker, if any, is done), or ends a turn. */
export async function floor(hub: RealtimeHub, actor: Actor, meetingId: string, speakerId: string, action: 'give' | 'done'): Promise<void> {
  const ctx = txContext(actor);
  await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    requireManage(m);
    requireInProgress(m);
    await roomRow(tx, actor.tenantId, meetingId, true);
    const s = await tx.selectFrom('meeting_speakers').select(['id', 'state', 'person_id']).where('id', '=', speakerId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!s || (s.state !== 'waiting' && s.state !== 'speaking')) throw badField('speakerId', { zh: '发言队列中没有这一项', en: 'Not in the speaking queue' });
    const now = new Date();
    if (action === 'give') {
      await tx.updateTable('meeting_speakers').set({ state: 'done', done_at: now }).where('meeting_id', '=', meetingId).where('state', '=', 'speaking').where('id', '!=', s.id).execute();
      await tx.updateTable('meeting_speakers').set({ state: 'speaking', floor_at: now }).where('id', '=', s.id).execute();
    } else {
      await tx.updateTable('meeting_speakers').set({ state: 'done', done_at: now }).where('id', '=', s.id).execute();
    }
    await auditAs(tx, ctx, { action: action === 'give' ? 'meeting.floor_give' : 'meeting.floor_end', objectType: 'meeting', objectId: meetingId, detail: { personId: s.person_id } });
    await emit(channelOf(meetingId), 'speakers', { speakers: await speakersOf(tx, meetingId) });
  });
}

export async function postMessage(hub: RealtimeHub, actor: Actor, meetingId: string, text: string): Promise<MessageView> {
  const ctx = txContext(actor);
  const body = text.trim();
  if (!body) throw badField('text', { zh: '请输入发言内容', en: 'Write something first' });
  return hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    if (!abilitiesOf(m).speak) {
      if (m.meeting.status !== 'in_progress') throw conflict('status', { zh: '会议尚未开始或已经结束', en: 'The meeting is not in progress' });
      throw forbidden({ zh: '您不在本次会议的参会名单中', en: 'You are not on the attendee list' });
    }
    const id = randomUUID();
    const at = new Date();
    const author = m.viewer.attendee?.name ?? actor.displayName;
    await tx.insertInto('meeting_messages').values({ id, tenant_id: actor.tenantId, meeting_id: meetingId, user_id: actor.userId, person_id: m.viewer.personId, author_name: author, text: body, at }).execute();
    await auditAs(tx, ctx, { action: 'meeting.message', objectType: 'meeting', objectId: meetingId, detail: { messageId: id } });
    const view: MessageView = { id, authorName: author, personId: m.viewer.personId, text: body, at: at.toISOString() };
    await emit(channelOf(meetingId), 'message', view);
    return view;
  });
}

/** For the WebSocket route: the channel of a meeting the actor may see (404 otherwise). */
export async function roomChannel(db: Kysely<DB>, actor: Actor, meetingId: string): Promise<{ tenantId: string; channel: string }> {
  // The scope check only: the handshake of each of a large room's sockets does not read the whole roster.
  await withTenant(db, txContext(actor), (tx) => loadViewerInScope(tx, actor, meetingId));
  return { tenantId: actor.tenantId, channel: channelOf(meetingId) };
}

