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

export interface DuesPaymentTables {
  dues_pay_providers: DuesPayProvidersTable;
  dues_pay_orders: DuesPayOrdersTable;
  payment_sandbox_trades: PaymentSandboxTradesTable;
}
