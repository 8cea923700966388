import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/tenancy.js';
import { chunkText } from '../../platform/search/chunk.js';
import { indexLexemes, titlePinyinLexemes } from '../../platform/search/lexemes.js';
import { tsvectorLiteral } from '../../platform/search/tsv.js';

/**
 * A resource's passages: its text (summary, then body) cut into ~400-character pieces, each indexed with the title
 * (weight A), the title's pinyin (C, for pinyin search) and its own words (B). A resource without text (a video with
 * no description) still gets one passage holding its title, so it can be found.
 */
export interface IndexSource { id: string; tenantId: string; title: string; summary: string; bodyText: string; tags: readonly string[]; shared: boolean }

/** Bodies longer than this are indexed in the background (segmenting ~1M characters takes about a second). */
export const INLINE_INDEX_CHARS = 50_000;

export function buildPassages(r: IndexSource): { id: string; ordinal: number; text: string; tsv: string }[] {
  const title = indexLexemes(r.title);
  const pinyin = titlePinyinLexemes(r.title);
  const tags = r.tags.flatMap((t) => indexLexemes(t));
  const text = [r.summary, r.bodyText].filter((s) => s.trim() !== '').join('\n');
  const chunks = chunkText(text);
  if (chunks.length === 0) chunks.push(r.title);
  return chunks.map((chunk, ordinal) => ({
    id: randomUUID(),
    ordinal,
    text: chunk,
    tsv: tsvectorLiteral([
      { lexemes: title, weight: 'A' },
      { lexemes: pinyin, weight: 'C' },
      { lexemes: tags, weight: 'C' },
      { lexemes: chunk === r.title ? [] : indexLexemes(chunk), weight: 'B' },
    ]),
  }));
}

/** Replaces the resource's passages (in the caller's transaction). */
export async function writePassages(tx: Tx, r: IndexSource): Promise<number> {
  const passages = buildPassages(r);
  await tx.deleteFrom('library_passages').where('resource_id', '=', r.id).execute();
  for (let i = 0; i < passages.length; i += 200) {
    await tx.insertInto('library_passages').values(passages.slice(i, i + 200).map((p) => ({
      id: p.id, tenant_id: r.tenantId, resource_id: r.id, ordinal: p.ordinal, text: p.text, tsv: sql<string>`${p.tsv}::tsvector` as unknown as string, shared: r.shared,
    }))).execute();
  }
  return passages.length;
}
