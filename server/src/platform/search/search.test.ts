// Chinese full-text machinery (platform/search): jieba lexemes, tsvector/tsquery literals that bypass the database's
// locale-dependent parser, pinyin lexemes of titles, passages cut at sentence ends, highlighted snippets.
import { describe, expect, it } from 'vitest';
import { chunkText } from './chunk.js';
import { indexLexemes, isPinyinQuery, normalizeWord, queryLexemes, queryTerms, titlePinyinLexemes } from './lexemes.js';
import { snippet } from './snippet.js';
import { tsqueryLiteral, tsqueryOfTerms, tsvectorLiteral } from './tsv.js';

describe('lexemes', () => {
  it('segments Chinese with jieba, indexing the short words inside long ones', () => {
    expect(queryLexemes('中国共产党支部工作条例')).toEqual(['中国共产党', '支部', '工作', '条例']);
    expect(indexLexemes('中国共产党')).toEqual(expect.arrayContaining(['中国', '共产党', '中国共产党']));
  });
  it('folds width and case, drops punctuation, function and question words', () => {
    expect(normalizeWord('ＧＤＰ')).toBe('gdp');
    expect(normalizeWord('，')).toBeNull();
    expect(normalizeWord('的')).toBeNull();
    expect(queryLexemes('党员怎么交纳党费？')).toEqual(['党员', '交纳', '党费']);
  });
  it('lets a compound in the query match as itself or as its parts, and drops lone characters beside words', () => {
    expect(tsqueryOfTerms(queryTerms('发展党员程序'))).toBe(`('发展党员' | ('发展' & '党员')) & '程序'`);
    expect(tsqueryOfTerms(queryTerms('中国共产党支部工作条例'))).toBe(`('中国共产党' | ('中国' & '共产党')) & '支部' & '工作' & '条例'`);
    expect(queryTerms('支部书记讲党课').flat(2)).not.toContain('讲');
    expect(queryTerms('党')).toEqual([[['党']]]);
  });
  it('gives titles their pinyin and initials, per word and whole', () => {
    expect(titlePinyinLexemes('三会一课制度')).toEqual(expect.arrayContaining(['zhidu', 'zd', 'sanhuiyikezhidu', 'shykzd']));
    expect(isPinyinQuery('San Hui')).toBe(true);
    expect(isPinyinQuery('党章')).toBe(false);
    expect(isPinyinQuery('2008')).toBe(false);
  });
});

describe('tsvector and tsquery literals', () => {
  it('carries weights and positions, quoting what needs it', () => {
    expect(tsvectorLiteral([{ lexemes: ['党费', "o'brien"], weight: 'A' }, { lexemes: ['党费', 'a\\b'], weight: 'B' }]))
      .toBe(`'党费':1A,4B 'o''brien':2A 'a\\\\b':5B`);
    expect(tsvectorLiteral([{ lexemes: ['x'], weight: 'D' }])).toBe(`'x':1`);
    expect(tsqueryLiteral(['党员', '党费'])).toBe(`'党员' & '党费'`);
    expect(tsqueryLiteral(['dang'], { prefix: true })).toBe(`'dang':*`);
    expect(tsqueryLiteral(['a', 'b'], { any: true })).toBe(`'a' | 'b'`);
  });
});

describe('passages', () => {
  it('joins short paragraphs and cuts long ones at sentence ends', () => {
    expect(chunkText('第一段。\n第二段。', 400)).toEqual(['第一段。\n第二段。']);
    const long = '党员必须履行义务。'.repeat(100);
    const parts = chunkText(long, 100, 200);
    expect(parts.length).toBeGreaterThan(4);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(200);
      expect(p.endsWith('。')).toBe(true);
    }
    expect(parts.join('')).toBe(long);
    expect(chunkText('  \n ')).toEqual([]);
  });
});

describe('snippets', () => {
  it('marks the query words in the window where most of them meet, as segments (no HTML)', () => {
    const text = `${'无关的内容。'.repeat(30)}在职党员以每月工资收入为计算基数交纳党费。${'其他内容。'.repeat(30)}`;
    const parts = snippet(text, ['党费', '工资'], 60);
    expect(parts[0]).toEqual({ text: '…', hit: false });
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['工资', '党费']);
    expect(parts.map((p) => p.text).join('')).toContain('以每月工资收入为计算基数交纳党费');
    expect(snippet('<b>不是标签</b>', ['标签'])).toEqual([{ text: '<b>不是', hit: false }, { text: '标签', hit: true }, { text: '</b>', hit: false }]);
  });
});
