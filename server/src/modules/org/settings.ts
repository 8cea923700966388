import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, forbidden } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { orgSettings, type OrgSettings } from './rules.js';

/**
 * Bounds of each org setting (RULES.md §1 numbers are defaults; a tenant may follow local practice within these).
 * The route schema uses them, so an out-of-range number is a 400 naming the field.
 */
export const ORG_SETTING_BOUNDS = {
  branchMinFullMembers: { minimum: 1, maximum: 10 },
  jointBranchMaxUnits: { minimum: 1, maximum: 20 },
  branchMaxMembers: { minimum: 10, maximum: 500 },
  committeeFromFullMembers: { minimum: 3, maximum: 50 },
  committeeMin: { minimum: 1, maximum: 15 },
  committeeUsualMax: { minimum: 1, maximum: 15 },
  committeeMax: { minimum: 1, maximum: 21 },
  generalBranchAboveMembers: { minimum: 10, maximum: 1000 },
  committeeFromMembers: { minimum: 20, maximum: 5000 },
  termYears: { minimum: 1, maximum: 10 },
  renewalReminderMonths: { minimum: 1, maximum: 24 },
  termChangeMaxMonths: { minimum: 0, maximum: 36 },
} as const;

/** The tenant's effective org settings, inside a use case's transaction. */
export async function tenantOrgSettings(tx: Tx, tenantId: string): Promise<OrgSettings> {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return orgSettings(t.settings);
}

/**
 * Changing the org settings is a decision of the top of the tenant: org.manage covering every root unit. The §2 and §3
 * settings (development/settings.ts, transfers/settings.ts) follow the same rule.
 */
export async function mayEditSettings(tx: Tx, actor: Actor): Promise<boolean> {
  if (scopesFor(actor, 'org.manage').includes('')) return true;
  const roots = await tx.selectFrom('org_units').select('path').where('parent_id', 'is', null).where('dissolved_at', 'is', null).execute();
  return roots.length > 0 && roots.every((r) => can(actor, 'org.manage', r.path));
}

export async function getOrgSettings(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => ({
    settings: await tenantOrgSettings(tx, actor.tenantId),
    canEdit: await mayEditSettings(tx, actor),
  }));
}

export async function updateOrgSettings(db: Kysely<DB>, actor: Actor, next: OrgSettings) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    if (!(await mayEditSettings(tx, actor))) throw forbidden({ zh: '只有最高一级党组织的管理员可以修改组织设置', en: 'Only an administrator of the top organisation may change the org settings' });
    if (next.committeeUsualMax < next.committeeMin) {
      throw badField('committeeUsualMax', { zh: '支委会一般人数上限不能小于下限', en: 'The usual maximum of a branch committee cannot be below its minimum' });
    }
    if (next.committeeMax < next.committeeUsualMax) {
      throw badField('committeeMax', { zh: '支委会最多人数不能小于一般人数上限', en: 'The maximum of a branch committee cannot be below its usual maximum' });
    }
    if (next.committeeFromMembers <= next.generalBranchAboveMembers) {
      throw badField('committeeFromMembers', { zh: '设立党委的人数须大于设立党总支的人数', en: 'The size for a party committee must exceed the size for a general branch' });
    }
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).forUpdate().executeTakeFirstOrThrow();
    const before = orgSettings(t.settings);
    await tx.updateTable('tenants').set({ settings: JSON.stringify({ ...t.settings, org: next }) }).where('id', '=', ctx.tenantId).execute();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(next) as [keyof OrgSettings, unknown][]) {
      if (JSON.stringify(before[k]) !== JSON.stringify(v)) changed[k] = { from: before[k], to: v };
    }
    await auditAs(tx, ctx, { action: 'settings.org', objectType: 'tenant', objectId: ctx.tenantId, detail: { changed } });
    return { settings: next, canEdit: true };
  });
}
