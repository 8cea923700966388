/** Kysely types of this module's tables (listed in platform/db/schema.ts `DB`); migration 0033_evaluation.sql. */
import type { Generated } from 'kysely';
import type { Grade } from './rules.js';

export type RoundStatus = 'open' | 'review' | 'closed';

export interface EvaluationRoundsTable {
  id: string;
  tenant_id: string;
  org_unit_id: string;
  year: number;
  title: string;
  status: Generated<RoundStatus>;
  meeting_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  rating_closed_at: Date | null;
  closed_at: Date | null;
}

export interface EvaluationParticipantsTable {
  tenant_id: string;
  round_id: string;
  person_id: string;
  person_name: string;
  self_assessment: Generated<string>;
  self_submitted_at: Date | null;
  committee_opinion: Generated<string>;
  final_grade: Grade | null;
  decided_at: Date | null;
}

/** Peer-rating counters: no rater, no time (anonymous by construction). */
export interface EvaluationTalliesTable {
  tenant_id: string;
  round_id: string;
  subject_person_id: string;
  grade: Grade;
  votes: number;
}

/** Who has rated (one sheet each): no time, no link to the counters. */
export interface EvaluationRatersTable {
  tenant_id: string;
  round_id: string;
  rater_person_id: string;
}

export interface EvaluationTables {
  evaluation_rounds: EvaluationRoundsTable;
  evaluation_participants: EvaluationParticipantsTable;
  evaluation_tallies: EvaluationTalliesTable;
  evaluation_raters: EvaluationRatersTable;
}
