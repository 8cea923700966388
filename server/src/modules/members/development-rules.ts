import { addMonths, isAfter, isBefore, type LegalDate } from '../../platform/dates/legal-date.js';
import { coversDate, publicityEndsOn, workingDaysBetween, type WorkingCalendar } from './calendar.js';
import {
  ageOn, DEFAULT_DEVELOPMENT_SETTINGS, PARTY_STATUS_NAMES, PREVIOUS_STATUS, probationEndsOn,
  type DevelopmentFacts, type DevelopmentSettings, type DevelopmentStep, type PublicityStep, type Violation, type ViolationCode,
} from './rules.js';
import { RULE_BASIS } from '../../platform/rules/basis.js';

/**
 * The checks of RULES.md §2 for moving a person to the next status. `checkStep` returns every rule the step breaks;
 * an empty list means the step may go ahead. See `Violation` for severity and overridable.
 */

const R2 = 'RULES.md §2';

type Params = Violation['params'];

function block(code: ViolationCode, rule: string, zh: string, en: string, params: Params = {}, overridable = true): Violation {
  return { code, severity: 'block', overridable, rule: `${R2}: ${rule}`, basis: RULE_BASIS[2], message: { zh, en }, params };
}

function warning(code: ViolationCode, rule: string, zh: string, en: string, params: Params = {}): Violation {
  return { code, severity: 'warning', overridable: true, rule: `${R2}: ${rule}`, basis: RULE_BASIS[2], message: { zh, en }, params };
}

/** The date on which each step takes effect (the status changes), read from the facts. */
export function stepDate(step: DevelopmentStep, f: DevelopmentFacts): LegalDate | null {
  switch (step) {
    case 'applicant': return f.appliedOn ?? null;
    case 'activist': return f.activistOn ?? null;
    case 'candidate': return f.candidateOn ?? null;
    case 'probationary': return f.admissionApprovedOn ?? null;
    case 'full': return f.fullApprovedOn ?? null;
  }
}

const STEP_DATE_FIELD: Record<DevelopmentStep, keyof DevelopmentFacts> = {
  applicant: 'appliedOn', activist: 'activistOn', candidate: 'candidateOn', probationary: 'admissionApprovedOn', full: 'fullApprovedOn',
};

/**
 * Check a step. `facts` is the record with this step's date and evidence filled in and `status` still the current one;
 * `today` is the date in Asia/Shanghai; `calendar` the tenant's working-day calendar (for 公示).
 */
export function checkStep(
  step: DevelopmentStep,
  facts: DevelopmentFacts,
  today: LegalDate,
  settings: DevelopmentSettings = DEFAULT_DEVELOPMENT_SETTINGS,
  calendar?: WorkingCalendar,
): Violation[] {
  const out: Violation[] = [];
  const s = settings;
  const expected = PREVIOUS_STATUS[step];
  if (facts.status !== expected) {
    out.push(block('status_order', 'status chain 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员',
      `只有${PARTY_STATUS_NAMES[expected].zh}才能成为${PARTY_STATUS_NAMES[step].zh}（当前为${PARTY_STATUS_NAMES[facts.status].zh}）`,
      `Only a person with status "${PARTY_STATUS_NAMES[expected].en}" can become "${PARTY_STATUS_NAMES[step].en}" (current: ${PARTY_STATUS_NAMES[facts.status].en})`,
      { step, expectedStatus: expected, status: facts.status }, false));
  }
  const on = stepDate(step, facts);
  if (!on) {
    out.push(block('date_missing', 'each step has a date', '请填写这一步的日期', 'Enter the date of this step', { field: STEP_DATE_FIELD[step] }, false));
    return out;
  }
  if (isAfter(on, today)) {
    out.push(block('date_in_future', 'each step has a date', `日期${on}晚于今天`, `The date ${on} is later than today`, { field: STEP_DATE_FIELD[step], date: on, today }, false));
  }
  switch (step) {
    case 'applicant': out.push(...checkApplicant(facts, on, s)); break;
    case 'activist': out.push(...checkActivist(facts, on, s)); break;
    case 'candidate': out.push(...checkCandidate(facts, on, s, calendar)); break;
    case 'probationary': out.push(...checkAdmission(facts, on, s, calendar)); break;
    case 'full': out.push(...checkFull(facts, on, s, calendar)); break;
  }
  return out;
}

/** A later step dated before an earlier one (data error, not overridable). */
function order(field: string, date: LegalDate, earlierField: string, earlier: LegalDate | null | undefined): Violation[] {
  if (!earlier || !isBefore(date, earlier)) return [];
  return [block('date_order', 'each step follows the one before',
    `日期顺序不对：${date}早于前一步的${earlier}`, `Dates out of order: ${date} is before the previous step's ${earlier}`,
    { field, date, earlierField, earlier }, false)];
}

function checkApplicant(f: DevelopmentFacts, on: LegalDate, s: DevelopmentSettings): Violation[] {
  if (!f.birthDate) {
    return [block('birth_date_missing', 'applicant is at least 18 years old', '缺少出生日期，无法核对年龄', 'The birth date is missing, so the age cannot be checked', {}, false)];
  }
  const age = ageOn(f.birthDate, on);
  if (age >= s.minApplicantAge) return [];
  return [block('under_age', `applicant is at least ${s.minApplicantAge} years old`,
    `申请入党须年满${s.minApplicantAge}周岁；申请日${on}时为${age}周岁，${addMonths(f.birthDate, s.minApplicantAge * 12)}起可申请`,
    `An applicant must be at least ${s.minApplicantAge}; on ${on} the person was ${age}. They can apply from ${addMonths(f.birthDate, s.minApplicantAge * 12)}`,
    { age, minimum: s.minApplicantAge, eligibleOn: addMonths(f.birthDate, s.minApplicantAge * 12) })];
}

function checkActivist(f: DevelopmentFacts, on: LegalDate, s: DevelopmentSettings): Violation[] {
  const out = order('activistOn', on, 'appliedOn', f.appliedOn);
  if (f.appliedOn) {
    const talkBy = addMonths(f.appliedOn, s.talkWithinMonths);
    if (!f.talkedOn || isAfter(f.talkedOn, talkBy)) {
      out.push(warning('talk_late', `the branch talks with the applicant within ${s.talkWithinMonths} month of the application`,
        f.talkedOn ? `党组织应在收到入党申请书后${s.talkWithinMonths}个月内（${talkBy}前）派人谈话，实际谈话日期为${f.talkedOn}` : `党组织应在收到入党申请书后${s.talkWithinMonths}个月内（${talkBy}前）派人谈话，尚未记录谈话`,
        f.talkedOn ? `The branch should talk with the applicant within ${s.talkWithinMonths} month (by ${talkBy}); the talk was on ${f.talkedOn}` : `The branch should talk with the applicant within ${s.talkWithinMonths} month (by ${talkBy}); no talk is recorded`,
        { dueBy: talkBy, talkedOn: f.talkedOn ?? null }));
    }
  }
  const n = f.contactCount ?? 0;
  if (n < s.contactsMin || n > s.contactsMax) {
    out.push(block('contacts_count', `${s.contactsMin}–${s.contactsMax} 培养联系人 for an 积极分子`,
      `入党积极分子应确定${s.contactsMin}至${s.contactsMax}名培养联系人（现为${n}名）`,
      `An activist needs ${s.contactsMin}–${s.contactsMax} mentors (培养联系人); ${n} assigned`,
      { contacts: n, minimum: s.contactsMin, maximum: s.contactsMax }));
  }
  return out;
}

function checkCandidate(f: DevelopmentFacts, on: LegalDate, s: DevelopmentSettings, cal: WorkingCalendar | undefined): Violation[] {
  const out = order('candidateOn', on, 'activistOn', f.activistOn);
  if (!f.activistOn) {
    out.push(block('activist_date_missing', 'at least 1 year as 积极分子 before 发展对象', '缺少确定为入党积极分子的日期', 'The date of becoming an activist is missing', {}, false));
  } else {
    const eligibleOn = addMonths(f.activistOn, s.activistMinMonths);
    if (isBefore(on, eligibleOn)) {
      out.push(block('activist_period_short', `at least ${s.activistMinMonths / 12} year as 积极分子 before 发展对象`,
        `入党积极分子须经过${s.activistMinMonths}个月以上培养教育（自${f.activistOn}起），${eligibleOn}起才能确定为发展对象`,
        `At least ${s.activistMinMonths} months as an activist (since ${f.activistOn}) are needed; candidate from ${eligibleOn}`,
        { activistOn: f.activistOn, eligibleOn, minimumMonths: s.activistMinMonths }));
    }
  }
  out.push(...checkPublicity('candidate', f, on, s, cal));
  return out;
}

function checkAdmission(f: DevelopmentFacts, on: LegalDate, s: DevelopmentSettings, cal: WorkingCalendar | undefined): Violation[] {
  const out: Violation[] = [];
  if (!f.politicalReviewOn) {
    out.push(block('political_review_missing', '发展对象: 政审 done', '发展对象须完成政治审查', 'The political review (政审) of the candidate must be done'));
  }
  const t = f.training;
  if (!t || (t.days < s.trainingMinDays && t.hours < s.trainingMinHours)) {
    out.push(block('training_short', `集中培训 of at least ${s.trainingMinDays} days or ${s.trainingMinHours} 学时`,
      `发展对象须参加集中培训，时间不少于${s.trainingMinDays}天或${s.trainingMinHours}学时（现为${t?.days ?? 0}天、${t?.hours ?? 0}学时）`,
      `The candidate needs concentrated training of at least ${s.trainingMinDays} days or ${s.trainingMinHours} class hours (recorded: ${t?.days ?? 0} days, ${t?.hours ?? 0} hours)`,
      { days: t?.days ?? 0, hours: t?.hours ?? 0, minimumDays: s.trainingMinDays, minimumHours: s.trainingMinHours }));
  }
  const introducers = f.introducers ?? [];
  const full = introducers.filter((i) => i.status === 'full').length;
  if (full < s.introducersRequired) {
    out.push(block('introducers', `${s.introducersRequired} 入党介绍人 who are 正式党员`,
      `须有${s.introducersRequired}名正式党员作入党介绍人（现有${introducers.length}名，其中正式党员${full}名）`,
      `${s.introducersRequired} sponsors who are full members are needed (${introducers.length} recorded, ${full} of them full members)`,
      { introducers: introducers.length, fullMembers: full, required: s.introducersRequired }));
  }
  if (f.pretrialOn) out.push(...order('pretrialOn', f.pretrialOn, 'candidateOn', f.candidateOn));
  if (!f.pretrialOn) {
    out.push(block('pretrial_missing', '预审 by the higher 党委', '须经上级党委预审', 'The higher party committee must pre-examine (预审) the candidate', {}, false));
  } else if (f.pretrialSubmittedOn) {
    const by = addMonths(f.pretrialSubmittedOn, s.pretrialWithinMonths);
    if (isAfter(f.pretrialOn, by)) {
      out.push(warning('pretrial_late', `预审 by the higher 党委 within ${s.pretrialWithinMonths} month`,
        `上级党委应在${s.pretrialWithinMonths}个月内（${by}前）完成预审，实际为${f.pretrialOn}`,
        `The pre-examination should take at most ${s.pretrialWithinMonths} month (by ${by}); it was on ${f.pretrialOn}`, { dueBy: by, pretrialOn: f.pretrialOn }));
    }
  }
  const meeting = f.admissionMeetingOn;
  if (!meeting) {
    out.push(block('meeting_missing', '支部大会 votes on applicants one at a time', '须召开支部大会讨论接收预备党员', 'A branch general meeting must vote on the admission', {}, false));
    return out;
  }
  out.push(...order('admissionMeetingOn', meeting, 'pretrialOn', f.pretrialOn), ...order('admissionApprovedOn', on, 'admissionMeetingOn', meeting));
  if (f.pretrialOn) {
    const by = addMonths(f.pretrialOn, s.meetingWithinMonths);
    if (isAfter(meeting, by)) {
      out.push(warning('meeting_late', `支部大会 within ${s.meetingWithinMonths} month of 预审`,
        `预审后${s.meetingWithinMonths}个月内（${by}前）应召开支部大会，实际为${meeting}`,
        `The branch meeting should be within ${s.meetingWithinMonths} month of the pre-examination (by ${by}); it was on ${meeting}`, { dueBy: by, meetingOn: meeting }));
    }
  }
  out.push(...checkApproval('admission', meeting, on, s));
  out.push(...checkPublicity('probationary', f, meeting, s, cal));
  return out;
}

function checkFull(f: DevelopmentFacts, on: LegalDate, s: DevelopmentSettings, cal: WorkingCalendar | undefined): Violation[] {
  const out: Violation[] = [];
  const ext = f.probationExtensionMonths ?? 0;
  if (ext !== 0) out.push(...checkProbationExtension(ext, s));
  if (!f.admissionMeetingOn) {
    out.push(block('admission_meeting_missing', '预备期 is 1 year from the 支部大会 date', '缺少接收预备党员的支部大会日期，无法计算预备期', 'The date of the admitting branch meeting is missing, so the probation cannot be computed', {}, false));
    return out;
  }
  const meeting = f.fullMeetingOn;
  if (!meeting) {
    out.push(block('meeting_missing', '转正 is discussed by the 支部大会', '须召开支部大会讨论预备党员转正', 'A branch general meeting must discuss full membership', {}, false));
    return out;
  }
  out.push(...order('fullApprovedOn', on, 'fullMeetingOn', meeting));
  const endsOn = probationEndsOn(f.admissionMeetingOn, ext, s);
  if (isBefore(meeting, endsOn)) {
    out.push(block('probation_not_over', `预备期 is ${s.probationMonths / 12} year from the 支部大会 date${ext ? `, extended by ${ext} months` : ''}`,
      `预备期自支部大会通过之日（${f.admissionMeetingOn}）起计算，${endsOn}期满，期满后才能讨论转正`,
      `The probation runs from the admitting branch meeting (${f.admissionMeetingOn}) to ${endsOn}; full membership can be discussed only after that`,
      { admissionMeetingOn: f.admissionMeetingOn, probationEndsOn: endsOn, extensionMonths: ext }));
  }
  out.push(...checkApproval('full', meeting, on, s));
  out.push(...checkPublicity('full', f, meeting, s, cal));
  return out;
}

/** 党委 approval within 3 months of the 支部大会 (overridable), never more than 6 (not overridable). */
function checkApproval(kind: 'admission' | 'full', meeting: LegalDate, approvedOn: LegalDate, s: DevelopmentSettings): Violation[] {
  const limit = addMonths(meeting, s.approvalLimitMonths);
  const by = addMonths(meeting, s.approvalWithinMonths);
  const what = kind === 'admission' ? { zh: '接收预备党员', en: 'the admission' } : { zh: '预备党员转正', en: 'full membership' };
  const params = { meetingOn: meeting, approvedOn, dueBy: by, limit };
  if (isAfter(approvedOn, limit)) {
    return [block('approval_too_late', `党委 approval never more than ${s.approvalLimitMonths} months after the 支部大会`,
      `党委审批${what.zh}最长不得超过支部大会后${s.approvalLimitMonths}个月（${limit}前），实际为${approvedOn}`,
      `The party committee must approve ${what.en} within ${s.approvalLimitMonths} months of the branch meeting at the very latest (by ${limit}); it was ${approvedOn}`, params, false)];
  }
  if (isAfter(approvedOn, by)) {
    return [block('approval_late', `党委 approval within ${s.approvalWithinMonths} months of the 支部大会`,
      `党委应在支部大会后${s.approvalWithinMonths}个月内（${by}前）审批${what.zh}，实际为${approvedOn}；因故延长须说明理由`,
      `The party committee should approve ${what.en} within ${s.approvalWithinMonths} months of the branch meeting (by ${by}); it was ${approvedOn}. A later approval needs a recorded reason`, params)];
  }
  return [];
}

/** 延长预备期: at least 6 and at most 12 months (RULES.md §2). */
export function checkProbationExtension(months: number, settings: DevelopmentSettings = DEFAULT_DEVELOPMENT_SETTINGS): Violation[] {
  const s = settings;
  if (Number.isInteger(months) && months >= s.extensionMinMonths && months <= s.extensionMaxMonths) return [];
  return [block('extension_out_of_range', `the 预备期 may be extended by at least ${s.extensionMinMonths} months and at most 1 year`,
    `延长预备期应不少于${s.extensionMinMonths}个月、不超过${s.extensionMaxMonths}个月（现为${months}个月）`,
    `A probation can be extended by ${s.extensionMinMonths} to ${s.extensionMaxMonths} whole months (requested: ${months})`,
    { months, minimum: s.extensionMinMonths, maximum: s.extensionMaxMonths }, false)];
}

const PUBLICITY_NAMES: Record<PublicityStep, { zh: string; en: string }> = {
  candidate: { zh: '确定发展对象前', en: 'before becoming a candidate' },
  probationary: { zh: '接收预备党员前', en: 'before admission as a probationary member' },
  full: { zh: '预备党员转正前', en: 'before full membership' },
};

/**
 * 公示 before 发展对象, 预备党员 and 转正: at least N working days (setting, default 5), finished by `decidedOn`
 * (the date the step is decided: the 发展对象 date, or the 支部大会).
 */
export function checkPublicity(step: PublicityStep, f: DevelopmentFacts, decidedOn: LegalDate, settings: DevelopmentSettings = DEFAULT_DEVELOPMENT_SETTINGS, calendar?: WorkingCalendar): Violation[] {
  const s = settings;
  const n = s.publicityWorkingDays;
  const rule = `公示 before 发展对象, 预备党员 and 转正: at least ${n} working days`;
  const name = PUBLICITY_NAMES[step];
  const p = f.publicity?.[step];
  if (!p) {
    return [block('publicity_missing', rule, `${name.zh}须公示，不少于${n}个工作日`, `A public notice (公示) of at least ${n} working days is required ${name.en}`, { step, workingDays: n })];
  }
  if (isBefore(p.to, p.from)) {
    return [block('date_order', rule, `公示结束日期${p.to}早于开始日期${p.from}`, `The notice ends (${p.to}) before it starts (${p.from})`, { step, from: p.from, to: p.to }, false)];
  }
  const out: Violation[] = [];
  if (!calendar) {
    out.push(warning('calendar_unavailable', rule, '未提供节假日表，工作日只按周末计算', 'No holiday table given: working days count weekends only', { step }));
  } else if (!coversDate(calendar, p.from) || !coversDate(calendar, p.to)) {
    out.push(warning('calendar_missing_year', rule, '节假日表缺少公示所在年份，工作日只按周末计算，请先更新节假日表',
      'The holiday table lacks the year of the notice, so only weekends were counted; please update the table', { step, from: p.from, to: p.to }));
  }
  const cal = calendar ?? { holidays: new Set<string>(), workdays: new Set<string>(), years: new Set<number>() };
  const days = workingDaysBetween(cal, p.from, p.to);
  if (days < n) {
    const endsOn = publicityEndsOn(cal, p.from, n);
    out.push(block('publicity_short', rule,
      `${name.zh}公示不少于${n}个工作日，${p.from}至${p.to}只有${days}个工作日（应至少到${endsOn}）`,
      `The notice ${name.en} must last at least ${n} working days; ${p.from} to ${p.to} has ${days} (it should run to ${endsOn} at least)`,
      { step, from: p.from, to: p.to, workingDays: days, required: n, endsOn }));
  }
  if (isAfter(p.to, decidedOn)) {
    out.push(block('publicity_not_finished', rule, `公示（至${p.to}）应在${decidedOn}之前结束`, `The notice (to ${p.to}) must end before the decision on ${decidedOn}`, { step, to: p.to, decidedOn }));
  }
  return out;
}
