import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField, forbidden } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { addDays, type LegalDate } from '../../platform/dates/legal-date.js';
import { mayEditSettings } from '../org/settings.js';
import { checkLetterValidity, DEFAULT_TRANSFER_SETTINGS, type TransferSettings } from './rules.js';
import { settingsOf } from './access.js';

/**
 * Bounds of the §3 settings (RULES.md §3), stricter-only where the rule is a limit: a letter valid at most 3 months;
 * a formal transfer when away 6 months or more (a tenant may ask for it sooner); the 存根 kept at least 10 years.
 * The validity periods offered are those of the online systems, 30 and/or 90 days (checked in the service).
 */
export const TRANSFER_SETTING_BOUNDS = {
  maxValidityMonths: { minimum: 1, maximum: 3 },
  formalTransferAwayMonths: { minimum: 1, maximum: 6 },
  stubRetentionYears: { minimum: 10, maximum: 50 },
} as const;

/** The validity periods a tenant may offer (RULES.md §3: online systems offer 30 or 90 days). */
export const VALIDITY_OPTIONS = [30, 90] as const;

const KEYS = Object.keys(DEFAULT_TRANSFER_SETTINGS) as (keyof TransferSettings)[];

const reply = (settings: TransferSettings, canEdit: boolean) => ({
  settings, defaults: DEFAULT_TRANSFER_SETTINGS, bounds: TRANSFER_SETTING_BOUNDS, validityOptions: [...VALIDITY_OPTIONS], canEdit,
});

/** Issue dates over a leap and a common year: every month length and month-end case a letter can start on. */
function sampleIssueDates(): LegalDate[] {
  const out: LegalDate[] = [];
  for (let d: LegalDate = '2023-01-01'; d < '2025-01-01'; d = addDays(d, 1)) out.push(d);
  return out;
}

export async function getTransferSettings(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => reply(await settingsOf(tx, actor.tenantId), await mayEditSettings(tx, actor)));
}

export async function updateTransferSettings(db: Kysely<DB>, actor: Actor, body: TransferSettings) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    if (!(await mayEditSettings(tx, actor))) throw forbidden({ zh: '只有最高一级党组织的管理员可以修改组织关系转接规则设置', en: 'Only an administrator of the top organisation may change the transfer settings' });
    const days = body.letterValidityDays;
    if (days.some((d) => !(VALIDITY_OPTIONS as readonly number[]).includes(d)) || new Set(days).size !== days.length) {
      throw badField('letterValidityDays', { zh: '介绍信有效期只能选 30 天、90 天，且不能重复', en: 'A letter may be valid for 30 or 90 days, each at most once' });
    }
    const next: TransferSettings = { ...body, letterValidityDays: [...days].sort((a, b) => a - b) };
    // Each offered period must fit the maximum from any issue date (30 days pass one month from 1 February).
    const dates = sampleIssueDates();
    const tooLong = next.letterValidityDays.find((d) => dates.some((on) => checkLetterValidity(on, d, next).length > 0));
    if (tooLong !== undefined) {
      throw badField('letterValidityDays', { zh: `${tooLong}天的有效期会超过最长${next.maxValidityMonths}个月`, en: `A validity of ${tooLong} days can pass the maximum of ${next.maxValidityMonths} months` });
    }
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).forUpdate().executeTakeFirstOrThrow();
    const before = await settingsOf(tx, ctx.tenantId);
    const stored = Object.fromEntries(KEYS.map((k) => [k, next[k]])) as unknown as TransferSettings;
    await tx.updateTable('tenants').set({ settings: JSON.stringify({ ...t.settings, transfer: stored }) }).where('id', '=', ctx.tenantId).execute();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of KEYS) if (JSON.stringify(before[k]) !== JSON.stringify(stored[k])) changed[k] = { from: before[k], to: stored[k] };
    await auditAs(tx, ctx, { action: 'settings.transfer', objectType: 'tenant', objectId: ctx.tenantId, detail: { changed } });
    return reply(stored, true);
  });
}
