/**
 * The generated corpus of bench/search: realistic Chinese text drawn from jieba's dictionary by its corpus frequencies
 * (Zipf-like), and the planted labeled set (labeled.ts). Every document is indexed by the product's own
 * `buildPassages` (jieba segmentation of title and body, title pinyin, tsvector literal), so what is searched is what
 * the product would have stored. Deterministic: a batch's documents depend only on the batch's number, so the load can
 * be spread over worker threads (load-worker.ts) and still produce the same corpus.
 */
import { randomUUID } from 'node:crypto';
import { dict } from '@node-rs/jieba/dict.js';
import { buildPassages } from '../../server/src/modules/library/indexing.js';
import { LABELED } from './labeled.js';

export const RELEVANT_PER_QUERY = 10;
export const DISTRACTORS_PER_QUERY = 20;

/** A small seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------------ vocabulary (jieba's dictionary frequencies)
export const words: string[] = [];
const cumulative: number[] = [];
{
  const entries = Buffer.from(dict).toString('utf8').split('\n').map((l) => l.split(' ')).filter(([w, f]) => w && /^\p{Script=Han}{2,4}$/u.test(w) && Number(f) >= 5)
    .map(([w, f]) => [w!, Number(f)] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 60_000);
  let total = 0;
  for (const [w, f] of entries) { total += f; words.push(w); cumulative.push(total); }
}
function sampleWord(rand: () => number): string {
  const x = rand() * cumulative[cumulative.length - 1]!;
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid]! < x) lo = mid + 1; else hi = mid; }
  return words[lo]!;
}
const PUNCT = ['，', '，', '，', '。', '；', '、'];
function sentence(rand: () => number, n: number, extra: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(extra.length > 0 && rand() < 0.25 ? extra[Math.floor(rand() * extra.length)]! : sampleWord(rand));
    if (i > 0 && i % 8 === 0) out.push(PUNCT[Math.floor(rand() * PUNCT.length)]!);
  }
  out.push('。');
  return out;
}
const plain = (ws: string[]) => ws.filter((w) => w !== '。' && !PUNCT.includes(w));

// ------------------------------------------------------------------ documents
export interface Doc { id: string; title: string; body: string; at: Date }
/** A document's row values for library_resources and library_passages, the passages built by the product. */
export interface DocRows { id: string; title: string; body: string; at: string; passages: { id: string; ordinal: number; text: string; tsv: string }[] }

export function rowsOf(d: Doc): DocRows {
  return { id: d.id, title: d.title, body: d.body, at: d.at.toISOString(), passages: buildPassages({ id: d.id, tenantId: '', title: d.title, summary: '', bodyText: d.body, tags: [], shared: false }) };
}

const START = Date.parse('2023-01-01T00:00:00Z');
const SPAN = Date.parse('2026-06-01T00:00:00Z') - START;

/** The background documents of batch `batch` (numbered from 0): the same ones every time. */
export function backgroundDocs(batch: number, count: number): Doc[] {
  const rand = rng(0x5eed0000 + batch);
  return Array.from({ length: count }, () => {
    const title = plain(sentence(rand, 3 + Math.floor(rand() * 4)));
    const body: string[] = [];
    const n = 2 + Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) body.push(...sentence(rand, 12 + Math.floor(rand() * 14)));
    return { id: randomUUID(), title: title.join(''), body: body.join(''), at: new Date(START + rand() * SPAN) };
  });
}

/**
 * For each labeled query: relevant documents (the query's words in the title and repeatedly in the body, with topic
 * words around them) and hard distractors (newer, every query word once, far apart, never in the title).
 */
export function plantedDocs(): { docs: Doc[]; relevant: Map<string, Set<string>> } {
  const rand = rng(20260601);
  const docs: Doc[] = [];
  const relevant = new Map<string, Set<string>>();
  for (const l of LABELED) {
    const rel = new Set<string>();
    for (let i = 0; i < RELEVANT_PER_QUERY; i++) {
      const title = [...l.words, ...plain(sentence(rand, 2)).slice(0, 2)];
      const body = [...sentence(rand, 10, [...l.words, ...l.topic]), ...l.words, ...sentence(rand, 12, [...l.words, ...l.topic]), ...sentence(rand, 8, l.topic)];
      const d = { id: randomUUID(), title: title.join(''), body: body.join(''), at: new Date(START + rand() * SPAN) };
      rel.add(d.id);
      docs.push(d);
    }
    relevant.set(l.q, rel);
    for (let i = 0; i < DISTRACTORS_PER_QUERY; i++) {
      const body: string[] = [];
      for (const w of l.words) body.push(...sentence(rand, 30), w);
      body.push(...sentence(rand, 20));
      docs.push({ id: randomUUID(), title: plain(sentence(rand, 4)).join(''), body: body.join(''), at: new Date(START + SPAN - rand() * 30 * 86_400_000) });
    }
  }
  return { docs, relevant };
}

/** Vocabulary queries: one or two mid-frequency words (ranks 200–20,000), as people type them. */
export function vocabularyQueries(n: number): string[] {
  const rand = rng(777);
  const pick = () => words[200 + Math.floor(rand() * 19_800)]!;
  return Array.from({ length: n }, () => (rand() < 0.5 ? pick() : `${pick()} ${pick()}`));
}
