/** Kysely types of the online-payment tables (listed in platform/db/schema.ts `DB`); migrations 0026 and 0027. */
import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../../platform/db/schema.js';
import type { PayAction, PayChannel, ProviderKind } from '../../platform/payments/provider.js';

type Money = ColumnType<number, number, number>;
type Stamp = ColumnType<Date, Date | string, Date | string>;
type MaybeStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type OrderState = 'created' | 'paid' | 'closed' | 'expired';
export type CloseReason = 'cancelled' | 'expired' | 'provider_closed' | 'provider_error';

export interface DuesPayProvidersTable {
  tenant_id: string;
  provider: ProviderKind;
  enabled: Generated<boolean>;
  config: ColumnType<Record<string, string>, string | undefined, string>;
  secrets_enc: string | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface DuesPayOrdersTable {
  id: string;
  tenant_id: string;
  order_no: string;
  person_id: string;
  user_id: string | null;
  provider: ProviderKind;
  channel: PayChannel;
  purpose: 'months' | 'voluntary';
  months: Json<string[]>;
  amount_fen: Money;
  state: Generated<OrderState>;
  pay_action: ColumnType<PayAction | null, string | null, string | null>;
  expires_at: Stamp;
  provider_txn_id: string | null;
  paid_at: MaybeStamp;
  payment_id: string | null;
  settled_by: 'notify' | 'query' | null;
  close_reason: CloseReason | null;
  attention: 'months_already_paid' | null;
  last_checked_at: MaybeStamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PaymentSandboxTradesTable {
  tenant_id: string;
  order_no: string;
  amount_fen: Money;
  status: Generated<'pending' | 'paid' | 'closed'>;
  txn_id: string | null;
  paid_at: MaybeStamp;
  notify_url: string;
  expires_at: Stamp;
  created_at: Generated<Date>;
}

export type StatementItemKind = 'matched' | 'missing_in_ledger' | 'missing_in_statement' | 'amount_mismatch' | 'paid_twice' | 'refund' | 'row_error';
export type DecisionKind = 'refunded' | 'kept_as_voluntary' | 'recorded_after_query' | 'provider_error' | 'timing' | 'other';

export interface DuesStatementsTable {
  id: string;
  tenant_id: string;
  provider: ProviderKind;
  source: 'download' | 'upload';
  from_date: ColumnType<string, string, string>;
  to_date: ColumnType<string, string, string>;
  file_name: Generated<string>;
  file_sha256: string;
  lines: number;
  matched: number;
  missing_in_ledger: number;
  missing_in_statement: number;
  amount_mismatch: number;
  other: number;
  row_errors: number;
  statement_fen: Money;
  ledger_fen: Money;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DuesStatementItemsTable {
  id: string;
  tenant_id: string;
  statement_id: string;
  kind: StatementItemKind;
  line_no: number | null;
  order_no: string;
  provider_txn_id: string;
  statement_fen: Money | null;
  ledger_fen: Money | null;
  at: MaybeStamp;
  order_id: string | null;
  payment_id: string | null;
  person_id: string | null;
  message_zh: string;
  message_en: string;
}

export interface DuesReconciliationDecisionsTable {
  id: string;
  tenant_id: string;
  item_id: string;
  decision: DecisionKind;
  note: string;
  decided_by: string | null;
  decided_at: Generated<Date>;
}

export interface DuesPaymentTables {
  dues_pay_providers: DuesPayProvidersTable;
  dues_pay_orders: DuesPayOrdersTable;
  payment_sandbox_trades: PaymentSandboxTradesTable;
  dues_statements: DuesStatementsTable;
  dues_statement_items: DuesStatementItemsTable;
  dues_reconciliation_decisions: DuesReconciliationDecisionsTable;
}
