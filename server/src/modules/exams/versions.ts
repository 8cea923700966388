/**
 * Question versions a paper names, read once per process: a version row is never changed (0045 grants no UPDATE),
 * so caching it by id is always right. The cache key carries the tenant, and rows are only ever read through the
 * tenant's own transaction (row-level security), so no tenant can fill or read another's entries.
 */
import type { Tx } from '../../platform/db/tenancy.js';
import type { AnswerKey, QuestionKind, QuestionOption } from './rules.js';

export interface CachedVersion {
  id: string;
  questionId: string;
  version: number;
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  answer: AnswerKey;
  explanation: string;
}

const MAX_ENTRIES = 20_000;
const cache = new Map<string, CachedVersion>();

export async function loadVersions(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Map<string, CachedVersion>> {
  const out = new Map<string, CachedVersion>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.get(`${tenantId}:${id}`);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  if (missing.length) {
    const rows = await tx.selectFrom('question_versions').select(['id', 'question_id', 'version', 'kind', 'stem', 'options', 'answer', 'explanation']).where('id', 'in', missing).execute();
    if (cache.size + rows.length > MAX_ENTRIES) cache.clear();
    for (const r of rows) {
      const v: CachedVersion = { id: r.id, questionId: r.question_id, version: r.version, kind: r.kind, stem: r.stem, options: r.options, answer: r.answer, explanation: r.explanation };
      cache.set(`${tenantId}:${r.id}`, v);
      out.set(r.id, v);
    }
  }
  return out;
}
