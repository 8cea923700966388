import { api, unwrap } from '../../shared/api';
import type { DevStepBody, DevStepResult, DevViolation, HolidayRow } from '../../shared/api-models';
import { networkError, toApiError } from '../../shared/errors';

export const devKeys = {
  pipeline: ['development', 'pipeline'] as const,
  reminders: ['development', 'reminders'] as const,
  record: (id: string) => ['development', 'record', id] as const,
  quotas: (year: number) => ['development', 'quotas', year] as const,
  holidays: (year: number) => ['calendar', 'holidays', year] as const,
  search: (q: string) => ['development', 'people-search', q] as const,
  settings: ['development', 'settings'] as const,
};

export const fetchPipeline = () => unwrap(api.GET('/api/development/pipeline'));
export const fetchReminders = () => unwrap(api.GET('/api/development/reminders'));
export const fetchRecord = (id: string) => unwrap(api.GET('/api/development/people/{id}', { params: { path: { id } } }));
export const fetchQuotas = (year: number) => unwrap(api.GET('/api/development/quotas', { params: { query: { year } } }));
export const saveQuota = (body: { orgUnitId: string; year: number; quota: number }) => unwrap(api.PUT('/api/development/quotas', { body }));
export const searchPeople = (q: string) => unwrap(api.GET('/api/development/people-search', { params: { query: { q } } }));
export const fetchHolidays = (year: number) => unwrap(api.GET('/api/calendar/holidays', { params: { query: { year } } }));
export const saveHolidays = (year: number, rows: HolidayRow[]) => unwrap(api.PUT('/api/calendar/holidays/{year}', { params: { path: { year } }, body: { rows } }));

/** A step the rules refused (422): each violated rule, and whether this user may record an exception. */
export interface Refusal { message: string; violations: DevViolation[]; canOverride: boolean }

export type StepOutcome = { ok: true; result: DevStepResult } | { ok: false; refusal: Refusal };

/** Records a step. A refusal by the rules is an answer to show, not an error: it comes back as `{ ok: false }`. */
export async function recordStep(personId: string, body: DevStepBody): Promise<StepOutcome> {
  let res;
  try {
    res = await api.POST('/api/development/people/{id}/steps', { params: { path: { id: personId } }, body });
  } catch {
    throw networkError();
  }
  if (res.response.status === 422 && res.error !== undefined) {
    const e = res.error as Partial<Refusal>;
    return { ok: false, refusal: { message: e.message ?? '', violations: e.violations ?? [], canOverride: e.canOverride === true } };
  }
  if (!res.response.ok || res.data === undefined) throw toApiError(res.response.status, res.error);
  return { ok: true, result: res.data };
}
