/** Labels and rules for the org screens. Pure. */
import type { MessageKey } from '../../app/i18n/translate';
import type { Member, OrgKind, PartyStatus } from '../../shared/api-models';


export function kindLabelKey(kind: OrgKind): MessageKey {
  return `org.kind.${kind}`;
}

export function partyStatusKey(status: PartyStatus): MessageKey {
  return `org.party.${status}`;
}

export function genderKey(gender: Member['gender']): MessageKey {
  return `org.gender.${gender}`;
}

export const PARTY_STATUS_COLOR: Record<PartyStatus, string> = {
  none: 'default',
  applicant: 'blue',
  activist: 'cyan',
  candidate: 'geekblue',
  probationary: 'orange',
  full: 'red',
};
