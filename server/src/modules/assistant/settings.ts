import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { securitySettings } from '../../platform/auth/policy.js';
import { badField } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import type { ChatEndpoint } from './chat-client.js';

/**
 * The tenant's assistant settings (tenants.settings.assistant). Without a model endpoint the assistant answers offline
 * (retrieval and quotes). The API key is stored encrypted with the field cipher (AES or SM4, the tenant's choice) and
 * never leaves the server: reading the settings says only whether one is set.
 */
export interface AssistantSettings {
  questionsPerHour: number;
  model: { enabled: boolean; baseUrl: string; model: string; apiKeyEnc: string | null };
}

export const DEFAULT_ASSISTANT_SETTINGS: AssistantSettings = { questionsPerHour: 30, model: { enabled: false, baseUrl: '', model: '', apiKeyEnc: null } };

export function assistantSettings(stored: Record<string, unknown> | null | undefined): AssistantSettings {
  const a = (stored?.assistant ?? {}) as Partial<AssistantSettings>;
  return { questionsPerHour: a.questionsPerHour ?? DEFAULT_ASSISTANT_SETTINGS.questionsPerHour, model: { ...DEFAULT_ASSISTANT_SETTINGS.model, ...(a.model ?? {}) } };
}

export async function tenantAssistantSettings(tx: Tx, tenantId: string): Promise<AssistantSettings> {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return assistantSettings(t.settings);
}

/** The endpoint to call, or null when the tenant has none configured and enabled. */
export function endpointOf(s: AssistantSettings, cipher: FieldCipher): ChatEndpoint | null {
  if (!s.model.enabled || !s.model.baseUrl || !s.model.model || !s.model.apiKeyEnc) return null;
  return { baseUrl: s.model.baseUrl, model: s.model.model, apiKey: cipher.decrypt(s.model.apiKeyEnc) };
}

export function settingsView(s: AssistantSettings) {
  return { questionsPerHour: s.questionsPerHour, modelEnabled: s.model.enabled, baseUrl: s.model.baseUrl, model: s.model.model, apiKeySet: s.model.apiKeyEnc !== null };
}

export interface SettingsInput { questionsPerHour: number; modelEnabled: boolean; baseUrl: string; model: string; apiKey?: string | undefined }

export async function getAssistantSettings(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => settingsView(await tenantAssistantSettings(tx, actor.tenantId)));
}

export async function updateAssistantSettings(db: Kysely<DB>, cipher: FieldCipher, actor: Actor, input: SettingsInput) {
  const ctx = txContext(actor);
  const baseUrl = input.baseUrl.trim();
  if (baseUrl !== '') {
    let u: URL;
    try {
      u = new URL(baseUrl);
    } catch {
      throw badField('baseUrl', { zh: '接口地址不是有效的网址，例如 http://10.0.0.8:8000/v1', en: 'The endpoint is not a valid URL, e.g. http://10.0.0.8:8000/v1' });
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw badField('baseUrl', { zh: '接口地址须以 http:// 或 https:// 开头', en: 'The endpoint must start with http:// or https://' });
  }
  return withTenant(db, ctx, async (tx) => {
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).forUpdate().executeTakeFirstOrThrow();
    const before = assistantSettings(t.settings);
    const alg = securitySettings(t.settings).fieldAlgorithm;
    const apiKeyEnc = input.apiKey === undefined ? before.model.apiKeyEnc : input.apiKey === '' ? null : cipher.encrypt(input.apiKey, alg);
    if (input.modelEnabled && (baseUrl === '' || input.model.trim() === '' || apiKeyEnc === null)) {
      throw badField(baseUrl === '' ? 'baseUrl' : input.model.trim() === '' ? 'model' : 'apiKey', { zh: '启用大模型须填写接口地址、模型名称和密钥', en: 'Enabling the model needs the endpoint, the model name and the key' });
    }
    const next: AssistantSettings = { questionsPerHour: input.questionsPerHour, model: { enabled: input.modelEnabled, baseUrl, model: input.model.trim(), apiKeyEnc } };
    await tx.updateTable('tenants').set({ settings: JSON.stringify({ ...t.settings, assistant: next }) }).where('id', '=', ctx.tenantId).execute();
    const b = settingsView(before);
    const a = settingsView(next);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of Object.keys(a) as (keyof typeof a)[]) if (a[k] !== b[k]) changed[k] = { from: b[k], to: a[k] };
    await auditAs(tx, ctx, { action: 'settings.assistant', objectType: 'tenant', objectId: ctx.tenantId, detail: { changed, apiKeyChanged: input.apiKey !== undefined } });
    return a;
  });
}
