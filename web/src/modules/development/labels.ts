import type { MessageKey } from '../../app/i18n/translate';
import type { DevStepKind, PartyStatus } from '../../shared/api-models';

export const stepKey = (kind: DevStepKind): MessageKey => `dev.step.${kind}`;
export const statusKey = (status: PartyStatus): MessageKey => `org.party.${status}`;

/** Columns of the board, in the order of the chain. */
export const BOARD_STATUSES = ['applicant', 'activist', 'candidate', 'probationary'] as const satisfies readonly PartyStatus[];

/** Which step names people, and in which role (mirrors the server's STEP_PEOPLE; the server checks it). */
export const STEP_PEOPLE_ROLE: Partial<Record<DevStepKind, 'talker' | 'contact' | 'introducer'>> = {
  talk: 'talker', activist: 'contact', admission_meeting: 'introducer',
};
export const PUBLICITY_STEPS: readonly DevStepKind[] = ['candidate', 'admission_meeting', 'full_meeting'];
