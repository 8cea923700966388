import { describe, expect, it } from 'vitest';
import {
  ALLOWED_FREQUENCIES, cellStatus, chinaDate, chinaDayEnd, DEFAULT_MEETING_SETTINGS, dueDate, dueSoonFrom, fulfilledBy, kindsDue, kindsHeldBy,
  meetingSettings, parsePeriod, periodChoices, periodForKind, periodOf, periodsFor, previousPeriod, reminderAt, summarizeCells, worstLight, yearBit,
  type CellFacts,
} from './rules.js';

const none: CellFacts = { onTime: false, late: false, planned: false };

// RULES.md §5 (《中国共产党支部工作条例（试行）》2018): the frequency of each item.
describe('frequencies (RULES.md §5)', () => {
  it('defaults to the table of §5', () => {
    expect(DEFAULT_MEETING_SETTINGS.frequency).toEqual({
      branch_assembly: 'quarter', // 支部党员大会: once a quarter
      committee: 'month', // 支部委员会会议: once a month
      group: 'month', // 党小组会: once a month
      lecture: 'quarter', // 党课: once a quarter (local practice; setting)
      theme_day: 'month', // 主题党日: a fixed day each month
      life_meeting: 'year', // 组织生活会: at least once a year, usually Q4
      evaluation: 'year', // 民主评议党员: once a year
    });
    expect(DEFAULT_MEETING_SETTINGS.lifeMeetingQuarter).toBe(4);
  });
  it('lets a tenant ask only for the regulation or more often', () => {
    expect(meetingSettings({ meetings: { frequency: { lecture: 'month', branch_assembly: 'year', committee: 'quarter' } } }).frequency)
      .toMatchObject({ lecture: 'month', branch_assembly: 'quarter', committee: 'month' });
    for (const [kind, allowed] of Object.entries(ALLOWED_FREQUENCIES)) {
      expect(allowed[0], kind).toBe(DEFAULT_MEETING_SETTINGS.frequency[kind as keyof typeof ALLOWED_FREQUENCIES]);
    }
    expect(meetingSettings(null)).toEqual(DEFAULT_MEETING_SETTINGS);
    expect(meetingSettings({ meetings: { themeDayOfMonth: 5 } }).themeDayOfMonth).toBe(5);
  });
});

describe('periods', () => {
  it('names months, quarters and years and knows their days', () => {
    expect(periodOf('2026-02-14', 'month')).toBe('2026-02');
    expect(periodOf('2026-05-01', 'quarter')).toBe('2026-Q2');
    expect(periodOf('2026-12-31', 'year')).toBe('2026');
    expect(parsePeriod('2024-02')).toMatchObject({ start: '2024-02-01', end: '2024-02-29', granularity: 'month' });
    expect(parsePeriod('2026-Q4')).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('2026-Q5')).toBeNull();
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-01')).toBe('2025-12');
  });
  it('shows the finer periods inside a view and the coarser one around it', () => {
    expect(periodsFor('2026', 'month')).toHaveLength(12);
    expect(periodsFor('2026', 'quarter')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsFor('2026-Q2', 'month')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(periodsFor('2026-05', 'quarter')).toEqual(['2026-Q2']);
    expect(periodsFor('2026-05', 'year')).toEqual(['2026']);
  });
  it('records a meeting for its own period or a missed earlier one, never a later one', () => {
    expect(periodForKind('branch_assembly', '2026-04-03')).toBe('2026-Q2');
    const choices = periodChoices('branch_assembly', '2026-04-03');
    expect(choices[0]).toBe('2026-Q2');
    expect(choices).toContain('2026-Q1');
    expect(choices).not.toContain('2026-Q3');
    expect(periodChoices('committee', '2026-04-03')).toHaveLength(13);
  });
  it('works in China days (Asia/Shanghai, UTC+8)', () => {
    expect(chinaDate(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(chinaDayEnd('2026-03-31').toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });
});

describe('what is due where (RULES.md §5 with §1)', () => {
  it('asks a branch without a 支委会 for no committee meetings and one without 党小组 for no group meetings', () => {
    // RULES.md §1: fewer than 7 正式党员 — a 书记, no 支委会.
    expect(kindsDue('branch', { hasCommittee: false, groups: 0 })).toEqual(['branch_assembly', 'lecture', 'theme_day', 'life_meeting', 'evaluation']);
    expect(kindsDue('branch', { hasCommittee: true, groups: 2 })).toHaveLength(7);
    expect(kindsDue('committee', { hasCommittee: true, groups: 0 })).toEqual([]);
  });
  it('lets a 党小组 hold only 党小组会', () => {
    expect(kindsHeldBy('party_group')).toEqual(['group']);
    expect(kindsHeldBy('branch')).not.toContain('group');
    expect(kindsHeldBy('committee')).toEqual([]);
  });
  it('puts 主题党日 on its fixed day and the rest at the end of their period', () => {
    expect(dueDate('theme_day', '2026-02')).toBe('2026-02-15');
    expect(dueDate('theme_day', '2026-02', { ...DEFAULT_MEETING_SETTINGS, themeDayOfMonth: 28 })).toBe('2026-02-28');
    expect(dueDate('branch_assembly', '2026-Q1')).toBe('2026-03-31');
    // 组织生活会: usually Q4 — amber from 1 October while none is held.
    expect(dueSoonFrom('life_meeting', '2026')).toBe('2026-10-01');
    expect(dueSoonFrom('committee', '2026-03')).toBe('2026-03-17');
  });
  it('counts a held 组织生活会 as the year’s 民主评议 when the tenant says so (RULES.md §5: may join)', () => {
    expect(fulfilledBy('evaluation')).toEqual(['evaluation', 'life_meeting']);
    expect(fulfilledBy('evaluation', { ...DEFAULT_MEETING_SETTINGS, evaluationWithLifeMeeting: false })).toEqual(['evaluation']);
    expect(fulfilledBy('committee')).toEqual(['committee']);
  });
});

describe('compliance of a cell (RULES.md §5)', () => {
  it('is green when held within the period, amber when held late, red when the period passed without one', () => {
    expect(cellStatus('branch_assembly', '2026-Q1', { ...none, onTime: true }, '2026-05-01')).toMatchObject({ light: 'green', reason: 'held' });
    expect(cellStatus('branch_assembly', '2026-Q1', { ...none, late: true }, '2026-05-01')).toMatchObject({ light: 'amber', reason: 'held_late' });
    expect(cellStatus('branch_assembly', '2026-Q1', none, '2026-04-01')).toMatchObject({ light: 'red', reason: 'missing' });
  });
  it('is amber when due soon, open before that, future before the period', () => {
    expect(cellStatus('committee', '2026-03', none, '2026-03-20')).toMatchObject({ light: 'amber', reason: 'due_soon' });
    expect(cellStatus('committee', '2026-03', none, '2026-03-10')).toMatchObject({ light: 'open', reason: 'not_due' });
    expect(cellStatus('committee', '2026-03', none, '2026-02-10')).toMatchObject({ light: 'future' });
    expect(cellStatus('life_meeting', '2026', none, '2026-09-30').light).toBe('open');
    expect(cellStatus('life_meeting', '2026', none, '2026-10-01').light).toBe('amber');
    expect(cellStatus('life_meeting', '2026', none, '2027-01-01').light).toBe('red');
  });
  it('shows a 主题党日 past its fixed day as overdue while the month lasts', () => {
    expect(cellStatus('theme_day', '2026-03', none, '2026-03-16')).toMatchObject({ light: 'amber', reason: 'overdue' });
    expect(cellStatus('theme_day', '2026-03', { ...none, planned: true }, '2026-03-16')).toMatchObject({ light: 'amber', planned: true });
    expect(cellStatus('theme_day', '2026-03', { ...none, onTime: true }, '2026-03-16').light).toBe('green');
  });
  it('summarizes a kind by its worst cell', () => {
    const cells = ['2026-01', '2026-02', '2026-03'].map((p, i) => cellStatus('committee', p, { ...none, onTime: i !== 1 }, '2026-03-05'));
    expect(summarizeCells(cells)).toMatchObject({ light: 'red', held: 2, missing: 1 });
    expect(worstLight(['green', 'amber', 'open'])).toBe('amber');
    expect(worstLight([])).toBe('future');
  });
  it('reminds the configured hours before the start', () => {
    expect(reminderAt(new Date('2026-03-10T06:00:00Z')).toISOString()).toBe('2026-03-09T06:00:00.000Z');
  });
});

describe('words', () => {
  it('titles meetings the usual way', async () => {
    const { defaultTitle, periodLabel, chinaTimeText } = await import('./rules.js');
    expect(defaultTitle('branch_assembly', '2026-Q1')).toBe('2026年第一季度支部党员大会');
    expect(defaultTitle('committee', '2026-03')).toBe('2026年3月支部委员会会议');
    expect(defaultTitle('life_meeting', '2026')).toBe('2026年度组织生活会');
    expect(periodLabel('2026-Q4')).toBe('2026年第四季度');
    expect(chinaTimeText(new Date('2026-03-20T06:30:00Z'))).toBe('2026年3月20日 14:30');
  });
});

describe('yearBit (migration 0039 zg_period_bit)', () => {
  it('numbers the year 0, the quarters 1–4 and the months 5–16', () => {
    expect(['2026', '2026-Q1', '2026-Q4', '2026-01', '2026-12'].map(yearBit)).toEqual([0, 1, 4, 5, 16]);
  });
});
