import { addDays, addMonths, isAfter, isBefore, maxDate, type LegalDate } from '../../platform/dates/legal-date.js';
import { DEFAULT_DEVELOPMENT_SETTINGS, probationEndsOn, type DevelopmentFacts, type DevelopmentSettings } from './rules.js';
import { RULE_BASIS } from '../../platform/rules/basis.js';

/**
 * The branch secretary's reminders for one person in the 发展党员 pipeline (RULES.md §2): what is due, from when, by when.
 * The service runs this over the people of a branch and shows the list sorted by `dueOn`.
 */

export type ReminderCode =
  | 'talk' // talk with the applicant
  | 'assign_contacts' // 培养联系人 for a new 积极分子
  | 'assessment' // half-yearly assessment of the 积极分子
  | 'thought_report' // quarterly 思想汇报 of the 积极分子
  | 'candidate_eligible' // a year as 积极分子 completed: may become 发展对象
  | 'pretrial' // 预审 by the higher 党委
  | 'admission_meeting' // 支部大会 after 预审
  | 'admission_approval' // 党委 approval after the 支部大会
  | 'full_meeting' // 预备期 over: the 支部大会 discusses 转正
  | 'full_approval'; // 党委 approval of 转正

export interface Reminder {
  code: ReminderCode;
  /** From this date the action is due (or possible). */
  dueOn: LegalDate;
  /** By this date it should be done; null when there is no deadline (e.g. eligibility). */
  deadline: LegalDate | null;
  /** Never later than this ("never more than 6 months"), when the rule has such a limit. */
  limit: LegalDate | null;
  /** 'upcoming': within the lead days before `dueOn`; 'due': from `dueOn` to `deadline`; 'overdue': after `deadline`. */
  state: 'upcoming' | 'due' | 'overdue';
  rule: string;
  /** The regulation, in both languages (platform/rules/basis.ts). */
  basis: { zh: string; en: string };
  message: { zh: string; en: string };
}

const R2 = 'RULES.md §2';

interface Item { code: ReminderCode; dueOn: LegalDate; deadline: LegalDate | null; limit?: LegalDate | null; rule: string; zh: string; en: string }

/**
 * Due, upcoming (within `reminderLeadDays`) and overdue items for a person, sorted by `dueOn`. Items further ahead
 * than the lead days are left out. Nothing for 群众 and 正式党员.
 */
export function dueReminders(f: DevelopmentFacts, today: LegalDate, settings: DevelopmentSettings = DEFAULT_DEVELOPMENT_SETTINGS): Reminder[] {
  const s = settings;
  const items: Item[] = [];
  switch (f.status) {
    case 'applicant':
      if (f.appliedOn && !f.talkedOn) {
        const by = addMonths(f.appliedOn, s.talkWithinMonths);
        items.push({ code: 'talk', dueOn: f.appliedOn, deadline: by, rule: `talk within ${s.talkWithinMonths} month of the application`,
          zh: `与入党申请人谈话（${by}前）`, en: `Talk with the applicant (by ${by})` });
      }
      break;
    case 'activist': {
      if (!f.activistOn) break;
      if ((f.contactCount ?? 0) < s.contactsMin) {
        items.push({ code: 'assign_contacts', dueOn: f.activistOn, deadline: f.activistOn, rule: `${s.contactsMin}–${s.contactsMax} 培养联系人 for an 积极分子`,
          zh: '为入党积极分子确定培养联系人', en: 'Assign mentors (培养联系人) to the activist' });
      }
      const assessment = addMonths(f.lastAssessmentOn ? maxDate(f.lastAssessmentOn, f.activistOn) : f.activistOn, s.assessmentEveryMonths);
      items.push({ code: 'assessment', dueOn: assessment, deadline: assessment, rule: `积极分子 assessed about every ${s.assessmentEveryMonths} months`,
        zh: `入党积极分子半年考察（${assessment}）`, en: `Half-yearly assessment of the activist (${assessment})` });
      const report = addMonths(f.lastThoughtReportOn ? maxDate(f.lastThoughtReportOn, f.activistOn) : f.activistOn, s.thoughtReportEveryMonths);
      items.push({ code: 'thought_report', dueOn: report, deadline: report, rule: 'quarterly 思想汇报 tracked',
        zh: `入党积极分子季度思想汇报（${report}）`, en: `Quarterly thought report from the activist (${report})` });
      const eligible = addMonths(f.activistOn, s.activistMinMonths);
      items.push({ code: 'candidate_eligible', dueOn: eligible, deadline: null, rule: 'at least 1 year as 积极分子 before 发展对象',
        zh: `培养满一年，${eligible}起可确定为发展对象`, en: `A year as activist completed: may become a candidate from ${eligible}` });
      break;
    }
    case 'candidate':
      if (f.admissionMeetingOn) {
        const by = addMonths(f.admissionMeetingOn, s.approvalWithinMonths);
        const limit = addMonths(f.admissionMeetingOn, s.approvalLimitMonths);
        items.push({ code: 'admission_approval', dueOn: f.admissionMeetingOn, deadline: by, limit, rule: `党委 approval within ${s.approvalWithinMonths} months of the 支部大会 (never more than ${s.approvalLimitMonths})`,
          zh: `党委审批接收预备党员（${by}前，最迟${limit}）`, en: `Party committee approval of the admission (by ${by}, at the latest ${limit})` });
      } else if (f.pretrialOn) {
        const by = addMonths(f.pretrialOn, s.meetingWithinMonths);
        items.push({ code: 'admission_meeting', dueOn: f.pretrialOn, deadline: by, rule: `支部大会 within ${s.meetingWithinMonths} month of 预审`,
          zh: `召开支部大会讨论接收预备党员（${by}前）`, en: `Hold the branch meeting on the admission (by ${by})` });
      } else if (f.pretrialSubmittedOn) {
        const by = addMonths(f.pretrialSubmittedOn, s.pretrialWithinMonths);
        items.push({ code: 'pretrial', dueOn: f.pretrialSubmittedOn, deadline: by, rule: `预审 by the higher 党委 within ${s.pretrialWithinMonths} month`,
          zh: `上级党委预审（${by}前）`, en: `Pre-examination by the higher party committee (by ${by})` });
      }
      break;
    case 'probationary':
      if (!f.admissionMeetingOn) break;
      if (f.fullMeetingOn) {
        const by = addMonths(f.fullMeetingOn, s.approvalWithinMonths);
        const limit = addMonths(f.fullMeetingOn, s.approvalLimitMonths);
        items.push({ code: 'full_approval', dueOn: f.fullMeetingOn, deadline: by, limit, rule: `党委 approval within ${s.approvalWithinMonths} months of the 支部大会 (never more than ${s.approvalLimitMonths})`,
          zh: `党委审批预备党员转正（${by}前，最迟${limit}）`, en: `Party committee approval of full membership (by ${by}, at the latest ${limit})` });
      } else {
        const ends = probationEndsOn(f.admissionMeetingOn, f.probationExtensionMonths ?? 0, s);
        items.push({ code: 'full_meeting', dueOn: ends, deadline: null, rule: '预备期 is 1 year from the 支部大会 date',
          zh: `预备期${ends}期满，及时召开支部大会讨论转正`, en: `The probation ends on ${ends}: hold the branch meeting on full membership` });
      }
      break;
    default:
      break;
  }
  const lead = s.reminderLeadDays;
  return items
    .filter((i) => !isBefore(today, addDays(i.dueOn, -lead)))
    .map((i) => ({
      code: i.code,
      dueOn: i.dueOn,
      deadline: i.deadline,
      limit: i.limit ?? null,
      state: isBefore(today, i.dueOn) ? 'upcoming' as const : i.deadline && isAfter(today, i.deadline) ? 'overdue' as const : 'due' as const,
      rule: `${R2}: ${i.rule}`,
      basis: RULE_BASIS[2],
      message: { zh: i.zh, en: i.en },
    }))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}
