/** Pickers for audiences of exams and courses: the units and people within the manager's scope of a permission. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { inSubtrees, prefixUpper } from '../../platform/db/subtree.js';
import { scopesFor, type Actor } from '../../platform/access/actor.js';
import type { Permission } from '../../platform/access/permissions.js';
import { txContext } from '../../platform/http/app.js';

export async function unitsInScope(db: Kysely<DB>, actor: Actor, permission: Permission) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, permission);
    if (scopes.length === 0) return [];
    const rows = await tx.selectFrom('org_units').select(['id', 'name', 'depth', 'kind', 'path']).where('dissolved_at', 'is', null).where(inSubtrees('path', scopes))
      .orderBy('path').limit(2000).execute();
    const top = Math.min(...rows.map((r) => r.depth));
    return rows.map((r) => ({ id: r.id, name: r.name, depth: r.depth - top, kind: r.kind }));
  });
}

/** People in scope by a part of the name, or a prefix of its pinyin or initials (ranges on their "C"-collated columns). */
export async function peopleInScope(db: Kysely<DB>, actor: Actor, permission: Permission, q: string | undefined) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, permission);
    if (scopes.length === 0) return [];
    let b = tx.selectFrom('people as p').innerJoin('org_units as o', 'o.id', 'p.org_unit_id').select(['p.id', 'p.name', 'o.name as unit_name'])
      .where('p.archived_at', 'is', null).where(inSubtrees('p.org_path', scopes));
    const text = (q ?? '').trim().toLowerCase();
    if (text) {
      b = b.where((eb) => eb.or([
        sql<boolean>`strpos(p.name, ${text}) > 0`,
        eb.and([eb('p.name_pinyin', '>=', text), eb('p.name_pinyin', '<', prefixUpper(text))]),
        eb.and([eb('p.name_initials', '>=', text), eb('p.name_initials', '<', prefixUpper(text))]),
      ]));
    }
    const rows = await b.orderBy('p.name_pinyin').limit(30).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, unitName: r.unit_name }));
  });
}
