/** Kysely types of this module's tables (listed in platform/db/schema.ts `DB`); migration 0007_transfers.sql. */
import type { ColumnType, Generated } from 'kysely';
import type { DateString, Json } from '../../platform/db/schema.js';
import type { TransferScope, TransferState } from './rules.js';

/** The sending tenant's row: the 存根 of the letter, kept (never deleted). */
export interface TransfersTable {
  id: string;
  tenant_id: string;
  letter_no: string | null;
  person_id: string;
  person_name: string;
  scope: TransferScope;
  state: Generated<TransferState>;
  from_unit_id: string;
  from_org_name: string;
  to_unit_id: string | null;
  to_tenant_id: string | null;
  to_tenant_name: string | null;
  to_org_name: string;
  reason: Generated<string>;
  validity_days: number;
  dues_paid_until: string | null;
  issued_on: DateString | null;
  expires_on: DateString | null;
  stub_retain_until: DateString | null;
  received_on: DateString | null;
  received_org_name: string | null;
  receipt_note: string | null;
  returned_on: DateString | null;
  return_reason: string | null;
  expired_on: DateString | null;
  cancelled_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** What a receiving tenant learns about the person (no phone; the ID number travels encrypted). */
export interface PersonSnapshot {
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string | null;
  education: string | null;
  partyStatus: 'none' | 'applicant' | 'activist' | 'candidate' | 'probationary' | 'full';
  appliedOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  partyJoinedOn: string | null;
  fullOn: string | null;
}

/** The receiving tenant's row of a transfer between tenants (same id as the sender's row). */
export interface TransferInboxTable {
  id: string;
  tenant_id: string;
  from_tenant_id: string;
  from_tenant_name: string;
  from_org_name: string;
  letter_no: string;
  person_name: string;
  snapshot: Json<PersonSnapshot>;
  id_number_enc: string | null;
  id_number_hash: string | null;
  to_org_name: string;
  reason: Generated<string>;
  state: Generated<Exclude<TransferState, 'draft' | 'cancelled'>>;
  validity_days: number;
  dues_paid_until: string | null;
  issued_on: DateString;
  expires_on: DateString;
  received_on: DateString | null;
  received_unit_id: string | null;
  received_person_id: string | null;
  returned_on: DateString | null;
  return_reason: string | null;
  expired_on: DateString | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TransferTables {
  transfers: TransfersTable;
  transfer_inbox: TransferInboxTable;
}
