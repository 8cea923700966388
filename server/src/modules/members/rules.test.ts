import { describe, expect, it } from 'vitest';
import { buildCalendar, DEFAULT_CALENDAR, DEFAULT_HOLIDAY_ROWS } from './calendar.js';
import { checkProbationExtension, checkPublicity, checkStep, stepDate } from './development-rules.js';
import {
  ageOn, DEFAULT_DEVELOPMENT_SETTINGS, developmentSettings, fullMembershipDate, nextStep, partyAgeYears, probationEndsOn,
  type DevelopmentFacts, type Violation,
} from './rules.js';

const S = DEFAULT_DEVELOPMENT_SETTINGS;
const CAL = DEFAULT_CALENDAR;
// 2027 is not in the seed table; tests of 转正 in 2027 add its 元旦 row so the year counts as covered.
const CAL_2027 = buildCalendar([...DEFAULT_HOLIDAY_ROWS, { date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
const codes = (v: Violation[]) => v.map((x) => x.code);

/** One person's complete, rule-abiding record. Each test takes the part it needs and breaks one rule. */
const RECORD: DevelopmentFacts = {
  status: 'none',
  birthDate: '2000-03-10',
  appliedOn: '2024-09-02',
  talkedOn: '2024-09-20',
  activistOn: '2024-12-02',
  contactCount: 2,
  candidateOn: '2025-12-15',
  politicalReviewOn: '2026-01-20',
  training: { days: 3, hours: 24 },
  introducers: [{ status: 'full' }, { status: 'full' }],
  pretrialSubmittedOn: '2026-02-02',
  pretrialOn: '2026-02-26',
  admissionMeetingOn: '2026-03-10',
  admissionApprovedOn: '2026-04-20',
  fullMeetingOn: '2027-03-12',
  fullApprovedOn: '2027-04-01',
  publicity: {
    candidate: { from: '2025-12-01', to: '2025-12-05' },
    probationary: { from: '2026-03-02', to: '2026-03-06' },
    full: { from: '2027-03-01', to: '2027-03-05' },
  },
};
const at = (status: DevelopmentFacts['status'], changes: Partial<DevelopmentFacts> = {}): DevelopmentFacts => ({ ...RECORD, status, ...changes });

describe('status chain (RULES.md §2)', () => {
  // RULES.md §2: 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员.
  it('moves one step at a time', () => {
    expect(nextStep('none')).toBe('applicant');
    expect(nextStep('activist')).toBe('candidate');
    expect(nextStep('probationary')).toBe('full');
    expect(nextStep('full')).toBeNull();
    const v = checkStep('candidate', at('applicant'), '2026-01-01', S, CAL);
    expect(v[0]).toMatchObject({ code: 'status_order', severity: 'block', overridable: false, params: { expectedStatus: 'activist' } });
  });

  it('needs the step date, not in the future and not before the previous step', () => {
    expect(codes(checkStep('applicant', at('none', { appliedOn: null }), '2026-01-01', S, CAL))).toEqual(['date_missing']);
    expect(checkStep('applicant', at('none', { appliedOn: '2026-01-02' }), '2026-01-01', S, CAL))
      .toMatchObject([{ code: 'date_in_future', overridable: false }]);
    expect(checkStep('activist', at('applicant', { activistOn: '2024-08-01' }), '2026-01-01', S, CAL).map((v) => v.code)).toContain('date_order');
    expect(stepDate('probationary', RECORD)).toBe('2026-04-20');
    expect(stepDate('full', RECORD)).toBe('2027-04-01');
  });
});

describe('入党申请人 (RULES.md §2)', () => {
  // RULES.md §2: applicant is at least 18 years old.
  it('accepts an applicant aged 18 on the application date and refuses one aged 17', () => {
    expect(checkStep('applicant', at('none', { birthDate: '2008-06-15', appliedOn: '2026-06-15' }), '2026-06-15', S, CAL)).toEqual([]);
    const v = checkStep('applicant', at('none', { birthDate: '2008-06-15', appliedOn: '2026-06-14' }), '2026-06-14', S, CAL);
    expect(v).toMatchObject([{ code: 'under_age', severity: 'block', overridable: true, params: { age: 17, minimum: 18, eligibleOn: '2026-06-15' } }]);
    expect(v[0]?.rule).toMatch(/^RULES\.md §2/);
    expect(v[0]?.message.zh).toContain('年满18周岁');
    expect(codes(checkStep('applicant', at('none', { birthDate: null }), '2026-01-01', S, CAL))).toEqual(['birth_date_missing']);
  });
});

describe('入党积极分子 (RULES.md §2)', () => {
  // RULES.md §2: the branch talks with the applicant within 1 month of the application (a reminder, not a block).
  it('warns when the talk came later than a month after the application, or is not recorded', () => {
    expect(checkStep('activist', at('applicant'), '2026-01-01', S, CAL)).toEqual([]);
    expect(checkStep('activist', at('applicant', { talkedOn: '2024-10-02' }), '2026-01-01', S, CAL)).toEqual([]);
    expect(checkStep('activist', at('applicant', { talkedOn: '2024-10-03' }), '2026-01-01', S, CAL))
      .toMatchObject([{ code: 'talk_late', severity: 'warning', params: { dueBy: '2024-10-02' } }]);
    expect(checkStep('activist', at('applicant', { talkedOn: null }), '2026-01-01', S, CAL)).toMatchObject([{ code: 'talk_late', severity: 'warning' }]);
  });

  // RULES.md §2: 积极分子: 1–2 培养联系人 assigned.
  it('needs 1 or 2 培养联系人', () => {
    expect(checkStep('activist', at('applicant', { contactCount: 1 }), '2026-01-01', S, CAL)).toEqual([]);
    expect(checkStep('activist', at('applicant', { contactCount: 0 }), '2026-01-01', S, CAL)).toMatchObject([{ code: 'contacts_count', severity: 'block' }]);
    expect(codes(checkStep('activist', at('applicant', { contactCount: 3 }), '2026-01-01', S, CAL))).toEqual(['contacts_count']);
  });
});

describe('发展对象 (RULES.md §2)', () => {
  // RULES.md §2: at least 1 year as 积极分子 before becoming 发展对象.
  it('needs a full year as 积极分子', () => {
    const notice = { candidate: { from: '2025-11-24', to: '2025-11-28' } };
    expect(checkStep('candidate', at('activist', { candidateOn: '2025-12-02', publicity: notice }), '2026-01-01', S, CAL)).toEqual([]);
    expect(checkStep('candidate', at('activist', { candidateOn: '2025-12-01', publicity: notice }), '2026-01-01', S, CAL))
      .toMatchObject([{ code: 'activist_period_short', severity: 'block', overridable: true, params: { eligibleOn: '2025-12-02' } }]);
    expect(codes(checkStep('candidate', at('activist', { activistOn: null }), '2026-01-01', S, CAL))).toEqual(['activist_date_missing']);
  });

  // RULES.md §2: 公示 before 发展对象 of at least 5 working days (setting; some places use 7).
  it('needs a 公示 of at least 5 working days, finished before the decision', () => {
    expect(codes(checkStep('candidate', at('activist', { publicity: {} }), '2026-01-01', S, CAL))).toEqual(['publicity_missing']);
    const short = checkStep('candidate', at('activist', { publicity: { candidate: { from: '2025-12-01', to: '2025-12-04' } } }), '2026-01-01', S, CAL);
    expect(short).toMatchObject([{ code: 'publicity_short', params: { workingDays: 4, required: 5, endsOn: '2025-12-05' } }]);
    const seven = developmentSettings({ development: { publicityWorkingDays: 7 } });
    expect(checkStep('candidate', at('activist'), '2026-01-01', seven, CAL)).toMatchObject([{ code: 'publicity_short', params: { required: 7, endsOn: '2025-12-09' } }]);
    const late = checkStep('candidate', at('activist', { publicity: { candidate: { from: '2025-12-10', to: '2025-12-16' } } }), '2026-01-01', S, CAL);
    expect(codes(late)).toEqual(['publicity_not_finished']);
  });

  it('counts 公示 working days with the holiday calendar', () => {
    // 2025-09-29 (Mon) … 2025-10-10 (Fri): 29, 30 worked, 10-1…10-8 off, 10-9, 10-10 worked = 4; with 10-11 (Saturday, 调休) = 5
    const f = (to: string) => at('activist', { candidateOn: '2025-12-15', publicity: { candidate: { from: '2025-09-29', to } } });
    expect(codes(checkPublicity('candidate', f('2025-10-10'), '2025-12-15', S, CAL))).toEqual(['publicity_short']);
    expect(checkPublicity('candidate', f('2025-10-11'), '2025-12-15', S, CAL)).toEqual([]);
    // without a calendar, or outside its years: counted by weekends, with a warning
    expect(codes(checkPublicity('candidate', f('2025-10-03'), '2025-12-15', S))).toEqual(['calendar_unavailable']);
    const y2027 = at('activist', { publicity: { candidate: { from: '2027-03-01', to: '2027-03-05' } } });
    expect(codes(checkPublicity('candidate', y2027, '2027-03-10', S, CAL))).toEqual(['calendar_missing_year']);
    expect(codes(checkPublicity('candidate', at('activist', { publicity: { candidate: { from: '2025-12-05', to: '2025-12-01' } } }), '2025-12-15', S, CAL))).toEqual(['date_order']);
  });
});

describe('预备党员 (RULES.md §2)', () => {
  const today = '2026-05-01';
  it('accepts a complete record', () => {
    expect(checkStep('probationary', at('candidate'), today, S, CAL)).toEqual([]);
  });

  // RULES.md §2: 发展对象: 政审 done; 集中培训 of at least 3 days or 24 学时; 2 入党介绍人 who are 正式党员.
  it('needs 政审, training of 3 days or 24 学时, and 2 正式党员 introducers', () => {
    expect(codes(checkStep('probationary', at('candidate', { politicalReviewOn: null }), today, S, CAL))).toEqual(['political_review_missing']);
    expect(checkStep('probationary', at('candidate', { training: { days: 2, hours: 24 } }), today, S, CAL)).toEqual([]);
    expect(checkStep('probationary', at('candidate', { training: { days: 3, hours: 20 } }), today, S, CAL)).toEqual([]);
    expect(checkStep('probationary', at('candidate', { training: { days: 2, hours: 23 } }), today, S, CAL))
      .toMatchObject([{ code: 'training_short', severity: 'block', params: { days: 2, hours: 23, minimumHours: 24 } }]);
    expect(codes(checkStep('probationary', at('candidate', { training: null }), today, S, CAL))).toEqual(['training_short']);
    expect(checkStep('probationary', at('candidate', { introducers: [{ status: 'full' }, { status: 'probationary' }] }), today, S, CAL))
      .toMatchObject([{ code: 'introducers', params: { introducers: 2, fullMembers: 1, required: 2 } }]);
    expect(codes(checkStep('probationary', at('candidate', { introducers: [{ status: 'full' }] }), today, S, CAL))).toEqual(['introducers']);
  });

  // RULES.md §2: 预审 by the higher 党委 within 1 month; 支部大会 within 1 month of 预审.
  it('needs the 预审 and warns when 预审 or 支部大会 came late', () => {
    expect(checkStep('probationary', at('candidate', { pretrialOn: null }), today, S, CAL)).toMatchObject([{ code: 'pretrial_missing', overridable: false }]);
    expect(checkStep('probationary', at('candidate', { pretrialSubmittedOn: '2026-01-20' }), today, S, CAL))
      .toMatchObject([{ code: 'pretrial_late', severity: 'warning', params: { dueBy: '2026-02-20' } }]);
    expect(checkStep('probationary', at('candidate', { pretrialOn: '2026-02-09' }), today, S, CAL))
      .toMatchObject([{ code: 'meeting_late', severity: 'warning', params: { dueBy: '2026-03-09' } }]);
    expect(codes(checkStep('probationary', at('candidate', { admissionMeetingOn: null }), today, S, CAL))).toEqual(['meeting_missing']);
    expect(codes(checkStep('probationary', at('candidate', { admissionMeetingOn: '2026-02-25', publicity: { probationary: { from: '2026-02-09', to: '2026-02-13' } } }), today, S, CAL))).toEqual(['date_order']);
  });

  // RULES.md §2: 党委 approval within 3 months of the 支部大会 (never more than 6).
  it('refuses approval later than 3 months (overridable) and later than 6 months (never)', () => {
    expect(checkStep('probationary', at('candidate', { admissionApprovedOn: '2026-06-10' }), '2026-12-31', S, CAL)).toEqual([]);
    expect(checkStep('probationary', at('candidate', { admissionApprovedOn: '2026-06-11' }), '2026-12-31', S, CAL))
      .toMatchObject([{ code: 'approval_late', severity: 'block', overridable: true, params: { dueBy: '2026-06-10', limit: '2026-09-10' } }]);
    expect(checkStep('probationary', at('candidate', { admissionApprovedOn: '2026-09-10' }), '2026-12-31', S, CAL)).toMatchObject([{ code: 'approval_late' }]);
    expect(checkStep('probationary', at('candidate', { admissionApprovedOn: '2026-09-11' }), '2026-12-31', S, CAL))
      .toMatchObject([{ code: 'approval_too_late', severity: 'block', overridable: false }]);
  });

  // RULES.md §2: 公示 before 预备党员.
  it('needs the 公示 before the 支部大会', () => {
    expect(codes(checkStep('probationary', at('candidate', { publicity: { candidate: RECORD.publicity?.candidate ?? { from: '', to: '' } } }), today, S, CAL))).toEqual(['publicity_missing']);
    expect(codes(checkStep('probationary', at('candidate', { publicity: { probationary: { from: '2026-03-09', to: '2026-03-13' } } }), today, S, CAL))).toEqual(['publicity_not_finished']);
  });
});

describe('转正 (RULES.md §2)', () => {
  const today = '2027-06-01';
  it('accepts 转正 discussed once the 预备期 is over', () => {
    expect(checkStep('full', at('probationary'), today, S, CAL_2027)).toEqual([]);
    expect(checkStep('full', at('probationary', { fullMeetingOn: '2027-03-10' }), today, S, CAL_2027)).toEqual([]);
  });

  // RULES.md §2: 预备期 is 1 year from the 支部大会 date; it may be extended by at least 6 months and at most 1 year.
  it('refuses 转正 before the 预备期 (with any extension) is over', () => {
    expect(checkStep('full', at('probationary', { fullMeetingOn: '2027-03-09' }), today, S, CAL_2027))
      .toMatchObject([{ code: 'probation_not_over', severity: 'block', params: { probationEndsOn: '2027-03-10' } }]);
    const extended = at('probationary', { probationExtensionMonths: 6, fullMeetingOn: '2027-09-10', fullApprovedOn: '2027-10-08', publicity: { full: { from: '2027-08-30', to: '2027-09-03' } } });
    expect(checkStep('full', extended, '2027-12-01', S, CAL_2027)).toEqual([]);
    expect(checkStep('full', { ...extended, fullMeetingOn: '2027-09-09' }, '2027-12-01', S, CAL_2027)).toMatchObject([{ code: 'probation_not_over', params: { extensionMonths: 6 } }]);
    expect(codes(checkStep('full', { ...extended, probationExtensionMonths: 3 }, '2027-12-01', S, CAL_2027))).toEqual(['extension_out_of_range']);
    expect(codes(checkStep('full', at('probationary', { admissionMeetingOn: null }), today, S, CAL_2027))).toEqual(['admission_meeting_missing']);
    expect(codes(checkStep('full', at('probationary', { fullMeetingOn: null }), today, S, CAL_2027))).toEqual(['meeting_missing']);
  });

  it('limits an extension of the 预备期 to 6–12 whole months', () => {
    expect(checkProbationExtension(6)).toEqual([]);
    expect(checkProbationExtension(12)).toEqual([]);
    expect(checkProbationExtension(5)).toMatchObject([{ code: 'extension_out_of_range', overridable: false }]);
    expect(codes(checkProbationExtension(13))).toEqual(['extension_out_of_range']);
    expect(codes(checkProbationExtension(6.5))).toEqual(['extension_out_of_range']);
  });

  it('applies the approval limits and 公示 to 转正 too', () => {
    expect(codes(checkStep('full', at('probationary', { fullApprovedOn: '2027-06-13' }), '2027-07-01', S, CAL_2027))).toEqual(['approval_late']);
    expect(codes(checkStep('full', at('probationary', { publicity: {} }), today, S, CAL_2027))).toEqual(['publicity_missing']);
  });
});

describe('dates derived from the record (RULES.md §2)', () => {
  // RULES.md §2: 预备期 is 1 year from the 支部大会 date; 党龄 counts from 转正.
  it('computes the end of the 预备期 and the 转正 date', () => {
    expect(probationEndsOn('2026-03-10')).toBe('2027-03-10');
    expect(probationEndsOn('2026-03-10', 6)).toBe('2027-09-10');
    expect(probationEndsOn('2024-02-29')).toBe('2025-02-28');
    expect(fullMembershipDate(RECORD)).toBe('2027-03-10');
    expect(fullMembershipDate({ admissionMeetingOn: null })).toBeNull();
  });

  it('computes 党龄 in whole years from 转正, and age', () => {
    expect(partyAgeYears('2016-07-01', '2026-06-30')).toBe(9);
    expect(partyAgeYears('2016-07-01', '2026-07-01')).toBe(10);
    expect(partyAgeYears(null, '2026-07-01')).toBeNull();
    expect(ageOn('2000-03-10', '2026-03-09')).toBe(25);
  });

  it('reads tenant settings over the defaults', () => {
    expect(developmentSettings(null)).toEqual(S);
    expect(developmentSettings({ development: { publicityWorkingDays: 7 } }).publicityWorkingDays).toBe(7);
  });
});
