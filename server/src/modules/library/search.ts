import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import type { Actor } from '../../platform/access/actor.js';
import { notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { isPinyinQuery, pinyinQueryText, queryTerms } from '../../platform/search/lexemes.js';
import { snippet, type SnippetPart } from '../../platform/search/snippet.js';
import { tsqueryLiteral, tsqueryOfTerms } from '../../platform/search/tsv.js';
import { findStoredFile } from '../../platform/files/service.js';
import { managesScope, readerOf, visibleTo, type Reader, type ResourceEb } from './access.js';
import { RESOURCE } from './service.js';
import type { ResourceCategory, ResourceKind } from './tables.js';

export interface SearchFilter {
  q?: string | undefined;
  kind?: ResourceKind | undefined;
  category?: ResourceCategory | undefined;
  tag?: string | undefined;
  /** Resources scoped within this unit's subtree. */
  unitId?: string | undefined;
  /** Published (or, for a manager, created) on or after / before these dates (YYYY-MM-DD, Asia/Shanghai). */
  from?: string | undefined;
  to?: string | undefined;
  /** Managers: only drafts, or only published. */
  status?: 'draft' | 'published' | undefined;
  page: number;
  pageSize: number;
}

/** What a query searches: its words (all must match), or for latin letters the titles' pinyin and initials as prefixes. */
export function queryOf(q: string): { tsquery: string; words: string[]; pinyin: boolean } | null {
  const text = q.trim();
  if (text === '') return null;
  if (isPinyinQuery(text)) {
    const p = pinyinQueryText(text);
    return { tsquery: tsqueryLiteral([p], { prefix: true }), words: [p], pinyin: true };
  }
  const terms = queryTerms(text);
  if (terms.length === 0) return null;
  // Highlight the words and their parts, longest first (the snippet prefers the longer match).
  const words = [...new Set(terms.flat(2))];
  return { tsquery: tsqueryOfTerms(terms), words, pinyin: false };
}

/**
 * Recency: a passage's cover-density rank counts most; newer resources get up to half as much again, fading over
 * about half a year, so of two equally good hits the newer comes first. In double precision: `extract` returns
 * numeric, and numeric division for every match cost more than ranking it (bench/README.md, library search).
 */
const SCORE = sql<number>`b.rank * (1 + 0.5 / (1 + date_part('epoch', now() - coalesce(r.published_at, r.created_at)) / 86400 / 180))`;

type Eb = ResourceEb;

async function filtersOf(tx: Tx, f: SearchFilter) {
  let scopePath: string | null = null;
  if (f.unitId) {
    const u = await tx.selectFrom('org_units').select('path').where('id', '=', f.unitId).executeTakeFirst();
    scopePath = u?.path ?? '/none/';
  }
  return (eb: Eb) => {
    const c = [];
    if (f.kind) c.push(eb('r.kind', '=', f.kind));
    if (f.category) c.push(eb('r.category', '=', f.category));
    if (f.tag) c.push(sql<boolean>`r.tags @> ${[f.tag]}::text[]`);
    if (scopePath !== null) c.push(subtreeRange('r.scope_path', scopePath));
    if (f.status) c.push(eb('r.status', '=', f.status));
    if (f.from) c.push(sql<boolean>`coalesce(r.published_at, r.created_at) >= (${f.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
    if (f.to) c.push(sql<boolean>`coalesce(r.published_at, r.created_at) < ((${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
    return eb.and(c);
  };
}

function cardOf(reader: Reader, r: {
  id: string; tenant_id: string; kind: ResourceKind; category: ResourceCategory; title: string; summary: string; source: string; tags: string[];
  status: 'draft' | 'published'; shared: boolean; published_at: Date | null; updated_at: Date; scope_path: string;
}, parts: { snippet: SnippetPart[]; title: SnippetPart[]; passageId: string | null }) {
  return {
    id: r.id, kind: r.kind, category: r.category, title: r.title, titleParts: parts.title, snippet: parts.snippet, passageId: parts.passageId,
    source: r.source, tags: r.tags, status: r.status, shared: r.shared, fromOtherTenant: r.tenant_id !== reader.tenantId,
    publishedAt: r.published_at ? r.published_at.toISOString() : null, updatedAt: r.updated_at.toISOString(),
  };
}

const CARD_COLUMNS = ['r.id', 'r.tenant_id', 'r.kind', 'r.category', 'r.title', 'r.summary', 'r.source', 'r.tags', 'r.status', 'r.shared', 'r.published_at', 'r.updated_at', 'r.scope_path', 'r.body_text'] as const;

/** Library search and browse: the visible resources that match, best first, with highlighted snippets. */
export async function searchLibrary(db: Kysely<DB>, actor: Actor, f: SearchFilter) {
  return withTenant(db, txContext(actor), async (tx) => {
    const reader = await readerOf(tx, actor);
    const filters = await filtersOf(tx, f);
    const query = queryOf(f.q ?? '');
    const offset = (f.page - 1) * f.pageSize;
    if ((f.q ?? '').trim() !== '' && !query) return { items: [], total: 0, page: f.page, pageSize: f.pageSize, words: [] };
    if (!query) {
      const rows = await tx.selectFrom('library_resources as r').select([...CARD_COLUMNS, sql<number>`count(*) over ()`.as('total')])
        .where(visibleTo(reader)).where(filters)
        .orderBy(sql`coalesce(r.published_at, r.updated_at)`, 'desc').orderBy('r.id').limit(f.pageSize).offset(offset).execute();
      return {
        items: rows.map((r) => cardOf(reader, r, { snippet: snippet(r.summary || r.body_text, [], 120), title: [{ text: r.title, hit: false }], passageId: null })),
        total: Number(rows[0]?.total ?? 0), page: f.page, pageSize: f.pageSize, words: [],
      };
    }
    // A broad query is answered from the resources that hold every word in their title when they fill the page
    // (zg_library_match_top, migration 0044): ranking every match of a common word costs a read per match. When the
    // reader's filters leave fewer title hits than the page needs, every match is ranked. Either way the order is
    // title hits first, then the rest, each by score (0051), so a page after the last title hit goes on from there.
    const ranked = (top: boolean) => {
      const enough = top ? offset + f.pageSize : 2147483647;
      const best = tx.selectFrom(sql<{ passage_id: string; resource_id: string; rank: number; title_only: boolean; title_hit: boolean }>`zg_library_match_top(${query.tsquery}::tsquery, ${enough}::int)`.as('m'))
        .distinctOn('m.resource_id').select(['m.resource_id', 'm.passage_id', 'm.rank', 'm.title_only', 'm.title_hit'])
        .orderBy('m.resource_id').orderBy('m.title_hit', 'desc').orderBy('m.rank', 'desc');
      // The page first; only its passages are read for their text (the snippets).
      const page = tx.selectFrom(best.as('b'))
        .innerJoin('library_resources as r', 'r.id', 'b.resource_id')
        .select([...CARD_COLUMNS, 'b.passage_id', 'b.title_only', 'b.title_hit', SCORE.as('score'), sql<number>`count(*) over ()`.as('total')])
        .where((eb) => visibleTo(reader)(eb as unknown as Eb)).where((eb) => filters(eb as unknown as Eb))
        .orderBy('b.title_hit', 'desc').orderBy(SCORE, 'desc').orderBy('r.id').limit(f.pageSize).offset(offset);
      return tx.selectFrom(page.as('x')).innerJoin('library_passages as p', 'p.id', 'x.passage_id').selectAll('x').select('p.text as passage_text')
        .orderBy('x.title_hit', 'desc').orderBy('x.score', 'desc').orderBy('x.id').execute();
    };
    let rows = await ranked(true);
    if (rows.length === 0 || (rows[0]!.title_only && Number(rows[0]!.total) < offset + f.pageSize)) rows = await ranked(false);
    return {
      items: rows.map((r) => cardOf(reader, r, {
        snippet: snippet(r.passage_text, query.words, 120),
        title: query.pinyin ? [{ text: r.title, hit: false }] : snippet(r.title, query.words, 200),
        passageId: r.passage_id,
      })),
      total: Number(rows[0]?.total ?? 0), page: f.page, pageSize: f.pageSize, words: query.words,
    };
  });
}

/** One resource as its reader sees it, with what the actor may do with it; 404 when not visible. */
export async function getResource(db: Kysely<DB>, actor: Actor, id: string, passageId?: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const reader = await readerOf(tx, actor);
    const r = await tx.selectFrom('library_resources as r').leftJoin('org_units as u', 'u.id', 'r.scope_unit_id')
      .selectAll('r').select('u.name as scope_name').where('r.id', '=', id).where((eb) => visibleTo(reader)(eb as unknown as Eb)).executeTakeFirst();
    if (!r) throw notFound(RESOURCE);
    const file = r.file_id ? await findStoredFile(tx, r.file_id) : undefined;
    const passage = passageId
      ? await tx.selectFrom('library_passages').select(['id', 'ordinal', 'text']).where('id', '=', passageId).where('resource_id', '=', id).executeTakeFirst()
      : undefined;
    const own = r.tenant_id === actor.tenantId;
    const manage = own && managesScope(reader, r.scope_path);
    return {
      id: r.id, kind: r.kind, category: r.category, title: r.title, summary: r.summary, source: r.source, bodyHtml: r.body_html, tags: r.tags,
      scope: r.scope_unit_id ? { unitId: r.scope_unit_id, name: r.scope_name ?? '' } : null,
      status: r.status, shared: r.shared, fromOtherTenant: !own, indexing: r.index_state === 'pending', version: r.version,
      publishedAt: r.published_at ? r.published_at.toISOString() : null, updatedAt: r.updated_at.toISOString(),
      file: file ? { url: `/api/library/resources/${r.id}/file`, contentType: file.content_type, size: Number(file.size), name: file.original_name, fileId: file.id } : null,
      passage: passage ?? null,
      abilities: { edit: manage, publish: manage, share: manage, delete: manage },
    };
  });
}

/** The stored file of a visible resource (shared files of other tenants included), for streaming. */
export async function resourceFile(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const reader = await readerOf(tx, actor);
    const r = await tx.selectFrom('library_resources as r').select('r.file_id').where('r.id', '=', id).where((eb) => visibleTo(reader)(eb as unknown as Eb)).executeTakeFirst();
    const file = r?.file_id ? await findStoredFile(tx, r.file_id) : undefined;
    if (!file) throw notFound({ zh: '文件', en: 'File' });
    return file;
  });
}

/** Tags in use among the resources the actor sees, most used first. */
export async function libraryTags(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const reader = await readerOf(tx, actor);
    const rows = await tx.selectFrom('library_resources as r').select([sql<string>`unnest(r.tags)`.as('tag')]).where(visibleTo(reader)).execute();
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.tag, (counts.get(r.tag) ?? 0) + 1);
    return { items: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh')).slice(0, 50).map(([tag, count]) => ({ tag, count })) };
  });
}

export interface RetrievedPassage { passageId: string; resourceId: string; title: string; source: string; category: ResourceCategory; text: string; rank: number; matched: string[] }

/**
 * Passages for a question (the assistant): any of its words may match (OR), ranked; only published resources the
 * actor may read, at most two passages per resource. `matched` lists which of the question's words each contains.
 */
export async function retrievePassages(tx: Tx, actor: Actor, words: readonly string[], limit: number): Promise<RetrievedPassage[]> {
  if (words.length === 0) return [];
  const reader = await readerOf(tx, actor);
  const rows = await tx.selectFrom(sql<{ passage_id: string; resource_id: string; rank: number }>`zg_library_match(${tsqueryLiteral(words, { any: true })}::tsquery)`.as('b'))
    .innerJoin('library_resources as r', 'r.id', 'b.resource_id')
    .innerJoin('library_passages as p', 'p.id', 'b.passage_id')
    .select(['b.passage_id', 'b.resource_id', 'b.rank', 'r.title', 'r.source', 'r.category', 'p.text'])
    .where('r.status', '=', 'published').where((eb) => visibleTo(reader)(eb as unknown as Eb))
    .orderBy('b.rank', 'desc').orderBy('b.passage_id').limit(limit * 4).execute();
  const perResource = new Map<string, number>();
  const out: RetrievedPassage[] = [];
  for (const r of rows) {
    const n = perResource.get(r.resource_id) ?? 0;
    if (n >= 2) continue;
    perResource.set(r.resource_id, n + 1);
    const hay = `${r.title}\n${r.text}`.toLowerCase();
    out.push({ passageId: r.passage_id, resourceId: r.resource_id, title: r.title, source: r.source, category: r.category, text: r.text, rank: Number(r.rank), matched: words.filter((w) => hay.includes(w)) });
    if (out.length >= limit) break;
  }
  return out;
}
