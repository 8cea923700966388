import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese word segmentation (jieba, in the application, so PGlite and PostgreSQL index the same tokens). The
 * dictionary takes a few hundred milliseconds to load: it is loaded once per process, at start-up by `warmSegmenter`
 * (routes call it when they register), never inside a request.
 */
let jieba: Jieba | null = null;

function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

export function warmSegmenter(): void {
  segmenter();
}

/** Words of `text` in order, for indexing: search mode also yields the shorter words inside long ones (中国共产党 → 中国, 共产党). */
export function cutForSearch(text: string): string[] {
  return segmenter().cutForSearch(text, true);
}

/** Words of `text` in order, each once (precise mode): how a query is read. */
export function cut(text: string): string[] {
  return segmenter().cut(text, true);
}
