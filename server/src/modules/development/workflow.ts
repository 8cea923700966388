import { daysBetween, isAfter, isBefore, maxDate, type LegalDate } from '../../platform/dates/legal-date.js';
import type { WorkingCalendar } from '../members/calendar.js';
import { checkProbationExtension, checkStep } from '../members/development-rules.js';
import {
  PARTY_STATUS_NAMES, type DevelopmentFacts, type DevelopmentSettings, type DevelopmentStep, type PartyStatus, type Violation,
} from '../members/rules.js';
import type { StepDetail, StepKind, StepPersonRole } from './tables.js';
import { RULE_BASIS } from '../../platform/rules/basis.js';

/**
 * The guided 发展党员 workflow (RULES.md §2) over the recorded steps: which step may be recorded in which status, what
 * the steps say as `DevelopmentFacts`, and which rules a new step breaks. Pure: the rules themselves are `checkStep`,
 * `checkPublicity` and `checkProbationExtension` (members/development-rules.ts); this file only decides when to call
 * them and with what.
 */

/** Every step, in the order of the chain. */
export const STEP_KINDS: readonly StepKind[] = [
  'application', 'talk', 'activist', 'assessment', 'thought_report', 'candidate', 'political_review', 'training', 'pretrial',
  'admission_meeting', 'admission_approval', 'probation_extension', 'full_meeting', 'full_approval',
];

/** The status a person must have for the step to be recorded. */
export const STEP_REQUIRES: Record<StepKind, PartyStatus> = {
  application: 'none', talk: 'applicant', activist: 'applicant', assessment: 'activist', thought_report: 'activist',
  candidate: 'activist', political_review: 'candidate', training: 'candidate', pretrial: 'candidate', admission_meeting: 'candidate',
  admission_approval: 'candidate', probation_extension: 'probationary', full_meeting: 'probationary', full_approval: 'probationary',
};

/** Steps that change the status, and the status they lead to. */
export const STEP_STATUS: Partial<Record<StepKind, DevelopmentStep>> = {
  application: 'applicant', activist: 'activist', candidate: 'candidate', admission_approval: 'probationary', full_approval: 'full',
};

/**
 * The status whose rules a step is checked against. The 支部大会 is checked with the 预备党员 rules (and the 转正大会 with
 * the 转正 rules) as if approved the same day, so a meeting cannot be recorded before its conditions are met; an
 * exception recorded there carries over to the approval.
 */
export const STEP_PHASE: Partial<Record<StepKind, DevelopmentStep>> = {
  ...STEP_STATUS, admission_meeting: 'probationary', full_meeting: 'full',
};

/** The people a step names, by role. */
export const STEP_PEOPLE: Partial<Record<StepKind, StepPersonRole>> = { talk: 'talker', activist: 'contact', admission_meeting: 'introducer' };

export const STEP_NAMES: Record<StepKind, { zh: string; en: string }> = {
  application: { zh: '递交入党申请书', en: 'Application' },
  talk: { zh: '谈话', en: 'Talk with the applicant' },
  activist: { zh: '确定入党积极分子', en: 'Made an activist' },
  assessment: { zh: '考察', en: 'Assessment' },
  thought_report: { zh: '思想汇报', en: 'Thought report' },
  candidate: { zh: '确定发展对象', en: 'Made a candidate' },
  political_review: { zh: '政治审查', en: 'Political review' },
  training: { zh: '集中培训', en: 'Concentrated training' },
  pretrial: { zh: '上级党委预审', en: 'Pre-examination' },
  admission_meeting: { zh: '支部大会讨论接收', en: 'Branch meeting on admission' },
  admission_approval: { zh: '党委审批（预备党员）', en: 'Committee approval (probationary)' },
  probation_extension: { zh: '延长预备期', en: 'Probation extended' },
  full_meeting: { zh: '支部大会讨论转正', en: 'Branch meeting on full membership' },
  full_approval: { zh: '党委审批转正', en: 'Committee approval (full member)' },
};

/** One recorded step as the rules need it. */
export interface RecordedStep {
  kind: StepKind;
  on: LegalDate;
  detail: StepDetail;
  /** People named, with their current status (introducers must be 正式党员). */
  people: readonly { role: StepPersonRole; status: PartyStatus }[];
  /** Codes of the blocks an authorised user excepted on this step. */
  excepted: readonly string[];
}

export interface PersonBasics { status: PartyStatus; birthDate: LegalDate | null }

const latest = (steps: readonly RecordedStep[], kind: StepKind): RecordedStep | undefined =>
  steps.filter((s) => s.kind === kind).reduce<RecordedStep | undefined>((a, s) => (!a || !isBefore(s.on, a.on) ? s : a), undefined);
const earliest = (steps: readonly RecordedStep[], kind: StepKind): RecordedStep | undefined =>
  steps.filter((s) => s.kind === kind).reduce<RecordedStep | undefined>((a, s) => (!a || isBefore(s.on, a.on) ? s : a), undefined);

/** The facts of a person's record, assembled from the steps. */
export function factsFrom(person: PersonBasics, steps: readonly RecordedStep[]): DevelopmentFacts {
  const application = latest(steps, 'application');
  const activist = latest(steps, 'activist');
  const candidate = latest(steps, 'candidate');
  const pretrial = latest(steps, 'pretrial');
  const meeting = latest(steps, 'admission_meeting');
  const fullMeeting = latest(steps, 'full_meeting');
  const trainings = steps.filter((s) => s.kind === 'training');
  const publicity: NonNullable<DevelopmentFacts['publicity']> = {};
  if (candidate?.detail.publicity) publicity.candidate = candidate.detail.publicity;
  if (meeting?.detail.publicity) publicity.probationary = meeting.detail.publicity;
  if (fullMeeting?.detail.publicity) publicity.full = fullMeeting.detail.publicity;
  return {
    status: person.status,
    birthDate: person.birthDate,
    appliedOn: application?.on ?? null,
    talkedOn: earliest(steps, 'talk')?.on ?? null,
    activistOn: activist?.on ?? null,
    contactCount: activist ? activist.people.filter((p) => p.role === 'contact').length : null,
    lastAssessmentOn: latest(steps, 'assessment')?.on ?? null,
    lastThoughtReportOn: latest(steps, 'thought_report')?.on ?? null,
    candidateOn: candidate?.on ?? null,
    politicalReviewOn: latest(steps, 'political_review')?.on ?? null,
    training: trainings.length === 0 ? null : trainings.reduce((t, s) => ({ days: t.days + (s.detail.training?.days ?? 0), hours: t.hours + (s.detail.training?.hours ?? 0) }), { days: 0, hours: 0 }),
    introducers: meeting ? meeting.people.filter((p) => p.role === 'introducer').map((p) => ({ status: p.status })) : null,
    pretrialSubmittedOn: pretrial?.detail.submittedOn ?? null,
    pretrialOn: pretrial?.on ?? null,
    admissionMeetingOn: meeting?.on ?? null,
    admissionApprovedOn: latest(steps, 'admission_approval')?.on ?? null,
    probationExtensionMonths: steps.filter((s) => s.kind === 'probation_extension').reduce((n, s) => n + (s.detail.extensionMonths ?? 0), 0),
    fullMeetingOn: fullMeeting?.on ?? null,
    fullApprovedOn: latest(steps, 'full_approval')?.on ?? null,
    publicity,
  };
}

/** The date the person reached their current status (for "days waiting" and date order). */
export function statusSince(f: DevelopmentFacts): LegalDate | null {
  switch (f.status) {
    case 'applicant': return f.appliedOn ?? null;
    case 'activist': return f.activistOn ?? null;
    case 'candidate': return f.candidateOn ?? null;
    case 'probationary': return f.admissionApprovedOn ?? null;
    case 'full': return f.fullApprovedOn ?? null;
    default: return null;
  }
}

const R2 = 'RULES.md §2';

function orderViolation(kind: StepKind, status: PartyStatus): Violation {
  const need = STEP_REQUIRES[kind];
  return {
    code: 'status_order', severity: 'block', overridable: false,
    basis: RULE_BASIS[2], rule: `${R2}: status chain 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员`,
    message: {
      zh: `“${STEP_NAMES[kind].zh}”只能为${PARTY_STATUS_NAMES[need].zh}办理（当前为${PARTY_STATUS_NAMES[status].zh}）`,
      en: `"${STEP_NAMES[kind].en}" is for a person with status "${PARTY_STATUS_NAMES[need].en}" (current: ${PARTY_STATUS_NAMES[status].en})`,
    },
    params: { step: kind, expectedStatus: need, status },
  };
}

function dateViolations(on: LegalDate, since: LegalDate | null, today: LegalDate): Violation[] {
  const out: Violation[] = [];
  if (isAfter(on, today)) {
    out.push({ code: 'date_in_future', severity: 'block', overridable: false, basis: RULE_BASIS[2], rule: `${R2}: each step has a date`,
      message: { zh: `日期${on}晚于今天`, en: `The date ${on} is later than today` }, params: { field: 'on', date: on, today } });
  }
  if (since && isBefore(on, since)) {
    out.push({ code: 'date_order', severity: 'block', overridable: false, basis: RULE_BASIS[2], rule: `${R2}: each step follows the one before`,
      message: { zh: `日期顺序不对：${on}早于前一步的${since}`, en: `Dates out of order: ${on} is before the previous step's ${since}` },
      params: { field: 'on', date: on, earlier: since } });
  }
  return out;
}

export interface StepCheck {
  /** Every rule the step breaks (blocks already excepted on an earlier step of the same phase are left out). */
  violations: Violation[];
  blocks: Violation[];
  warnings: Violation[];
  /** Blocks no exception can lift. */
  hardBlocks: Violation[];
}

/**
 * What recording `step` on top of `steps` would break. `today` is the date in Asia/Shanghai; `calendar` the tenant's
 * working-day calendar (公示).
 */
export function checkNewStep(person: PersonBasics, steps: readonly RecordedStep[], step: RecordedStep, today: LegalDate, settings: DevelopmentSettings, calendar: WorkingCalendar): StepCheck {
  const before = factsFrom(person, steps);
  const after = factsFrom(person, [...steps, step]);
  const phase = STEP_PHASE[step.kind];
  let violations: Violation[];
  if (STEP_STATUS[step.kind]) {
    violations = checkStep(STEP_STATUS[step.kind]!, after, today, settings, calendar);
  } else if (before.status !== STEP_REQUIRES[step.kind]) {
    violations = [orderViolation(step.kind, before.status)];
  } else {
    violations = dateViolations(step.on, statusSince(before), today);
    if (step.kind === 'admission_meeting') violations.push(...checkStep('probationary', { ...after, admissionApprovedOn: step.on }, today, settings, calendar));
    if (step.kind === 'full_meeting') violations.push(...checkStep('full', { ...after, fullApprovedOn: step.on }, today, settings, calendar));
    if (step.kind === 'probation_extension') violations.push(...checkProbationExtension(step.detail.extensionMonths ?? 0, settings));
    if (step.kind === 'pretrial' && step.detail.submittedOn && isAfter(step.detail.submittedOn, step.on)) {
      violations.push({ code: 'date_order', severity: 'block', overridable: false, basis: RULE_BASIS[2], rule: `${R2}: each step follows the one before`,
        message: { zh: `报送预审日期${step.detail.submittedOn}晚于预审日期${step.on}`, en: `Materials sent (${step.detail.submittedOn}) after the pre-examination (${step.on})` },
        params: { field: 'submittedOn' } });
    }
  }
  // Same rule reported twice (the meeting check repeats the step's own date checks): keep one.
  violations = violations.filter((v, i, a) => a.findIndex((w) => w.code === v.code && w.message.en === v.message.en) === i);
  const excepted = new Set(phase ? steps.filter((s) => STEP_PHASE[s.kind] === phase).flatMap((s) => s.excepted) : []);
  violations = violations.filter((v) => !(v.severity === 'block' && v.overridable && excepted.has(v.code)));
  const blocks = violations.filter((v) => v.severity === 'block');
  return { violations, blocks, warnings: violations.filter((v) => v.severity === 'warning'), hardBlocks: blocks.filter((v) => !v.overridable) };
}

/** The step a secretary would normally record next, and every step the current status allows. */
export function nextSteps(f: DevelopmentFacts, settings: DevelopmentSettings): { suggested: StepKind | null; allowed: StepKind[] } {
  const allowed = STEP_KINDS.filter((k) => STEP_REQUIRES[k] === f.status);
  let suggested: StepKind | null = null;
  switch (f.status) {
    case 'none': suggested = 'application'; break;
    case 'applicant': suggested = f.talkedOn ? 'activist' : 'talk'; break;
    case 'activist': suggested = 'candidate'; break;
    case 'candidate': {
      const t = f.training;
      const trained = !!t && (t.days >= settings.trainingMinDays || t.hours >= settings.trainingMinHours);
      suggested = !f.politicalReviewOn ? 'political_review' : !trained ? 'training' : !f.pretrialOn ? 'pretrial' : !f.admissionMeetingOn ? 'admission_meeting' : 'admission_approval';
      break;
    }
    case 'probationary': suggested = f.fullMeetingOn ? 'full_approval' : 'full_meeting'; break;
    default: break;
  }
  return { suggested, allowed };
}

/** Whole days since the person's last step (how long the record has waited). */
export function daysWaiting(steps: readonly { on: LegalDate }[], today: LegalDate): number | null {
  if (steps.length === 0) return null;
  const last = steps.map((s) => s.on).reduce((a, b) => maxDate(a, b));
  return Math.max(0, daysBetween(last, today));
}
