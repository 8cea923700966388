/**
 * What a provider's word does to one of our payment orders: the whole state machine, pure (no I/O, no clock), so the
 * callback route, the query fallback and the expiry sweep apply one rule. Members must be able to trust every 分
 * (issue 4): a payment is recorded once however often or late it is announced; money the provider took is never
 * dropped because our order had expired or closed meanwhile; nothing turns a paid order back.
 */
import type { TradeStatus } from '../../platform/payments/provider.js';
import type { CloseReason, OrderState } from './payments-tables.js';

export interface OrderFacts {
  state: OrderState;
  amountFen: number;
  providerTxnId: string | null;
}

export interface ProviderWord {
  status: TradeStatus;
  providerTxnId: string | null;
  amountFen: number | null;
}

export type Decision =
  /** Record the payment in the ledger and mark the order paid (also from closed or expired: the money arrived). */
  | { kind: 'pay' }
  /** The provider closed an unpaid order. */
  | { kind: 'close'; reason: CloseReason }
  /** Nothing changes; the provider's word is acknowledged. */
  | { kind: 'none'; why: 'duplicate' | 'paid_before' | 'closed_before' | 'pending' | 'refund' }
  /** The word contradicts the order: nothing changes, and it is a security event. */
  | { kind: 'refuse'; why: 'amount_mismatch' | 'second_transaction' | 'no_transaction' };

export function decide(order: OrderFacts, word: ProviderWord): Decision {
  switch (word.status) {
    case 'paid':
      if (word.amountFen !== order.amountFen) return { kind: 'refuse', why: 'amount_mismatch' };
      if (!word.providerTxnId) return { kind: 'refuse', why: 'no_transaction' };
      if (order.state === 'paid') {
        // The same payment announced again (a retry, a query after the notice): already recorded.
        return word.providerTxnId === order.providerTxnId ? { kind: 'none', why: 'duplicate' } : { kind: 'refuse', why: 'second_transaction' };
      }
      return { kind: 'pay' };
    case 'closed':
      // A 'closed' arriving after 'paid' is out of order: the payment stands.
      if (order.state === 'paid') return { kind: 'none', why: 'paid_before' };
      if (order.state === 'created') return { kind: 'close', reason: 'provider_closed' };
      return { kind: 'none', why: 'closed_before' };
    case 'refunded':
      // Refunds are made in the provider's merchant platform; reconciliation lists them against the ledger.
      return { kind: 'none', why: 'refund' };
    case 'pending':
    case 'not_found':
      return { kind: 'none', why: 'pending' };
  }
}

/** An unpaid order past its expiry time is closed at the provider and marked expired. */
export function isExpired(order: { state: OrderState; expiresAt: Date }, now: Date): boolean {
  return order.state === 'created' && order.expiresAt.getTime() <= now.getTime();
}

/** How long a member has to pay an order, and after how long without a notice the sweep asks the provider. */
export const ORDER_LIFETIME_MINUTES = 30;
export const QUERY_AFTER_SECONDS = 120;

/**
 * Our order number: 'DF', the Beijing date and time to the second, 8 random characters — 24 characters of
 * [0-9A-Z], within both providers' out_trade_no rules and sortable by time.
 */
export function orderNumber(now: Date, random: string): string {
  const b = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  return `DF${b.slice(0, 10).replace(/-/g, '')}${b.slice(11, 19).replace(/:/g, '')}${random.toUpperCase().replace(/[^0-9A-Z]/g, '').padEnd(8, '0').slice(0, 8)}`;
}

/** The description the payer sees at the provider: 党费 and the months (2026年1月–3月), or 自愿多交党费. */
export function orderDescription(purpose: 'months' | 'voluntary', months: readonly string[]): string {
  if (purpose === 'voluntary' || months.length === 0) return '自愿多交党费';
  const label = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
  const sorted = [...months].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (first === last) return `党费 ${label(first)}`;
  return first.slice(0, 4) === last.slice(0, 4) ? `党费 ${label(first)}–${Number(last.slice(5, 7))}月（${sorted.length}个月）` : `党费 ${label(first)}–${label(last)}（${sorted.length}个月）`;
}
