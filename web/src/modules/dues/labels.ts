/** Money is integer 分 on the wire; these format and parse it without floating point (RULES.md §4). */
import type { MessageKey } from '../../app/i18n/translate';
import type { ResponseOf } from '../../shared/api-models';

export type DuesLedger = ResponseOf<'/api/dues/people/{id}', 'get'>;
export type DuesCategory = NonNullable<DuesLedger['base']>['category'];
export type DuesReport = ResponseOf<'/api/dues/report', 'get'>;
export type DuesRequest = ResponseOf<'/api/dues/requests', 'get'>['items'][number];
export type DuesAlert = ResponseOf<'/api/dues/alerts', 'get'>['items'][number];
export type DuesBaseRow = ResponseOf<'/api/dues/bases', 'get'>['items'][number];
export type DuesRun = ResponseOf<'/api/dues/runs', 'get'>['items'][number];
export type UnpaidRow = ResponseOf<'/api/dues/unpaid', 'get'>['items'][number];

export const CATEGORIES: readonly DuesCategory[] = ['employed', 'annual_salary', 'self_employed', 'retired', 'low_income', 'farmer', 'mobile'];
export const FIXED: readonly DuesCategory[] = ['low_income', 'farmer', 'mobile'];

export const categoryKey = (c: DuesCategory) => `dues.cat.${c}` as MessageKey;

/** 1234 分 → '12.34' (元); thousands grouped, 257278 分 → '2,572.78' (parseYuan reads it back). Integer arithmetic. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+$)/g, ',')}.${String(a % 100).padStart(2, '0')}`;
}

/** '4523.5' / '4,523.50' → 452350 分; null when not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,，\s]/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** '2026-11' → '2026年11月' / 'Nov 2026' is left to the dictionary; this keeps the plain form. */
export function monthLabel(ym: string, locale: string): string {
  const [y, m] = ym.split('-');
  return locale === 'en-US' ? `${y}-${m}` : `${y}年${Number(m)}月`;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export const duesKeys = {
  me: ['dues', 'me'] as const,
  ledger: (id: string) => ['dues', 'ledger', id] as const,
  report: (unit: string | undefined, month: string) => ['dues', 'report', unit ?? '', month] as const,
  unpaid: (unit: string | undefined, month: string, page: number) => ['dues', 'unpaid', unit ?? '', month, page] as const,
  runs: (page: number) => ['dues', 'runs', page] as const,
  bases: (unit: string | undefined, q: string, missing: boolean, page: number) => ['dues', 'bases', unit ?? '', q, missing, page] as const,
  baseHistory: (id: string) => ['dues', 'baseHistory', id] as const,
  alerts: (state: string, page: number) => ['dues', 'alerts', state, page] as const,
  requests: (state: string, mine: boolean, page: number) => ['dues', 'requests', state, mine, page] as const,
  settings: ['dues', 'settings'] as const,
};
