import { addMonths, addYears, isAfter, isBefore, wholeMonthsBetween, type LegalDate } from '../../platform/dates/legal-date.js';
import type { OrgKind } from '../../platform/db/schema.js';
import { RULE_BASIS } from '../../platform/rules/basis.js';

/**
 * The party organisation hierarchy inside an enterprise (RULES.md §1):
 * 集团党委 → 党委 → 党总支 → 党支部 → 党小组. A unit may sit under any unit of a higher rank, and
 * 党委 may nest under 党委 (a group's company committees); a 党小组 has no subunits.
 */
export const ORG_KIND_RANK: Record<OrgKind, number> = { group_committee: 0, committee: 1, general_branch: 2, branch: 3, party_group: 4 };

export const ORG_KIND_NAMES: Record<OrgKind, { zh: string; en: string }> = {
  group_committee: { zh: '集团党委', en: 'Group Party Committee' },
  committee: { zh: '党委', en: 'Party Committee' },
  general_branch: { zh: '党总支', en: 'General Party Branch' },
  branch: { zh: '党支部', en: 'Party Branch' },
  party_group: { zh: '党小组', en: 'Party Group' },
};

export function canContain(parent: OrgKind, child: OrgKind): boolean {
  if (parent === 'party_group') return false;
  if (parent === 'committee' && child === 'committee') return true;
  return ORG_KIND_RANK[child] > ORG_KIND_RANK[parent];
}

/** The kinds a new subunit of `parent` may have, highest rank first (what the UI offers). */
export function childKinds(parent: OrgKind): OrgKind[] {
  return (Object.keys(ORG_KIND_RANK) as OrgKind[]).filter((k) => canContain(parent, k));
}

export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`;
}

export function rootPath(id: string): string {
  return `/${id}/`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Size rules and terms (RULES.md §1). Numbers are tenant settings with the defaults of RULES.md.
// ---------------------------------------------------------------------------------------------------------------------

export interface OrgSettings {
  /** A 党支部 needs at least this many 正式党员; with fewer, a 联合支部 is suggested. */
  branchMinFullMembers: number;
  /** A 联合支部 covers at most this many units. */
  jointBranchMaxUnits: number;
  /** A branch usually has at most this many members (warn above). */
  branchMaxMembers: number;
  /** 正式党员 count from which a 支部委员会 is set up (below it: 书记 and optionally 副书记, no 支委会). */
  committeeFromFullMembers: number;
  /** 支委会 size: usually 3–5 (`committeeMin`–`committeeUsualMax`), never more than `committeeMax`. */
  committeeMin: number;
  committeeUsualMax: number;
  committeeMax: number;
  /** SOE unit: 党总支 suggested with more than this many members … */
  generalBranchAboveMembers: number;
  /** … and a 党委 from this many members. */
  committeeFromMembers: number;
  /** Term (任期) in years, by kind. 党小组 have no elected term. */
  termYears: { group_committee: number; committee: number; general_branch: number; branch: number };
  /** 换届提醒: months before the term ends. */
  renewalReminderMonths: number;
  /** Extension (延期换届) or early election (提前换届): at most this many months. */
  termChangeMaxMonths: number;
}

export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  branchMinFullMembers: 3,
  jointBranchMaxUnits: 5,
  branchMaxMembers: 50,
  committeeFromFullMembers: 7,
  committeeMin: 3,
  committeeUsualMax: 5,
  committeeMax: 7,
  generalBranchAboveMembers: 50,
  committeeFromMembers: 100,
  termYears: { group_committee: 5, committee: 5, general_branch: 3, branch: 3 },
  renewalReminderMonths: 6,
  termChangeMaxMonths: 12,
};

/** Effective settings for a tenant: stored `settings.org` over the defaults (like `securitySettings`). */
export function orgSettings(stored: Record<string, unknown> | null | undefined): OrgSettings {
  const s = (stored?.org ?? {}) as Partial<OrgSettings>;
  return { ...DEFAULT_ORG_SETTINGS, ...s, termYears: { ...DEFAULT_ORG_SETTINGS.termYears, ...(s.termYears ?? {}) } };
}

/**
 * A rule finding about an org unit. `severity`:
 * - 'block': the service refuses a write that would *create* this state (e.g. electing a 支委会 in a branch of 5),
 *   unless a user with the right role records an exception with a reason;
 * - 'warning': shown and allowed.
 * For a unit whose counts drift later (members leave), every finding is shown as a notice; nothing is undone.
 */
export interface OrgFinding {
  code: OrgFindingCode;
  severity: 'warning' | 'block';
  /** Where the rule comes from, e.g. 'RULES.md §1 …', for the API and the audit record. */
  rule: string;
  /** The regulation, in both languages, for the screens (platform/rules/basis.ts). */
  basis: { zh: string; en: string };
  message: { zh: string; en: string };
  params: Record<string, string | number | boolean>;
}

export type OrgFindingCode =
  | 'branch_too_few_full_members'
  | 'joint_branch_too_many_units'
  | 'branch_too_many_members'
  | 'committee_not_allowed'
  | 'committee_required'
  | 'committee_too_small'
  | 'committee_too_large'
  | 'committee_above_usual'
  | 'kind_below_size'
  | 'term_extension_too_long'
  | 'term_early_too_far';

/** Counts of one org unit, as the service computes them. */
export interface OrgUnitCounts {
  /** 正式党员 directly in the unit (for a branch: its members, including those in its 党小组s). */
  fullMembers: number;
  /** All party members (正式 + 预备) in the unit and its subunits. */
  members: number;
  /** Whether the unit has a 委员会 (for a branch: a 支部委员会). */
  hasCommittee: boolean;
  /** Size of the 委员会 (书记 and 副书记 included). Ignored when `hasCommittee` is false. */
  committeeMembers: number;
  /** For a 联合支部: how many units (enterprises, departments) it covers. */
  coveredUnits?: number;
}

const R1 = 'RULES.md §1';

/**
 * The §1 size rules for one unit. Committee rules apply to 党支部 (支部委员会); RULES.md gives no size numbers for the
 * 委员会 of a 党总支 or 党委, so those are not checked here.
 */
export function checkOrgUnit(kind: OrgKind, counts: OrgUnitCounts, settings: OrgSettings = DEFAULT_ORG_SETTINGS): OrgFinding[] {
  const s = settings;
  const out: OrgFinding[] = [];
  if (kind === 'branch') {
    if (counts.fullMembers < s.branchMinFullMembers) {
      out.push({
        code: 'branch_too_few_full_members', severity: 'warning',
        basis: RULE_BASIS[1], rule: `${R1}: a 党支部 needs at least ${s.branchMinFullMembers} 正式党员; with fewer, a 联合支部 may cover up to ${s.jointBranchMaxUnits} units`,
        message: {
          zh: `党支部正式党员不足${s.branchMinFullMembers}人（现有${counts.fullMembers}人），可与邻近单位成立联合党支部（最多${s.jointBranchMaxUnits}个单位）`,
          en: `A party branch needs at least ${s.branchMinFullMembers} full members (it has ${counts.fullMembers}); consider a joint branch with neighbouring units (up to ${s.jointBranchMaxUnits})`,
        },
        params: { fullMembers: counts.fullMembers, minimum: s.branchMinFullMembers, jointBranchMaxUnits: s.jointBranchMaxUnits },
      });
    }
    if (counts.coveredUnits !== undefined && counts.coveredUnits > s.jointBranchMaxUnits) {
      out.push({
        code: 'joint_branch_too_many_units', severity: 'warning',
        basis: RULE_BASIS[1], rule: `${R1}: a 联合支部 may cover up to ${s.jointBranchMaxUnits} units`,
        message: {
          zh: `联合党支部覆盖的单位一般不超过${s.jointBranchMaxUnits}个（现有${counts.coveredUnits}个）`,
          en: `A joint branch usually covers at most ${s.jointBranchMaxUnits} units (it covers ${counts.coveredUnits})`,
        },
        params: { coveredUnits: counts.coveredUnits, maximum: s.jointBranchMaxUnits },
      });
    }
    if (counts.members > s.branchMaxMembers) {
      out.push({
        code: 'branch_too_many_members', severity: 'warning',
        basis: RULE_BASIS[1], rule: `${R1}: a branch usually has at most ${s.branchMaxMembers} members`,
        message: {
          zh: `党支部党员一般不超过${s.branchMaxMembers}人（现有${counts.members}人），可考虑分设支部`,
          en: `A party branch usually has at most ${s.branchMaxMembers} members (it has ${counts.members}); consider splitting it`,
        },
        params: { members: counts.members, maximum: s.branchMaxMembers },
      });
    }
    out.push(...committeeFindings(counts, s));
  }
  const suggested = suggestedKind(counts.members, s);
  if (suggested && (kind === 'branch' || kind === 'general_branch') && ORG_KIND_RANK[suggested] < ORG_KIND_RANK[kind]) {
    out.push({
      code: 'kind_below_size', severity: 'warning',
      basis: RULE_BASIS[1], rule: `${R1}: 100 or more members in an SOE unit: 党委; 50–100: 党总支 (setting)`,
      message: {
        zh: `党员${counts.members}人，按规模一般应设立${ORG_KIND_NAMES[suggested].zh}（现为${ORG_KIND_NAMES[kind].zh}）`,
        en: `With ${counts.members} members the unit would normally be a ${ORG_KIND_NAMES[suggested].en} (it is a ${ORG_KIND_NAMES[kind].en})`,
      },
      params: { members: counts.members, kind, suggestedKind: suggested },
    });
  }
  return out;
}

function committeeFindings(counts: OrgUnitCounts, s: OrgSettings): OrgFinding[] {
  const rule = `${R1}: fewer than ${s.committeeFromFullMembers} 正式党员: no 支委会; ${s.committeeFromFullMembers} or more: a 支委会 of ${s.committeeMin}–${s.committeeUsualMax} members (at most ${s.committeeMax})`;
  const needs = counts.fullMembers >= s.committeeFromFullMembers;
  if (!needs && counts.hasCommittee) {
    return [{
      code: 'committee_not_allowed', severity: 'block', rule, basis: RULE_BASIS[1],
      message: {
        zh: `正式党员不足${s.committeeFromFullMembers}人（现有${counts.fullMembers}人）的党支部不设支部委员会，设书记1名，必要时设副书记1名`,
        en: `A branch with fewer than ${s.committeeFromFullMembers} full members (it has ${counts.fullMembers}) has no branch committee: one secretary, and a deputy if needed`,
      },
      params: { fullMembers: counts.fullMembers, threshold: s.committeeFromFullMembers },
    }];
  }
  if (needs && !counts.hasCommittee) {
    return [{
      code: 'committee_required', severity: 'warning', rule, basis: RULE_BASIS[1],
      message: {
        zh: `正式党员${counts.fullMembers}人，达到${s.committeeFromFullMembers}人以上的党支部应设立支部委员会`,
        en: `With ${counts.fullMembers} full members (${s.committeeFromFullMembers} or more) the branch should elect a branch committee`,
      },
      params: { fullMembers: counts.fullMembers, threshold: s.committeeFromFullMembers },
    }];
  }
  if (!counts.hasCommittee) return [];
  const size = counts.committeeMembers;
  const params = { committeeMembers: size, minimum: s.committeeMin, usualMaximum: s.committeeUsualMax, maximum: s.committeeMax };
  if (size < s.committeeMin) {
    return [{ code: 'committee_too_small', severity: 'block', rule, basis: RULE_BASIS[1], params, message: {
      zh: `支部委员会一般由${s.committeeMin}至${s.committeeUsualMax}人组成，现有${size}人，不足${s.committeeMin}人`,
      en: `A branch committee has ${s.committeeMin}–${s.committeeUsualMax} members; it has ${size}, fewer than ${s.committeeMin}`,
    } }];
  }
  if (size > s.committeeMax) {
    return [{ code: 'committee_too_large', severity: 'block', rule, basis: RULE_BASIS[1], params, message: {
      zh: `支部委员会最多不超过${s.committeeMax}人，现有${size}人`,
      en: `A branch committee has at most ${s.committeeMax} members; it has ${size}`,
    } }];
  }
  if (size > s.committeeUsualMax) {
    return [{ code: 'committee_above_usual', severity: 'warning', rule, basis: RULE_BASIS[1], params, message: {
      zh: `支部委员会一般为${s.committeeMin}至${s.committeeUsualMax}人，现有${size}人（最多${s.committeeMax}人）`,
      en: `A branch committee usually has ${s.committeeMin}–${s.committeeUsualMax} members; it has ${size} (at most ${s.committeeMax})`,
    } }];
  }
  return [];
}

/**
 * The kind an SOE unit of this many party members would normally have (RULES.md §1, secondary source, setting):
 * 党委 from `committeeFromMembers` (100), 党总支 above `generalBranchAboveMembers` (50), otherwise null (a 党支部 is fine).
 */
export function suggestedKind(members: number, settings: OrgSettings = DEFAULT_ORG_SETTINGS): 'committee' | 'general_branch' | null {
  if (members >= settings.committeeFromMembers) return 'committee';
  if (members > settings.generalBranchAboveMembers) return 'general_branch';
  return null;
}

/** Term length in years for a kind (基层党委 5, 党总支 and 党支部 3 by default); null for a 党小组 (no elected term). */
export function termYears(kind: OrgKind, settings: OrgSettings = DEFAULT_ORG_SETTINGS): number | null {
  return kind === 'party_group' ? null : settings.termYears[kind];
}

/**
 * When a term that started (was elected) on `start` is due to end: the same calendar day `termYears` later
 * (29 February clamps to 28 February). Null for a 党小组.
 */
export function termEnds(start: LegalDate, kind: OrgKind, settings: OrgSettings = DEFAULT_ORG_SETTINGS): LegalDate | null {
  const years = termYears(kind, settings);
  return years === null ? null : addYears(start, years);
}

/** First day of the 换届 reminder: `renewalReminderMonths` (6) before the term ends. */
export function renewalReminderFrom(termEnd: LegalDate, settings: OrgSettings = DEFAULT_ORG_SETTINGS): LegalDate {
  return addMonths(termEnd, -settings.renewalReminderMonths);
}

/** Whether the 换届 reminder is due on `today`: from 6 months before the term ends, and still after it (overdue). */
export function renewalReminderDue(termEnd: LegalDate, today: LegalDate, settings: OrgSettings = DEFAULT_ORG_SETTINGS): boolean {
  return !isBefore(today, renewalReminderFrom(termEnd, settings));
}

export type TermState = 'running' | 'renewal_due' | 'expired';

/** 'running' before the reminder window, 'renewal_due' within the last 6 months, 'expired' after the term's end date. */
export function termState(termEnd: LegalDate, today: LegalDate, settings: OrgSettings = DEFAULT_ORG_SETTINGS): TermState {
  if (isAfter(today, termEnd)) return 'expired';
  return renewalReminderDue(termEnd, today, settings) ? 'renewal_due' : 'running';
}

/**
 * Moving a term's end (延期换届 or 提前换届, approved by the higher 党组织): normally at most 1 year either way
 * (RULES.md §1). Returns a 'block' finding when the change exceeds `termChangeMaxMonths`, else none.
 */
export function checkTermChange(regularEnd: LegalDate, proposedEnd: LegalDate, settings: OrgSettings = DEFAULT_ORG_SETTINGS): OrgFinding[] {
  const later = isAfter(proposedEnd, regularEnd);
  const [a, b] = later ? [regularEnd, proposedEnd] : [proposedEnd, regularEnd];
  const max = settings.termChangeMaxMonths;
  // more than `max` months apart: even `max` whole months leave days over
  const within = !isAfter(b, addMonths(a, max));
  if (within) return [];
  return [{
    code: later ? 'term_extension_too_long' : 'term_early_too_far', severity: 'block',
    basis: RULE_BASIS[1], rule: `${R1}: extension or early election normally at most 1 year`,
    message: later
      ? { zh: `延期换届一般不超过${max}个月`, en: `A term may be extended by at most ${max} months` }
      : { zh: `提前换届一般不超过${max}个月`, en: `An election may be brought forward by at most ${max} months` },
    params: { regularEnd, proposedEnd, months: wholeMonthsBetween(a, b), maximum: max },
  }];
}

/** The materialised path of a unit's parent ('/a/b/' → '/a/'); null for a root unit. */
export function parentPathOf(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 1 ? null : `/${parts.slice(0, -1).join('/')}/`;
}

/**
 * Who may hold a 书记/副书记/委员 position: a 正式党员. 预备党员 have no right to vote or be elected (党章 第七条), and
 * the others are not members. Returns the refusal message, or null.
 */
export function positionRefusal(partyStatus: string): { zh: string; en: string } | null {
  if (partyStatus === 'full') return null;
  return partyStatus === 'probationary'
    ? { zh: '预备党员没有选举权和被选举权，不能担任党组织书记、副书记或委员（党章第七条）', en: 'A probationary member cannot be elected to a position (Party Constitution, art. 7)' }
    : { zh: '只有正式党员才能担任党组织书记、副书记或委员', en: 'Only a full party member can hold a position' };
}
