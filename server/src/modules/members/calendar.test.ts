import { describe, expect, it } from 'vitest';
import { dayOfWeek, isWeekend } from '../../platform/dates/legal-date.js';
import {
  addWorkingDays, buildCalendar, coversDate, DEFAULT_CALENDAR, DEFAULT_HOLIDAY_ROWS, isWorkingDay, publicityEndsOn, workingDaysBetween,
} from './calendar.js';

const cal = DEFAULT_CALENDAR;
const days = (name: string, year: string, kind: 'holiday' | 'workday') =>
  DEFAULT_HOLIDAY_ROWS.filter((r) => r.name === name && r.kind === kind && r.date.startsWith(year)).map((r) => r.date);

// RULES.md §2: 公示 counts working days of the official holiday calendar (a table the tenant updates each year).
describe('working-day calendar', () => {
  it('treats Monday–Friday as working days and weekends as rest days when the table says nothing', () => {
    const empty = buildCalendar([]);
    expect(isWorkingDay(empty, '2027-03-05')).toBe(true); // Friday
    expect(isWorkingDay(empty, '2027-03-06')).toBe(false); // Saturday
    expect(coversDate(empty, '2027-03-05')).toBe(false);
    expect(coversDate(cal, '2026-03-05')).toBe(true);
    expect(coversDate(cal, '2027-03-05')).toBe(false);
  });

  it('holds the 2026 State Council arrangement: spans and 调休 working days', () => {
    expect(days('元旦', '2026', 'holiday')).toHaveLength(3);
    expect(days('春节', '2026', 'holiday')).toHaveLength(9);
    expect(days('清明节', '2026', 'holiday')).toHaveLength(3);
    expect(days('劳动节', '2026', 'holiday')).toHaveLength(5);
    expect(days('端午节', '2026', 'holiday')).toHaveLength(3);
    expect(days('中秋节', '2026', 'holiday')).toHaveLength(3);
    expect(days('国庆节', '2026', 'holiday')).toHaveLength(7);
    const workdays2026 = DEFAULT_HOLIDAY_ROWS.filter((r) => r.kind === 'workday' && r.date.startsWith('2026')).map((r) => r.date);
    expect(workdays2026).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    // the notice names the weekday of each: 1月4日(周日) 2月14日(周六) 2月28日(周六) 5月9日(周六) 9月20日(周日) 10月10日(周六)
    expect(workdays2026.map(dayOfWeek)).toEqual([0, 6, 6, 6, 0, 6]);
    expect(dayOfWeek('2026-02-15')).toBe(0); // 春节 2月15日(周日)
    expect(dayOfWeek('2026-10-07')).toBe(3); // 国庆 至7日(周三)
  });

  it('holds the 2025 arrangement', () => {
    expect(days('春节', '2025', 'holiday')).toHaveLength(8);
    expect(days('国庆节、中秋节', '2025', 'holiday')).toHaveLength(8);
    const workdays2025 = DEFAULT_HOLIDAY_ROWS.filter((r) => r.kind === 'workday' && r.date.startsWith('2025')).map((r) => r.date);
    expect(workdays2025.every(isWeekend)).toBe(true);
    expect(workdays2025).toHaveLength(5);
  });

  it('every 调休 working day is a weekend day and no row is listed twice', () => {
    for (const r of DEFAULT_HOLIDAY_ROWS.filter((row) => row.kind === 'workday')) expect(isWeekend(r.date)).toBe(true);
    expect(new Set(DEFAULT_HOLIDAY_ROWS.map((r) => r.date)).size).toBe(DEFAULT_HOLIDAY_ROWS.length);
    expect(() => buildCalendar([{ date: '2026-01-01', kind: 'holiday' }, { date: '2026-01-01', kind: 'workday' }])).toThrow();
    expect(() => buildCalendar([{ date: '2026-02-30', kind: 'holiday' }])).toThrow();
  });

  it('knows holidays and 调休 Saturdays', () => {
    expect(isWorkingDay(cal, '2026-01-01')).toBe(false); // 元旦, Thursday
    expect(isWorkingDay(cal, '2026-01-02')).toBe(false); // Friday off
    expect(isWorkingDay(cal, '2026-01-04')).toBe(true); // Sunday worked
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // Saturday worked
    expect(isWorkingDay(cal, '2026-02-23')).toBe(false); // Monday, last day of 春节
    expect(isWorkingDay(cal, '2026-02-24')).toBe(true);
  });

  it('adds working days across the 春节 break', () => {
    // Friday 2026-02-13 + 1 working day = Saturday 2026-02-14 (调休), + 2 = Tuesday 2026-02-24
    expect(addWorkingDays(cal, '2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays(cal, '2026-02-13', 2)).toBe('2026-02-24');
    expect(addWorkingDays(cal, '2026-02-24', -2)).toBe('2026-02-13');
    expect(addWorkingDays(cal, '2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
    expect(addWorkingDays(cal, '2026-03-06', 0)).toBe('2026-03-06');
    expect(() => addWorkingDays(cal, '2026-03-06', 1.5)).toThrow(RangeError);
  });

  it('counts working days in a closed range', () => {
    expect(workingDaysBetween(cal, '2026-03-02', '2026-03-06')).toBe(5);
    expect(workingDaysBetween(cal, '2026-03-02', '2026-03-08')).toBe(5);
    expect(workingDaysBetween(cal, '2026-03-06', '2026-03-02')).toBe(0);
    // 国庆 week: Mon 9-28 … Sun 10-11 has Mon–Fri 9-28..10-2 (3 worked: 28, 29, 30) and 10-8, 10-9, 10-10 (Sat worked)
    expect(workingDaysBetween(cal, '2026-09-28', '2026-10-11')).toBe(6);
  });

  it('ends a 5-working-day 公示 on the right day, counting the first day when it is a working day', () => {
    expect(publicityEndsOn(cal, '2026-03-02', 5)).toBe('2026-03-06');
    expect(publicityEndsOn(cal, '2026-03-07', 5)).toBe('2026-03-13'); // starts on a Saturday: Mon–Fri counted
    expect(publicityEndsOn(cal, '2026-09-28', 5)).toBe('2026-10-09'); // 28, 29, 30, then 10-8, 10-9
    expect(publicityEndsOn(cal, '2026-09-28', 7)).toBe('2026-10-12'); // … 10-10 (Sat, worked), 10-12
  });
});
