import type { OrgKind } from '../../platform/db/schema.js';

/**
 * The party organisation hierarchy inside an enterprise (RULES.md §1):
 * 集团党委 → 党委 → 党总支 → 党支部 → 党小组. A unit may sit under any unit of a higher rank, and
 * 党委 may nest under 党委 (a group's company committees); a 党小组 has no subunits.
 */
export const ORG_KIND_RANK: Record<OrgKind, number> = { group_committee: 0, committee: 1, general_branch: 2, branch: 3, party_group: 4 };

export const ORG_KIND_NAMES: Record<OrgKind, { zh: string; en: string }> = {
  group_committee: { zh: '集团党委', en: 'Group Party Committee' },
  committee: { zh: '党委', en: 'Party Committee' },
  general_branch: { zh: '党总支', en: 'General Party Branch' },
  branch: { zh: '党支部', en: 'Party Branch' },
  party_group: { zh: '党小组', en: 'Party Group' },
};

export function canContain(parent: OrgKind, child: OrgKind): boolean {
  if (parent === 'party_group') return false;
  if (parent === 'committee' && child === 'committee') return true;
  return ORG_KIND_RANK[child] > ORG_KIND_RANK[parent];
}

/** The kinds a new subunit of `parent` may have, highest rank first (what the UI offers). */
export function childKinds(parent: OrgKind): OrgKind[] {
  return (Object.keys(ORG_KIND_RANK) as OrgKind[]).filter((k) => canContain(parent, k));
}

export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`;
}

export function rootPath(id: string): string {
  return `/${id}/`;
}
