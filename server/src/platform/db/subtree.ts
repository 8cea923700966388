import { sql, type RawBuilder } from 'kysely';

/**
 * The smallest string above every string that starts with `prefix` (last code point + 1), so a prefix search is the
 * range [prefix, upper). Code point order is the byte order of UTF-8, i.e. the "C" collation of `org_units.path`,
 * `people.org_path`, `name_pinyin` and `name_initials` (and of the ~>=~ / ~<~ operators on other text).
 */
export function prefixUpper(prefix: string): string {
  const cps = [...prefix];
  const last = cps.pop();
  if (last === undefined) return '\u{10FFFF}';
  return cps.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

/**
 * `column` (an org path, "C" collation: `org_units.path`, `people.org_path`) lies in the subtree at `path`, the unit
 * itself included: the range [path, path⁺). Never `LIKE 'path%'`: under row-level security PostgreSQL applies the
 * tenant policy before any operator that is not leakproof, and LIKE is not, so a LIKE prefix is a filter over the whole
 * tenant; comparisons are leakproof and stay index ranges (bench/README.md, people at scale; migration 0009).
 * The path '' (a tenant-wide scope) matches every row.
 */
export function subtreeRange(column: string, path: string): RawBuilder<boolean> {
  if (path === '') return sql<boolean>`true`;
  return sql<boolean>`(${sql.ref(column)} >= ${path} and ${sql.ref(column)} < ${prefixUpper(path)})`;
}

/** `column` lies in one of the subtrees at `paths` (an actor's scopes; '' covers the tenant). No path matches nothing. */
export function inSubtrees(column: string, paths: readonly string[]): RawBuilder<boolean> {
  if (paths.includes('')) return sql<boolean>`true`;
  if (paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(paths.map((p) => subtreeRange(column, p)), sql` or `)})`;
}
