/** Labels of the people screens. Pure. Party status and gender names are the org screens' (one wording). */
import type { MessageKey } from '../../app/i18n/translate';
import type { ArchivedReason, Membership } from '../../shared/api-models';

export { genderKey, partyStatusKey, PARTY_STATUS_COLOR } from '../org/labels';

export const PARTY_STATUSES = ['none', 'applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export const MEMBERSHIPS: readonly Membership[] = ['normal', 'mobile', 'retained'];
export const ARCHIVED_REASONS: readonly ArchivedReason[] = ['left', 'transferred_out', 'deceased', 'other'];

export function membershipKey(m: Membership): MessageKey {
  return `people.membership.${m}`;
}

export function archivedReasonKey(r: ArchivedReason): MessageKey {
  return `people.archived.${r}`;
}

const EVENT_KINDS = ['created', 'updated', 'moved', 'archived', 'honour.added', 'honour.updated', 'honour.removed', 'status'] as const;
/** History lines written by other modules (发展党员, 转接) fall back to their code. */
export function eventKey(kind: string): MessageKey | null {
  return (EVENT_KINDS as readonly string[]).includes(kind) ? (`people.event.${kind}` as MessageKey) : null;
}

/** Which §2 dates the form offers for a status: the status's own date and those before it. */
export const DATE_FIELDS = ['appliedOn', 'activistOn', 'candidateOn', 'partyJoinedOn', 'fullOn'] as const;
export type DateField = (typeof DATE_FIELDS)[number];
const FROM_STATUS: Record<DateField, number> = { appliedOn: 1, activistOn: 2, candidateOn: 3, partyJoinedOn: 4, fullOn: 5 };
export function datesForStatus(status: (typeof PARTY_STATUSES)[number]): DateField[] {
  const i = PARTY_STATUSES.indexOf(status);
  return DATE_FIELDS.filter((f) => FROM_STATUS[f] <= i);
}
