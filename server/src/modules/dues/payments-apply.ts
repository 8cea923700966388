/**
 * Applies a provider's word about an order — from a notification or from a query — in one transaction: the order row
 * locked, the rule (payments-rules.ts) decides, a payment goes to the ledger through dues-core's recordPayment
 * (idempotent on method and provider transaction id) in the same transaction as the order's change. Concurrent
 * notices for one order wait on the row lock; the second finds it paid and changes nothing.
 */
import crypto from 'node:crypto';
import { withTenant, PLATFORM_TENANT_ID, type TxContext } from '../../platform/db/tenancy.js';
import { appendAudit, auditAs } from '../../platform/audit/chain.js';
import type { ProviderKind, TradeState } from '../../platform/payments/provider.js';
import { recordPayment } from './ledger.js';
import { decide } from './payments-rules.js';
import type { PaymentDeps } from './payments-providers.js';

export type ApplyOutcome =
  | { outcome: 'paid'; orderId: string; paymentId: string }
  | { outcome: 'closed'; orderId: string }
  | { outcome: 'unchanged'; orderId: string; why: string }
  | { outcome: 'refused'; orderId: string | null; why: string };

/** The audit action of a refused notice or answer: a security event (RULES.md §7), with what was wrong. */
export const REFUSED_ACTION = 'dues.pay_notify_refused';

export async function applyWord(deps: Pick<PaymentDeps, 'db'>, ctx: TxContext, provider: ProviderKind, orderNo: string, word: TradeState, source: 'notify' | 'query', notificationId?: string): Promise<ApplyOutcome> {
  return withTenant(deps.db, ctx, async (tx) => {
    const order = await tx.selectFrom('dues_pay_orders').selectAll().where('order_no', '=', orderNo).where('provider', '=', provider).forUpdate().executeTakeFirst();
    const refuse = async (orderId: string | null, why: string): Promise<ApplyOutcome> => {
      await auditAs(tx, ctx, {
        action: REFUSED_ACTION, objectType: 'dues_pay_order', objectId: orderId ?? '', result: 'failure',
        detail: { provider, source, reason: why, orderNo: orderNo.slice(0, 64), providerTxnId: word.providerTxnId, amountFen: word.amountFen, status: word.status, ...(notificationId ? { notificationId } : {}) },
      });
      return { outcome: 'refused', orderId, why };
    };
    if (!order) return refuse(null, 'unknown_order');
    const d = decide({ state: order.state, amountFen: Number(order.amount_fen), providerTxnId: order.provider_txn_id }, word);
    switch (d.kind) {
      case 'refuse':
        return refuse(order.id, d.why);
      case 'none':
        return { outcome: 'unchanged', orderId: order.id, why: d.why };
      case 'close': {
        await tx.updateTable('dues_pay_orders').set({ state: 'closed', close_reason: d.reason, updated_at: new Date() }).where('id', '=', order.id).execute();
        await auditAs(tx, ctx, { action: 'dues.pay_order_close', objectType: 'dues_pay_order', objectId: order.id, detail: { orderNo, reason: d.reason, source } });
        return { outcome: 'closed', orderId: order.id };
      }
      case 'pay': {
        const txnId = word.providerTxnId!;
        // The same provider transaction on another of our orders would be one payment counted twice.
        const other = await tx.selectFrom('dues_pay_orders').select('id').where('provider', '=', provider).where('provider_txn_id', '=', txnId).where('id', '<>', order.id).executeTakeFirst();
        if (other) return refuse(order.id, 'transaction_of_another_order');
        const paidAt = word.paidAt ?? new Date();
        const rec = await recordPayment(tx, ctx, {
          personId: order.person_id,
          ...(order.purpose === 'months' ? { months: order.months } : { voluntary: true }),
          amountFen: Number(order.amount_fen), method: provider, providerRef: txnId, paidAt, orderId: order.id,
          note: `在线支付 ${orderNo}`,
        });
        await tx.updateTable('dues_pay_orders').set({
          state: 'paid', provider_txn_id: txnId, paid_at: paidAt, payment_id: rec.paymentId, settled_by: source, close_reason: null,
          // Money for months meanwhile paid otherwise stays in the ledger (as voluntary extra) and waits for a decision.
          attention: order.purpose === 'months' && rec.voluntaryFen > 0 ? 'months_already_paid' : null,
          updated_at: new Date(),
        }).where('id', '=', order.id).execute();
        return { outcome: 'paid', orderId: order.id, paymentId: rec.paymentId };
      }
    }
  });
}

/**
 * A notice refused before any order was looked at (bad signature, unknown tenant, provider not set up): audited as a
 * security event in the tenant it claims (or the platform's chain when the tenant does not exist), nothing else.
 */
export async function auditRefusedNotice(deps: Pick<PaymentDeps, 'db'>, ctx: TxContext, tenantKnown: boolean, detail: { provider: string; reason: string; detail: string; rawBody: Buffer }): Promise<void> {
  const tenantId = tenantKnown ? ctx.tenantId : PLATFORM_TENANT_ID;
  await withTenant(deps.db, { ...ctx, tenantId }, (tx) => appendAudit(tx, tenantId, {
    actorId: null, actorName: ctx.actorName, action: REFUSED_ACTION, objectType: 'dues_pay_order', objectId: '', result: 'failure', sourceIp: ctx.sourceIp,
    detail: {
      provider: detail.provider, source: 'notify', reason: detail.reason, detail: detail.detail.slice(0, 200),
      bodySha256: crypto.createHash('sha256').update(detail.rawBody).digest('hex'), bodyBytes: detail.rawBody.length,
      ...(tenantKnown ? {} : { claimedTenant: ctx.tenantId.slice(0, 64) }),
    },
  }));
}
