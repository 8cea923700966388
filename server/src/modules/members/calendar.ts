import { addDays, dayOfWeek, isBefore, isLegalDate, parseDate, type LegalDate } from '../../platform/dates/legal-date.js';

/**
 * Working days (工作日) for 公示 periods (RULES.md §2: "Working days follow the official Chinese holiday calendar (a data
 * table the tenant can update each year)").
 *
 * A day is a working day when it is Monday–Friday and not a listed holiday, or when it is a weekend day listed as a
 * 调休 working day. The table is data: the default rows below seed a new tenant; the tenant adds each year's rows when
 * the State Council publishes them (usually in November for the next year).
 */

export interface HolidayRow {
  date: LegalDate;
  /** 'holiday': a day off (放假); 'workday': a weekend day that is worked (调休上班). */
  kind: 'holiday' | 'workday';
  /** e.g. '春节' — for display only. */
  name?: string;
}

export interface WorkingCalendar {
  readonly holidays: ReadonlySet<LegalDate>;
  readonly workdays: ReadonlySet<LegalDate>;
  /** Years that have rows in the table. For other years only weekends are known: see `coversDate`. */
  readonly years: ReadonlySet<number>;
}

/** Build a calendar from table rows. Throws on a malformed date or a date listed both ways (a data error). */
export function buildCalendar(rows: readonly HolidayRow[]): WorkingCalendar {
  const holidays = new Set<LegalDate>();
  const workdays = new Set<LegalDate>();
  const years = new Set<number>();
  for (const row of rows) {
    if (!isLegalDate(row.date)) throw new RangeError(`holiday table: not a date: ${JSON.stringify(row.date)}`);
    (row.kind === 'holiday' ? holidays : workdays).add(row.date);
    years.add(Number(row.date.slice(0, 4)));
  }
  for (const d of holidays) if (workdays.has(d)) throw new RangeError(`holiday table: ${d} is listed as both holiday and workday`);
  return { holidays, workdays, years };
}

/** Whether the table has the official arrangement for the year of `date` (if not, the answer counts weekends only). */
export function coversDate(cal: WorkingCalendar, date: LegalDate): boolean {
  return cal.years.has(parseDate(date)?.year ?? Number.NaN);
}

export function isWorkingDay(cal: WorkingCalendar, date: LegalDate): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const d = dayOfWeek(date);
  return d !== 0 && d !== 6;
}

/**
 * The date `n` working days after `start` (start itself not counted): addWorkingDays(Friday, 1) is the next Monday.
 * With a negative `n`, counts backwards. `n = 0` returns `start` unchanged.
 */
export function addWorkingDays(cal: WorkingCalendar, start: LegalDate, n: number): LegalDate {
  if (!Number.isInteger(n)) throw new RangeError('addWorkingDays: n must be a whole number');
  const step = n < 0 ? -1 : 1;
  let date = start;
  let left = Math.abs(n);
  while (left > 0) {
    date = addDays(date, step);
    if (isWorkingDay(cal, date)) left -= 1;
  }
  return date;
}

/** Working days in the closed range [a, b], both ends included; 0 when b is before a. */
export function workingDaysBetween(cal: WorkingCalendar, a: LegalDate, b: LegalDate): number {
  let count = 0;
  for (let d = a; !isBefore(b, d); d = addDays(d, 1)) if (isWorkingDay(cal, d)) count += 1;
  return count;
}

/**
 * Last day of a 公示 that starts on `start` and lasts `workingDays` working days, counting `start` when it is a working
 * day: a 5-working-day 公示 from Monday 2026-03-02 ends Friday 2026-03-06.
 */
export function publicityEndsOn(cal: WorkingCalendar, start: LegalDate, workingDays: number): LegalDate {
  if (workingDays < 1) return start;
  return addWorkingDays(cal, start, isWorkingDay(cal, start) ? workingDays - 1 : workingDays);
}

function span(from: LegalDate, to: LegalDate, name: string): HolidayRow[] {
  const rows: HolidayRow[] = [];
  for (let d = from; !isBefore(to, d); d = addDays(d, 1)) rows.push({ date: d, kind: 'holiday', name });
  return rows;
}

function worked(name: string, ...dates: LegalDate[]): HolidayRow[] {
  return dates.map((date) => ({ date, kind: 'workday', name }));
}

/**
 * Seed rows: the State Council arrangements (国务院办公厅关于部分节假日安排的通知) for 2025 (国办发明电〔2024〕12号,
 * published 2024-11-12) and 2026 (published 2025-11-04, Xinhua). Checked against the published text; every span and
 * every 调休 weekday is also checked by the tests (weekday of each 调休 day, number of days in each span).
 * Later years: the tenant adds them (the platform operator may publish them to all tenants).
 */
export const DEFAULT_HOLIDAY_ROWS: readonly HolidayRow[] = [
  // 2025
  ...span('2025-01-01', '2025-01-01', '元旦'),
  ...span('2025-01-28', '2025-02-04', '春节'), ...worked('春节', '2025-01-26', '2025-02-08'),
  ...span('2025-04-04', '2025-04-06', '清明节'),
  ...span('2025-05-01', '2025-05-05', '劳动节'), ...worked('劳动节', '2025-04-27'),
  ...span('2025-05-31', '2025-06-02', '端午节'),
  ...span('2025-10-01', '2025-10-08', '国庆节、中秋节'), ...worked('国庆节、中秋节', '2025-09-28', '2025-10-11'),
  // 2026
  ...span('2026-01-01', '2026-01-03', '元旦'), ...worked('元旦', '2026-01-04'),
  ...span('2026-02-15', '2026-02-23', '春节'), ...worked('春节', '2026-02-14', '2026-02-28'),
  ...span('2026-04-04', '2026-04-06', '清明节'),
  ...span('2026-05-01', '2026-05-05', '劳动节'), ...worked('劳动节', '2026-05-09'),
  ...span('2026-06-19', '2026-06-21', '端午节'),
  ...span('2026-09-25', '2026-09-27', '中秋节'),
  ...span('2026-10-01', '2026-10-07', '国庆节'), ...worked('国庆节', '2026-09-20', '2026-10-10'),
];

export const DEFAULT_CALENDAR: WorkingCalendar = buildCalendar(DEFAULT_HOLIDAY_ROWS);
