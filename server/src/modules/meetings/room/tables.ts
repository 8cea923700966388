/** Kysely types of the live room's tables (listed in platform/db/schema.ts `DB`); migration 0037_meeting_room.sql. */
import type { Generated } from 'kysely';
import type { BallotKind, Choice, VoteBody } from '../votes-rules.js';

export interface MeetingRoomsTable {
  meeting_id: string;
  tenant_id: string;
  qr_key: string;
  current_agenda_item_id: string | null;
  shown_material_id: string | null;
  minutes_lock_user_id: string | null;
  minutes_lock_name: string | null;
  minutes_lock_until: Date | null;
  updated_at: Generated<Date>;
}

export type SpeakerState = 'waiting' | 'speaking' | 'done' | 'withdrawn';

export interface MeetingSpeakersTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  person_id: string;
  person_name: string;
  state: Generated<SpeakerState>;
  raised_at: Generated<Date>;
  floor_at: Date | null;
  done_at: Date | null;
}

export interface MeetingMessagesTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  user_id: string;
  person_id: string | null;
  author_name: string;
  text: string;
  at: Generated<Date>;
}

export interface MeetingVotesTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  title: string;
  ballot: BallotKind;
  body: VoteBody;
  agenda_item_id: string | null;
  state: Generated<'open' | 'closed'>;
  opened_at: Generated<Date>;
  opened_by: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  should_attend: number | null;
  present: number | null;
  yes: number | null;
  no: number | null;
  abstain: number | null;
  quorum_met: boolean | null;
  passed: boolean | null;
}

export interface MeetingVoteVotersTable {
  tenant_id: string;
  vote_id: string;
  person_id: string;
  secret: boolean;
  choice: Choice | null;
}

export interface MeetingVoteBallotsTable {
  id: string;
  tenant_id: string;
  vote_id: string;
  choice: Choice;
}

export interface RoomTables {
  meeting_rooms: MeetingRoomsTable;
  meeting_speakers: MeetingSpeakersTable;
  meeting_messages: MeetingMessagesTable;
  meeting_votes: MeetingVotesTable;
  meeting_vote_voters: MeetingVoteVotersTable;
  meeting_vote_ballots: MeetingVoteBallotsTable;
}
