/** Vocabularies of the leadership screens, in display order. Pure. */
import type { PositionDuty, PositionRole } from '../../shared/api-models';

export const ROLES: readonly PositionRole[] = ['secretary', 'deputy_secretary', 'member'];
export const DUTIES: readonly PositionDuty[] = ['organization', 'publicity', 'discipline'];
