// How the assistant answers from passages (pure): the coverage threshold below which it says it has no answer,
// quotes of the sentences that hold the question's words, and a model's [n] citations mapped back to passages.
import { describe, expect, it } from 'vitest';
import { answerable, extractiveAnswer, MIN_COVERAGE, modelAnswer, quoteOf, type Passage } from './compose.js';

const p = (id: string, text: string, matched: string[], rank = 0.5): Passage => ({ passageId: id, resourceId: `r-${id}`, title: `标题${id}`, source: '出处', category: 'regulation', text, rank, matched });

describe('answerable', () => {
  const words = ['党员', '交纳', '党费', '标准'];
  it(`keeps passages holding at least ${MIN_COVERAGE * 100}% of the question's words, best covered first`, () => {
    const a = p('a', '党费', ['党费']);
    const b = p('b', '党员交纳党费', ['党员', '交纳', '党费'], 0.1);
    const c = p('c', '党员党费', ['党员', '党费'], 0.9);
    expect(answerable([a, b, c], words).map((x) => x.passageId)).toEqual(['b', 'c']);
    expect(answerable([a], words)).toEqual([]);
    expect(answerable([b, c], [])).toEqual([]);
  });
});

describe('extractive answers', () => {
  it('quotes the sentences with the question’s words, numbered, and says so when there is nothing', () => {
    const text = '交纳党费是党员的义务。在职党员以每月工资收入为计算基数。离退休党员以基本养老金为基数。';
    expect(quoteOf(p('a', text, []), ['工资', '基数'])).toBe('在职党员以每月工资收入为计算基数。离退休党员以基本养老金为基数。');
    expect(quoteOf(p('a', text, []), ['义务'])).toBe('交纳党费是党员的义务。');
    const ans = extractiveAnswer([p('a', text, ['工资'])], ['工资']);
    expect(ans.mode).toBe('extractive');
    expect(ans.text).toBe('根据资料库中的内容：\n在职党员以每月工资收入为计算基数。[1]');
    expect(ans.citations).toEqual([{ n: 1, passageId: 'a', resourceId: 'r-a', title: '标题a', source: '出处', quote: '在职党员以每月工资收入为计算基数。' }]);
    expect(extractiveAnswer([], ['x'])).toMatchObject({ mode: 'none', citations: [] });
  });
});

describe('model answers', () => {
  const ps = [p('a', '甲', []), p('b', '乙', [])];
  it('maps [n] to the passages given, drops numbers never given, and refuses an answer citing none', () => {
    expect(modelAnswer('答案[2]。', ps, [])).toMatchObject({ mode: 'model', text: '答案[2]。', citations: [{ n: 2, passageId: 'b' }] });
    expect(modelAnswer('答案[1][9]。', ps, [])).toMatchObject({ text: '答案[1]。', citations: [{ n: 1 }] });
    expect(modelAnswer('答案。', ps, [])).toBeNull();
    expect(modelAnswer('答案[3]。', ps, [])).toBeNull();
  });
});
