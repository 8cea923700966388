import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { LibraryResourcesTable } from './tables.js';
import type { Tx } from '../../platform/db/tenancy.js';
import { inSubtrees } from '../../platform/db/subtree.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';

/**
 * Who sees which resource. In its own tenant a resource is visible to the people of its scope's subtree (a resource
 * scoped to a 党委 reaches every branch under it; scope '' is the whole enterprise) once published, and to its
 * managers (library.manage over the scope) in any state. Other tenants see it when it is shared and published —
 * row-level security lets only those rows through (migration 0041), and they can change none of them.
 */
export interface Reader {
  tenantId: string;
  /** Every scope path that reaches the actor: '' and each ancestor of the actor's units (grants and own person). */
  reachedBy: string[];
  /** Subtrees the actor manages ('' = the whole tenant). */
  manages: string[];
  /** Manages every top unit, so may publish to the whole enterprise (scope ''). */
  wholeTenant: boolean;
}

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']. */
export function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter((s) => s !== '');
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

export async function readerOf(tx: Tx, actor: Actor): Promise<Reader> {
  const paths = new Set<string>(['']);
  for (const g of actor.grants) for (const p of ancestorPaths(g.path)) paths.add(p);
  const own = await tx.selectFrom('users as u').innerJoin('people as p', 'p.id', 'u.person_id').select('p.org_path').where('u.id', '=', actor.userId).executeTakeFirst();
  if (own) for (const p of ancestorPaths(own.org_path)) paths.add(p);
  const manages = scopesFor(actor, 'library.manage');
  let wholeTenant = manages.includes('');
  if (!wholeTenant && manages.length > 0) {
    const roots = await tx.selectFrom('org_units').select('path').where('parent_id', 'is', null).where('dissolved_at', 'is', null).execute();
    wholeTenant = roots.length > 0 && roots.every((r) => can(actor, 'library.manage', r.path));
  }
  return { tenantId: actor.tenantId, reachedBy: [...paths], manages, wholeTenant };
}

/** Whether the reader manages a resource of its own tenant with this scope path ('' needs the whole tenant). */
export function managesScope(reader: Reader, scopePath: string): boolean {
  if (scopePath === '') return reader.wholeTenant;
  return reader.manages.some((p) => scopePath.startsWith(p));
}

/** The rows of `library_resources as r` the reader may see (row-level security has already kept other tenants' unshared rows out). */
/** A query over `library_resources as r`. */
export type ResourceEb = ExpressionBuilder<DB & { r: LibraryResourcesTable }, 'r'>;

export function visibleTo(reader: Reader) {
  return (eb: ResourceEb): Expression<SqlBool> => {
    const managed = reader.manages.length === 0 ? sql<boolean>`false`
      : reader.manages.includes('') || reader.wholeTenant ? sql<boolean>`true`
        : sql<boolean>`(r.scope_path <> '' and ${inSubtrees('r.scope_path', reader.manages)})`;
    return eb.or([
      eb('r.tenant_id', '<>', reader.tenantId),
      eb.and([eb('r.status', '=', 'published'), eb('r.scope_path', 'in', reader.reachedBy)]),
      eb.and([eb('r.tenant_id', '=', reader.tenantId), managed]),
    ]);
  };
}
