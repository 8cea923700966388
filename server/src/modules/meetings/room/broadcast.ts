/**
 * What the live room hears when a meeting changes outside it (the meetings routes: the plan edited, materials added or
 * removed, the list changed, leave decided, signed in on the meeting page, started, ended, cancelled). Each emitter
 * reads the state as the transaction now sees it and sets one piece of the room's state (events set state; applying
 * one twice changes nothing), in the transaction of the change, so the event commits with it. A sign-in sets one line
 * of the list ('attendee'); changes of the list as a whole send it whole ('attendees').
 */
import type { Tx } from '../../../platform/db/tenancy.js';
import type { Emit } from '../../../platform/realtime/hub.js';
import { lockChannel } from '../../../platform/realtime/events.js';
import { agendaOf, attendeesOf, meetingRecord, voterGroups, type AttendeeRecord, type MeetingRecord } from '../api.js';
import { countVoters, quorum, voteBodyOf } from '../votes-rules.js';
import { channelOf } from './access.js';
import { attendeeView } from './present.js';
import { materialsOf } from '../present.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export type RoomPart = 'details' | 'attendees' | 'status';

/** Emits the given parts of meeting `meetingId`'s room state to its channel. */
export async function broadcastMeeting(tx: Tx, emit: Emit, meetingId: string, parts: readonly RoomPart[]): Promise<void> {
  const m = await meetingRecord(tx, meetingId);
  if (!m) return;
  const channel = channelOf(meetingId);
  if (parts.includes('status')) {
    await emit(channel, 'status', { status: m.status, heldStartAt: iso(m.heldStartAt), heldEndAt: iso(m.heldEndAt) });
  }
  if (parts.includes('details')) {
    const agenda = await agendaOf(tx, meetingId);
    const materials = await materialsOf(tx, meetingId);
    // The step or material the room shows may be gone (agenda rewritten, material removed): the room then shows none.
    const room = await tx.selectFrom('meeting_rooms').select(['current_agenda_item_id', 'shown_material_id']).where('meeting_id', '=', meetingId).executeTakeFirst();
    const current = room?.current_agenda_item_id && agenda.some((a) => a.id === room.current_agenda_item_id) ? room.current_agenda_item_id : null;
    const shown = room?.shown_material_id && materials.some((x) => x.id === room.shown_material_id) ? room.shown_material_id : null;
    if (room && (current !== room.current_agenda_item_id || shown !== room.shown_material_id)) {
      await tx.updateTable('meeting_rooms').set({ current_agenda_item_id: current, shown_material_id: shown, updated_at: new Date() }).where('meeting_id', '=', meetingId).execute();
    }
    await emit(channel, 'details', {
      meeting: {
        title: m.title, place: m.place, online: m.online, videoLink: m.videoLink, plannedStartAt: iso(m.plannedStartAt), plannedEndAt: iso(m.plannedEndAt),
        hostName: m.hostName, recorderName: m.recorderName,
      },
      agenda, materials, currentAgendaItemId: current, shownMaterialId: shown,
    });
  }
  if (parts.includes('attendees')) {
    const attendees = await attendeesOf(tx, meetingId);
    const body = voteBodyOf(m.kind);
    await emit(channel, 'attendees', {
      attendees: attendees.map(attendeeView),
      quorum: body ? quorum(countVoters(body, attendees.map((a) => ({ role: a.role, voting: a.voting, present: a.attendance === 'present' })))) : null,
    });
  }
}

/**
 * One attendee's line changed (signed in): the room gets that line and the quorum it makes ('attendee'), not the
 * whole list — in a room of 1,000 a sign-in burst would otherwise write and send 1,000 lists of 1,000.
 */
export async function broadcastAttendee(tx: Tx, emit: Emit, tenantId: string, meeting: Pick<MeetingRecord, 'id' | 'kind'>, a: AttendeeRecord): Promise<void> {
  const body = voteBodyOf(meeting.kind);
  const channel = channelOf(meeting.id);
  // Counted under the channel's lock: two sign-ins at once each see the other's (the later event has the full count).
  await lockChannel(tx, tenantId, channel);
  await emit(channel, 'attendee', {
    attendee: attendeeView(a),
    quorum: body ? quorum(countVoters(body, await voterGroups(tx, meeting.id))) : null,
  });
}
