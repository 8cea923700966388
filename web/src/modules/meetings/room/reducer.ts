/**
 * Applies the room's events to the snapshot. Every event sets a piece of state (the attendee list, the queue, a vote),
 * so applying one twice changes nothing — a snapshot read just after an event may already contain it.
 */
import type { Attendee, Message, MinutesView, PresentUser, Quorum, RoomSnapshot, ServerMessage, Speaker, VoteView } from './types';

export function applyEvent(s: RoomSnapshot, type: string, data: unknown): RoomSnapshot {
  switch (type) {
    case 'attendees': {
      const d = data as { attendees: RoomSnapshot['attendees']; quorum: Quorum | null };
      return { ...s, attendees: d.attendees, quorum: d.quorum };
    }
    case 'attendee': {
      // One line changed (a sign-in): replaced in place, so the list keeps its order.
      const d = data as { attendee: Attendee; quorum: Quorum | null };
      const i = s.attendees.findIndex((a) => a.personId === d.attendee.personId);
      const attendees = i < 0 ? [...s.attendees, d.attendee] : s.attendees.map((a, k) => (k === i ? d.attendee : a));
      return { ...s, attendees, quorum: d.quorum };
    }
    case 'status': {
      const d = data as { status: string; heldStartAt: string | null; heldEndAt: string | null };
      return { ...s, meeting: { ...s.meeting, ...d } };
    }
    case 'details': {
      // The meeting edited on its page (plan, agenda, materials); a step or material that is gone is no longer shown.
      const d = data as Pick<RoomSnapshot, 'agenda' | 'materials' | 'currentAgendaItemId' | 'shownMaterialId'> & { meeting: Partial<RoomSnapshot['meeting']> };
      return { ...s, meeting: { ...s.meeting, ...d.meeting }, agenda: d.agenda, materials: d.materials, currentAgendaItemId: d.currentAgendaItemId, shownMaterialId: d.shownMaterialId };
    }
    case 'agenda':
      return { ...s, currentAgendaItemId: (data as { currentAgendaItemId: string | null }).currentAgendaItemId };
    case 'material':
      return { ...s, shownMaterialId: (data as { shownMaterialId: string | null }).shownMaterialId };
    case 'video':
      return { ...s, meeting: { ...s.meeting, videoLink: (data as { videoLink: string | null }).videoLink } };
    case 'speakers':
      return { ...s, speakers: (data as { speakers: Speaker[] }).speakers };
    case 'message': {
      const m = data as Message;
      return s.messages.some((x) => x.id === m.id) ? s : { ...s, messages: [...s.messages, m].slice(-300) };
    }
    case 'minutes':
      return { ...s, minutes: data as MinutesView };
    case 'minutes_lock':
      return { ...s, minutes: { ...s.minutes, lock: (data as { lock: MinutesView['lock'] }).lock } };
    case 'vote': {
      const v = data as VoteView;
      const i = s.votes.findIndex((x) => x.id === v.id);
      if (i < 0) return { ...s, votes: [...s.votes, v] };
      const votes = s.votes.slice();
      // A closed vote stays closed; the turnout only grows.
      const old = votes[i]!;
      votes[i] = old.state === 'closed' && v.state === 'open' ? old
        : { ...v, cast: Math.max(v.cast, v.state === 'closed' ? v.cast : old.cast), openChoices: v.openChoices ?? old.openChoices };
      return { ...s, votes };
    }
    case 'vote_choices': {
      // An open ballot's names, sent after its closing tally.
      const d = data as { voteId: string; openChoices: VoteView['openChoices'] };
      return { ...s, votes: s.votes.map((v) => (v.id === d.voteId ? { ...v, openChoices: d.openChoices } : v)) };
    }
    case 'turnout': {
      const d = data as { voteId: string; cast: number };
      return { ...s, votes: s.votes.map((v) => (v.id === d.voteId && v.state === 'open' ? { ...v, cast: Math.max(v.cast, d.cast) } : v)) };
    }
    default:
      return s;
  }
}

/**
 * A snapshot brought up to date with the events applied since it was read: without this, a snapshot that was read
 * before an event but arrived after it would put back the state that event changed (the host's list missed a sign-in).
 */
export function catchUp(s: RoomSnapshot, applied: readonly { seq: number; type: string; data: unknown }[]): RoomSnapshot {
  return applied.filter((e) => e.seq > s.seq).reduce((r, e) => applyEvent(r, e.type, e.data), s);
}

export function applyPresence(s: RoomSnapshot, m: Extract<ServerMessage, { t: 'presence' }>): RoomSnapshot {
  let list: PresentUser[] = m.full ? m.full : s.presence;
  if (m.add?.length) list = [...list.filter((u) => !m.add!.some((a) => a.userId === u.userId)), ...m.add];
  if (m.remove?.length) list = list.filter((u) => !m.remove!.includes(u.userId));
  return { ...s, presence: list };
}

/** The delay before reconnect attempt n (0-based): 0.5 s doubling to 10 s, with jitter so a room does not reconnect in step. */
export function backoffMs(n: number, random: number = Math.random()): number {
  const base = Math.min(10_000, 500 * 2 ** n);
  return Math.round(base * (0.5 + random / 2));
}
