/**
 * Library search at scale (issue 6): 1,000,000 documents in one tenant on PostgreSQL (a smaller set on PGlite) —
 * realistic Chinese text drawn from jieba's dictionary by its corpus frequencies (Zipf-like), plus the planted
 * labeled set (labeled.ts) — then, in the same run:
 *  - latency of the product's search (`searchLibrary`: tenant transaction, row-level security, the GIN-indexed
 *    tsvector through zg_library_match, ranking, snippets) for the 30 labeled queries and 170 vocabulary queries;
 *  - relevance P@5 on the labeled queries for that search, for pg_trgm word similarity, and for LIKE (every word,
 *    newest first); the two comparisons run as the table owner with a trigram index (their best case: under
 *    row-level security neither operator is leakproof, so neither could use an index in the product).
 *
 *   BENCH_DATABASE_URL=postgres://zg_test:zg_test@127.0.0.1:5432/postgres npx tsx bench/search/run.ts --db=postgresql
 *   npx tsx bench/search/run.ts --db=pglite --docs=100000
 *
 * Writes bench/results/<date>-search-<db>.md.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { pinyin } from 'pinyin-pro';
import { dict } from '@node-rs/jieba/dict.js';
import type { DB } from '../../server/src/platform/db/schema.js';
import type { Actor } from '../../server/src/platform/access/actor.js';
import { PLATFORM_TENANT_ID } from '../../server/src/platform/db/tenancy.js';
import { createTenant } from '../../server/src/modules/tenants/service.js';
import { searchLibrary } from '../../server/src/modules/library/search.js';
import { cutForSearch } from '../../server/src/platform/search/segment.js';
import { indexLexemes, normalizeWord } from '../../server/src/platform/search/lexemes.js';
import { tsvectorLiteral } from '../../server/src/platform/search/tsv.js';
import { openBenchDatabase } from '../lib/setup.js';
import { ms, summarize, table } from '../lib/stats.js';
import { LABELED } from './labeled.js';

const { values: args } = parseArgs({ options: { db: { type: 'string', default: 'postgresql' }, docs: { type: 'string' }, queries: { type: 'string', default: '170' } } });
const kind = args.db === 'pglite' ? 'pglite' : 'postgresql';
const DOCS = Number(args.docs ?? (kind === 'pglite' ? 100_000 : 1_000_000));
const RELEVANT_PER_QUERY = 10;
const DISTRACTORS_PER_QUERY = 20;

// ------------------------------------------------------------------ vocabulary (jieba's dictionary frequencies)
let seed = 20260601;
const rand = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
const words: string[] = [];
const cumulative: number[] = [];
{
  const entries = Buffer.from(dict).toString('utf8').split('\n').map((l) => l.split(' ')).filter(([w, f]) => w && /^\p{Script=Han}{2,4}$/u.test(w) && Number(f) >= 5)
    .map(([w, f]) => [w!, Number(f)] as const).sort((a, b) => b[1] - a[1]).slice(0, 60_000);
  let total = 0;
  for (const [w, f] of entries) { total += f; words.push(w); cumulative.push(total); }
}
function sampleWord(): string {
  const x = rand() * cumulative[cumulative.length - 1]!;
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid]! < x) lo = mid + 1; else hi = mid; }
  return words[lo]!;
}
const PUNCT = ['，', '，', '，', '。', '；', '、'];
function sentence(n: number, extra: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(extra.length > 0 && rand() < 0.25 ? extra[Math.floor(rand() * extra.length)]! : sampleWord());
    if (i > 0 && i % 8 === 0) out.push(PUNCT[Math.floor(rand() * PUNCT.length)]!);
  }
  out.push('。');
  return out;
}

// ------------------------------------------------------------------ lexemes, as the product indexes them
const subCache = new Map<string, string[]>();
const lexemesOf = (w: string) => { let l = subCache.get(w); if (!l) { l = cutForSearch(w).map(normalizeWord).filter((x): x is string => x !== null); subCache.set(w, l); } return l; };
const pyCache = new Map<string, [string, string]>();
const pyOf = (w: string): [string, string] => {
  let p = pyCache.get(w);
  if (!p) {
    p = [pinyin(w, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase(), pinyin(w, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase()];
    pyCache.set(w, p);
  }
  return p;
};
interface Doc { id: string; title: string; body: string; tsv: string; at: Date }
function makeDoc(titleWords: string[], bodyWords: string[], at: Date): Doc {
  const han = titleWords.filter((w) => /\p{Script=Han}/u.test(w));
  const py = han.flatMap((w) => pyOf(w));
  py.push(han.map((w) => pyOf(w)[0]).join('').slice(0, 60), han.map((w) => pyOf(w)[1]).join('').slice(0, 60));
  const tsv = tsvectorLiteral([
    // Titles are segmented as the product does (a compound across generated words is found as in real text).
    { lexemes: indexLexemes(titleWords.join('')), weight: 'A' },
    { lexemes: py.filter((p) => p.length > 1), weight: 'C' },
    { lexemes: bodyWords.flatMap(lexemesOf), weight: 'B' },
  ]);
  return { id: randomUUID(), title: titleWords.join(''), body: bodyWords.join(''), tsv, at };
}
const START = Date.parse('2023-01-01T00:00:00Z');
const SPAN = Date.parse('2026-06-01T00:00:00Z') - START;
const randomDate = () => new Date(START + rand() * SPAN);

function backgroundDoc(): Doc {
  const title = sentence(3 + Math.floor(rand() * 4)).filter((w) => !PUNCT.includes(w) && w !== '。');
  const body: string[] = [];
  const n = 2 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) body.push(...sentence(12 + Math.floor(rand() * 14)));
  return makeDoc(title, body, randomDate());
}

const relevant = new Map<string, Set<string>>();
function plantedDocs(): Doc[] {
  const out: Doc[] = [];
  for (const l of LABELED) {
    const rel = new Set<string>();
    for (let i = 0; i < RELEVANT_PER_QUERY; i++) {
      const title = [...l.words, ...sentence(2).slice(0, 2)].filter((w) => w !== '。');
      const body = [...sentence(10, [...l.words, ...l.topic]), ...l.words, ...sentence(12, [...l.words, ...l.topic]), ...sentence(8, l.topic)];
      const d = makeDoc(title, body, randomDate());
      rel.add(d.id);
      out.push(d);
    }
    relevant.set(l.q, rel);
    // Hard distractors: newer, every query word once, far apart, never in the title.
    for (let i = 0; i < DISTRACTORS_PER_QUERY; i++) {
      const body: string[] = [];
      for (const w of l.words) body.push(...sentence(30), w);
      body.push(...sentence(20));
      out.push(makeDoc(sentence(4).filter((w) => w !== '。' && !PUNCT.includes(w)), body, new Date(START + SPAN - rand() * 30 * 86_400_000)));
    }
  }
  return out;
}

// ------------------------------------------------------------------ load
/** As the database owner (the pool's connections act as zg_app): loading, indexes, and the comparisons' best case. */
function owner<T>(db: Kysely<DB>, fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    return fn(tx);
  });
}

async function load(db: Kysely<DB>, tenantId: string): Promise<{ seconds: number }> {
  const t0 = Date.now();
  await owner(db, (tx) => sql`drop index library_passages_tsv`.execute(tx));
  const insert = (docs: Doc[]) => owner(db, async (db) => {
    await sql`insert into library_resources (id, tenant_id, kind, title, body_text, status, published_at, created_at, updated_at)
      select id, ${tenantId}::uuid, 'article', title, body, 'published', at, at, at from unnest(${docs.map((d) => d.id)}::uuid[], ${docs.map((d) => d.title)}::text[], ${docs.map((d) => d.body)}::text[], ${docs.map((d) => d.at.toISOString())}::timestamptz[]) as x(id, title, body, at)`.execute(db);
    await sql`insert into library_passages (id, tenant_id, resource_id, ordinal, text, tsv)
      select gen_random_uuid(), ${tenantId}::uuid, id, 0, body, tsv::tsvector from unnest(${docs.map((d) => d.id)}::uuid[], ${docs.map((d) => d.body)}::text[], ${docs.map((d) => d.tsv)}::text[]) as x(id, body, tsv)`.execute(db);
  });
  await insert(plantedDocs());
  const BATCH = 2000;
  for (let done = 0; done < DOCS; done += BATCH) {
    await insert(Array.from({ length: Math.min(BATCH, DOCS - done) }, backgroundDoc));
    if ((done / BATCH) % 50 === 0) process.stdout.write(`  loaded ${done.toLocaleString('en-US')} documents (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  }
  process.stdout.write('  building the GIN index …\n');
  await owner(db, async (tx) => {
    await sql`create index library_passages_tsv on library_passages using gin (tsv)`.execute(tx);
    await sql`analyze library_resources`.execute(tx);
    await sql`analyze library_passages`.execute(tx);
  });
  return { seconds: (Date.now() - t0) / 1000 };
}

// ------------------------------------------------------------------ measure
async function main(): Promise<void> {
  const bench = await openBenchDatabase(kind, { seed: false });
  const db = bench.database.db;
  try {
    const t = await createTenant(db, { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: 'bench', sourceIp: '127.0.0.1', platform: true }, {
      code: `search${Date.now().toString(36)}`, name: '检索基准企业', admin: { username: 'bench-admin', displayName: '基准', password: 'Bench-Password-2026!' },
    });
    process.stdout.write(`search bench on ${bench.serverVersion}: ${DOCS.toLocaleString('en-US')} documents + ${LABELED.length * (RELEVANT_PER_QUERY + DISTRACTORS_PER_QUERY)} planted\n`);
    const loaded = await load(db, t.tenantId);
    const actor: Actor = { userId: randomUUID(), tenantId: t.tenantId, tenantKind: 'enterprise', username: 'reader', displayName: '读者', sourceIp: '127.0.0.1', grants: [{ role: 'party_member', orgUnitId: null, path: '' }] };

    // Vocabulary queries: one or two mid-frequency words (ranks 200–20,000), as people type them.
    const vocab: string[] = [];
    for (let i = 0; i < Number(args.queries); i++) {
      const pick = () => words[200 + Math.floor(rand() * 19_800)]!;
      vocab.push(rand() < 0.5 ? pick() : `${pick()} ${pick()}`);
    }
    const timeSearch = async (q: string) => { const s = performance.now(); const r = await searchLibrary(db, actor, { q, page: 1, pageSize: 20 }); return { ms: performance.now() - s, ids: r.items.map((i) => i.id), total: r.total }; };
    for (const l of LABELED.slice(0, 10)) await timeSearch(l.q); // warm-up
    const labeledTimes: number[] = [];
    const vocabTimes: number[] = [];
    const totals: number[] = [];
    const ftsP5: number[] = [];
    for (const l of LABELED) {
      const r = await timeSearch(l.q);
      labeledTimes.push(r.ms);
      ftsP5.push(r.ids.slice(0, 5).filter((id) => relevant.get(l.q)!.has(id)).length / 5);
      if (process.env.BENCH_DEBUG && ftsP5.at(-1)! < 1) {
        const res = await searchLibrary(db, actor, { q: l.q, page: 1, pageSize: 5 });
        process.stdout.write(`  ${l.q} P@5=${ftsP5.at(-1)} words=${res.words.join('|')} top: ${res.items.map((i) => `${relevant.get(l.q)!.has(i.id) ? '✓' : '✗'}${i.title}`).join(' / ')}\n`);
      }
    }
    for (const q of vocab) { const r = await timeSearch(q); vocabTimes.push(r.ms); totals.push(r.total); }

    // The comparisons, as the owner (RLS off: their best case), with a trigram index where the extension exists.
    let trgm = false;
    try {
      const s = Date.now();
      await owner(db, async (tx) => {
        await sql`create extension if not exists pg_trgm`.execute(tx);
        await sql`create index bench_passages_trgm on library_passages using gin (text gin_trgm_ops)`.execute(tx);
        await sql`analyze library_passages`.execute(tx);
      });
      process.stdout.write(`  trigram index built in ${Math.round((Date.now() - s) / 1000)} s\n`);
      trgm = true;
    } catch (err) {
      process.stdout.write(`  pg_trgm not available here: ${(err as Error).message}\n`);
    }
    const trgmTimes: number[] = [], trgmP5: number[] = [], likeTimes: number[] = [], likeP5: number[] = [];
    for (const l of LABELED) {
      const rel = relevant.get(l.q)!;
      if (trgm) {
        const s = performance.now();
        const { rows } = await owner(db, (tx) => sql<{ id: string }>`select resource_id as id from library_passages where tenant_id = ${t.tenantId} and ${l.q} <% text order by word_similarity(${l.q}, text) desc limit 20`.execute(tx));
        trgmTimes.push(performance.now() - s);
        trgmP5.push(rows.slice(0, 5).filter((r) => rel.has(r.id)).length / 5);
      }
      const s = performance.now();
      const likes = sql.join(l.words.map((w) => sql`p.text like ${`%${w}%`}`), sql` and `);
      const { rows } = await owner(db, (tx) => sql<{ id: string }>`select r.id from library_passages p join library_resources r on r.id = p.resource_id where p.tenant_id = ${t.tenantId} and ${likes} order by r.published_at desc limit 20`.execute(tx));
      likeTimes.push(performance.now() - s);
      likeP5.push(rows.slice(0, 5).filter((r) => rel.has(r.id)).length / 5);
    }

    const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : Number.NaN);
    const p95 = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? Number.NaN; };
    const row = (name: string, times: number[], p5: number[], note: string) => {
      const s = summarize(times);
      return [name, String(times.length), ms(s.p50), ms(p95(times)), ms(s.max), p5.length ? mean(p5).toFixed(2) : '–', note];
    };
    const all = [...labeledTimes, ...vocabTimes];
    const medianTotal = [...totals].sort((a, b) => a - b)[Math.floor(totals.length / 2)] ?? 0;
    const md = [
      `# Library search at ${DOCS.toLocaleString('en-US')} documents — ${bench.serverVersion}`,
      '',
      `Run ${new Date().toISOString().slice(0, 16)}Z on this machine (2 cores, shared). Load: ${Math.round(loaded.seconds)} s (insert without the GIN index, then build it). Top 20, one client, ms.`,
      '',
      table([
        ['search', 'queries', 'p50', 'p95', 'max', 'P@5', 'how'],
        row('product search, labeled queries', labeledTimes, ftsP5, 'searchLibrary: RLS, jieba tsquery, GIN via zg_library_match, ts_rank_cd + recency, snippets'),
        row('product search, vocabulary queries', vocabTimes, [], `1–2 dictionary words of rank 200–20,000; median ${medianTotal.toLocaleString('en-US')} matches`),
        row('product search, all', all, [], ''),
        ...(trgm ? [row('pg_trgm word similarity', trgmTimes, trgmP5, 'owner, no RLS, GIN trigram index: `q <% text` by word_similarity')] : []),
        row('LIKE every word', likeTimes, likeP5, `owner, no RLS${trgm ? ', trigram index usable' : ''}: newest first`),
      ], ['l', 'r', 'r', 'r', 'r', 'r', 'l']),
      '',
      `P@5: share of the top 5 that are planted relevant documents (${RELEVANT_PER_QUERY} per query, with ${DISTRACTORS_PER_QUERY} newer hard distractors holding every query word once).`,
      '',
    ].join('\n');
    process.stdout.write(`\n${md}\n`);
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const file = path.join(root, 'results', `${new Date().toISOString().slice(0, 10)}-search-${kind}.md`);
    fs.writeFileSync(file, md);
    process.stdout.write(`wrote ${path.relative(path.resolve(root, '..'), file)}\n`);
  } finally {
    await bench.close();
  }
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });
