/**
 * How an answer is made from retrieved passages (pure: no I/O). Offline by default: an extractive answer quotes the
 * sentences of the best passages that contain the question's words, each with its number; when a model writes the
 * answer, its [n] citations are mapped back to the passages, and an answer that cites none of them is not shown.
 */
import type { ChatMessage } from './chat-client.js';
import type { Citation } from './tables.js';

export interface Passage { passageId: string; resourceId: string; title: string; source: string; category: string; text: string; rank: number; matched: string[] }

export interface Answer { text: string; mode: 'extractive' | 'model' | 'none'; citations: Citation[] }

/**
 * Enough of the question found in the library to answer: the best passage holds at least this share of the
 * question's words. Below it the assistant says it has no answer rather than quote something loosely related.
 */
export const MIN_COVERAGE = 0.5;

export function coverage(p: Passage, words: readonly string[]): number {
  return words.length === 0 ? 0 : p.matched.length / words.length;
}

/** The passages worth answering from (best first, at most `max`), or none when the library does not answer. */
export function answerable(passages: readonly Passage[], words: readonly string[], max = 3): Passage[] {
  const good = passages.filter((p) => coverage(p, words) >= MIN_COVERAGE);
  return good.sort((a, b) => coverage(b, words) - coverage(a, words) || b.rank - a.rank).slice(0, max);
}

export const NO_ANSWER = {
  zh: '资料库中没有找到能回答这个问题的内容。可以换个说法再问，或向党支部书记请教。',
  en: 'The library has nothing that answers this question. Try asking another way, or ask your branch secretary.',
};

function sentences(text: string): string[] {
  return (text.match(/[^。！？；\n]+[。！？；]?/g) ?? [text]).map((s) => s.trim()).filter((s) => s !== '');
}

/** The one or two sentences of a passage with most of the question's words, in their order, at most ~160 characters. */
export function quoteOf(p: Passage, words: readonly string[]): string {
  const all = sentences(p.text);
  const scored = all.map((s, i) => ({ s, i, n: words.filter((w) => s.toLowerCase().includes(w)).length })).filter((x) => x.n > 0);
  const pick = (scored.length > 0 ? scored : all.map((s, i) => ({ s, i, n: 0 }))).sort((a, b) => b.n - a.n || a.i - b.i).slice(0, 2).sort((a, b) => a.i - b.i);
  const q = pick.map((x) => x.s).join('');
  return q.length > 160 ? `${q.slice(0, 158)}……` : q;
}

function citationsOf(passages: readonly Passage[], words: readonly string[]): Citation[] {
  return passages.map((p, i) => ({ n: i + 1, passageId: p.passageId, resourceId: p.resourceId, title: p.title, source: p.source, quote: quoteOf(p, words) }));
}

export function extractiveAnswer(passages: readonly Passage[], words: readonly string[], lang: 'zh' | 'en' = 'zh'): Answer {
  if (passages.length === 0) return { text: NO_ANSWER[lang], mode: 'none', citations: [] };
  const citations = citationsOf(passages, words);
  const lines = citations.map((c) => `${c.quote}[${c.n}]`);
  const head = lang === 'zh' ? '根据资料库中的内容：' : 'From the library:';
  return { text: [head, ...lines].join('\n'), mode: 'extractive', citations };
}

/** The messages for a model: the numbered passages, and the instruction to answer from them only, citing [n]. */
export function modelPrompt(question: string, passages: readonly Passage[]): ChatMessage[] {
  const sources = passages.map((p, i) => `[${i + 1}] 《${p.title}》${p.source ? `（${p.source}）` : ''}\n${p.text}`).join('\n\n');
  return [
    {
      role: 'system',
      content: '你是“智能党课助手”，面向企业党员和职工。只能依据下面编号的资料回答问题，不得使用资料以外的知识；每一句依据资料的话后面用 [编号] 标注出处，例如 [1]。'
        + '资料不足以回答时，直接说“资料库中没有相关内容”。回答用简洁的中文，不超过 300 字。\n\n资料：\n' + sources,
    },
    { role: 'user', content: question },
  ];
}

/**
 * The model's answer with its citations mapped to the passages; null when it cites none of them (or only numbers
 * that were never given), which the caller replaces with the extractive answer.
 */
export function modelAnswer(content: string, passages: readonly Passage[], words: readonly string[]): Answer | null {
  const cited = new Set<number>();
  for (const m of content.matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(m[1]);
    if (n >= 1 && n <= passages.length) cited.add(n);
  }
  if (cited.size === 0) return null;
  const all = citationsOf(passages, words);
  // Numbers outside the given passages are removed from the text rather than shown as dangling references.
  const text = content.replace(/\[(\d{1,2})\]/g, (s, d: string) => (cited.has(Number(d)) ? s : '')).trim();
  return { text, mode: 'model', citations: all.filter((c) => cited.has(c.n)) };
}
