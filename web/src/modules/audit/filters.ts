/** Audit filters → API query. Pure. Dates are Shanghai calendar days; the API gets UTC instants. */
import type { AuditResult } from '../../shared/api-models';
import { shanghaiDayEnd, shanghaiDayStart } from '../../shared/time';

export interface AuditFilters {
  /** Inclusive Shanghai calendar days, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  actor: string;
  action: string;
  result: AuditResult | '';
}

export const EMPTY_FILTERS: AuditFilters = { from: null, to: null, actor: '', action: '', result: '' };

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  result?: AuditResult;
}

export function toAuditQuery(f: AuditFilters): AuditQuery {
  const q: AuditQuery = {};
  if (f.from !== null) q.from = shanghaiDayStart(f.from);
  if (f.to !== null) q.to = shanghaiDayEnd(f.to);
  if (f.actor.trim() !== '') q.actor = f.actor.trim();
  if (f.action.trim() !== '') q.action = f.action.trim();
  if (f.result !== '') q.result = f.result;
  return q;
}

export function toSearchString(q: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, v);
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

export const RESULT_COLORS: Record<string, string> = { success: 'green', failure: 'red', denied: 'orange' };

export const AUDIT_RESULTS: readonly AuditResult[] = ['success', 'failure', 'denied'];
