// The payment order state machine (issue 4: "the same notification delivered twice, or out of order, never pays twice";
// RULES.md §4: money in integer 分 — an amount that differs by one 分 is refused).
import { describe, expect, it } from 'vitest';
import { decide, isExpired, orderDescription, orderNumber, type OrderFacts } from './payments-rules.js';

const created: OrderFacts = { state: 'created', amountFen: 3650, providerTxnId: null };
const paid: OrderFacts = { state: 'paid', amountFen: 3650, providerTxnId: 'T1' };
const word = (status: 'paid' | 'closed' | 'pending' | 'refunded' | 'not_found', over: { amountFen?: number | null; providerTxnId?: string | null } = {}) =>
  ({ status, amountFen: 3650, providerTxnId: 'T1', ...over });

describe('what a provider’s word does to an order', () => {
  it('pays a created order once; the same payment again is a duplicate', () => {
    expect(decide(created, word('paid'))).toEqual({ kind: 'pay' });
    expect(decide(paid, word('paid'))).toEqual({ kind: 'none', why: 'duplicate' });
  });

  it('still pays an expired or closed order when the provider took the money (a late or out-of-order notice)', () => {
    expect(decide({ ...created, state: 'expired' }, word('paid'))).toEqual({ kind: 'pay' });
    expect(decide({ ...created, state: 'closed' }, word('paid'))).toEqual({ kind: 'pay' });
  });

  it('never lets a "closed" undo a payment, and closes only a created order', () => {
    expect(decide(paid, word('closed'))).toEqual({ kind: 'none', why: 'paid_before' });
    expect(decide(created, word('closed'))).toEqual({ kind: 'close', reason: 'provider_closed' });
    expect(decide({ ...created, state: 'expired' }, word('closed'))).toEqual({ kind: 'none', why: 'closed_before' });
  });

  it('refuses a payment of another amount (even one 分), without a transaction id, or a second transaction for a paid order', () => {
    expect(decide(created, word('paid', { amountFen: 3649 }))).toEqual({ kind: 'refuse', why: 'amount_mismatch' });
    expect(decide(created, word('paid', { amountFen: null }))).toEqual({ kind: 'refuse', why: 'amount_mismatch' });
    expect(decide(created, word('paid', { providerTxnId: null }))).toEqual({ kind: 'refuse', why: 'no_transaction' });
    expect(decide(paid, word('paid', { providerTxnId: 'T2' }))).toEqual({ kind: 'refuse', why: 'second_transaction' });
  });

  it('changes nothing for pending, unknown or refunded', () => {
    expect(decide(created, word('pending'))).toMatchObject({ kind: 'none', why: 'pending' });
    expect(decide(created, word('not_found'))).toMatchObject({ kind: 'none', why: 'pending' });
    expect(decide(paid, word('refunded'))).toMatchObject({ kind: 'none', why: 'refund' });
  });

  it('expires only created orders past their time', () => {
    const at = new Date('2026-01-01T00:30:00Z');
    expect(isExpired({ state: 'created', expiresAt: at }, at)).toBe(true);
    expect(isExpired({ state: 'created', expiresAt: at }, new Date(at.getTime() - 1))).toBe(false);
    expect(isExpired({ state: 'paid', expiresAt: at }, new Date(at.getTime() + 1))).toBe(false);
  });
});

describe('order numbers and descriptions', () => {
  it('numbers orders by Beijing time, 24 characters both providers accept', () => {
    const no = orderNumber(new Date('2026-01-31T16:05:09Z'), 'ab12cd34ef');
    expect(no).toBe('DF20260201000509AB12CD34');
    expect(no).toMatch(/^[0-9A-Za-z_-]{6,32}$/);
  });

  it('describes the months paid in plain Chinese', () => {
    expect(orderDescription('months', ['2026-01'])).toBe('党费 2026年1月');
    expect(orderDescription('months', ['2026-03', '2026-01', '2026-02'])).toBe('党费 2026年1月–3月（3个月）');
    expect(orderDescription('months', ['2025-12', '2026-01'])).toBe('党费 2025年12月–2026年1月（2个月）');
    expect(orderDescription('voluntary', [])).toBe('自愿多交党费');
  });
});
