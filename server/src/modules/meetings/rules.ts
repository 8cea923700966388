/**
 * 组织生活 rules (RULES.md §5, 《中国共产党支部工作条例（试行）》2018): how often each meeting is due, which period a meeting
 * fulfils, and the compliance of a period (green held on time / amber due soon, overdue or held late / red missing).
 * Pure: no I/O, no clock — `today` is an argument. The compliance view, the 台账, planning and reminders all call these.
 * Vote quorum and pass rules are the room's (votes rules), not here.
 */
import { addDays, compareDates, daysInMonth, formatDate, isAfter, isBefore, parseDate, type LegalDate } from '../../platform/dates/legal-date.js';
import type { OrgKind } from '../../platform/db/schema.js';
import type { MeetingKind } from './tables.js';

const R5 = 'RULES.md §5';

export type Granularity = 'month' | 'quarter' | 'year';

export const KIND_NAMES: Record<MeetingKind, { zh: string; en: string }> = {
  branch_assembly: { zh: '支部党员大会', en: 'Branch general meeting' },
  committee: { zh: '支部委员会会议', en: 'Branch committee meeting' },
  group: { zh: '党小组会', en: 'Party group meeting' },
  lecture: { zh: '党课', en: 'Party lecture' },
  theme_day: { zh: '主题党日', en: 'Theme party day' },
  life_meeting: { zh: '组织生活会', en: 'Organizational life meeting' },
  evaluation: { zh: '民主评议党员', en: 'Democratic evaluation of members' },
};

/** 三会一课 and the rest, in the order the 台账 lists them. */
export const KIND_ORDER: readonly MeetingKind[] = ['branch_assembly', 'committee', 'group', 'lecture', 'theme_day', 'life_meeting', 'evaluation'];

export interface MeetingSettings {
  /** How often each kind is due. Defaults from RULES.md §5; a tenant may only ask for more often (stricter). */
  frequency: Record<MeetingKind, Granularity>;
  /** 主题党日: the fixed day of each month (1–28). */
  themeDayOfMonth: number;
  /** 组织生活会 is usually held in this quarter (RULES.md §5: usually Q4); amber from its start until held. */
  lifeMeetingQuarter: 1 | 2 | 3 | 4;
  /** 民主评议 likewise (it may join the 组织生活会). */
  evaluationQuarter: 1 | 2 | 3 | 4;
  /** A held 组织生活会 also counts as the year's 民主评议 (RULES.md §5: 民主评议 may join the 组织生活会). */
  evaluationWithLifeMeeting: boolean;
  /** Amber this many days before a meeting falls due while none is held. */
  dueSoonDays: number;
  /** Reminder to attendees this many hours before a meeting starts. */
  remindBeforeHours: number;
}

export const DEFAULT_MEETING_SETTINGS: MeetingSettings = {
  frequency: {
    branch_assembly: 'quarter', committee: 'month', group: 'month', lecture: 'quarter', theme_day: 'month', life_meeting: 'year', evaluation: 'year',
  },
  themeDayOfMonth: 15,
  lifeMeetingQuarter: 4,
  evaluationQuarter: 4,
  evaluationWithLifeMeeting: true,
  dueSoonDays: 14,
  remindBeforeHours: 24,
};

const GRAIN_RANK: Record<Granularity, number> = { month: 0, quarter: 1, year: 2 };

/** The frequencies a tenant may choose per kind: the regulation's or more often (RULES.md §5; 党课 is local practice). */
export const ALLOWED_FREQUENCIES: Record<MeetingKind, readonly Granularity[]> = {
  branch_assembly: ['quarter', 'month'],
  committee: ['month'],
  group: ['month'],
  lecture: ['quarter', 'month'],
  theme_day: ['month'],
  life_meeting: ['year'],
  evaluation: ['year'],
};

/** Effective settings for a tenant: stored `settings.meetings` over the defaults; a stored value outside the allowed set falls back. */
export function meetingSettings(stored: Record<string, unknown> | null | undefined): MeetingSettings {
  const s = (stored?.meetings ?? {}) as Partial<MeetingSettings>;
  const frequency = { ...DEFAULT_MEETING_SETTINGS.frequency };
  for (const k of KIND_ORDER) {
    const f = s.frequency?.[k];
    if (f && ALLOWED_FREQUENCIES[k].includes(f)) frequency[k] = f;
  }
  return { ...DEFAULT_MEETING_SETTINGS, ...s, frequency };
}

// ---------------------------------------------------------------------------------------------------------------------
// Periods: '2026' (year), '2026-Q1' (quarter), '2026-03' (month).
// ---------------------------------------------------------------------------------------------------------------------

export interface PeriodInfo { period: string; granularity: Granularity; year: number; start: LegalDate; end: LegalDate }

export function isPeriod(value: string): boolean {
  return parsePeriod(value) !== null;
}

export function parsePeriod(period: string): PeriodInfo | null {
  let m = /^(\d{4})$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    return { period, granularity: 'year', year: y, start: formatDate(y, 1, 1), end: formatDate(y, 12, 31) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const last = q * 3;
    return { period, granularity: 'quarter', year: y, start: formatDate(y, last - 2, 1), end: formatDate(y, last, daysInMonth(y, last)) };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { period, granularity: 'month', year: y, start: formatDate(y, mo, 1), end: formatDate(y, mo, daysInMonth(y, mo)) };
  }
  return null;
}

function mustParse(period: string): PeriodInfo {
  const p = parsePeriod(period);
  if (!p) throw new Error(`not a period: ${period}`);
  return p;
}

/** The period of granularity `g` that contains `date`. */
export function periodOf(date: LegalDate, g: Granularity): string {
  const d = parseDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  if (g === 'year') return String(d.year);
  if (g === 'quarter') return `${d.year}-Q${Math.ceil(d.month / 3)}`;
  return `${d.year}-${String(d.month).padStart(2, '0')}`;
}

/** The period a meeting of `kind` planned on `date` fulfils by default. */
export function periodForKind(kind: MeetingKind, date: LegalDate, s: MeetingSettings = DEFAULT_MEETING_SETTINGS): string {
  return periodOf(date, s.frequency[kind]);
}

/** The period before `period` (same granularity). */
export function previousPeriod(period: string): string {
  const p = mustParse(period);
  return periodOf(addDays(p.start, -1), p.granularity);
}

/** A period's bit within its calendar year: 0 the year, 1–4 the quarters, 5–16 the months (migration 0039 zg_period_bit). */
export function yearBit(period: string): number {
  const p = mustParse(period);
  if (p.granularity === 'year') return 0;
  if (p.granularity === 'quarter') return Number(period.slice(6));
  return 4 + Number(period.slice(5, 7));
}

/**
 * The periods of granularity `g` that the compliance view of `view` shows: the finer ones inside it (a year view shows
 * 12 months of 支委会), or the coarser one that contains it (a month view shows its quarter's 支部党员大会).
 */
export function periodsFor(view: string, g: Granularity): string[] {
  const v = mustParse(view);
  if (GRAIN_RANK[g] >= GRAIN_RANK[v.granularity]) return [periodOf(v.start, g)];
  const out: string[] = [];
  for (let d = v.start; !isAfter(d, v.end);) {
    const p = periodOf(d, g);
    out.push(p);
    d = addDays(mustParse(p).end, 1);
  }
  return out;
}

/**
 * The periods a meeting of `kind` planned on `date` may be recorded for: the period containing the date, and (to make up
 * a missed one, which then counts as held late) up to a year of earlier periods. Never a later period.
 */
export function periodChoices(kind: MeetingKind, date: LegalDate, s: MeetingSettings = DEFAULT_MEETING_SETTINGS): string[] {
  const out = [periodForKind(kind, date, s)];
  const g = s.frequency[kind];
  const back = g === 'month' ? 12 : g === 'quarter' ? 4 : 1;
  for (let i = 0; i < back; i++) out.push(previousPeriod(out[out.length - 1] as string));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------
// What is due where
// ---------------------------------------------------------------------------------------------------------------------

export interface BranchFacts {
  /** A 支部委员会 exists (a 委员 among the current positions; RULES.md §1: 7 or more 正式党员). */
  hasCommittee: boolean;
  /** Number of current 党小组 of the branch. */
  groups: number;
}

/**
 * The kinds due in a 党支部 (RULES.md §5). 支委会 only where a 支部委员会 exists (RULES.md §1: fewer than 7 正式党员 means
 * a 书记 and no 支委会); 党小组会 only where the branch has 党小组 (each group holds its own).
 */
export function kindsDue(unitKind: OrgKind, f: BranchFacts): MeetingKind[] {
  if (unitKind !== 'branch') return [];
  return KIND_ORDER.filter((k) => (k === 'committee' ? f.hasCommittee : k === 'group' ? f.groups > 0 : true));
}

/** The kinds an org unit may hold (planning): a 党小组 holds 党小组会 only; a branch or 党总支 everything else. */
export function kindsHeldBy(unitKind: OrgKind): MeetingKind[] {
  if (unitKind === 'party_group') return ['group'];
  if (unitKind === 'branch' || unitKind === 'general_branch') return KIND_ORDER.filter((k) => k !== 'group');
  return [];
}

/**
 * The day a meeting of `kind` for `period` is due: the period's last day; 主题党日 its fixed day of the month.
 */
export function dueDate(kind: MeetingKind, period: string, s: MeetingSettings = DEFAULT_MEETING_SETTINGS): LegalDate {
  const p = mustParse(period);
  if (kind === 'theme_day' && p.granularity === 'month') {
    const d = parseDate(p.start) as { year: number; month: number };
    return formatDate(d.year, d.month, Math.min(s.themeDayOfMonth, daysInMonth(d.year, d.month)));
  }
  return p.end;
}

/** From when a missing meeting shows amber: `dueSoonDays` before it is due; a yearly 组织生活会 / 民主评议 from its usual quarter. */
export function dueSoonFrom(kind: MeetingKind, period: string, s: MeetingSettings = DEFAULT_MEETING_SETTINGS): LegalDate {
  const p = mustParse(period);
  const byDays = addDays(dueDate(kind, period, s), -s.dueSoonDays);
  const quarter = kind === 'life_meeting' ? s.lifeMeetingQuarter : kind === 'evaluation' ? s.evaluationQuarter : null;
  const from = quarter !== null && p.granularity === 'year' ? formatDate(p.year, quarter * 3 - 2, 1) : byDays;
  const earliest = compareDates(from, byDays) < 0 ? from : byDays;
  return compareDates(earliest, p.start) < 0 ? p.start : earliest;
}

// ---------------------------------------------------------------------------------------------------------------------
// Compliance of one cell: a unit, a kind, a period
// ---------------------------------------------------------------------------------------------------------------------

/** What the meeting records say about one unit, kind and period. */
export interface CellFacts {
  /** A meeting for this period was held (with attendance) on or before the period's last day. */
  onTime: boolean;
  /** A meeting for this period was held only after the period ended. */
  late: boolean;
  /** A meeting for this period is planned (planned, notified or in progress). */
  planned: boolean;
}

export type Light = 'green' | 'amber' | 'red' | 'open' | 'future';
export type CellReason = 'held' | 'held_late' | 'missing' | 'overdue' | 'due_soon' | 'not_due' | 'not_started';

export interface CellStatus { light: Light; reason: CellReason; period: string; due: LegalDate; planned: boolean }

/**
 * RULES.md §5 for one cell as of `today` (a China date):
 * - green: held on time (within the period);
 * - amber: held, but after the period ended (late); or not yet held with the due day near (`dueSoonDays`, or the usual
 *   quarter of a yearly 组织生活会 / 民主评议); or a 主题党日 whose fixed day has passed in a month not yet over;
 * - red: the period is over and nothing was held;
 * - open: not yet due; future: the period has not started.
 */
export function cellStatus(kind: MeetingKind, period: string, facts: CellFacts, today: LegalDate, s: MeetingSettings = DEFAULT_MEETING_SETTINGS): CellStatus {
  return cellJudge(kind, period, today, s)(facts);
}

/**
 * cellStatus for one kind and period, prepared once: everything but the facts is the same for every unit, so a view
 * over 20,000 branches judges each cell by looking at three booleans (bench/compliance). The statuses are shared,
 * frozen objects.
 */
export function cellJudge(kind: MeetingKind, period: string, today: LegalDate, s: MeetingSettings = DEFAULT_MEETING_SETTINGS): (facts: CellFacts) => CellStatus {
  const p = mustParse(period);
  const due = dueDate(kind, period, s);
  const make = (light: Light, reason: CellReason, planned: boolean): CellStatus => Object.freeze({ period, due, planned, light, reason });
  let pending: [Light, CellReason];
  if (isBefore(today, p.start)) pending = ['future', 'not_started'];
  else if (isAfter(today, p.end)) pending = ['red', 'missing'];
  else if (isAfter(today, due)) pending = ['amber', 'overdue'];
  else if (!isBefore(today, dueSoonFrom(kind, period, s))) pending = ['amber', 'due_soon'];
  else pending = ['open', 'not_due'];
  const held = [make('green', 'held', false), make('green', 'held', true)] as const;
  const late = [make('amber', 'held_late', false), make('amber', 'held_late', true)] as const;
  const none = [make(pending[0], pending[1], false), make(pending[0], pending[1], true)] as const;
  return (f) => (f.onTime ? held : f.late ? late : none)[f.planned ? 1 : 0];
}

const LIGHT_RANK: Record<Light, number> = { red: 4, amber: 3, open: 2, green: 1, future: 0 };

/** The worst light of several (red over amber over open over green); 'future' when there is nothing to judge. */
export function worstLight(lights: Iterable<Light>): Light {
  let out: Light = 'future';
  for (const l of lights) if (LIGHT_RANK[l] > LIGHT_RANK[out]) out = l;
  return out;
}

/**
 * Combines the cells of one kind over the periods of a view (and, for 党小组会, over the groups of a branch):
 * the worst light, with counts.
 */
export function summarizeCells(cells: readonly CellStatus[]): { light: Light; held: number; late: number; missing: number; due: number } {
  let held = 0;
  let late = 0;
  let missing = 0;
  let due = 0;
  for (const c of cells) {
    if (c.reason === 'held') held++;
    else if (c.reason === 'held_late') late++;
    else if (c.reason === 'missing') missing++;
    if (c.light !== 'future' && c.light !== 'open') due++;
  }
  return { light: worstLight(cells.map((c) => c.light)), held, late, missing, due };
}

/**
 * The kinds whose held meeting also fulfils `kind` for the same period: 民主评议 may join the 组织生活会 (RULES.md §5,
 * a setting).
 */
export function fulfilledBy(kind: MeetingKind, s: MeetingSettings = DEFAULT_MEETING_SETTINGS): MeetingKind[] {
  return kind === 'evaluation' && s.evaluationWithLifeMeeting ? ['evaluation', 'life_meeting'] : [kind];
}

/** When to remind the attendees of a meeting starting at `startsAt`. */
export function reminderAt(startsAt: Date, s: MeetingSettings = DEFAULT_MEETING_SETTINGS): Date {
  return new Date(startsAt.getTime() - s.remindBeforeHours * 3_600_000);
}

/** The first instant after the China day `date` (its end, exclusive): Asia/Shanghai is UTC+8 all year. */
export function chinaDayEnd(date: LegalDate): Date {
  return new Date(`${addDays(date, 1)}T00:00:00+08:00`);
}

/** The China day an instant falls on. */
export function chinaDate(at: Date): LegalDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export const RULE_REF = R5;

const QUARTER_ZH = ['一', '二', '三', '四'];

/** The usual title of a meeting: '2026年第一季度支部党员大会', '2026年3月支部委员会会议', '2026年度组织生活会'. */
export function defaultTitle(kind: MeetingKind, period: string, lang: 'zh' | 'en' = 'zh'): string {
  const p = mustParse(period);
  const name = KIND_NAMES[kind][lang];
  if (lang === 'en') return `${name}, ${period}`;
  if (p.granularity === 'year') return `${p.year}年度${name}`;
  if (p.granularity === 'quarter') return `${p.year}年第${QUARTER_ZH[Number(period.slice(-1)) - 1]}季度${name}`;
  return `${p.year}年${Number(period.slice(5))}月${name}`;
}

/** A period as words: '2026年第一季度', '2026年3月', '2026年'. */
export function periodLabel(period: string, lang: 'zh' | 'en' = 'zh'): string {
  const p = mustParse(period);
  if (lang === 'en') return period;
  if (p.granularity === 'year') return `${p.year}年`;
  if (p.granularity === 'quarter') return `${p.year}年第${QUARTER_ZH[Number(period.slice(-1)) - 1]}季度`;
  return `${p.year}年${Number(period.slice(5))}月`;
}

/** An instant as China time in words: '2026年3月20日 14:30'. */
export function chinaTimeText(at: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((x) => [x.type, x.value]));
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour}:${parts.minute}`;
}
