/**
 * A highlighted excerpt of a text around the query's words, as segments (`{ text, hit }`), so the screen marks hits
 * without any HTML from the server. The window is the one with most distinct query words in it.
 */
export interface SnippetPart { text: string; hit: boolean }

export function snippet(text: string, words: readonly string[], width = 120): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return [];
  const lower = flat.toLowerCase();
  const terms = [...new Set(words.map((w) => w.toLowerCase()).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  const hits: { at: number; len: number; term: string }[] = [];
  for (const t of terms) {
    let i = lower.indexOf(t);
    while (i !== -1 && hits.length < 500) {
      if (!hits.some((h) => i < h.at + h.len && h.at < i + t.length)) hits.push({ at: i, len: t.length, term: t });
      i = lower.indexOf(t, i + t.length);
    }
  }
  hits.sort((a, b) => a.at - b.at);
  let start = 0;
  if (hits.length > 0) {
    let best = -1;
    for (const h of hits) {
      const s = Math.max(0, h.at - Math.floor(width / 4));
      const distinct = new Set(hits.filter((x) => x.at >= s && x.at + x.len <= s + width).map((x) => x.term)).size;
      if (distinct > best) { best = distinct; start = s; }
    }
  }
  const end = Math.min(flat.length, start + width);
  const parts: SnippetPart[] = [];
  let at = start;
  for (const h of hits) {
    if (h.at < start || h.at + h.len > end) continue;
    if (h.at > at) parts.push({ text: flat.slice(at, h.at), hit: false });
    parts.push({ text: flat.slice(h.at, h.at + h.len), hit: true });
    at = h.at + h.len;
  }
  if (at < end) parts.push({ text: flat.slice(at, end), hit: false });
  if (start > 0) parts.unshift({ text: '…', hit: false });
  if (end < flat.length) parts.push({ text: '…', hit: false });
  return parts;
}
