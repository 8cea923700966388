import type { DocRows } from './corpus.js';

/** Runs one statement with parameters: a pg.Client, or a Kysely transaction (PGlite). */
export type Exec = (text: string, params?: unknown[]) => Promise<unknown>;

/** One batch of documents in two set-based statements (rows as arrays through unnest), as the table owner, in the caller's transaction. */
export async function insertDocs(exec: Exec, tenantId: string, docs: readonly DocRows[]): Promise<void> {
  const passages = docs.flatMap((d) => d.passages.map((p) => ({ ...p, resourceId: d.id })));
  await exec(
    `insert into library_resources (id, tenant_id, kind, title, body_text, status, published_at, created_at, updated_at)
     select id, $1::uuid, 'article', title, body, 'published', at, at, at
     from unnest($2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) as x(id, title, body, at)`,
    [tenantId, docs.map((d) => d.id), docs.map((d) => d.title), docs.map((d) => d.body), docs.map((d) => d.at)],
  );
  await exec(
    `insert into library_passages (id, tenant_id, resource_id, ordinal, text, tsv)
     select id, $1::uuid, resource_id, ordinal, text, tsv::tsvector
     from unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[]) as x(id, resource_id, ordinal, text, tsv)`,
    [tenantId, passages.map((p) => p.id), passages.map((p) => p.resourceId), passages.map((p) => p.ordinal), passages.map((p) => p.text), passages.map((p) => p.tsv)],
  );
}
