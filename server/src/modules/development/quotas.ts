import { sql, type Kysely } from 'kysely';
import type { DB, OrgKind } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { inSubtrees, subtreeRange } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, forbidden, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';

/** The annual 发展计划 is set per 党委 (RULES.md §2: "Annual 发展计划 (quota) per 党委"). */
export const QUOTA_KINDS: readonly OrgKind[] = ['group_committee', 'committee'];

/**
 * The 党委s in the actor's scope with their quota for `year` and the progress: people in the 党委's subtree whose
 * 入党时间 (admitted as 预备党员) falls in that year — derived from the records, never typed.
 */
export async function listQuotas(db: Kysely<DB>, actor: Actor, year: number) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'people.read');
    if (scopes.length === 0) return { year, items: [] };
    const units = await tx.selectFrom('org_units as u')
      .leftJoin('development_quotas as q', (j) => j.onRef('q.org_unit_id', '=', 'u.id').on('q.year', '=', year))
      .select(['u.id', 'u.name', 'u.kind', 'u.path', 'q.quota'])
      .where('u.kind', 'in', QUOTA_KINDS).where('u.dissolved_at', 'is', null)
      .where(inSubtrees('u.path', scopes))
      .orderBy('u.depth').orderBy('u.sort_order').orderBy('u.name')
      .execute();
    const items = [];
    for (const u of units) {
      const r = await tx.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n'))
        .where(subtreeRange('org_path', u.path))
        .where('party_joined_on', '>=', `${year}-01-01`).where('party_joined_on', '<=', `${year}-12-31`)
        .executeTakeFirstOrThrow();
      items.push({ orgUnitId: u.id, name: u.name, kind: u.kind, quota: u.quota ?? null, progress: Number(r.n), canEdit: can(actor, 'development.manage', u.path) });
    }
    return { year, items };
  });
}

/** Sets a 党委's quota for a year. Audited. */
export async function setQuota(db: Kysely<DB>, actor: Actor, input: { orgUnitId: string; year: number; quota: number }) {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const u = await tx.selectFrom('org_units').select(['id', 'path', 'kind']).where('id', '=', input.orgUnitId).where('dissolved_at', 'is', null).executeTakeFirst();
    if (!u || !can(actor, 'org.read', u.path)) throw notFound({ zh: '组织', en: 'Org unit' });
    if (!can(actor, 'development.manage', u.path)) throw forbidden();
    if (!QUOTA_KINDS.includes(u.kind)) throw badField('orgUnitId', { zh: '发展计划按党委下达，请选择党委', en: 'The annual plan is set per party committee; choose a committee' });
    const before = await tx.selectFrom('development_quotas').select('quota').where('org_unit_id', '=', u.id).where('year', '=', input.year).executeTakeFirst();
    await tx.insertInto('development_quotas').values({ tenant_id: ctx.tenantId, org_unit_id: u.id, year: input.year, quota: input.quota })
      .onConflict((oc) => oc.columns(['tenant_id', 'org_unit_id', 'year']).doUpdateSet({ quota: input.quota, updated_at: sql`now()` }))
      .execute();
    await auditAs(tx, ctx, { action: 'development.quota', objectType: 'org_unit', objectId: u.id, detail: { year: input.year, from: before?.quota ?? null, to: input.quota } });
  });
}
