/** The §4 settings (disputed and local points) for the top unit's administrator, as the §2/§3 settings. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { forbidden } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { mayEditSettings } from '../org/settings.js';
import { DEFAULT_DUES_SETTINGS, DUES_SETTING_BOUNDS, duesSettings, type DuesSettings } from './rules.js';

const KEYS = Object.keys(DEFAULT_DUES_SETTINGS) as (keyof DuesSettings)[];
const reply = (settings: DuesSettings, canEdit: boolean) => ({ settings, defaults: DEFAULT_DUES_SETTINGS, bounds: DUES_SETTING_BOUNDS, canEdit });

export async function getDuesSettings(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
    return reply(duesSettings(t.settings), await mayEditSettings(tx, actor));
  });
}

export async function updateDuesSettings(db: Kysely<DB>, actor: Actor, body: DuesSettings) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    if (!(await mayEditSettings(tx, actor))) throw forbidden({ zh: '只有最高一级党组织的管理员可以修改党费规则设置', en: 'Only an administrator of the top organisation may change the dues settings' });
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).forUpdate().executeTakeFirstOrThrow();
    const before = duesSettings(t.settings);
    const stored = Object.fromEntries(KEYS.map((k) => [k, body[k]])) as unknown as DuesSettings;
    await tx.updateTable('tenants').set({ settings: JSON.stringify({ ...t.settings, dues: stored }) }).where('id', '=', ctx.tenantId).execute();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of KEYS) if (before[k] !== stored[k]) changed[k] = { from: before[k], to: stored[k] };
    await auditAs(tx, ctx, { action: 'settings.dues', objectType: 'tenant', objectId: ctx.tenantId, detail: { changed } });
    return reply(stored, true);
  });
}
