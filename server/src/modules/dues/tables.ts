/** Kysely types of this module's tables (listed in platform/db/schema.ts `DB`); migration 0020_dues.sql. */
import type { ColumnType, Generated } from 'kysely';
import type { AlertKind, DuesCategory, RequestKind, RequestState } from './rules.js';

type Money = ColumnType<number, number, number>;
type MaybeDate = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type PaymentMethod = 'cash' | 'sandbox' | 'wechatpay' | 'alipay';
export type EntryKind = 'due' | 'payment' | 'waiver' | 'voluntary';

export interface DuesBasesTable {
  id: string;
  tenant_id: string;
  person_id: string;
  from_month: string;
  category: DuesCategory;
  base_fen: Money | null;
  note: Generated<string>;
  source: Generated<'manual' | 'import' | 'demo'>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DuesPaymentsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  method: PaymentMethod;
  provider_ref: string;
  amount_fen: Money;
  paid_at: ColumnType<Date, Date | string, never>;
  order_id: string | null;
  note: Generated<string>;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface DuesEntriesTable {
  id: string;
  tenant_id: string;
  person_id: string;
  kind: EntryKind;
  month: string | null;
  amount_fen: Money;
  corrects_id: string | null;
  payment_id: string | null;
  request_id: string | null;
  run_id: string | null;
  category: DuesCategory | null;
  base_fen: Money | null;
  rate_bp: number | null;
  central: Generated<boolean>;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DuesRequestsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  kind: RequestKind;
  state: Generated<RequestState>;
  from_month: string;
  to_month: string;
  monthly_fen: Money | null;
  reason: string;
  applied_by: string | null;
  reviewed_by: string | null;
  reviewed_at: MaybeDate;
  review_note: string | null;
  decided_by: string | null;
  decided_at: MaybeDate;
  decision_note: string | null;
  created_at: Generated<Date>;
}

export interface DuesRunsTable {
  id: string;
  tenant_id: string;
  month: string;
  trigger: 'schedule' | 'manual';
  scope_path: Generated<string>;
  created: Generated<number>;
  adjusted: Generated<number>;
  waived: Generated<number>;
  missing_base: Generated<number>;
  alerts: Generated<number>;
  started_at: Generated<Date>;
  finished_at: MaybeDate;
  run_by: string | null;
}

export interface DuesAlertsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  kind: AlertKind;
  since_month: string;
  unpaid_months: number;
  state: Generated<'open' | 'closed'>;
  notes: Generated<string>;
  outcome: string | null;
  handled_by: string | null;
  handled_at: MaybeDate;
  created_at: Generated<Date>;
}

export interface DuesTables {
  dues_bases: DuesBasesTable;
  dues_payments: DuesPaymentsTable;
  dues_entries: DuesEntriesTable;
  dues_requests: DuesRequestsTable;
  dues_runs: DuesRunsTable;
  dues_alerts: DuesAlertsTable;
}
