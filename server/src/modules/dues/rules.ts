/**
 * 党费 (party dues), RULES.md §4 — 中组发〔2008〕3号. Pure rules: no I/O, no clock (months come in as arguments).
 *
 * Money is integer 分 (fen) everywhere. A rate is in basis points (1 bp = 0.01 %), so a due is
 * base × bp / 10000, rounded half up to the 分 with integer arithmetic only — never a float on money.
 * The rate applies to the WHOLE base (not progressively): 3000.01 元 pays 1 % of 3000.01 元.
 *
 * The monthly run (run.ts) derives dues in SQL over a whole tenant; its SQL is generated from the tables here
 * (sql.ts), so the brackets are written once.
 */

export type DuesCategory = 'employed' | 'annual_salary' | 'self_employed' | 'retired' | 'low_income' | 'farmer' | 'mobile';

export const DUES_CATEGORIES: readonly DuesCategory[] = ['employed', 'annual_salary', 'self_employed', 'retired', 'low_income', 'farmer', 'mobile'];

export const CATEGORY_LABELS: Record<DuesCategory, { zh: string; en: string; baseZh: string; baseEn: string }> = {
  employed: { zh: '在职', en: 'Employed', baseZh: '每月相对固定的工资收入（税后）', baseEn: 'regular monthly income after tax' },
  annual_salary: { zh: '年薪制', en: 'Annual salary', baseZh: '当月实际领取的薪酬（税后）', baseEn: 'pay actually received that month, after tax' },
  self_employed: { zh: '个体', en: 'Self-employed', baseZh: '上一季度月平均纯收入', baseEn: 'last quarter’s average monthly net income' },
  retired: { zh: '离退休', en: 'Retired', baseZh: '养老金总额（基本养老金+企业年金+统筹外养老金）', baseEn: 'total pension (basic + enterprise annuity + other)' },
  low_income: { zh: '学生/失业/低保', en: 'Student, unemployed or on relief', baseZh: '固定金额', baseEn: 'fixed amount' },
  farmer: { zh: '农民', en: 'Farmer', baseZh: '固定金额（本单位设置）', baseEn: 'fixed amount (tenant setting)' },
  mobile: { zh: '流动（无固定收入）', en: 'Mobile, no fixed income', baseZh: '固定金额（本单位设置）', baseEn: 'fixed amount (tenant setting)' },
};

/** A bracket: bases up to and including `upToFen` (null: no upper limit) pay `rateBp` of the whole base. */
export interface Bracket { upToFen: number | null; rateBp: number }

/** Employed, 年薪制 and self-employed (RULES.md §4): ≤3000 元 0.5 %, ≤5000 1 %, ≤10000 1.5 %, above 2 %. */
export const INCOME_BRACKETS: readonly Bracket[] = [
  { upToFen: 300_000, rateBp: 50 },
  { upToFen: 500_000, rateBp: 100 },
  { upToFen: 1_000_000, rateBp: 150 },
  { upToFen: null, rateBp: 200 },
];

/** Retired (RULES.md §4): pension ≤5000 元 0.5 %, above 1 %. */
export const PENSION_BRACKETS: readonly Bracket[] = [
  { upToFen: 500_000, rateBp: 50 },
  { upToFen: null, rateBp: 100 },
];

/** Students, unemployed, on relief or 低保: 0.2 元 a month (RULES.md §4). */
export const LOW_INCOME_FEN = 20;
/** Farmers pay 0.2–1 元 a month (RULES.md §4); the tenant picks within these. */
export const FARMER_FEN_BOUNDS = { minimum: 20, maximum: 100 } as const;
/** A single voluntary payment of 1000 元 or more goes wholly to 中央 (RULES.md §4). */
export const CENTRAL_VOLUNTARY_FEN = 100_000;
/** Back payment is generally limited to 6 months (RULES.md §4); more needs approval. */
export const BACK_PAYMENT_LIMIT_MONTHS = 6;
/** 6 consecutive months unpaid without good reason: the branch must handle it (RULES.md §4). */
export const CASE_MONTHS = 6;

export function isFixedCategory(c: DuesCategory): c is 'low_income' | 'farmer' | 'mobile' {
  return c === 'low_income' || c === 'farmer' || c === 'mobile';
}

export function bracketsOf(c: DuesCategory): readonly Bracket[] | null {
  if (c === 'retired') return PENSION_BRACKETS;
  if (isFixedCategory(c)) return null;
  return INCOME_BRACKETS;
}

// ---------------------------------------------------------------- settings

export interface DuesSettings {
  /** When a 预备党员 starts paying (disputed, RULES.md §4): from the 支部大会 month or the month the 党委 approves. */
  probationaryStart: 'branch_meeting' | 'committee_approval';
  /** Farmers' monthly amount, 20–100 分. */
  farmerFen: number;
  /** Mobile members without fixed income: monthly amount, 20–100 分 (by default like students). */
  mobileFen: number;
  /** Back payment without approval: at most this many months (≤ 6). */
  backPaymentMonths: number;
  /** Unpaid this many months: a reminder to the member and the branch. */
  reminderMonths: number;
}

export const DEFAULT_DUES_SETTINGS: DuesSettings = {
  probationaryStart: 'branch_meeting',
  farmerFen: 20,
  mobileFen: LOW_INCOME_FEN,
  backPaymentMonths: BACK_PAYMENT_LIMIT_MONTHS,
  reminderMonths: 3,
};

export const DUES_SETTING_BOUNDS = {
  farmerFen: FARMER_FEN_BOUNDS,
  mobileFen: FARMER_FEN_BOUNDS,
  backPaymentMonths: { minimum: 1, maximum: BACK_PAYMENT_LIMIT_MONTHS },
  reminderMonths: { minimum: 1, maximum: CASE_MONTHS - 1 },
} as const;

/** Effective settings for a tenant: stored `settings.dues` over the defaults. */
export function duesSettings(stored: Record<string, unknown> | null | undefined): DuesSettings {
  return { ...DEFAULT_DUES_SETTINGS, ...((stored?.dues ?? {}) as Partial<DuesSettings>) };
}

// ---------------------------------------------------------------- money

/** base × rateBp / 10000, rounded half up to the 分 (integers only; bases are non-negative). */
export function applyRate(baseFen: number, rateBp: number): number {
  if (!Number.isSafeInteger(baseFen) || baseFen < 0) throw new RangeError('base must be a non-negative integer number of fen');
  return Math.floor((baseFen * rateBp + 5000) / 10000);
}

/** Half-up integer division for non-negative numbers (self-employed quarter averages). */
export function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Self-employed: last quarter's average monthly net income (RULES.md §4), half up to the 分. */
export function quarterAverageFen(monthsFen: readonly [number, number, number]): number {
  return divideHalfUp(monthsFen[0] + monthsFen[1] + monthsFen[2], 3);
}

/** Retired: the base is the total pension (基本养老金 + 企业年金 + 统筹外养老金). */
export function pensionBaseFen(parts: { basicFen: number; annuityFen?: number; otherFen?: number }): number {
  return parts.basicFen + (parts.annuityFen ?? 0) + (parts.otherFen ?? 0);
}

/** '¥12.34' style text without floats. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- the calculation

export interface DueResult {
  category: DuesCategory;
  baseFen: number | null;
  monthlyFen: number;
  /** The rate in basis points, or null for a fixed amount. */
  rateBp: number | null;
  /** Index into the category's brackets, or null for a fixed amount. */
  bracket: number | null;
  bracketText: { zh: string; en: string };
  /** The rule applied, in plain words. */
  ruleText: { zh: string; en: string };
}

function bracketIndex(brackets: readonly Bracket[], baseFen: number): number {
  const i = brackets.findIndex((b) => b.upToFen === null || baseFen <= b.upToFen);
  return i < 0 ? brackets.length - 1 : i;
}

function pct(bp: number): string {
  return `${bp / 100}%`;
}

function bracketWords(brackets: readonly Bracket[], i: number): { zh: string; en: string } {
  const b = brackets[i]!;
  const lower = i === 0 ? null : brackets[i - 1]!.upToFen;
  const y = (f: number) => String(f / 100);
  if (lower === null) return { zh: `${y(b.upToFen!)}元以下（含）`, en: `up to ${y(b.upToFen!)} yuan` };
  if (b.upToFen === null) return { zh: `${y(lower)}元以上`, en: `above ${y(lower)} yuan` };
  return { zh: `${y(lower)}元以上至${y(b.upToFen)}元（含）`, en: `above ${y(lower)} up to ${y(b.upToFen)} yuan` };
}

/**
 * The monthly dues of one member (RULES.md §4). `baseFen` is required for the categories with a base and ignored
 * for the fixed ones. Throws RangeError on a missing or negative base (callers validate input first).
 */
export function monthlyDue(category: DuesCategory, baseFen: number | null, settings: DuesSettings = DEFAULT_DUES_SETTINGS): DueResult {
  if (isFixedCategory(category)) {
    const fen = category === 'low_income' ? LOW_INCOME_FEN : category === 'farmer' ? settings.farmerFen : settings.mobileFen;
    const label = CATEGORY_LABELS[category];
    return {
      category, baseFen: null, monthlyFen: fen, rateBp: null, bracket: null,
      bracketText: { zh: '固定金额', en: 'fixed amount' },
      ruleText: {
        zh: `${label.zh}党员每月交纳党费${yuan(fen)}元${category === 'low_income' ? '（中组发〔2008〕3号）' : '（本单位按规定设置）'}`,
        en: `${label.en}: ${yuan(fen)} yuan a month${category === 'low_income' ? ' (Central Organization Department 2008 No. 3)' : ' (set by the organization within the rules)'}`,
      },
    };
  }
  if (baseFen === null || !Number.isSafeInteger(baseFen) || baseFen < 0) throw new RangeError('this category needs a non-negative monthly base in fen');
  const brackets = bracketsOf(category)!;
  const i = bracketIndex(brackets, baseFen);
  const rateBp = brackets[i]!.rateBp;
  const monthlyFen = applyRate(baseFen, rateBp);
  const words = bracketWords(brackets, i);
  const label = CATEGORY_LABELS[category];
  return {
    category, baseFen, monthlyFen, rateBp, bracket: i, bracketText: words,
    ruleText: {
      zh: `${label.zh}：以${label.baseZh}${yuan(baseFen)}元为基数，属“${words.zh}”档，按${pct(rateBp)}全额计算（不累进），${yuan(baseFen)}×${pct(rateBp)}=${yuan(monthlyFen)}元（四舍五入到分）`,
      en: `${label.en}: base ${yuan(baseFen)} yuan (${label.baseEn}) is in the bracket “${words.en}”; ${pct(rateBp)} of the whole base (not progressive) = ${yuan(monthlyFen)} yuan, rounded half up to the fen`,
    },
  };
}

// ---------------------------------------------------------------- months

export type YearMonth = string;

export function isYearMonth(s: unknown): s is YearMonth {
  return typeof s === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function addMonthsYm(ym: YearMonth, n: number): YearMonth {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

export function monthsBetween(from: YearMonth, to: YearMonth): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

/** from..to inclusive; empty when to < from. */
export function monthRange(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let m = from; m <= to; m = addMonthsYm(m, 1)) out.push(m);
  return out;
}

/** '2026年11月' for the letter and the screens. */
export function monthText(ym: YearMonth): string {
  return `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;
}

/**
 * The first month a member owes dues (RULES.md §4): a 预备党员 from the 支部大会 month or the 党委 approval month
 * (tenant setting; without a recorded approval, the 支部大会 month).
 */
export function firstDuesMonth(joinedOn: string | null, committeeApprovedOn: string | null, settings: DuesSettings): YearMonth | null {
  const date = settings.probationaryStart === 'committee_approval' ? committeeApprovedOn ?? joinedOn : joinedOn;
  return date ? date.slice(0, 7) : null;
}

// ---------------------------------------------------------------- the ledger, month by month

export interface MonthBalance { month: YearMonth; dueFen: number; paidFen: number; waivedFen: number }

export function outstandingOf(b: MonthBalance): number {
  return Math.max(0, b.dueFen - b.paidFen - b.waivedFen);
}

/** Settled: something was due and it is paid or waived in full (a fully waived month is settled). */
export function isSettled(b: MonthBalance): boolean {
  return b.dueFen > 0 ? b.paidFen + b.waivedFen >= b.dueFen : b.paidFen > 0;
}

/**
 * 党费交至 (RULES.md §3/§4): the last month up to which every month is settled, walking the ledger from its first
 * month; months paid in advance count. null when nothing is settled yet (or there is no ledger).
 */
export function paidUntil(balances: readonly MonthBalance[]): YearMonth | null {
  const sorted = [...balances].sort((a, b) => a.month.localeCompare(b.month));
  let until: YearMonth | null = null;
  for (const b of sorted) {
    if (b.dueFen === 0 && b.paidFen === 0 && b.waivedFen === 0) continue;
    if (!isSettled(b)) break;
    until = b.month;
  }
  return until;
}

/** How many months in a row, ending with `lastMonth`, have something outstanding; and the first of them. */
export function unpaidStreak(balances: readonly MonthBalance[], lastMonth: YearMonth): { months: number; since: YearMonth | null } {
  const byMonth = new Map(balances.map((b) => [b.month, b]));
  let n = 0;
  let since: YearMonth | null = null;
  for (let m = lastMonth; ; m = addMonthsYm(m, -1)) {
    const b = byMonth.get(m);
    if (!b || b.dueFen === 0 || outstandingOf(b) === 0) break;
    n++;
    since = m;
  }
  return { months: n, since };
}

export type AlertKind = 'reminder' | 'case';

/** Which alert an unpaid streak calls for (RULES.md §4): a case from 6 consecutive months, a reminder from 3 (setting). */
export function alertFor(streakMonths: number, settings: DuesSettings): AlertKind | null {
  if (streakMonths >= CASE_MONTHS) return 'case';
  if (streakMonths >= settings.reminderMonths) return 'reminder';
  return null;
}

/**
 * Back payment (补交) of `months` in `currentMonth`: months older than the limit need an approval (RULES.md §4,
 * "generally limited to 6 months"). Returns the months that are too old.
 */
export function monthsBeyondBackPayLimit(months: readonly YearMonth[], currentMonth: YearMonth, settings: DuesSettings): YearMonth[] {
  const oldest = addMonthsYm(currentMonth, -settings.backPaymentMonths);
  return months.filter((m) => m < oldest);
}

/** A single voluntary payment of 1000 元 or more goes wholly to 中央 (RULES.md §4). */
export function isCentralVoluntary(amountFen: number): boolean {
  return amountFen >= CENTRAL_VOLUNTARY_FEN;
}

/**
 * Allocates `amountFen` to months in order, each up to what it still owes; what is left over is returned.
 * Used for a payment by amount (oldest month first) and for a payment of chosen months.
 */
export function allocate(amountFen: number, owed: readonly { month: YearMonth; owedFen: number }[]): { allocations: { month: YearMonth; amountFen: number }[]; leftFen: number } {
  let left = amountFen;
  const allocations: { month: YearMonth; amountFen: number }[] = [];
  for (const o of owed) {
    if (left <= 0) break;
    const take = Math.min(left, o.owedFen);
    if (take > 0) {
      allocations.push({ month: o.month, amountFen: take });
      left -= take;
    }
  }
  return { allocations, leftFen: left };
}

// ---------------------------------------------------------------- hardship requests

export type RequestKind = 'reduction' | 'exemption' | 'back_payment';
export type RequestState = 'submitted' | 'reviewed' | 'approved' | 'rejected' | 'withdrawn';
export type RequestAction = 'review' | 'approve' | 'reject' | 'withdraw';

/**
 * The §4 approval chain: the member applies, the branch reviews, the higher 党委 approves. A back-payment request
 * (by the organizer, beyond the 6-month limit) goes to the 党委 directly. Returns the next state, or null if the
 * action is not allowed now.
 */
export function nextRequestState(kind: RequestKind, state: RequestState, action: RequestAction): RequestState | null {
  if (action === 'withdraw') return state === 'submitted' ? 'withdrawn' : null;
  if (action === 'review') return kind !== 'back_payment' && state === 'submitted' ? 'reviewed' : null;
  const ready = kind === 'back_payment' ? state === 'submitted' : state === 'reviewed';
  if (action === 'reject') return state === 'submitted' || state === 'reviewed' ? 'rejected' : null;
  return ready ? 'approved' : null;
}

/** What an approved reduction (pay `monthlyFen` instead) or exemption waives of a month's due. */
export function waiverFor(kind: 'reduction' | 'exemption', dueFen: number, monthlyFen: number | null): number {
  if (kind === 'exemption') return dueFen;
  return Math.max(0, dueFen - (monthlyFen ?? 0));
}
