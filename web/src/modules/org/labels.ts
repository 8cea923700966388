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

/** Kinds a new child of `parent` may have (党章: a branch may have party groups; a committee branches ...). */
export function childKinds(parent: OrgKind): OrgKind[] {
  switch (parent) {
    case 'group_committee':
      return ['committee', 'general_branch', 'branch'];
    case 'committee':
      return ['committee', 'general_branch', 'branch'];
    case 'general_branch':
      return ['branch'];
    case 'branch':
      return ['party_group'];
    default:
      return [];
  }
}

export const PARTY_STATUS_COLOR: Record<PartyStatus, string> = {
  none: 'default',
  applicant: 'blue',
  activist: 'cyan',
  candidate: 'geekblue',
  probationary: 'orange',
  full: 'red',
};
