/**
 * What the room shows, as sent in the snapshot (GET …/room) and in room events. Events carry only what every
 * participant may see (no "my ballot"); the snapshot adds the viewer's own part.
 */
import type { Tx } from '../../../platform/db/tenancy.js';
import type { AttendeeRecord } from '../api.js';
import { moreThanHalf, type Choice, type Tally } from '../votes-rules.js';
import type { MeetingVotesTable, SpeakerState } from './tables.js';
import type { Selectable } from 'kysely';

export interface AttendeeView {
  personId: string; name: string; role: string; voting: boolean; attendance: string;
  signedInAt: string | null; signInChannel: string | null; leave: boolean;
}

export const attendeeView = (a: AttendeeRecord): AttendeeView => ({
  personId: a.personId, name: a.name, role: a.role, voting: a.voting, attendance: a.attendance,
  signedInAt: a.signedInAt ? new Date(a.signedInAt).toISOString() : null, signInChannel: a.signInChannel, leave: a.leaveState === 'approved',
});

export interface SpeakerView { id: string; personId: string; name: string; state: SpeakerState; raisedAt: string }

export async function speakersOf(tx: Tx, meetingId: string): Promise<SpeakerView[]> {
  const rows = await tx.selectFrom('meeting_speakers').selectAll().where('meeting_id', '=', meetingId).where('state', 'in', ['waiting', 'speaking'])
    .orderBy('raised_at').orderBy('id').execute();
  // The one who has the floor first, then the queue in order of hands raised.
  rows.sort((a, b) => (a.state === 'speaking' ? 0 : 1) - (b.state === 'speaking' ? 0 : 1));
  return rows.map((r) => ({ id: r.id, personId: r.person_id, name: r.person_name, state: r.state, raisedAt: new Date(r.raised_at).toISOString() }));
}

export interface MessageView { id: string; authorName: string; personId: string | null; text: string; at: string }

export async function messagesOf(tx: Tx, meetingId: string, limit = 200): Promise<MessageView[]> {
  const rows = await tx.selectFrom('meeting_messages').select(['id', 'author_name', 'person_id', 'text', 'at']).where('meeting_id', '=', meetingId)
    .orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.reverse().map((r) => ({ id: r.id, authorName: r.author_name, personId: r.person_id, text: r.text, at: new Date(r.at).toISOString() }));
}

/** A vote as everyone sees it. No count of choices until it is closed; for an open ballot (举手) the names then. */
export interface VoteView {
  id: string;
  title: string;
  ballot: 'open' | 'secret';
  body: 'assembly' | 'committee';
  agendaItemId: string | null;
  state: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  /** Ballots cast so far (turnout; never which way). */
  cast: number;
  tally: Tally | null;
  /** Open ballot, closed: who chose what (a show of hands is public). Never for a secret ballot. */
  openChoices: { name: string; choice: Choice }[] | null;
}

export interface MyBallot { voteId: string; cast: boolean; choice: Choice | null }

export async function voteView(tx: Tx, v: Selectable<MeetingVotesTable>): Promise<VoteView> {
  const cast = Number((await tx.selectFrom('meeting_vote_voters').select((eb) => eb.fn.countAll<number>().as('n')).where('vote_id', '=', v.id).executeTakeFirstOrThrow()).n);
  const closed = v.state === 'closed';
  let openChoices: VoteView['openChoices'] = null;
  if (closed && v.ballot === 'open') {
    const rows = await tx.selectFrom('meeting_vote_voters as v').innerJoin('meeting_attendees as a', (j) => j.onRef('a.person_id', '=', 'v.person_id').on('a.meeting_id', '=', v.meeting_id))
      .select(['a.person_name', 'v.choice']).where('v.vote_id', '=', v.id).orderBy('a.person_name').execute();
    openChoices = rows.map((r) => ({ name: r.person_name, choice: r.choice as Choice }));
  }
  return {
    id: v.id, title: v.title, ballot: v.ballot, body: v.body, agendaItemId: v.agenda_item_id, state: v.state,
    openedAt: new Date(v.opened_at).toISOString(), closedAt: v.closed_at ? new Date(v.closed_at).toISOString() : null, cast,
    tally: closed ? {
      yes: v.yes ?? 0, no: v.no ?? 0, abstain: v.abstain ?? 0, cast: (v.yes ?? 0) + (v.no ?? 0) + (v.abstain ?? 0),
      shouldAttend: v.should_attend ?? 0, present: v.present ?? 0, quorumMet: v.quorum_met ?? false,
      needed: moreThanHalf(v.should_attend ?? 0), passed: v.passed ?? false,
    } : null,
    openChoices,
  };
}

export async function votesOf(tx: Tx, meetingId: string): Promise<VoteView[]> {
  const rows = await tx.selectFrom('meeting_votes').selectAll().where('meeting_id', '=', meetingId).orderBy('opened_at').orderBy('id').execute();
  const out: VoteView[] = [];
  for (const r of rows) out.push(await voteView(tx, r));
  return out;
}

/** The viewer's own ballots: whether cast, and the choice only for an open ballot (a secret one is not kept with them). */
export async function myBallots(tx: Tx, meetingId: string, personId: string | null): Promise<MyBallot[]> {
  if (!personId) return [];
  const rows = await tx.selectFrom('meeting_vote_voters as v').innerJoin('meeting_votes as m', 'm.id', 'v.vote_id')
    .select(['v.vote_id', 'v.choice']).where('m.meeting_id', '=', meetingId).where('v.person_id', '=', personId).execute();
  return rows.map((r) => ({ voteId: r.vote_id, cast: true, choice: r.choice }));
}
