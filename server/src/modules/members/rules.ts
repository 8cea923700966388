import { addMonths, wholeYearsBetween, type LegalDate } from '../../platform/dates/legal-date.js';
import type { PartyStatus } from '../../platform/db/schema.js';

/**
 * Member development (发展党员), RULES.md §2 — the shared vocabulary: status chain, settings, the facts of one person's
 * record, violations, and the derived dates (预备期 end, 转正 date, 党龄).
 *
 * The checks of each step are in `development-rules.ts` (`checkStep`), the secretary's reminders in `reminders.ts`
 * (`dueReminders`), transfers (§3) in `../transfers/rules.ts`, working days in `calendar.ts`.
 * All functions are pure: dates are 'YYYY-MM-DD' legal dates, "today" is an argument.
 */

export type { PartyStatus };

/** The statuses a person moves into, in order: 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员. */
export type DevelopmentStep = Exclude<PartyStatus, 'none'>;

export const DEVELOPMENT_STEPS: readonly DevelopmentStep[] = ['applicant', 'activist', 'candidate', 'probationary', 'full'];

/** The status a person must have before moving to `step`. */
export const PREVIOUS_STATUS: Record<DevelopmentStep, PartyStatus> = {
  applicant: 'none', activist: 'applicant', candidate: 'activist', probationary: 'candidate', full: 'probationary',
};

/** The next step from a status, or null for 正式党员. */
export function nextStep(status: PartyStatus): DevelopmentStep | null {
  return DEVELOPMENT_STEPS.find((s) => PREVIOUS_STATUS[s] === status) ?? null;
}

export const PARTY_STATUS_NAMES: Record<PartyStatus, { zh: string; en: string }> = {
  none: { zh: '群众', en: 'Non-member' },
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  candidate: { zh: '发展对象', en: 'Candidate for membership' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
};

/** Tenant settings for §2 (stored under `settings.development`), defaults from RULES.md §2. */
export interface DevelopmentSettings {
  /** Applicant is at least this old (周岁) on the application date. */
  minApplicantAge: number;
  /** The branch talks with the applicant within this many months of the application. */
  talkWithinMonths: number;
  /** 培养联系人 for an 积极分子: from … to. */
  contactsMin: number;
  contactsMax: number;
  /** 积极分子 assessed about every … months; 思想汇报 every … months. */
  assessmentEveryMonths: number;
  thoughtReportEveryMonths: number;
  /** At least … months as 积极分子 before 发展对象. */
  activistMinMonths: number;
  /** 集中培训: at least … days or … 学时. */
  trainingMinDays: number;
  trainingMinHours: number;
  /** 入党介绍人 who are 正式党员. */
  introducersRequired: number;
  /** 预审 by the higher 党委 within … months (of the branch submitting the materials). */
  pretrialWithinMonths: number;
  /** 支部大会 within … months of the 预审. */
  meetingWithinMonths: number;
  /** 党委 approval within … months of the 支部大会, never more than … months. */
  approvalWithinMonths: number;
  approvalLimitMonths: number;
  /** 预备期 … months from the 支部大会; an extension is between … and … months. */
  probationMonths: number;
  extensionMinMonths: number;
  extensionMaxMonths: number;
  /** 公示 before 发展对象, 预备党员 and 转正: at least … working days (some places use 7). */
  publicityWorkingDays: number;
  /** Reminders appear this many days before they fall due. */
  reminderLeadDays: number;
}

export const DEFAULT_DEVELOPMENT_SETTINGS: DevelopmentSettings = {
  minApplicantAge: 18,
  talkWithinMonths: 1,
  contactsMin: 1,
  contactsMax: 2,
  assessmentEveryMonths: 6,
  thoughtReportEveryMonths: 3,
  activistMinMonths: 12,
  trainingMinDays: 3,
  trainingMinHours: 24,
  introducersRequired: 2,
  pretrialWithinMonths: 1,
  meetingWithinMonths: 1,
  approvalWithinMonths: 3,
  approvalLimitMonths: 6,
  probationMonths: 12,
  extensionMinMonths: 6,
  extensionMaxMonths: 12,
  publicityWorkingDays: 5,
  reminderLeadDays: 30,
};

/** Effective settings for a tenant: stored `settings.development` over the defaults. */
export function developmentSettings(stored: Record<string, unknown> | null | undefined): DevelopmentSettings {
  return { ...DEFAULT_DEVELOPMENT_SETTINGS, ...((stored?.development ?? {}) as Partial<DevelopmentSettings>) };
}

/** A 公示 period, both days included. */
export interface Publicity { from: LegalDate; to: LegalDate }

/** The steps preceded by a 公示. */
export type PublicityStep = 'candidate' | 'probationary' | 'full';

/**
 * What the record says about one person's development. For `checkStep`, pass the record *as it would be after the
 * step* (the new step's date and evidence filled in) with `status` still the current one. Missing facts are
 * `undefined` or `null`.
 */
export interface DevelopmentFacts {
  status: PartyStatus;
  birthDate: LegalDate | null;
  /** 递交入党申请书. */
  appliedOn?: LegalDate | null;
  /** 党组织派人谈话 with the applicant. */
  talkedOn?: LegalDate | null;
  /** 团组织推优 (aged 28 or under): recorded, not enforced (RULES.md §2). */
  leagueRecommended?: boolean | null;
  /** 确定为入党积极分子. */
  activistOn?: LegalDate | null;
  /** Number of 培养联系人 assigned. */
  contactCount?: number | null;
  lastAssessmentOn?: LegalDate | null;
  lastThoughtReportOn?: LegalDate | null;
  /** 确定为发展对象. */
  candidateOn?: LegalDate | null;
  /** 政治审查 concluded. */
  politicalReviewOn?: LegalDate | null;
  /** 集中培训 attended. */
  training?: { days: number; hours: number } | null;
  /** 入党介绍人 with their current status. */
  introducers?: readonly { status: PartyStatus }[] | null;
  /** Materials sent to the higher 党委 for 预审, and the 预审 date. */
  pretrialSubmittedOn?: LegalDate | null;
  pretrialOn?: LegalDate | null;
  /** 支部大会 that admitted the person as 预备党员 (预备期 counts from it). */
  admissionMeetingOn?: LegalDate | null;
  /** 党委 approval of the admission: the person becomes 预备党员. */
  admissionApprovedOn?: LegalDate | null;
  /** 延长预备期, in months (0 or absent: none). */
  probationExtensionMonths?: number | null;
  /** 支部大会 that discussed 转正, and the 党委 approval: the person becomes 正式党员. */
  fullMeetingOn?: LegalDate | null;
  fullApprovedOn?: LegalDate | null;
  publicity?: Partial<Record<PublicityStep, Publicity>> | null;
}

/**
 * A rule a step breaks.
 * - severity 'block': the step is refused with this rule named; if `overridable`, a user with the right role may record
 *   an exception with a reason (audited). Not overridable: order and data errors, and "never" limits.
 * - severity 'warning': shown, the step goes ahead (e.g. the talk came later than a month after the application).
 */
export type ViolationCode =
  // order and data (never overridable)
  | 'status_order' | 'date_missing' | 'date_in_future' | 'date_order' | 'birth_date_missing' | 'activist_date_missing'
  | 'admission_meeting_missing' | 'meeting_missing' | 'pretrial_missing' | 'extension_out_of_range' | 'approval_too_late'
  // rules (blocks that an authorised exception may override)
  | 'under_age' | 'contacts_count' | 'activist_period_short' | 'political_review_missing' | 'training_short' | 'introducers'
  | 'approval_late' | 'probation_not_over' | 'publicity_missing' | 'publicity_short' | 'publicity_not_finished'
  // warnings
  | 'talk_late' | 'pretrial_late' | 'meeting_late' | 'calendar_unavailable' | 'calendar_missing_year';

export interface Violation {
  code: ViolationCode;
  severity: 'block' | 'warning';
  overridable: boolean;
  /** 'RULES.md §2 …' */
  rule: string;
  /** The regulation, in both languages (platform/rules/basis.ts). */
  basis: { zh: string; en: string };
  message: { zh: string; en: string };
  params: Record<string, string | number | boolean | null>;
}

/** Age in 周岁 on `on`. */
export function ageOn(birthDate: LegalDate, on: LegalDate): number {
  return wholeYearsBetween(birthDate, on);
}

/**
 * Last day of the 预备期: 1 year (plus any extension) from the 支部大会 date, the same calendar day
 * (RULES.md §2: "预备期 is 1 year from the 支部大会 date").
 */
export function probationEndsOn(admissionMeetingOn: LegalDate, extensionMonths = 0, settings: DevelopmentSettings = DEFAULT_DEVELOPMENT_SETTINGS): LegalDate {
  return addMonths(admissionMeetingOn, settings.probationMonths + extensionMonths);
}

/**
 * The 转正 date: the day the 预备期 ends (转正时间为预备期满之日), whatever day the 支部大会 and the 党委 approval
 * happened. 党龄 counts from it. Null until the person is admitted.
 */
export function fullMembershipDate(facts: Pick<DevelopmentFacts, 'admissionMeetingOn' | 'probationExtensionMonths'>, settings: DevelopmentSettings = DEFAULT_DEVELOPMENT_SETTINGS): LegalDate | null {
  return facts.admissionMeetingOn ? probationEndsOn(facts.admissionMeetingOn, facts.probationExtensionMonths ?? 0, settings) : null;
}

/** 党龄 in whole years from the 转正 date (RULES.md §2: 党龄 counts from 转正); null when not (yet) a full member. */
export function partyAgeYears(fullSince: LegalDate | null | undefined, today: LegalDate): number | null {
  return fullSince ? wholeYearsBetween(fullSince, today) : null;
}
