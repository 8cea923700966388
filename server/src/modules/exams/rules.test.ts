// Pure rules of the question bank and exams (issue 6: question kinds, fill-in normalisation, grading, random papers
// drawn and shuffled reproducibly from a seed, the server's deadline, what a taker may see afterwards).
import { describe, expect, it } from 'vitest';
import {
  acceptsAnswers, attemptDeadline, blankCount, checkQuestion, checkRules, drawPaper, examWindow, gradeItem, gradePaper, normalizeFill, responseFits,
  ruleKey, seededRandom, shuffled, startRefusal, stemPieces, takerSees, type AnswerKey, type Candidate, type QuestionKind,
} from './rules.js';

describe('questions', () => {
  it('keys the options A, B, C… and checks the answer of each kind', () => {
    const single = checkQuestion({ kind: 'single', stem: '党的最高领导机关是？', options: ['全国代表大会', '中央政治局'], correct: ['a'] });
    expect(single).toEqual({ ok: true, options: [{ key: 'A', text: '全国代表大会' }, { key: 'B', text: '中央政治局' }], answer: { correct: 'A' } });
    expect(checkQuestion({ kind: 'multiple', stem: '多选', options: ['甲', '乙', '丙'], correct: ['C', 'A'] })).toMatchObject({ ok: true, answer: { correct: ['A', 'C'] } });
    expect(checkQuestion({ kind: 'true_false', stem: '预备期为一年。', truth: true })).toMatchObject({ ok: true, answer: { correct: true } });
    expect(checkQuestion({ kind: 'fill', stem: '预备期为____年，从（ ）之日算起。', blanks: [['一', '1'], ['支部大会通过']] })).toMatchObject({ ok: true, answer: { blanks: [['一', '1'], ['支部大会通过']] } });
    expect(checkQuestion({ kind: 'short', stem: '简述三会一课。', reference: '支部党员大会、支部委员会、党小组会和党课。' })).toMatchObject({ ok: true });
  });

  it('names the field of what is wrong', () => {
    const field = (r: ReturnType<typeof checkQuestion>) => (r.ok ? null : r.problem.field);
    expect(field(checkQuestion({ kind: 'single', stem: '题', options: ['只有一个'], correct: ['A'] }))).toBe('options');
    expect(field(checkQuestion({ kind: 'single', stem: '题', options: ['甲', '甲'], correct: ['A'] }))).toBe('options');
    expect(field(checkQuestion({ kind: 'single', stem: '题', options: ['甲', '乙'], correct: ['A', 'B'] }))).toBe('correct');
    expect(field(checkQuestion({ kind: 'single', stem: '题', options: ['甲', '乙'], correct: ['E'] }))).toBe('correct');
    expect(field(checkQuestion({ kind: 'multiple', stem: '题', options: ['甲', '乙'], correct: ['A'] }))).toBe('correct');
    expect(field(checkQuestion({ kind: 'true_false', stem: '题' }))).toBe('truth');
    expect(field(checkQuestion({ kind: 'fill', stem: '没有空', blanks: [['x']] }))).toBe('stem');
    expect(field(checkQuestion({ kind: 'fill', stem: '两个空____和____', blanks: [['x']] }))).toBe('blanks');
    expect(field(checkQuestion({ kind: 'fill', stem: '一个空____', blanks: [[' ']] }))).toBe('blanks');
    expect(field(checkQuestion({ kind: 'short', stem: '题', reference: '' }))).toBe('reference');
    expect(field(checkQuestion({ kind: 'short', stem: '  ', reference: 'x' }))).toBe('stem');
  });

  it('finds blanks marked with underscores or empty brackets, half- and full-width', () => {
    expect(blankCount('甲____乙（　）丙( )丁（）')).toBe(4);
    expect(blankCount('括号里有字（中共）不算空')).toBe(0);
    expect(stemPieces('预备期为____年。')).toEqual(['预备期为', '年。']);
  });
});

describe('fill-in answers are compared after normalisation', () => {
  it('folds full-width to half-width, drops spaces and edge punctuation, ignores Latin case', () => {
    expect(normalizeFill(' 十九 大。')).toBe('十九大');
    expect(normalizeFill('ＣＰＣ')).toBe('cpc');
    expect(normalizeFill('１９２１')).toBe('1921');
    expect(normalizeFill('“实事求是”')).toBe('实事求是');
    expect(normalizeFill('a\u3000b')).toBe('ab');
  });

  it('accepts any accepted alternative per blank and shares the points by blanks', () => {
    const key: AnswerKey = { blanks: [['一', '1'], ['支部大会通过']] };
    expect(gradeItem('fill', key, ['１', '支部大会 通过。'], 4, { multiplePartial: false })).toEqual({ score: 4, correct: true, by: 'auto' });
    expect(gradeItem('fill', key, ['一', '党委批准'], 4, { multiplePartial: false })).toEqual({ score: 2, correct: false, by: 'auto' });
    expect(gradeItem('fill', key, ['', ''], 4, { multiplePartial: false })).toEqual({ score: 0, correct: false, by: 'auto' });
    expect(gradeItem('fill', key, undefined, 4, { multiplePartial: false }).score).toBe(0);
  });
});

describe('grading', () => {
  const opts = { multiplePartial: false };
  it('grades choice and true/false all or nothing', () => {
    expect(gradeItem('single', { correct: 'B' }, 'B', 2, opts)).toEqual({ score: 2, correct: true, by: 'auto' });
    expect(gradeItem('single', { correct: 'B' }, 'A', 2, opts)).toEqual({ score: 0, correct: false, by: 'auto' });
    expect(gradeItem('true_false', { correct: false }, false, 1, opts).score).toBe(1);
    expect(gradeItem('true_false', { correct: false }, 'false', 1, opts).score).toBe(0);
    expect(gradeItem('multiple', { correct: ['A', 'C'] }, ['C', 'A'], 4, opts).score).toBe(4);
    expect(gradeItem('multiple', { correct: ['A', 'C'] }, ['A'], 4, opts).score).toBe(0);
  });

  it('gives half the points (rounded down) for some right and no wrong option when the exam allows it', () => {
    const partial = { multiplePartial: true };
    expect(gradeItem('multiple', { correct: ['A', 'C'] }, ['A'], 5, partial)).toEqual({ score: 2, correct: false, by: 'auto' });
    expect(gradeItem('multiple', { correct: ['A', 'C'] }, ['A', 'B'], 5, partial).score).toBe(0);
    expect(gradeItem('multiple', { correct: ['A', 'C'] }, ['A', 'C', 'D'], 5, partial).score).toBe(0);
  });

  it('leaves a written short answer to a grader and scores an empty one 0', () => {
    expect(gradeItem('short', { reference: 'x' }, '我的回答', 10, opts)).toEqual({ score: 0, correct: null, by: 'auto' });
    expect(gradeItem('short', { reference: 'x' }, '', 10, opts)).toEqual({ score: 0, correct: false, by: 'auto' });
  });

  it('grades a paper, keeping a grader’s score of a short answer through a regrade', () => {
    const versions = new Map<string, { kind: QuestionKind; answer: AnswerKey }>([
      ['v1', { kind: 'single', answer: { correct: 'A' } }],
      ['v2', { kind: 'short', answer: { reference: 'r' } }],
    ]);
    const paper = [{ q: 'q1', v: 'v1', points: 5, options: ['B', 'A'] }, { q: 'q2', v: 'v2', points: 10, options: [] }];
    const first = gradePaper(paper, versions, { 1: 'A', 2: '回答' }, opts);
    expect(first).toMatchObject({ score: 5, maxScore: 15, pendingManual: 1 });
    const graded = { ...first.items, 2: { score: 8, correct: false, by: 'grader' as const } };
    const again = gradePaper(paper, versions, { 1: 'A', 2: '回答' }, opts, graded);
    expect(again).toMatchObject({ score: 13, pendingManual: 0 });
  });

  it('accepts only answers of the right shape for the kind', () => {
    expect(responseFits('single', 'A', 0, ['A', 'B'])).toBe(true);
    expect(responseFits('single', 'Z', 0, ['A', 'B'])).toBe(false);
    expect(responseFits('multiple', ['A', 'A'], 0, ['A', 'B'])).toBe(false);
    expect(responseFits('true_false', 'true', 0, [])).toBe(false);
    expect(responseFits('fill', ['a', 'b', 'c'], 2, [])).toBe(false);
    expect(responseFits('short', 'x'.repeat(5001), 0, [])).toBe(false);
  });
});

describe('random papers and shuffling come from the stored seed', () => {
  const cands = (cat: string, d: number, n: number): Candidate[] =>
    Array.from({ length: n }, (_, i) => ({ questionId: `${cat}-${d}-${String(i).padStart(2, '0')}`, versionId: `v-${cat}-${d}-${i}`, kind: 'single', optionKeys: ['A', 'B', 'C', 'D'] }));
  const candidates = new Map([[ruleKey({ categoryId: 'dangzhang', difficulty: 1 }), cands('dangzhang', 1, 10)], [ruleKey({ categoryId: 'dangshi', difficulty: 2 }), cands('dangshi', 2, 6)]]);
  const rules = [{ categoryId: 'dangzhang', difficulty: 1 as const, count: 3, points: 2 }, { categoryId: 'dangshi', difficulty: 2 as const, count: 2, points: 5 }];
  const opts = { shuffleQuestions: true, shuffleOptions: true };

  it('draws n questions per category × difficulty with their points', () => {
    const paper = drawPaper({ mode: 'random', rules, candidates }, { ...opts, seed: 's1' });
    expect(paper).toHaveLength(5);
    expect(paper.filter((p) => p.q.startsWith('dangzhang')).every((p) => p.points === 2)).toBe(true);
    expect(paper.filter((p) => p.q.startsWith('dangshi'))).toHaveLength(2);
    expect(new Set(paper.map((p) => p.q)).size).toBe(5);
    for (const p of paper) expect([...p.options].sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('draws the same paper again from the same seed, whatever order the bank lists its questions in', () => {
    const a = drawPaper({ mode: 'random', rules, candidates }, { ...opts, seed: 'attempt-42' });
    const reversed = new Map([...candidates].map(([k, v]) => [k, [...v].reverse()]));
    expect(drawPaper({ mode: 'random', rules, candidates: reversed }, { ...opts, seed: 'attempt-42' })).toEqual(a);
    const others = ['x1', 'x2', 'x3', 'x4'].map((seed) => JSON.stringify(drawPaper({ mode: 'random', rules, candidates }, { ...opts, seed })));
    expect(new Set([JSON.stringify(a), ...others]).size).toBeGreaterThan(1);
  });

  it('keeps the order of a fixed paper and its options when shuffling is off', () => {
    const items = cands('f', 1, 4).map((c) => ({ ...c, points: 1 }));
    const paper = drawPaper({ mode: 'fixed', items }, { seed: 's', shuffleQuestions: false, shuffleOptions: false });
    expect(paper.map((p) => p.q)).toEqual(items.map((i) => i.questionId));
    expect(paper.every((p) => p.options.join('') === 'ABCD')).toBe(true);
  });

  it('shuffles uniformly enough (Fisher–Yates over a seeded generator)', () => {
    const r = seededRandom('uniform');
    const firsts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const f = shuffled([0, 1, 2, 3], r)[0]!;
      firsts.set(f, (firsts.get(f) ?? 0) + 1);
    }
    for (const n of firsts.values()) expect(n).toBeGreaterThan(850);
  });

  it('refuses rules that repeat a category and difficulty or ask for more than the bank has', () => {
    const available = new Map([[ruleKey({ categoryId: 'c', difficulty: 1 }), 3]]);
    expect(checkRules([{ categoryId: 'c', difficulty: 1, count: 3, points: 1 }], available)).toBeNull();
    expect(checkRules([{ categoryId: 'c', difficulty: 1, count: 4, points: 1 }], available)?.message.zh).toMatch(/只有 3 道/);
    expect(checkRules([{ categoryId: 'c', difficulty: 1, count: 1, points: 1 }, { categoryId: 'c', difficulty: 1, count: 1, points: 1 }], available)?.message.zh).toMatch(/重复/);
    expect(checkRules([], available)?.field).toBe('rules');
  });
});

describe('time and visibility', () => {
  it('ends an attempt at start + limit, never after the exam closes, and accepts answers for 30 s more', () => {
    const start = new Date('2026-06-01T02:00:00Z');
    expect(attemptDeadline(start, 30, new Date('2026-06-01T08:00:00Z')).toISOString()).toBe('2026-06-01T02:30:00.000Z');
    expect(attemptDeadline(start, 30, new Date('2026-06-01T02:10:00Z')).toISOString()).toBe('2026-06-01T02:10:00.000Z');
    const deadline = new Date('2026-06-01T02:30:00Z');
    expect(acceptsAnswers(new Date('2026-06-01T02:30:30Z'), deadline)).toBe(true);
    expect(acceptsAnswers(new Date('2026-06-01T02:30:31Z'), deadline)).toBe(false);
  });

  it('shows a taker the score, the answers too, or nothing until the exam closes, by setting', () => {
    expect(takerSees('score', true, false)).toEqual({ score: true, answers: false });
    expect(takerSees('answers', true, false)).toEqual({ score: true, answers: true });
    expect(takerSees('after_close', true, false)).toEqual({ score: false, answers: false });
    expect(takerSees('after_close', true, true)).toEqual({ score: true, answers: true });
    expect(takerSees('answers', false, true)).toEqual({ score: false, answers: false });
  });

  it('opens and closes by the dates and counts attempts', () => {
    const o = new Date('2026-06-01T00:00:00Z');
    const c = new Date('2026-06-02T00:00:00Z');
    expect(examWindow(new Date('2026-05-31T23:59:59Z'), o, c)).toBe('not_open');
    expect(examWindow(o, o, c)).toBe('open');
    expect(examWindow(c, o, c)).toBe('closed');
    const base = { state: 'published', window: 'open' as const, inAudience: true, used: 1, maxAttempts: 2 };
    expect(startRefusal(base)).toBeNull();
    expect(startRefusal({ ...base, used: 2 })?.code).toBe('no_attempts');
    expect(startRefusal({ ...base, window: 'closed' })?.code).toBe('closed');
    expect(startRefusal({ ...base, inAudience: false })?.code).toBe('not_found');
    expect(startRefusal({ ...base, state: 'draft' })?.code).toBe('not_found');
  });
});
