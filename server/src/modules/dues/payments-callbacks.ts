/**
 * A provider's notification, end to end: the tenant named in the URL, the tenant's provider client, the signature
 * (and for WeChat Pay the decryption), the order and the amount — then the word is applied (payments-apply.ts). Any
 * refusal changes nothing and is audited as a security event; the provider gets the answer its protocol expects, so a
 * genuine notice we could not take is delivered again.
 */
import { withTenant, type TxContext } from '../../platform/db/tenancy.js';
import type { NotificationAck, NotificationRequest, ProviderKind } from '../../platform/payments/provider.js';
import { providerFor, type PaymentDeps } from './payments-providers.js';
import { applyWord, auditRefusedNotice, type ApplyOutcome } from './payments-apply.js';
import { PROVIDER_NAMES } from './payments.js';

const GENERIC_REFUSAL: NotificationAck = { status: 400, contentType: 'application/json', body: JSON.stringify({ code: 'FAIL', message: 'refused' }) };

export interface NotificationResult {
  ack: NotificationAck;
  outcome: ApplyOutcome | { outcome: 'refused'; orderId: null; why: string };
}

export function callbackCtx(tenantId: string, provider: ProviderKind, sourceIp: string): TxContext {
  return { tenantId, actorId: null, actorName: `支付回调（${PROVIDER_NAMES[provider].zh}）`, sourceIp };
}

export async function handleNotification(deps: PaymentDeps, provider: ProviderKind, tenantId: string, req: NotificationRequest & { ip: string }, now = new Date()): Promise<NotificationResult> {
  const ctx = callbackCtx(tenantId, provider, req.ip);
  const refused = async (tenantKnown: boolean, reason: string, detail: string, ack = GENERIC_REFUSAL): Promise<NotificationResult> => {
    await auditRefusedNotice(deps, ctx, tenantKnown, { provider, reason, detail, rawBody: req.rawBody });
    return { ack, outcome: { outcome: 'refused', orderId: null, why: reason } };
  };
  const tenant = await withTenant(deps.db, ctx, (tx) => tx.selectFrom('tenants').select(['id', 'status', 'kind']).where('id', '=', tenantId).executeTakeFirst());
  if (!tenant || tenant.kind !== 'enterprise') return refused(false, 'unknown_tenant', 'no such enterprise');
  // A provider switched off still has orders in flight whose money it took: its notices are verified and taken.
  const client = await providerFor(deps, ctx, provider, { requireEnabled: false });
  if (!client) return refused(true, 'not_configured', `${provider} is not set up for this enterprise`);
  const v = client.verifyNotification(req, now);
  if (!v.ok) return refused(true, v.refusal, v.detail, client.acknowledge(false));
  const outcome = await applyWord(deps, ctx, provider, v.trade.orderNo, v.trade, 'notify', v.notificationId);
  return { ack: client.acknowledge(outcome.outcome !== 'refused'), outcome };
}
