/** Kysely types of this module's tables (listed in platform/db/schema.ts `DB`); migration 0005. */
import type { ColumnType, Generated } from 'kysely';

type DateString = ColumnType<string, string, string>;

export type OrgUnitEventKind =
  | 'created' | 'renamed' | 'moved' | 'child_moved_in' | 'child_moved_out' | 'merged_into' | 'absorbed' | 'dissolved'
  | 'term_elected' | 'term_changed' | 'position_added' | 'position_ended' | 'rule_exception';

export interface OrgUnitEventsTable {
  id: string;
  tenant_id: string;
  unit_id: string;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_name: Generated<string>;
  kind: OrgUnitEventKind;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

export interface OrgTermsTable {
  id: string;
  tenant_id: string;
  unit_id: string;
  /** Election date. */
  started_on: DateString;
  /** started_on + the tenant's term length for the kind. */
  regular_ends_on: DateString;
  /** regular_ends_on unless an extension or early election was approved. */
  ends_on: DateString;
  change_reason: string | null;
  /** Set when the next election, a merge or a dissolution closes the term. */
  ended_on: DateString | null;
  note: Generated<string>;
  created_at: Generated<Date>;
}

export type PositionRole = 'secretary' | 'deputy_secretary' | 'member';
export type PositionDuty = 'organization' | 'publicity' | 'discipline';

export interface OrgPositionsTable {
  id: string;
  tenant_id: string;
  unit_id: string;
  term_id: string | null;
  person_id: string;
  role: PositionRole;
  duty: PositionDuty | null;
  from_on: DateString;
  to_on: DateString | null;
  exception_reason: string | null;
  created_at: Generated<Date>;
}

export interface OrgTables {
  org_unit_events: OrgUnitEventsTable;
  org_terms: OrgTermsTable;
  org_positions: OrgPositionsTable;
}
