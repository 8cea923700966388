/**
 * Lessons are library resources (modules/library). What courses need of a resource: its kind and title, whether it is
 * published, and whom it reaches — a learner opens it through the library's own routes, so a lesson is only useful
 * when the library lets its learners read it (published, and scoped to the whole enterprise or above their units, or
 * shared with the platform by another enterprise). The picker lists what the manager may read, through the library's
 * own visibility rule (readerOf / visibleTo).
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/tenancy.js';
import type { Actor } from '../../platform/access/actor.js';
import { readerOf, visibleTo } from '../library/access.js';
import type { LessonKind } from './rules.js';

export interface LessonResource {
  id: string;
  kind: LessonKind;
  title: string;
  published: boolean;
  /** '' = the whole enterprise (or a resource another enterprise shares with the platform). */
  scopePath: string;
  foreign: boolean;
}

/** Resources by id, as far as the actor's tenant can see them (row-level security lets shared ones of others through). */
export async function lessonResources(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Map<string, LessonResource>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('library_resources').select(['id', 'kind', 'title', 'status', 'scope_path', 'tenant_id']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind, title: r.title, published: r.status === 'published', scopePath: r.tenant_id === tenantId ? r.scope_path : '', foreign: r.tenant_id !== tenantId }]));
}

/** Whether a published resource reaches everyone under the org paths (its scope is '' or above each of them). */
export function reachesAll(r: LessonResource, paths: readonly string[]): boolean {
  if (!r.published) return false;
  if (r.scopePath === '') return true;
  return paths.every((p) => p.startsWith(r.scopePath));
}

/** Published resources the manager can read, newest first, filtered by title: the lesson picker. */
export async function pickableResources(tx: Tx, actor: Actor, q: string | undefined) {
  const reader = await readerOf(tx, actor);
  let b = tx.selectFrom('library_resources as r').select(['r.id', 'r.kind', 'r.title', 'r.scope_path', 'r.tenant_id', 'r.updated_at'])
    .where('r.status', '=', 'published').where(visibleTo(reader));
  const text = (q ?? '').trim();
  if (text) b = b.where(sql<boolean>`strpos(r.title, ${text}) > 0`);
  const rows = await b.orderBy('r.updated_at', 'desc').limit(50).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as LessonKind, title: r.title, wholeEnterprise: r.tenant_id !== actor.tenantId || r.scope_path === '', shared: r.tenant_id !== actor.tenantId }));
}
