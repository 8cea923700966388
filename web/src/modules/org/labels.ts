/** Labels and rules for the org screens. Pure. */
import type { MessageKey } from '../../app/i18n/translate';
import type { Member, OrgKind, PartyStatus } from '../../shared/api-models';

export const ORG_KINDS: readonly OrgKind[] = ['group_committee', 'committee', 'general_branch', 'branch', 'party_group'];

export function kindLabelKey(kind: OrgKind): MessageKey {
  return `org.kind.${kind}`;
}

export function partyStatusKey(status: PartyStatus): MessageKey {
  return `org.party.${status}`;
}

export function genderKey(gender: Member['gender']): MessageKey {
  return `org.gender.${gender}`;
}

const RANK: Record<OrgKind, number> = { group_committee: 0, committee: 1, general_branch: 2, branch: 3, party_group: 4 };

/**
 * Kinds a new child of `parent` may have; the same rule as the server's canContain: any lower rank,
 * and 党委 may nest under 党委; a 党小组 has no subunits.
 */
export function childKinds(parent: OrgKind): OrgKind[] {
  if (parent === 'party_group') return [];
  return ORG_KINDS.filter((k) => RANK[k] > RANK[parent] || (parent === 'committee' && k === 'committee'));
}

export const PARTY_STATUS_COLOR: Record<PartyStatus, string> = {
  none: 'default',
  applicant: 'blue',
  activist: 'cyan',
  candidate: 'geekblue',
  probationary: 'orange',
  full: 'red',
};
