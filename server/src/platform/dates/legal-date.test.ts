import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, addYears, compareDates, dayOfWeek, daysBetween, daysInMonth, fromDayNumber, isLegalDate, isWeekend,
  maxDate, minDate, parseDate, toDayNumber, wholeMonthsBetween, wholeYearsBetween, yearMonth,
} from './legal-date.js';

describe('legal dates', () => {
  it('accepts only real calendar dates in YYYY-MM-DD', () => {
    expect(isLegalDate('2026-02-28')).toBe(true);
    expect(isLegalDate('2024-02-29')).toBe(true);
    expect(isLegalDate('2026-02-29')).toBe(false);
    expect(isLegalDate('1900-02-29')).toBe(false);
    expect(isLegalDate('2000-02-29')).toBe(true);
    expect(isLegalDate('2026-13-01')).toBe(false);
    expect(isLegalDate('2026-1-5')).toBe(false);
    expect(isLegalDate('2026-01-05T00:00:00Z')).toBe(false);
    expect(isLegalDate(20260105)).toBe(false);
    expect(parseDate('2026-04-30')).toEqual({ year: 2026, month: 4, day: 30 });
    expect(daysInMonth(2026, 2)).toBe(28);
  });

  it('converts to and from day numbers without time-zone drift', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2026-03-01'))).toBe('2026-03-01');
    expect(fromDayNumber(toDayNumber('0099-12-31'))).toBe('0099-12-31');
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('2026-02-14')).toBe(6); // Saturday
    expect(isWeekend('2026-02-15')).toBe(true);
    expect(isWeekend('2026-02-16')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-01-10', '2026-01-01')).toBe(-9);
  });

  it('adds months with end-of-month clamping', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('counts whole months and whole years (周岁, 党龄)', () => {
    expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(wholeMonthsBetween('2026-01-15', '2026-02-14')).toBe(0);
    expect(wholeMonthsBetween('2026-01-15', '2026-02-15')).toBe(1);
    expect(wholeMonthsBetween('2026-03-01', '2026-01-01')).toBe(0);
    expect(wholeYearsBetween('2008-06-15', '2026-06-14')).toBe(17);
    expect(wholeYearsBetween('2008-06-15', '2026-06-15')).toBe(18);
    expect(wholeYearsBetween('2008-02-29', '2026-02-28')).toBe(18);
    expect(wholeYearsBetween('2008-03-31', '2026-03-30')).toBe(17);
    expect(wholeYearsBetween('2026-06-15', '2020-01-01')).toBe(0);
  });

  it('compares and picks dates', () => {
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(maxDate('2026-01-02', '2025-12-31')).toBe('2026-01-02');
    expect(minDate('2026-01-02', '2025-12-31')).toBe('2025-12-31');
    expect(yearMonth('2026-10-09')).toBe('2026-10');
  });
});
