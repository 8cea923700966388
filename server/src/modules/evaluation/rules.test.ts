import { describe, expect, it } from 'vitest';
import { aggregateOf, GRADE_NAMES, GRADES, MIN_RATINGS_SHOWN, sheetProblem } from './rules.js';

describe('民主评议 grades (RULES.md §5)', () => {
  it('has the four grades 优秀 / 合格 / 基本合格 / 不合格', () => {
    expect(GRADES.map((g) => GRADE_NAMES[g].zh)).toEqual(['优秀', '合格', '基本合格', '不合格']);
  });
});

describe('aggregates only from 5 ratings, after rating closed (privacy: minimum group of 5)', () => {
  it('hides the distribution below 5 ratings', () => {
    expect(MIN_RATINGS_SHOWN).toBe(5);
    expect(aggregateOf({ excellent: 2, qualified: 2 }, true)).toEqual({ ratings: null, distribution: null, shown: false });
    expect(aggregateOf({ excellent: 2, qualified: 3 }, true)).toEqual({ ratings: 5, distribution: { excellent: 2, qualified: 3, basic: 0, unqualified: 0 }, shown: true });
  });
  it('shows nothing, not even the count, while rating is open', () => {
    expect(aggregateOf({ excellent: 9 }, false)).toEqual({ ratings: null, distribution: null, shown: false });
  });
});

describe('a rating sheet', () => {
  const people = ['a', 'b', 'c'];
  it('rates every other participant once with a known grade', () => {
    expect(sheetProblem('a', people, [{ personId: 'b', grade: 'excellent' }, { personId: 'c', grade: 'qualified' }])).toBeNull();
    expect(sheetProblem('a', people, [{ personId: 'a', grade: 'excellent' }])).toBe('self');
    expect(sheetProblem('a', people, [{ personId: 'b', grade: 'excellent' }])).toBe('incomplete');
    expect(sheetProblem('a', people, [{ personId: 'b', grade: 'x' }, { personId: 'c', grade: 'qualified' }])).toBe('grade');
    expect(sheetProblem('a', people, [{ personId: 'b', grade: 'basic' }, { personId: 'b', grade: 'basic' }])).toBe('duplicate');
    expect(sheetProblem('a', people, [{ personId: 'z', grade: 'basic' }])).toBe('unknown');
  });
});
