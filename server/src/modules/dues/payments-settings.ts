/**
 * The payment settings screen's service: each provider's fields with their values (public ones) or only whether they
 * are set (secrets: write-only, never sent back), and the update — checked field by field, secrets encrypted with the
 * field cipher (the tenant's algorithm), audited without the secrets.
 */
import type { Actor } from '../../platform/access/actor.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { txContext } from '../../platform/http/app.js';
import { PROVIDER_KINDS, type ProviderKind } from '../../platform/payments/provider.js';
import { securitySettings } from '../../platform/auth/policy.js';
import { loadProvider, mergeProviderSettings, notifyPath, PROVIDER_FIELDS, type PaymentDeps, type ProviderInput } from './payments-providers.js';
import { PROVIDER_NAMES } from './payments.js';

export async function paymentSettings(deps: PaymentDeps, actor: Actor) {
  const ctx = txContext(actor);
  const providers = [];
  for (const kind of PROVIDER_KINDS) {
    const stored = await loadProvider(deps, ctx, kind);
    const fields = PROVIDER_FIELDS[kind].map((f) => ({
      key: f.key, label: f.label, required: f.required, secret: f.secret, kind: f.kind,
      value: f.secret ? null : (stored?.config[f.key] ?? null),
      isSet: f.secret ? !!stored?.secrets[f.key] : !!stored?.config[f.key],
    }));
    const ready = fields.every((f) => !f.required || f.isSet);
    const base = kind === 'sandbox' ? '' : (stored?.config.notifyBaseUrl ?? '');
    providers.push({ provider: kind, name: PROVIDER_NAMES[kind], enabled: stored?.enabled ?? false, ready, notifyUrl: `${base}${notifyPath(kind, actor.tenantId)}`, fields });
  }
  return { providers, canEdit: true };
}

export async function updatePaymentSettings(deps: PaymentDeps, actor: Actor, kind: ProviderKind, input: ProviderInput) {
  const ctx = txContext(actor);
  const current = await loadProvider(deps, ctx, kind);
  const next = mergeProviderSettings(kind, { config: current?.config ?? {}, secrets: current?.secrets ?? {} }, input);
  await withTenant(deps.db, ctx, async (tx) => {
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).executeTakeFirstOrThrow();
    const alg = securitySettings(t.settings).fieldAlgorithm;
    const secretsEnc = Object.keys(next.secrets).length ? deps.cipher.encrypt(JSON.stringify(next.secrets), alg) : null;
    await tx.insertInto('dues_pay_providers').values({ tenant_id: ctx.tenantId, provider: kind, enabled: input.enabled, config: JSON.stringify(next.config), secrets_enc: secretsEnc, updated_by: actor.userId })
      .onConflict((oc) => oc.columns(['tenant_id', 'provider']).doUpdateSet({ enabled: input.enabled, config: JSON.stringify(next.config), secrets_enc: secretsEnc, updated_by: actor.userId, updated_at: new Date() }))
      .execute();
    const changedConfig = Object.keys({ ...(current?.config ?? {}), ...next.config }).filter((k) => (current?.config[k] ?? null) !== (next.config[k] ?? null));
    const changedSecrets = Object.keys(input.secrets ?? {}).filter((k) => (input.secrets?.[k] ?? '').trim() !== '');
    await auditAs(tx, ctx, {
      action: 'settings.dues_pay', objectType: 'tenant', objectId: ctx.tenantId,
      // Which fields changed, never their secret values.
      detail: { provider: kind, enabled: { from: current?.enabled ?? false, to: input.enabled }, config: changedConfig, secrets: changedSecrets },
    });
  });
  return paymentSettings(deps, actor);
}
