/**
 * 民主评议党员 rules (RULES.md §5): the four grades, and when peer-rating results may be shown. Pure.
 * Privacy (GUIDE principle 5): aggregates about people only from a group of at least 5 — a subject's distribution of
 * peer ratings is shown only with 5 or more ratings, and only once rating has closed (a count that moves while people
 * are rating would tell who gave what).
 */
export type Grade = 'excellent' | 'qualified' | 'basic' | 'unqualified';

/** RULES.md §5: 优秀 / 合格 / 基本合格 / 不合格. */
export const GRADES: readonly Grade[] = ['excellent', 'qualified', 'basic', 'unqualified'];
export const GRADE_NAMES: Record<Grade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  basic: { zh: '基本合格', en: 'Basically qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
};

/** The smallest number of ratings a subject's aggregate may be shown for. */
export const MIN_RATINGS_SHOWN = 5;

export type Distribution = Record<Grade, number>;

export interface Aggregate { ratings: number | null; distribution: Distribution | null; shown: boolean }

/**
 * What may be shown of a subject's peer ratings: the total and the distribution, only when rating has closed and there
 * are at least MIN_RATINGS_SHOWN ratings; otherwise nothing.
 */
export function aggregateOf(counts: Partial<Distribution>, ratingClosed: boolean): Aggregate {
  const distribution = Object.fromEntries(GRADES.map((g) => [g, counts[g] ?? 0])) as Distribution;
  const ratings = GRADES.reduce((s, g) => s + distribution[g], 0);
  const shown = ratingClosed && ratings >= MIN_RATINGS_SHOWN;
  return shown ? { ratings, distribution, shown } : { ratings: null, distribution: null, shown: false };
}

/** A rating sheet covers every other participant exactly once, with a known grade; one's own line is not rated. */
export function sheetProblem(raterId: string, participants: readonly string[], sheet: readonly { personId: string; grade: string }[]): 'self' | 'unknown' | 'duplicate' | 'incomplete' | 'grade' | null {
  const others = new Set(participants.filter((p) => p !== raterId));
  const seen = new Set<string>();
  for (const l of sheet) {
    if (l.personId === raterId) return 'self';
    if (!others.has(l.personId)) return 'unknown';
    if (seen.has(l.personId)) return 'duplicate';
    if (!(GRADES as readonly string[]).includes(l.grade)) return 'grade';
    seen.add(l.personId);
  }
  return seen.size === others.size ? null : 'incomplete';
}
