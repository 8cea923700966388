/**
 * Legal dates (RULES.md, ARCHITECTURE.md "Dates that are legal dates are `date`"): a day in the calendar, written
 * 'YYYY-MM-DD', with no time of day and no time zone. Application dates, 支部大会 dates, term starts and letter
 * issue dates are all legal dates. These helpers never read the clock: "today" is always passed in.
 *
 * Arithmetic goes through a day number (days since 1970-01-01 in the proleptic Gregorian calendar), computed with
 * `Date.UTC`, so the server's time zone can never shift a date by one.
 */

/** A legal date, 'YYYY-MM-DD'. A plain string alias: validate input with `isLegalDate`. */
export type LegalDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface DateParts { year: number; month: number; day: number }

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Parts of a 'YYYY-MM-DD' string, or null when it is not a real calendar date (2026-02-30, 2026-13-01, '2026-1-5'). */
export function parseDate(value: string): DateParts | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isLegalDate(value: unknown): value is LegalDate {
  return typeof value === 'string' && parseDate(value) !== null;
}

function mustParse(value: LegalDate): DateParts {
  const p = parseDate(value);
  if (!p) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return p;
}

export function formatDate(year: number, month: number, day: number): LegalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day number: days since 1970-01-01. */
export function toDayNumber(date: LegalDate): number {
  const { year, month, day } = mustParse(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, does not remap years 0–99
  return Math.round(d.getTime() / MS_PER_DAY);
}

export function fromDayNumber(n: number): LegalDate {
  const d = new Date(n * MS_PER_DAY);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Day of the week: 0 Sunday, 1 Monday … 6 Saturday. */
export function dayOfWeek(date: LegalDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function isWeekend(date: LegalDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function addDays(date: LegalDate, days: number): LegalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Calendar months later (or earlier, with a negative `months`). The day clamps to the end of a shorter month:
 * 2026-01-31 + 1 month = 2026-02-28; 2024-01-31 + 1 month = 2024-02-29.
 */
export function addMonths(date: LegalDate, months: number): LegalDate {
  const { year, month, day } = mustParse(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Calendar years later (or earlier); 29 February clamps to 28 February in a common year. */
export function addYears(date: LegalDate, years: number): LegalDate {
  return addMonths(date, years * 12);
}

/** `b − a` in days (negative when b is earlier). */
export function daysBetween(a: LegalDate, b: LegalDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** -1, 0 or 1. 'YYYY-MM-DD' strings of valid dates also compare correctly as strings; this checks them. */
export function compareDates(a: LegalDate, b: LegalDate): number {
  const d = toDayNumber(a) - toDayNumber(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export function isBefore(a: LegalDate, b: LegalDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: LegalDate, b: LegalDate): boolean {
  return compareDates(a, b) > 0;
}

export function maxDate(a: LegalDate, b: LegalDate): LegalDate {
  return isAfter(a, b) ? a : b;
}

export function minDate(a: LegalDate, b: LegalDate): LegalDate {
  return isBefore(a, b) ? a : b;
}

/**
 * Whole calendar months from `from` to `to` (0 when `to` is earlier): the largest n with addMonths(from, n) ≤ to.
 * 2026-01-31 → 2026-02-28 is 1 month (the clamped month end counts as reached).
 */
export function wholeMonthsBetween(from: LegalDate, to: LegalDate): number {
  if (isBefore(to, from)) return 0;
  const f = mustParse(from);
  const t = mustParse(to);
  let n = (t.year - f.year) * 12 + (t.month - f.month);
  while (n > 0 && isAfter(addMonths(from, n), to)) n -= 1;
  return n;
}

/**
 * Whole years from `from` to `to`: age (周岁) on `to` of a person born on `from`, or 党龄 from the 转正 date.
 * 0 when `to` is earlier. Someone born on 29 February reaches a new year on 28 February in a common year.
 */
export function wholeYearsBetween(from: LegalDate, to: LegalDate): number {
  return Math.floor(wholeMonthsBetween(from, to) / 12);
}

/** 'YYYY-MM' of a date. */
export function yearMonth(date: LegalDate): string {
  return date.slice(0, 7);
}
