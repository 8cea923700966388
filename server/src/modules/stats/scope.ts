import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { scopesFor, type Actor } from '../../platform/access/actor.js';
import { txContext } from '../../platform/http/app.js';

/**
 * The top units of the actor's statistics scope (a tenant-wide grant: the root units), with their full names, to
 * start the unit picker from. Deeper units are picked from the org tree.
 */
export async function statisticsUnits(db: Kysely<DB>, actor: Actor) {
  const scopes = scopesFor(actor, 'stats.read');
  return withTenant(db, txContext(actor), async (tx) => {
    let q = tx.selectFrom('org_units').select(['id', 'name', 'kind', 'path']).where('dissolved_at', 'is', null);
    q = scopes.includes('') ? q.where('parent_id', 'is', null) : scopes.length === 0 ? q.where('id', 'is', null) : q.where('path', 'in', scopes);
    const units = await q.orderBy('path').execute();
    const ancestorIds = [...new Set(units.flatMap((u) => u.path.split('/').filter(Boolean)))];
    const names = ancestorIds.length === 0 ? [] : await tx.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ancestorIds).execute();
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    return units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, fullName: u.path.split('/').filter(Boolean).map((id) => nameOf.get(id) ?? '').join('/') }));
  });
}
