/**
 * 题库 use cases: categories, questions and their versions. The bank is the enterprise's (one per tenant), kept by
 * whoever holds exams.manage. Every change is a new version row; the question row follows the newest.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField, conflict, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { blankCount, checkQuestion, stemPieces, type AnswerKey, type Difficulty, type QuestionInput, type QuestionKind, type QuestionOption } from './rules.js';
import type { ChangeKind, QuestionVersionsTable } from './tables.js';

const QUESTION: Msg = { zh: '试题', en: 'Question' };
const CATEGORY: Msg = { zh: '题目分类', en: 'Question category' };

// ---------------------------------------------------------------- categories

export async function listCategories(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const cats = await tx.selectFrom('question_categories').select(['id', 'name', 'sort_order']).where('archived_at', 'is', null).orderBy('sort_order').orderBy('name').execute();
    const counts = await tx.selectFrom('questions').select(['category_id', 'difficulty', (eb) => eb.fn.countAll<number>().as('n')])
      .where('archived_at', 'is', null).groupBy(['category_id', 'difficulty']).execute();
    return cats.map((c) => {
      const by = (d: number) => Number(counts.find((x) => x.category_id === c.id && x.difficulty === d)?.n ?? 0);
      return { id: c.id, name: c.name, sortOrder: c.sort_order, counts: { easy: by(1), medium: by(2), hard: by(3) }, total: by(1) + by(2) + by(3) };
    });
  });
}

async function categoryNameTaken(tx: Tx, name: string, exceptId?: string): Promise<boolean> {
  let q = tx.selectFrom('question_categories').select('id').where('name', '=', name).where('archived_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function createCategory(db: Kysely<DB>, actor: Actor, input: { name: string; sortOrder?: number | undefined }): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const name = input.name.trim();
    if (!name) throw badField('name', { zh: '请填写分类名称', en: 'Name the category' });
    if (await categoryNameTaken(tx, name)) throw conflict('name', { zh: '已有同名的分类', en: 'A category with this name exists' });
    const id = randomUUID();
    await tx.insertInto('question_categories').values({ id, tenant_id: ctx.tenantId, name, sort_order: input.sortOrder ?? 0, archived_at: null }).execute();
    await auditAs(tx, ctx, { action: 'exam.category_create', objectType: 'question_category', objectId: id, detail: { name } });
    return id;
  });
}

export async function updateCategory(db: Kysely<DB>, actor: Actor, id: string, input: { name?: string | undefined; sortOrder?: number | undefined; archived?: boolean | undefined }): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const c = await tx.selectFrom('question_categories').selectAll().where('id', '=', id).where('archived_at', 'is', null).forUpdate().executeTakeFirst();
    if (!c) throw notFound(CATEGORY);
    const set: { name?: string; sort_order?: number; archived_at?: Date } = {};
    if (input.name !== undefined) {
      const name = input.name.trim();
      if (!name) throw badField('name', { zh: '请填写分类名称', en: 'Name the category' });
      if (await categoryNameTaken(tx, name, id)) throw conflict('name', { zh: '已有同名的分类', en: 'A category with this name exists' });
      set.name = name;
    }
    if (input.sortOrder !== undefined) set.sort_order = input.sortOrder;
    if (input.archived) {
      const live = await tx.selectFrom('questions').select('id').where('category_id', '=', id).where('archived_at', 'is', null).limit(1).executeTakeFirst();
      if (live) throw conflict('archived', { zh: '分类下还有试题，请先移走或停用这些试题', en: 'The category still has questions; move or archive them first' });
      set.archived_at = new Date();
    }
    if (Object.keys(set).length === 0) throw badField('name', { zh: '没有要修改的内容', en: 'Nothing to change' });
    await tx.updateTable('question_categories').set(set).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'exam.category_update', objectType: 'question_category', objectId: id, detail: { from: { name: c.name, sortOrder: c.sort_order }, to: input } });
  });
}

// ---------------------------------------------------------------- questions

export interface QuestionBody extends QuestionInput {
  categoryId: string;
  difficulty: Difficulty;
  explanation?: string | undefined;
}

export type VersionRow = Selectable<QuestionVersionsTable>;

/** A version as the organiser sees it (with the answer key). */
export function versionView(v: VersionRow) {
  const a = v.answer as Record<string, unknown>;
  return {
    id: v.id, version: v.version, kind: v.kind, categoryId: v.category_id, difficulty: v.difficulty, stem: v.stem,
    options: v.options, explanation: v.explanation, changeKind: v.change_kind, changeNote: v.change_note, createdAt: v.created_at.toISOString(),
    correct: Array.isArray(a.correct) ? (a.correct as string[]) : typeof a.correct === 'string' ? [a.correct] : [],
    truth: typeof a.correct === 'boolean' ? a.correct : null,
    blanks: Array.isArray(a.blanks) ? (a.blanks as string[][]) : [],
    reference: typeof a.reference === 'string' ? a.reference : '',
    blankCount: v.kind === 'fill' ? blankCount(v.stem) : 0,
    stemPieces: v.kind === 'fill' ? stemPieces(v.stem) : [v.stem],
  };
}

async function categoryOrThrow(tx: Tx, id: string) {
  const c = await tx.selectFrom('question_categories').select(['id', 'name']).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
  if (!c) throw badField('categoryId', { zh: '题目分类不存在', en: 'The category does not exist' });
  return c;
}

/** The checked content of a body, or a 400 naming the field. */
function contentOf(body: QuestionBody): { options: QuestionOption[]; answer: AnswerKey } {
  const r = checkQuestion(body);
  if (!r.ok) throw badField(r.problem.field, r.problem.message);
  return { options: r.options, answer: r.answer };
}

/** Writes a new question with its first version, inside the caller's transaction (used by the import too). */
export async function insertQuestion(tx: Tx, ctx: TxContext, body: QuestionBody, change: ChangeKind): Promise<{ id: string; versionId: string }> {
  const { options, answer } = contentOf(body);
  const id = randomUUID();
  const versionId = randomUUID();
  const stem = body.stem.trim();
  await tx.insertInto('questions').values({
    id, tenant_id: ctx.tenantId, category_id: body.categoryId, kind: body.kind, difficulty: body.difficulty, current_version_id: versionId, stem,
    archived_at: null, created_by: ctx.actorId, updated_at: new Date(),
  }).execute();
  await tx.insertInto('question_versions').values({
    id: versionId, tenant_id: ctx.tenantId, question_id: id, version: 1, kind: body.kind, category_id: body.categoryId, difficulty: body.difficulty, stem,
    options: JSON.stringify(options), answer: JSON.stringify(answer), explanation: (body.explanation ?? '').trim(), change_kind: change, created_by: ctx.actorId,
  }).execute();
  return { id, versionId };
}

export async function createQuestion(db: Kysely<DB>, actor: Actor, body: QuestionBody): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    await categoryOrThrow(tx, body.categoryId);
    const { id, versionId } = await insertQuestion(tx, ctx, body, 'created');
    await auditAs(tx, ctx, { action: 'exam.question_create', objectType: 'question', objectId: id, detail: { versionId, kind: body.kind, categoryId: body.categoryId, difficulty: body.difficulty } });
    return id;
  });
}

/**
 * A new version of a question. 'edit' changes what future papers use; 'correct' says the previous version was wrong
 * (a wrong answer key, a misleading stem), so exams that used it can be regraded onto this one. The kind never changes.
 */
export async function updateQuestion(db: Kysely<DB>, actor: Actor, id: string, body: QuestionBody & { change: 'edit' | 'correct'; note?: string | undefined }): Promise<number> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const q = await tx.selectFrom('questions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!q) throw notFound(QUESTION);
    if (body.kind !== q.kind) throw badField('kind', { zh: '题型不能修改；如需换题型，请新建一道题并停用这道题', en: 'The kind of a question cannot change; create a new question and archive this one' });
    await categoryOrThrow(tx, body.categoryId);
    const { options, answer } = contentOf(body);
    const note = (body.note ?? '').trim();
    if (body.change === 'correct' && !note) throw badField('note', { zh: '更正试题时请说明更正了什么（将记入阅卷记录）', en: 'Say what the correction is (it is kept with the regrade)' });
    const cur = await tx.selectFrom('question_versions').selectAll().where('id', '=', q.current_version_id).executeTakeFirstOrThrow();
    const stem = body.stem.trim();
    const explanation = (body.explanation ?? '').trim();
    const same = cur.stem === stem && JSON.stringify(cur.options) === JSON.stringify(options) && JSON.stringify(cur.answer) === JSON.stringify(answer)
      && cur.explanation === explanation && cur.category_id === body.categoryId && cur.difficulty === body.difficulty;
    if (same) throw conflict(undefined, { zh: '内容没有变化，未生成新版本', en: 'Nothing changed; no new version was made' });
    const version = q.current_version + 1;
    const versionId = randomUUID();
    await tx.insertInto('question_versions').values({
      id: versionId, tenant_id: ctx.tenantId, question_id: id, version, kind: q.kind, category_id: body.categoryId, difficulty: body.difficulty, stem,
      options: JSON.stringify(options), answer: JSON.stringify(answer), explanation, change_kind: body.change === 'correct' ? 'corrected' : 'edited', change_note: note, created_by: ctx.actorId,
    }).execute();
    await tx.updateTable('questions').set({ category_id: body.categoryId, difficulty: body.difficulty, current_version: version, current_version_id: versionId, stem, updated_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: body.change === 'correct' ? 'exam.question_correct' : 'exam.question_edit', objectType: 'question', objectId: id, detail: { version, versionId, ...(note ? { note } : {}) } });
    return version;
  });
}

export async function setQuestionArchived(db: Kysely<DB>, actor: Actor, id: string, archived: boolean): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const q = await tx.selectFrom('questions').select(['id', 'archived_at', 'category_id']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!q) throw notFound(QUESTION);
    if (archived === (q.archived_at !== null)) throw conflict(undefined, archived ? { zh: '这道题已经停用', en: 'The question is already archived' } : { zh: '这道题没有停用', en: 'The question is not archived' });
    if (!archived) await categoryOrThrow(tx, q.category_id);
    await tx.updateTable('questions').set({ archived_at: archived ? new Date() : null, updated_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: archived ? 'exam.question_archive' : 'exam.question_restore', objectType: 'question', objectId: id, detail: {} });
  });
}

export interface QuestionQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  categoryId?: string | undefined;
  kind?: QuestionKind | undefined;
  difficulty?: Difficulty | undefined;
  archived?: boolean | undefined;
}

export async function listQuestions(db: Kysely<DB>, actor: Actor, query: QuestionQuery) {
  return withTenant(db, txContext(actor), async (tx) => {
    let b = tx.selectFrom('questions as q').innerJoin('question_categories as c', 'c.id', 'q.category_id')
      .where('q.archived_at', query.archived ? 'is not' : 'is', null);
    if (query.categoryId) b = b.where('q.category_id', '=', query.categoryId);
    if (query.kind) b = b.where('q.kind', '=', query.kind);
    if (query.difficulty) b = b.where('q.difficulty', '=', query.difficulty);
    const text = (query.q ?? '').trim();
    if (text) b = b.where(sql<boolean>`strpos(q.stem, ${text}) > 0`);
    const total = Number((await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await b.select(['q.id', 'q.kind', 'q.difficulty', 'q.stem', 'q.current_version', 'q.updated_at', 'q.archived_at', 'q.category_id', 'c.name as category_name'])
      .orderBy('q.updated_at', 'desc').orderBy('q.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
    return {
      total,
      items: rows.map((r) => ({
        id: r.id, kind: r.kind, difficulty: r.difficulty, stem: r.stem, version: r.current_version, categoryId: r.category_id, categoryName: r.category_name,
        updatedAt: r.updated_at.toISOString(), archived: r.archived_at !== null,
      })),
    };
  });
}

export async function getQuestion(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const q = await tx.selectFrom('questions as q').innerJoin('question_categories as c', 'c.id', 'q.category_id')
      .select(['q.id', 'q.kind', 'q.archived_at', 'q.current_version_id', 'c.name as category_name']).where('q.id', '=', id).executeTakeFirst();
    if (!q) throw notFound(QUESTION);
    const versions = await tx.selectFrom('question_versions').selectAll().where('question_id', '=', id).orderBy('version', 'desc').execute();
    const current = versions.find((v) => v.id === q.current_version_id)!;
    // Exams that use an older version than the current one: candidates for a regrade after a correction.
    const { rows: stale } = await sql<{ id: string; title: string; attempts: number }>`
      select e.id, e.title, count(a.id)::int as attempts from exams e
      join exam_attempts a on a.exam_id = e.id and a.state <> 'open'
      where exists (select 1 from jsonb_array_elements(a.paper) el where el->>'q' = ${id} and el->>'v' <> ${q.current_version_id})
      group by e.id, e.title order by e.title`.execute(tx);
    return {
      id: q.id, kind: q.kind, archived: q.archived_at !== null, categoryName: q.category_name, current: versionView(current),
      versions: versions.map((v) => ({ id: v.id, version: v.version, changeKind: v.change_kind, changeNote: v.change_note, createdAt: v.created_at.toISOString(), stem: v.stem })),
      staleExams: stale.map((s) => ({ id: s.id, title: s.title, attempts: s.attempts })),
    };
  });
}
