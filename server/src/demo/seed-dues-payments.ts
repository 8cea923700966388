/**
 * Demo data of online dues payment: the sandbox provider switched on, so members of the demo enterprise can pay on
 * their phones without a merchant account (no money moves; the sandbox's signed notices go through the same route
 * and checks as WeChat Pay's and Alipay's). WeChat Pay and Alipay stay off until an administrator enters the
 * enterprise's merchant settings.
 */
import type { Tx, TxContext } from '../platform/db/tenancy.js';

export async function seedDuesPayments(tx: Tx, ctx: TxContext): Promise<void> {
  await tx.insertInto('dues_pay_providers').values({ tenant_id: ctx.tenantId, provider: 'sandbox', enabled: true, config: '{}', secrets_enc: null, updated_by: null })
    .onConflict((oc) => oc.columns(['tenant_id', 'provider']).doNothing()).execute();
}
