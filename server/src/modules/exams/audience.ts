/**
 * Audiences of exams and courses: whole org subtrees and named people. A person belongs when named, or when their
 * unit lies under an audience unit, i.e. when an audience unit's path is one of the paths above their own.
 */
import { sql, type RawBuilder } from 'kysely';
import { inSubtrees } from '../../platform/db/subtree.js';

/** The paths of an org path's unit and every unit above it: '/a/b/' → ['/a/', '/a/b/']. */
export function ancestorPaths(orgPath: string): string[] {
  const ids = orgPath.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

export interface AudienceInput { unitIds: string[]; personIds: string[] }

/**
 * People of an audience as a condition on `people as p`: not archived, and under one of the unit paths or named.
 * No unit and no person matches nobody.
 */
export function audienceCondition(unitPaths: readonly string[], personIds: readonly string[]): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (unitPaths.length > 0) parts.push(inSubtrees('p.org_path', unitPaths));
  if (personIds.length > 0) parts.push(sql<boolean>`p.id in (${sql.join(personIds)})`);
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(p.archived_at is null and (${sql.join(parts, sql` or `)}))`;
}
