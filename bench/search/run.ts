/**
 * Library search at scale (issue 6): 1,000,000 documents in one tenant on PostgreSQL (a smaller set on PGlite) —
 * realistic Chinese text drawn from jieba's dictionary by its corpus frequencies (Zipf-like), plus the planted
 * labeled set (labeled.ts), every document indexed by the product's own buildPassages (corpus.ts) — then, in the
 * same run:
 *  - latency of the product's search (`searchLibrary`: tenant transaction, row-level security, the GIN-indexed
 *    tsvector through zg_library_match, ranking, snippets) for the 30 labeled queries and 170 vocabulary queries;
 *  - relevance P@5 on the labeled queries for that search, for pg_trgm word similarity, and for LIKE (every word,
 *    newest first); the two comparisons run as the table owner with a trigram index (their best case: under
 *    row-level security neither operator is leakproof, so neither could use an index in the product).
 *
 * The load (not measured) is set-based: `--workers` threads each generate a batch, index it and insert it with two
 * unnest statements over their own connection, with the GIN index dropped and built once at the end. It can be run
 * apart from the measurement, so a long load need not hold the machine's measurement lock:
 *
 *   export BENCH_DATABASE_URL=postgres://zg_test:zg_test@127.0.0.1:5432/postgres
 *   npx tsx bench/search/run.ts --db=postgresql                           # load 1,000,000, measure, drop
 *   npx tsx bench/search/run.ts --db=postgresql --load-only               # load and keep: prints the database name
 *   npx tsx bench/search/run.ts --db=postgresql --reuse=zg_bench_…        # measure a kept database (add --keep to keep it again)
 *   npx tsx bench/search/run.ts --db=pglite --docs=100000
 *
 * Writes bench/results/<date>-search-<db>.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../../server/src/platform/db/schema.js';
import type { Actor } from '../../server/src/platform/access/actor.js';
import { openDatabase, type Database } from '../../server/src/platform/db/database.js';
import { PLATFORM_TENANT_ID } from '../../server/src/platform/db/tenancy.js';
import { createTenant } from '../../server/src/modules/tenants/service.js';
import { searchLibrary } from '../../server/src/modules/library/search.js';
import { DEFAULT_ADMIN_URL, openBenchDatabase } from '../lib/setup.js';
import { ms, summarize, table } from '../lib/stats.js';
import { backgroundDocs, DISTRACTORS_PER_QUERY, plantedDocs, RELEVANT_PER_QUERY, rowsOf, vocabularyQueries } from './corpus.js';
import { insertDocs } from './insert.js';
import { LABELED } from './labeled.js';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'postgresql' }, docs: { type: 'string' }, queries: { type: 'string', default: '170' },
  workers: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false }, 'load-only': { type: 'boolean', default: false }, reuse: { type: 'string' },
} });
const kind = args.db === 'pglite' ? 'pglite' : 'postgresql';
const DOCS = Number(args.docs ?? (kind === 'pglite' ? 100_000 : 1_000_000));
const BATCH = 1000;
const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
const urlOf = (name: string) => { const u = new URL(adminUrl); u.pathname = `/${name}`; return u.toString(); };

// ------------------------------------------------------------------ load
/** As the database owner (the pool's connections act as zg_app): loading, indexes, and the comparisons' best case. */
function owner<T>(db: Kysely<DB>, fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    return fn(tx);
  });
}
const execOn = (tx: Kysely<DB>) => (text: string, params: unknown[] = []) => tx.executeQuery(CompiledQuery.raw(text, params));

interface Loaded { tenantId: string; docs: number; seconds: number; relevant: Map<string, Set<string>> }

async function load(database: Database, pgName: string | undefined): Promise<Loaded> {
  const db = database.db;
  const t = await createTenant(db, { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: 'bench', sourceIp: '127.0.0.1', platform: true }, {
    code: `search${Date.now().toString(36)}`, name: '检索基准企业', admin: { username: 'bench-admin', displayName: '基准', password: 'Bench-Password-2026!' },
  });
  const tenantId = t.tenantId;
  const t0 = Date.now();
  await owner(db, (tx) => sql`drop index library_passages_tsv`.execute(tx));
  const planted = plantedDocs();
  await owner(db, (tx) => insertDocs(execOn(tx), tenantId, planted.docs.map(rowsOf)));
  let done = 0;
  const progress = (n: number) => {
    const before = Math.floor(done / 50_000);
    done += n;
    if (Math.floor(done / 50_000) > before || done === DOCS) process.stdout.write(`  loaded ${done.toLocaleString('en-US')} documents (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  };
  if (pgName) {
    // Worker threads, each with its own connection, claiming batches from a shared counter.
    const counter = new SharedArrayBuffer(4);
    const n = Math.max(1, Number(args.workers));
    await Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve, reject) => {
      const w = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { url: urlOf(pgName), tenantId, docs: DOCS, batchSize: BATCH, counter } });
      w.on('message', progress);
      w.on('error', reject);
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load worker exited with ${code}`))));
    })));
  } else {
    for (let b = 0; b * BATCH < DOCS; b++) {
      const n = Math.min(BATCH, DOCS - b * BATCH);
      const rows = backgroundDocs(b, n).map(rowsOf);
      await owner(db, (tx) => insertDocs(execOn(tx), tenantId, rows));
      progress(n);
    }
  }
  process.stdout.write(`  building the GIN indexes … (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  await owner(db, async (tx) => {
    if (pgName) await sql`set local maintenance_work_mem = '1GB'`.execute(tx);
    await sql`create index library_passages_tsv on library_passages using gin (tsv)`.execute(tx);
    await sql`analyze library_resources`.execute(tx);
    await sql`analyze library_passages`.execute(tx);
  });
  await trigramIndex(db);
  if (pgName) {
    // As after any bulk load: set the hint bits and the visibility map now, not during the first searches.
    const c = new pg.Client({ connectionString: urlOf(pgName) });
    await c.connect();
    try { await c.query('vacuum (analyze) library_resources, library_passages'); } finally { await c.end(); }
  }
  const seconds = (Date.now() - t0) / 1000;
  // What a later run (--reuse) needs: the tenant, the size and the judgments.
  await owner(db, async (tx) => {
    await sql`create table bench_search_meta (tenant_id uuid not null, docs int not null, load_seconds real not null, loaded_at timestamptz not null default now())`.execute(tx);
    await sql`insert into bench_search_meta (tenant_id, docs, load_seconds) values (${tenantId}, ${DOCS}, ${seconds})`.execute(tx);
    await sql`create table bench_search_labels (q text not null, resource_id uuid not null)`.execute(tx);
    const pairs = [...planted.relevant].flatMap(([q, ids]) => [...ids].map((id) => [q, id] as const));
    await sql`insert into bench_search_labels select * from unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::uuid[])`.execute(tx);
  });
  return { tenantId, docs: DOCS, seconds, relevant: planted.relevant };
}

/** The comparisons' trigram index (built with the load, so a measurement need not wait for it); false without pg_trgm. */
async function trigramIndex(db: Kysely<DB>): Promise<boolean> {
  try {
    const s = Date.now();
    await owner(db, async (tx) => {
      await sql`create extension if not exists pg_trgm`.execute(tx);
      if (kind === 'postgresql') await sql`set local maintenance_work_mem = '1GB'`.execute(tx);
      await sql`create index if not exists bench_passages_trgm on library_passages using gin (text gin_trgm_ops)`.execute(tx);
    });
    if (Date.now() - s > 1000) process.stdout.write(`  trigram index built in ${Math.round((Date.now() - s) / 1000)} s\n`);
    return true;
  } catch (err) {
    process.stdout.write(`  pg_trgm not available here: ${(err as Error).message}\n`);
    return false;
  }
}

async function loaded(db: Kysely<DB>): Promise<Loaded> {
  return owner(db, async (tx) => {
    const meta = (await sql<{ tenant_id: string; docs: number; load_seconds: number }>`select * from bench_search_meta`.execute(tx)).rows[0];
    if (!meta) throw new Error('this database holds no loaded corpus (bench_search_meta is empty)');
    const relevant = new Map<string, Set<string>>();
    for (const r of (await sql<{ q: string; resource_id: string }>`select q, resource_id from bench_search_labels`.execute(tx)).rows) {
      if (!relevant.has(r.q)) relevant.set(r.q, new Set());
      relevant.get(r.q)!.add(r.resource_id);
    }
    return { tenantId: meta.tenant_id, docs: meta.docs, seconds: meta.load_seconds, relevant };
  });
}

// ------------------------------------------------------------------ measure
/** The benchmark's database: a new one, or (--reuse) one a previous run kept. */
async function open(): Promise<{ database: Database; serverVersion: string; pgName?: string; close(keep: boolean): Promise<void> }> {
  if (args.reuse) {
    const database = await openDatabase({ databaseUrl: urlOf(args.reuse), poolSize: 4 });
    const v = (await sql<{ v: string }>`select version() as v`.execute(database.db)).rows[0]!.v;
    return { database, serverVersion: `PostgreSQL ${/^PostgreSQL ([\d.]+)/.exec(v)?.[1] ?? v}`, pgName: args.reuse, close: async () => database.close() };
  }
  const bench = await openBenchDatabase(kind, { seed: false });
  return { database: bench.database, serverVersion: bench.serverVersion, ...(bench.pgDatabaseName ? { pgName: bench.pgDatabaseName } : {}), close: (keep) => (keep ? bench.database.close() : bench.close()) };
}

async function main(): Promise<void> {
  const keep = args.keep || args['load-only'] === true;
  if (keep && kind === 'pglite') throw new Error('--keep, --load-only and --reuse are for PostgreSQL');
  const bench = await open();
  const db = bench.database.db;
  try {
    let corpus: Loaded;
    if (args.reuse) {
      corpus = await loaded(db);
      process.stdout.write(`search bench on ${bench.serverVersion}: reusing ${args.reuse} (${corpus.docs.toLocaleString('en-US')} documents, loaded in ${Math.round(corpus.seconds)} s)\n`);
    } else {
      process.stdout.write(`search bench on ${bench.serverVersion}: ${DOCS.toLocaleString('en-US')} documents + ${LABELED.length * (RELEVANT_PER_QUERY + DISTRACTORS_PER_QUERY)} planted${bench.pgName ? ` in ${bench.pgName}` : ''}\n`);
      corpus = await load(bench.database, bench.pgName);
      process.stdout.write(`  loaded in ${Math.round(corpus.seconds)} s\n`);
      if (args['load-only']) { process.stdout.write(`kept database ${bench.pgName}: measure with --reuse=${bench.pgName}\n`); return; }
    }
    const { relevant } = corpus;
    const actor: Actor = { userId: randomUUID(), tenantId: corpus.tenantId, tenantKind: 'enterprise', username: 'reader', displayName: '读者', sourceIp: '127.0.0.1', grants: [{ role: 'party_member', orgUnitId: null, path: '' }] };
    const vocab = vocabularyQueries(Number(args.queries));
    const load0 = os.loadavg();
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
    if (process.env.BENCH_DEBUG) {
      const named = [...LABELED.map((l, i) => ({ q: l.q, ms: labeledTimes[i]! })), ...vocab.map((q, i) => ({ q, ms: vocabTimes[i]!, total: totals[i] }))];
      for (const x of named.sort((a, b) => b.ms - a.ms).slice(0, 12)) process.stdout.write(`  slow: ${x.ms.toFixed(1)} ms  ${x.q}${'total' in x ? ` (${x.total} matches)` : ''}\n`);
    }

    // The comparisons, as the owner (RLS off: their best case), with a trigram index where the extension exists.
    const trgm = await trigramIndex(db);
    const trgmTimes: number[] = [], trgmP5: number[] = [], likeTimes: number[] = [], likeP5: number[] = [];
    for (const l of LABELED) {
      const rel = relevant.get(l.q)!;
      if (trgm) {
        const s = performance.now();
        const { rows } = await owner(db, (tx) => sql<{ id: string }>`select resource_id as id from library_passages where tenant_id = ${corpus.tenantId} and ${l.q} <% text order by word_similarity(${l.q}, text) desc limit 20`.execute(tx));
        trgmTimes.push(performance.now() - s);
        trgmP5.push(rows.slice(0, 5).filter((r) => rel.has(r.id)).length / 5);
      }
      const s = performance.now();
      const likes = sql.join(l.words.map((w) => sql`p.text like ${`%${w}%`}`), sql` and `);
      const { rows } = await owner(db, (tx) => sql<{ id: string }>`select r.id from library_passages p join library_resources r on r.id = p.resource_id where p.tenant_id = ${corpus.tenantId} and ${likes} order by r.published_at desc limit 20`.execute(tx));
      likeTimes.push(performance.now() - s);
      likeP5.push(rows.slice(0, 5).filter((r) => rel.has(r.id)).length / 5);
    }

    const load1 = os.loadavg();
    const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : Number.NaN);
    const p95 = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? Number.NaN; };
    const row = (name: string, times: number[], p5: number[], note: string) => {
      const s = summarize(times);
      return [name, String(times.length), ms(s.p50), ms(p95(times)), ms(s.max), p5.length ? mean(p5).toFixed(2) : '–', note];
    };
    const all = [...labeledTimes, ...vocabTimes];
    const medianTotal = [...totals].sort((a, b) => a - b)[Math.floor(totals.length / 2)] ?? 0;
    const md = [
      `# Library search at ${corpus.docs.toLocaleString('en-US')} documents — ${bench.serverVersion}`,
      '',
      `Run ${new Date().toISOString().slice(0, 16)}Z on this machine (${os.cpus().length} cores, shared), load average (1/5/15 min) ${load0.map((v) => v.toFixed(1)).join(' / ')} before the queries and ${load1.map((v) => v.toFixed(1)).join(' / ')} after. ` +
        `Loading took ${Math.round(corpus.seconds)} s (${args.reuse ? 'an earlier run; ' : ''}set-based inserts ${kind === 'postgresql' ? 'from parallel threads' : 'in batches'} with the search index dropped, then the GIN indexes built). Top 20, one client, ms.`,
      '',
      table([
        ['search', 'queries', 'p50', 'p95', 'max', 'P@5', 'how'],
        row('product search, labeled queries', labeledTimes, ftsP5, 'searchLibrary: RLS, jieba tsquery, GIN via zg_library_match_top (title hits for broad queries), ts_rank_cd + recency, snippets'),
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
    await bench.close(keep);
    if (keep && bench.pgName && !args['load-only']) process.stdout.write(`kept database ${bench.pgName}\n`);
  }
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });
