import { pinyin } from 'pinyin-pro';
import { cut, cutForSearch } from './segment.js';

/**
 * From words to lexemes: the tokens stored in a tsvector and looked up by a tsquery. Both sides go through the same
 * functions, so what is indexed is what a query finds. Lower case, NFKC (full-width letters and digits fold to ASCII),
 * punctuation and spaces dropped, and a short list of function words that match nearly everything (的, 了, 和 …).
 */
const STOPWORDS = new Set(['什么', '怎么', '怎样', '如何', '哪些', '是否', '吗', '呢', '吧', '啊', '请问', '我', '我们', '你', '多少', '可以', '能', '应该', '需要', '的', '了', '和', '与', '及', '或', '在', '是', '对', '为', '把', '被', '将', '也', '就', '都', '而', '之', '其', '等', '中', '上', '下', '个', '这', '那', '有', '要', 'a', 'an', 'the', 'of', 'and', 'or', 'to', 'in']);

export function normalizeWord(w: string): string | null {
  const s = w.normalize('NFKC').toLowerCase().trim();
  if (s === '' || STOPWORDS.has(s)) return null;
  // Letters (any script) or digits must be present: punctuation and symbols are not words.
  if (!/[\p{L}\p{N}]/u.test(s)) return null;
  return s.length > 60 ? s.slice(0, 60) : s;
}

/** Index lexemes of a text, in order (positions matter for cover-density ranking). */
export function indexLexemes(text: string): string[] {
  const out: string[] = [];
  for (const w of cutForSearch(text)) {
    const n = normalizeWord(w);
    if (n) out.push(n);
  }
  return out;
}

/** The words of a query (precise segmentation, each once). */
export function queryLexemes(text: string): string[] {
  const seen = new Set<string>();
  for (const w of cut(text.slice(0, 200))) {
    const n = normalizeWord(w);
    if (n) seen.add(n);
  }
  return [...seen];
}

/**
 * A query as terms that must all match, each a list of alternatives: a compound word matches as itself or as all of
 * its parts (发展党员 → 发展党员, or 发展 and 党员), because a document's text may have been segmented into the parts
 * (党的发展 党员 …) while the query keeps the compound, or the other way round.
 */
export function queryTerms(text: string): string[][][] {
  // A single character beside real words (讲 in 支部书记讲党课) says little and would exclude good matches.
  const all = queryLexemes(text);
  const long = all.filter((w) => [...w].length > 1);
  return (long.length > 0 ? long : all).map((w) => {
    const parts = [...new Set(cutForSearch(w).map(normalizeWord).filter((x): x is string => x !== null && x !== w))];
    // The parts that spell the word left to right, longest first at each place (中国共产党 → 中国 + 共产党).
    const split: string[] = [];
    for (let i = 0; i < w.length;) {
      const p = parts.filter((x) => x.length < w.length && w.startsWith(x, i)).sort((a, b) => b.length - a.length)[0];
      if (!p) return [[w]];
      split.push(p);
      i += p.length;
    }
    return split.length >= 2 ? [[w], split] : [[w]];
  });
}

const pinyinOf = (w: string, pattern: 'pinyin' | 'first') =>
  pinyin(w, { toneType: 'none', type: 'array', pattern, v: true, nonZh: 'consecutive' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Pinyin lexemes of a title, for searching titles by pinyin or initials (党章 → dangzhang, dz): each word's full
 * pinyin and initials, and the whole title's (sanhuiyike…, shyk…) so a query typed from the title's start matches.
 * Queries use them as prefixes (`zhib:*`), which the GIN index answers.
 */
export function titlePinyinLexemes(title: string): string[] {
  const out = new Set<string>();
  const words = cut(title).filter((w) => /\p{Script=Han}/u.test(w));
  for (const w of words) {
    const full = pinyinOf(w, 'pinyin');
    const first = pinyinOf(w, 'first');
    if (full.length > 1) out.add(full);
    if (first.length > 1) out.add(first);
  }
  const han = title.replace(/[^\p{Script=Han}]/gu, '');
  if (han.length > 1) {
    out.add(pinyinOf(han, 'pinyin').slice(0, 60));
    out.add(pinyinOf(han, 'first').slice(0, 60));
  }
  return [...out];
}

/** A query that is latin letters only (dangzhang, dz, sanhui) is searched as title pinyin. */
export function isPinyinQuery(q: string): boolean {
  return /^[a-z]{1,40}$/.test(q.normalize('NFKC').toLowerCase().replace(/[\s']/g, ''));
}

export function pinyinQueryText(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/[\s']/g, '');
}
