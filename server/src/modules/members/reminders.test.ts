import { describe, expect, it } from 'vitest';
import { dueReminders } from './reminders.js';
import type { DevelopmentFacts } from './rules.js';

const base: DevelopmentFacts = { status: 'none', birthDate: '2000-03-10' };
const summary = (f: DevelopmentFacts, today: string) => dueReminders(f, today).map((r) => `${r.code}:${r.state}:${r.dueOn}`);

describe("branch secretary's reminders (RULES.md §2)", () => {
  it('has nothing for 群众 and 正式党员', () => {
    expect(dueReminders(base, '2026-01-01')).toEqual([]);
    expect(dueReminders({ ...base, status: 'full' }, '2026-01-01')).toEqual([]);
  });

  // RULES.md §2: the branch talks with the applicant within 1 month of the application.
  it('reminds of the talk with a new applicant, then flags it overdue', () => {
    const f: DevelopmentFacts = { ...base, status: 'applicant', appliedOn: '2026-03-02' };
    expect(dueReminders(f, '2026-03-10')).toMatchObject([{ code: 'talk', state: 'due', deadline: '2026-04-02', rule: expect.stringMatching(/^RULES\.md §2/) }]);
    expect(summary(f, '2026-04-03')).toEqual(['talk:overdue:2026-03-02']);
    expect(dueReminders({ ...f, talkedOn: '2026-03-20' }, '2026-04-03')).toEqual([]);
  });

  // RULES.md §2: 积极分子: 1–2 培养联系人; assessed about every 6 months; quarterly 思想汇报; 1 year before 发展对象.
  it('tracks the 积极分子 year: contacts, reports, assessments, eligibility', () => {
    const f: DevelopmentFacts = { ...base, status: 'activist', activistOn: '2025-06-02', contactCount: 0 };
    expect(summary(f, '2025-06-03')).toEqual(['assign_contacts:overdue:2025-06-02']);
    const withContacts = { ...f, contactCount: 2 };
    expect(summary(withContacts, '2025-08-05')).toEqual(['thought_report:upcoming:2025-09-02']);
    expect(summary({ ...withContacts, lastThoughtReportOn: '2025-09-01' }, '2025-11-20')).toEqual(['thought_report:upcoming:2025-12-01', 'assessment:upcoming:2025-12-02']);
    const year = { ...withContacts, lastAssessmentOn: '2025-12-01', lastThoughtReportOn: '2026-05-20' };
    expect(summary(year, '2026-06-02')).toEqual(['assessment:overdue:2026-06-01', 'candidate_eligible:due:2026-06-02']);
    // eligibility has no deadline: never overdue
    expect(dueReminders(year, '2027-01-01').find((r) => r.code === 'candidate_eligible')).toMatchObject({ state: 'due', deadline: null });
  });

  // RULES.md §2: 预审 within 1 month; 支部大会 within 1 month of 预审; 党委 approval within 3 months (never more than 6).
  it('follows the 发展对象 through 预审, 支部大会 and approval', () => {
    const f: DevelopmentFacts = { ...base, status: 'candidate', candidateOn: '2026-01-05', pretrialSubmittedOn: '2026-02-02' };
    expect(summary(f, '2026-03-03')).toEqual(['pretrial:overdue:2026-02-02']);
    expect(dueReminders({ ...f, pretrialOn: '2026-02-20' }, '2026-03-03')).toMatchObject([{ code: 'admission_meeting', state: 'due', deadline: '2026-03-20' }]);
    const met = { ...f, pretrialOn: '2026-02-20', admissionMeetingOn: '2026-03-10' };
    expect(dueReminders(met, '2026-06-11')).toMatchObject([{ code: 'admission_approval', state: 'overdue', deadline: '2026-06-10', limit: '2026-09-10' }]);
  });

  // RULES.md §2: 预备期 is 1 year from the 支部大会 date (plus any extension).
  it('announces the end of the 预备期 and then the 转正 approval', () => {
    const f: DevelopmentFacts = { ...base, status: 'probationary', admissionMeetingOn: '2026-03-10', admissionApprovedOn: '2026-04-20' };
    expect(dueReminders(f, '2027-02-01')).toEqual([]);
    expect(summary(f, '2027-02-10')).toEqual(['full_meeting:upcoming:2027-03-10']);
    expect(summary(f, '2027-05-10')).toEqual(['full_meeting:due:2027-03-10']);
    expect(summary({ ...f, probationExtensionMonths: 6 }, '2027-08-20')).toEqual(['full_meeting:upcoming:2027-09-10']);
    expect(summary({ ...f, fullMeetingOn: '2027-03-12' }, '2027-07-01')).toEqual(['full_approval:overdue:2027-03-12']);
  });
});
