/**
 * 考试设置: create and edit an exam (paper, rules, dates, limits, visibility, audience), publish and archive it. Managing
 * an exam needs exams.manage on its organising unit; its audience must lie within the manager's scope. Once anyone has
 * started it, what decides a score (paper, rules, time limit, pass score, shuffling, partial credit) is locked.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { inSubtrees } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { audienceCondition, type AudienceInput } from './audience.js';
import { clock } from './clock.js';
import { checkRules, examWindow, ruleKey, type Difficulty, type DrawRule, type Reveal } from './rules.js';
import type { ExamsTable } from './tables.js';

export const EXAM: Msg = { zh: '考试', en: 'Exam' };

export interface ExamBody {
  title: string;
  description?: string | undefined;
  orgUnitId: string;
  paperMode: 'fixed' | 'random';
  items?: { questionId: string; points: number }[] | undefined;
  rules?: DrawRule[] | undefined;
  timeLimitMinutes: number;
  opensAt: string;
  closesAt: string;
  maxAttempts: number;
  passScore: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  multiplePartial: boolean;
  reveal: Reveal;
  audience: AudienceInput;
}

export type ExamRow = Selectable<ExamsTable>;

/** The exam if the actor manages it (exams.manage on its unit), else 404. */
export async function managedExam(tx: Tx, actor: Actor, id: string, lock = false): Promise<ExamRow & { unit_path: string; unit_name: string }> {
  let q = tx.selectFrom('exams as e').innerJoin('org_units as u', 'u.id', 'e.org_unit_id').selectAll('e').select(['u.path as unit_path', 'u.name as unit_name']).where('e.id', '=', id);
  if (lock) q = q.forUpdate('e');
  const e = await q.executeTakeFirst();
  if (!e || !can(actor, 'exams.manage', e.unit_path)) throw notFound(EXAM);
  return e;
}

async function unitInScope(tx: Tx, actor: Actor, unitId: string, field: string) {
  const u = await tx.selectFrom('org_units').select(['id', 'path', 'name']).where('id', '=', unitId).where('dissolved_at', 'is', null).executeTakeFirst();
  if (!u || !can(actor, 'exams.manage', u.path)) throw badField(field, { zh: '该组织不存在或不在您的管理范围内', en: 'The unit does not exist or is outside your scope' });
  return u;
}

/** Checks and normalises an audience: units and people in the manager's scope, at least one of them. */
export async function checkAudience(tx: Tx, actor: Actor, permission: 'exams.manage' | 'courses.manage', a: AudienceInput): Promise<{ unitIds: string[]; personIds: string[] }> {
  const unitIds = [...new Set(a.unitIds)];
  const personIds = [...new Set(a.personIds)];
  if (unitIds.length + personIds.length === 0) throw badField('audience', { zh: '请选择参加的组织或人员', en: 'Choose the units or people it is for' });
  if (unitIds.length) {
    const units = await tx.selectFrom('org_units').select(['id', 'path']).where('id', 'in', unitIds).where('dissolved_at', 'is', null).execute();
    if (units.length !== unitIds.length || units.some((u) => !can(actor, permission, u.path))) {
      throw badField('unitIds', { zh: '所选组织不存在或不在您的管理范围内', en: 'A chosen unit does not exist or is outside your scope' });
    }
  }
  if (personIds.length) {
    const people = await tx.selectFrom('people').select(['id', 'org_path']).where('id', 'in', personIds).where('archived_at', 'is', null).execute();
    if (people.length !== personIds.length || people.some((p) => !can(actor, permission, p.org_path))) {
      throw badField('personIds', { zh: '所选人员不存在或不在您的管理范围内', en: 'A chosen person does not exist or is outside your scope' });
    }
  }
  return { unitIds, personIds };
}

/** How many questions the bank has per category × difficulty (live ones). */
export async function availableCounts(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx.selectFrom('questions').select(['category_id', 'difficulty', (eb) => eb.fn.countAll<number>().as('n')]).where('archived_at', 'is', null).groupBy(['category_id', 'difficulty']).execute();
  return new Map(rows.map((r) => [ruleKey({ categoryId: r.category_id, difficulty: r.difficulty as Difficulty }), Number(r.n)]));
}

interface CheckedPaper { maxScore: number; items: { questionId: string; versionId: string; points: number }[]; rules: DrawRule[] }

async function checkPaper(tx: Tx, body: ExamBody): Promise<CheckedPaper> {
  if (body.paperMode === 'random') {
    const rules = body.rules ?? [];
    const cats = rules.length ? await tx.selectFrom('question_categories').select('id').where('id', 'in', [...new Set(rules.map((r) => r.categoryId))]).where('archived_at', 'is', null).execute() : [];
    if (cats.length !== new Set(rules.map((r) => r.categoryId)).size) throw badField('rules', { zh: '抽题规则中的题目分类不存在', en: 'A rule names a category that does not exist' });
    const problem = checkRules(rules, await availableCounts(tx));
    if (problem) throw badField(problem.field, problem.message);
    return { rules, items: [], maxScore: rules.reduce((s, r) => s + r.count * r.points, 0) };
  }
  const items = body.items ?? [];
  if (items.length === 0) throw badField('items', { zh: '固定试卷至少要有一道题', en: 'A fixed paper needs at least one question' });
  if (new Set(items.map((i) => i.questionId)).size !== items.length) throw badField('items', { zh: '试卷中有重复的题目', en: 'A question appears twice in the paper' });
  const qs = await tx.selectFrom('questions').select(['id', 'current_version_id']).where('id', 'in', items.map((i) => i.questionId)).where('archived_at', 'is', null).execute();
  const byId = new Map(qs.map((q) => [q.id, q.current_version_id]));
  if (qs.length !== items.length) throw badField('items', { zh: '试卷中有题目不存在或已停用', en: 'A question of the paper does not exist or is archived' });
  return { rules: [], items: items.map((i) => ({ questionId: i.questionId, versionId: byId.get(i.questionId)!, points: i.points })), maxScore: items.reduce((s, i) => s + i.points, 0) };
}

function checkTimes(body: ExamBody): { opensAt: Date; closesAt: Date } {
  const opensAt = new Date(body.opensAt);
  const closesAt = new Date(body.closesAt);
  if (Number.isNaN(opensAt.getTime())) throw badField('opensAt', { zh: '开始时间不正确', en: 'The opening time is not valid' });
  if (Number.isNaN(closesAt.getTime())) throw badField('closesAt', { zh: '结束时间不正确', en: 'The closing time is not valid' });
  if (closesAt <= opensAt) throw badField('closesAt', { zh: '结束时间须晚于开始时间', en: 'The exam must close after it opens' });
  return { opensAt, closesAt };
}

async function writeAudience(tx: Tx, ctx: TxContext, examId: string, a: { unitIds: string[]; personIds: string[] }): Promise<void> {
  await tx.deleteFrom('exam_audience').where('exam_id', '=', examId).execute();
  const rows = [
    ...a.unitIds.map((u) => ({ id: randomUUID(), tenant_id: ctx.tenantId, exam_id: examId, org_unit_id: u, person_id: null })),
    ...a.personIds.map((p) => ({ id: randomUUID(), tenant_id: ctx.tenantId, exam_id: examId, org_unit_id: null, person_id: p })),
  ];
  if (rows.length) await tx.insertInto('exam_audience').values(rows).execute();
}

async function writeItems(tx: Tx, ctx: TxContext, examId: string, items: CheckedPaper['items']): Promise<void> {
  await tx.deleteFrom('exam_paper_items').where('exam_id', '=', examId).execute();
  if (items.length) {
    await tx.insertInto('exam_paper_items').values(items.map((i, n) => ({ tenant_id: ctx.tenantId, exam_id: examId, position: n + 1, question_id: i.questionId, version_id: i.versionId, points: i.points }))).execute();
  }
}

export async function createExam(db: Kysely<DB>, actor: Actor, body: ExamBody): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    await unitInScope(tx, actor, body.orgUnitId, 'orgUnitId');
    const { opensAt, closesAt } = checkTimes(body);
    const paper = await checkPaper(tx, body);
    if (body.passScore > paper.maxScore) throw badField('passScore', { zh: `及格分不能高于满分 ${paper.maxScore}`, en: `The pass score cannot exceed the full score ${paper.maxScore}` });
    const audience = await checkAudience(tx, actor, 'exams.manage', body.audience);
    const id = randomUUID();
    await tx.insertInto('exams').values({
      id, tenant_id: ctx.tenantId, org_unit_id: body.orgUnitId, title: body.title.trim(), description: (body.description ?? '').trim(), paper_mode: body.paperMode,
      rules: JSON.stringify(paper.rules), time_limit_minutes: body.timeLimitMinutes, opens_at: opensAt, closes_at: closesAt, max_attempts: body.maxAttempts,
      pass_score: body.passScore, shuffle_questions: body.shuffleQuestions, shuffle_options: body.shuffleOptions, multiple_partial: body.multiplePartial,
      reveal: body.reveal, created_by: ctx.actorId, updated_at: new Date(), published_at: null,
    }).execute();
    await writeItems(tx, ctx, id, paper.items);
    await writeAudience(tx, ctx, id, audience);
    await auditAs(tx, ctx, { action: 'exam.create', objectType: 'exam', objectId: id, detail: { title: body.title.trim(), paperMode: body.paperMode, maxScore: paper.maxScore } });
    return id;
  });
}

/** Rules with their keys in one order, for comparing a stored paper with a submitted one. */
const canonicalRules = (rules: readonly DrawRule[]) => rules.map((r) => ({ categoryId: r.categoryId, difficulty: r.difficulty, count: r.count, points: r.points }));

/** Fields that decide a score: locked once anyone has started the exam. */
const LOCKED: readonly (keyof ExamBody)[] = ['paperMode', 'items', 'rules', 'timeLimitMinutes', 'passScore', 'shuffleQuestions', 'shuffleOptions', 'multiplePartial', 'opensAt'];

export async function updateExam(db: Kysely<DB>, actor: Actor, id: string, body: ExamBody): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const e = await managedExam(tx, actor, id, true);
    if (e.state === 'archived') throw conflict(undefined, { zh: '考试已归档，不能修改', en: 'The exam is archived and cannot change' });
    await unitInScope(tx, actor, body.orgUnitId, 'orgUnitId');
    const { opensAt, closesAt } = checkTimes(body);
    const started = await tx.selectFrom('exam_attempts').select('id').where('exam_id', '=', id).limit(1).executeTakeFirst();
    const currentItems = await tx.selectFrom('exam_paper_items').select(['question_id', 'points']).where('exam_id', '=', id).orderBy('position').execute();
    if (started) {
      const before: Partial<Record<keyof ExamBody, unknown>> = {
        paperMode: e.paper_mode, items: e.paper_mode === 'fixed' ? currentItems.map((i) => ({ questionId: i.question_id, points: i.points })) : undefined,
        rules: e.paper_mode === 'random' ? canonicalRules(e.rules) : undefined, timeLimitMinutes: e.time_limit_minutes, passScore: e.pass_score,
        shuffleQuestions: e.shuffle_questions, shuffleOptions: e.shuffle_options, multiplePartial: e.multiple_partial, opensAt: e.opens_at.toISOString(),
      };
      const after: Partial<Record<keyof ExamBody, unknown>> = {
        ...body, items: body.paperMode === 'fixed' ? (body.items ?? []).map((i) => ({ questionId: i.questionId, points: i.points })) : undefined,
        rules: body.paperMode === 'random' ? canonicalRules(body.rules ?? []) : undefined, opensAt: opensAt.toISOString(),
      };
      const changed = LOCKED.find((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changed) throw conflict(changed, { zh: '已有人参加考试，试卷、时长、及格分和开始时间不能再改（可以改标题、结束时间、次数、成绩公布方式和参加范围）', en: 'People have started this exam: the paper, time limit, pass score and opening time are locked' });
      const maxUsed = await tx.selectFrom('exam_attempts').select((eb) => eb.fn.max('attempt_no').as('m')).where('exam_id', '=', id).executeTakeFirst();
      if (body.maxAttempts < Number(maxUsed?.m ?? 0)) throw badField('maxAttempts', { zh: `已有人作答 ${String(maxUsed?.m)} 次，次数上限不能低于它`, en: `Someone has made ${String(maxUsed?.m)} attempts; the limit cannot be lower` });
    }
    const paper = started ? null : await checkPaper(tx, body);
    const maxScore = paper?.maxScore ?? (e.paper_mode === 'random' ? e.rules.reduce((s, r) => s + r.count * r.points, 0) : currentItems.reduce((s, i) => s + i.points, 0));
    if (body.passScore > maxScore) throw badField('passScore', { zh: `及格分不能高于满分 ${maxScore}`, en: `The pass score cannot exceed the full score ${maxScore}` });
    const audience = await checkAudience(tx, actor, 'exams.manage', body.audience);
    await tx.updateTable('exams').set({
      org_unit_id: body.orgUnitId, title: body.title.trim(), description: (body.description ?? '').trim(), closes_at: closesAt, max_attempts: body.maxAttempts, reveal: body.reveal, updated_at: new Date(),
      ...(paper ? {
        paper_mode: body.paperMode, rules: JSON.stringify(paper.rules), time_limit_minutes: body.timeLimitMinutes, opens_at: opensAt, pass_score: body.passScore,
        shuffle_questions: body.shuffleQuestions, shuffle_options: body.shuffleOptions, multiple_partial: body.multiplePartial,
      } : {}),
    }).where('id', '=', id).execute();
    if (paper) await writeItems(tx, ctx, id, paper.items);
    await writeAudience(tx, ctx, id, audience);
    await auditAs(tx, ctx, { action: 'exam.update', objectType: 'exam', objectId: id, detail: { title: body.title.trim(), closesAt: closesAt.toISOString(), maxAttempts: body.maxAttempts, reveal: body.reveal, paperChanged: !!paper } });
  });
}

export async function publishExam(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const e = await managedExam(tx, actor, id, true);
    if (e.state !== 'draft') throw conflict(undefined, { zh: '只有草稿可以发布', en: 'Only a draft can be published' });
    if (e.closes_at <= clock.now()) throw badField('closesAt', { zh: '结束时间已过，请先修改结束时间', en: 'The closing time has passed; change it first' });
    if (e.paper_mode === 'random') {
      const problem = checkRules(e.rules, await availableCounts(tx));
      if (problem) throw badField(problem.field, problem.message);
    }
    await tx.updateTable('exams').set({ state: 'published', published_at: clock.now(), updated_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'exam.publish', objectType: 'exam', objectId: id, detail: { opensAt: e.opens_at.toISOString(), closesAt: e.closes_at.toISOString() } });
  });
}

/** Withdraws an exam: takers no longer see it or start it; attempts and results are kept. */
export async function archiveExam(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const e = await managedExam(tx, actor, id, true);
    if (e.state === 'archived') throw conflict(undefined, { zh: '考试已经归档', en: 'The exam is already archived' });
    await tx.updateTable('exams').set({ state: 'archived', updated_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'exam.archive', objectType: 'exam', objectId: id, detail: { from: e.state } });
  });
}

export async function listExams(db: Kysely<DB>, actor: Actor, q: { page: number; pageSize: number; state?: 'draft' | 'published' | 'archived' | undefined }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'exams.manage');
    let b = tx.selectFrom('exams as e').innerJoin('org_units as u', 'u.id', 'e.org_unit_id').where(inSubtrees('u.path', scopes));
    if (q.state) b = b.where('e.state', '=', q.state);
    const total = Number((await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await b.selectAll('e').select('u.name as unit_name').orderBy('e.opens_at', 'desc').orderBy('e.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    const ids = rows.map((r) => r.id);
    const counts = ids.length ? await tx.selectFrom('exam_attempts').select(['exam_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('person_id').distinct().as('people')])
      .where('exam_id', 'in', ids).groupBy('exam_id').execute() : [];
    const now = clock.now();
    return {
      total,
      items: rows.map((e) => {
        const c = counts.find((x) => x.exam_id === e.id);
        return {
          id: e.id, title: e.title, unitName: e.unit_name, state: e.state, paperMode: e.paper_mode, opensAt: e.opens_at.toISOString(), closesAt: e.closes_at.toISOString(),
          window: examWindow(now, e.opens_at, e.closes_at), attempts: Number(c?.n ?? 0), takers: Number(c?.people ?? 0),
        };
      }),
    };
  });
}

export async function getExam(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const e = await managedExam(tx, actor, id);
    const items = await tx.selectFrom('exam_paper_items as i').innerJoin('questions as q', 'q.id', 'i.question_id').innerJoin('question_versions as v', 'v.id', 'i.version_id')
      .select(['i.position', 'i.question_id', 'i.version_id', 'i.points', 'v.version', 'v.stem', 'v.kind', 'v.difficulty', 'q.current_version', 'q.current_version_id'])
      .where('i.exam_id', '=', id).orderBy('i.position').execute();
    const audience = await tx.selectFrom('exam_audience as a').leftJoin('org_units as u', 'u.id', 'a.org_unit_id').leftJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.org_unit_id', 'a.person_id', 'u.name as unit_name', 'p.name as person_name']).where('a.exam_id', '=', id).execute();
    const unitPaths = audience.filter((a) => a.org_unit_id).map((a) => a.org_unit_id!);
    const paths = unitPaths.length ? (await tx.selectFrom('org_units').select('path').where('id', 'in', unitPaths).execute()).map((u) => u.path) : [];
    const personIds = audience.filter((a) => a.person_id).map((a) => a.person_id!);
    const audienceSize = Number((await tx.selectFrom('people as p').select((eb) => eb.fn.countAll<number>().as('n')).where(audienceCondition(paths, personIds)).executeTakeFirstOrThrow()).n);
    const available = await availableCounts(tx);
    const attempts = await tx.selectFrom('exam_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('exam_id', '=', id).executeTakeFirstOrThrow();
    const cats = e.rules.length ? await tx.selectFrom('question_categories').select(['id', 'name']).where('id', 'in', e.rules.map((r) => r.categoryId)).execute() : [];
    const maxScore = e.paper_mode === 'random' ? e.rules.reduce((s, r) => s + r.count * r.points, 0) : items.reduce((s, i) => s + i.points, 0);
    const started = Number(attempts.n) > 0;
    return {
      id: e.id, title: e.title, description: e.description, orgUnitId: e.org_unit_id, unitName: e.unit_name, state: e.state, paperMode: e.paper_mode,
      timeLimitMinutes: e.time_limit_minutes, opensAt: e.opens_at.toISOString(), closesAt: e.closes_at.toISOString(), maxAttempts: e.max_attempts, passScore: e.pass_score,
      shuffleQuestions: e.shuffle_questions, shuffleOptions: e.shuffle_options, multiplePartial: e.multiple_partial, reveal: e.reveal, maxScore,
      window: examWindow(clock.now(), e.opens_at, e.closes_at), attempts: Number(attempts.n),
      items: items.map((i) => ({ position: i.position, questionId: i.question_id, versionId: i.version_id, version: i.version, currentVersion: i.current_version, stale: i.version_id !== i.current_version_id, points: i.points, stem: i.stem, kind: i.kind, difficulty: i.difficulty })),
      rules: e.rules.map((r) => ({ ...r, categoryName: cats.find((c) => c.id === r.categoryId)?.name ?? '', available: available.get(ruleKey(r)) ?? 0 })),
      audience: {
        units: audience.filter((a) => a.org_unit_id).map((a) => ({ id: a.org_unit_id!, name: a.unit_name ?? '' })),
        people: audience.filter((a) => a.person_id).map((a) => ({ id: a.person_id!, name: a.person_name ?? '' })),
        size: audienceSize,
      },
      abilities: { edit: e.state !== 'archived', editPaper: e.state !== 'archived' && !started, publish: e.state === 'draft', archive: e.state !== 'archived', regrade: started },
    };
  });
}
