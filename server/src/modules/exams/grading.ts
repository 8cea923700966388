/**
 * Grading: closing an attempt (by its taker or at its deadline) grades it once, in the same transaction, and every
 * later change of its score — a grader scoring short answers, a regrade after a question was corrected — adds a new
 * grading row with the next grade number. UNIQUE (attempt_id, grade_no) and the `state = 'open'` guard on the close
 * make grading twice impossible even when two submissions race.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { appendAudit, auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { inSubtrees } from '../../platform/db/subtree.js';
import { awardPoints } from '../courses/points.js';
import { clock } from './clock.js';
import { gradePaper, passed as isPassed, type GradedPaper, type ItemGrade, type PaperItem } from './rules.js';
import { loadVersions } from './versions.js';
import { managedExam } from './setup.js';
import type { ExamAttemptsTable, GradingReason } from './tables.js';
import type { Selectable } from 'kysely';

const ATTEMPT: Msg = { zh: '答卷', en: 'Answer sheet' };
export type AttemptRow = Selectable<ExamAttemptsTable>;
export const SYSTEM_DEADLINE = '系统（考试到时自动交卷）';

/** What grading a sheet needs to know of its exam. */
export interface ExamGradeOpts { id: string; pass_score: number; multiple_partial: boolean }

async function gradeOf(tx: Tx, tenantId: string, paper: readonly PaperItem[], answers: Record<string, unknown>, exam: ExamGradeOpts, previous?: Record<string, ItemGrade>): Promise<GradedPaper> {
  const versions = await loadVersions(tx, tenantId, paper.map((p) => p.v));
  return gradePaper(paper, versions, answers, { multiplePartial: exam.multiple_partial }, previous);
}

/** Adds a grading row and moves the attempt to it. Points for passing are awarded once, when no short answer waits. */
async function recordGrading(tx: Tx, ctx: TxContext, a: AttemptRow, exam: ExamGradeOpts, g: GradedPaper, reason: GradingReason, gradedBy: string | null, note = ''): Promise<number> {
  const gradeNo = a.grade_no + 1;
  const ok = isPassed(g.score, exam.pass_score);
  const now = clock.now();
  await tx.insertInto('exam_gradings').values({
    id: randomUUID(), tenant_id: ctx.tenantId, attempt_id: a.id, grade_no: gradeNo, reason, score: g.score, max_score: g.maxScore, passed: ok,
    pending_manual: g.pendingManual, items: JSON.stringify(g.items), graded_by: gradedBy, graded_at: now, note,
  }).execute();
  await tx.updateTable('exam_attempts').set({
    grade_no: gradeNo, score: g.score, max_score: g.maxScore, passed: g.pendingManual > 0 ? null : ok, pending_manual: g.pendingManual,
    state: g.pendingManual > 0 ? 'submitted' : 'graded',
  }).where('id', '=', a.id).execute();
  if (ok && g.pendingManual === 0) await awardPoints(tx, ctx, { personId: a.person_id, rule: 'exam_passed', sourceId: exam.id, now });
  return gradeNo;
}

/**
 * Closes an open attempt and grades it (the first grading) in one statement: the attempt moves from open to its
 * graded state and the grading row is inserted from the row the update returned, so without a closing update there
 * is no grading. The grade is worked out before, from `a` (pure work on the paper, the answers and the cached
 * question versions), so the caller must hold the attempt's row lock (read `a` FOR UPDATE): no autosave can then
 * change the answers in between, and the `state = 'open'` guard still makes a second close a no-op.
 * `answers` are the sheet's last answers when they change with the close (a submission carrying them).
 * Returns the closed row and its grading's items, or undefined when it was no longer open (another submission or the
 * deadline closed it first, and that one graded it).
 */
export async function closeAndGrade(
  tx: Tx, ctx: TxContext, a: AttemptRow, exam: ExamGradeOpts, how: { by: 'taker' | 'deadline'; token: string | null; answers?: { values: Record<string, unknown>; rev: number } },
): Promise<{ attempt: AttemptRow; items: Record<string, ItemGrade> } | undefined> {
  const now = clock.now();
  const answers = how.answers?.values ?? a.answers;
  const versions = await loadVersions(tx, ctx.tenantId, a.paper.map((p) => p.v));
  const g = gradePaper(a.paper, versions, answers, { multiplePartial: exam.multiple_partial });
  const ok = isPassed(g.score, exam.pass_score);
  const newAnswers = how.answers ? sql`${JSON.stringify(how.answers.values)}::jsonb` : sql`answers`;
  const { rows } = await sql<AttemptRow>`
    with closed as (
      update exam_attempts set
        answers = ${newAnswers}, answers_rev = ${how.answers?.rev ?? a.answers_rev},
        answers_saved_at = ${how.answers ? sql`${now}::timestamptz` : sql`answers_saved_at`},
        state = ${g.pendingManual > 0 ? 'submitted' : 'graded'}, submitted_at = ${now}, submitted_by = ${how.by}, submit_token = ${how.token},
        grade_no = grade_no + 1, score = ${g.score}, max_score = ${g.maxScore}, passed = ${g.pendingManual > 0 ? null : ok}, pending_manual = ${g.pendingManual}
      where id = ${a.id} and state = 'open'
      returning *
    ), graded as (
      insert into exam_gradings (id, tenant_id, attempt_id, grade_no, reason, score, max_score, passed, pending_manual, items, graded_by, graded_at, note)
      select ${randomUUID()}, tenant_id, id, grade_no, ${how.by === 'taker' ? 'submit' : 'deadline'}, score, max_score, ${ok}, pending_manual, ${JSON.stringify(g.items)}::jsonb, null, ${now}, ''
      from closed
    )
    select * from closed`.execute(tx);
  const closed = rows[0];
  if (!closed) return undefined;
  if (ok && g.pendingManual === 0) await awardPoints(tx, ctx, { personId: a.person_id, rule: 'exam_passed', sourceId: exam.id, now });
  return { attempt: closed, items: g.items };
}

/** The deadline job's close of one attempt, audited by the system on the attempt's tenant chain. */
export async function closeByDeadline(tx: Tx, tenantId: string, a: AttemptRow): Promise<boolean> {
  const ctx: TxContext = { tenantId, actorId: null, actorName: SYSTEM_DEADLINE, sourceIp: '' };
  const exam = await tx.selectFrom('exams').select(['id', 'pass_score', 'multiple_partial']).where('id', '=', a.exam_id).executeTakeFirstOrThrow();
  const closed = await closeAndGrade(tx, ctx, a, exam, { by: 'deadline', token: null });
  if (closed) {
    await appendAudit(tx, tenantId, { actorId: null, actorName: SYSTEM_DEADLINE, sourceIp: '', action: 'exam.auto_submit', objectType: 'exam_attempt', objectId: a.id, detail: { examId: a.exam_id, deadlineAt: a.deadline_at.toISOString(), answersRev: a.answers_rev, score: closed.attempt.score, gradeNo: closed.attempt.grade_no } });
  }
  return !!closed;
}

// ---------------------------------------------------------------- manual grading

/** Attempts an actor may grade: exams.grade on the exam's organising unit. */
async function gradableAttempt(tx: Tx, actor: Actor, attemptId: string, lock = false) {
  let q = tx.selectFrom('exam_attempts as a').innerJoin('exams as e', 'e.id', 'a.exam_id').innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
    .selectAll('a').select(['u.path as unit_path', 'e.pass_score', 'e.multiple_partial', 'e.title as exam_title']).where('a.id', '=', attemptId);
  if (lock) q = q.forUpdate('a');
  const a = await q.executeTakeFirst();
  if (!a || !can(actor, 'exams.grade', a.unit_path)) throw notFound(ATTEMPT);
  return a;
}

/**
 * Answer sheets waiting for a grader, oldest first, without the taker's name (阅卷 is blind: a sheet is known by its
 * exam and number). Only the short answers are shown, with the reference answer.
 */
export async function pendingSheets(db: Kysely<DB>, actor: Actor, q: { examId?: string | undefined; page: number; pageSize: number }) {
  return withTenant(db, txContext(actor), async (tx) => {
    let b = tx.selectFrom('exam_attempts as a').innerJoin('exams as e', 'e.id', 'a.exam_id').innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
      .where('a.state', '=', 'submitted').where('a.pending_manual', '>', 0).where(inSubtrees('u.path', scopesFor(actor, 'exams.grade')));
    if (q.examId) b = b.where('a.exam_id', '=', q.examId);
    const total = Number((await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await b.select(['a.id', 'a.exam_id', 'e.title', 'a.submitted_at', 'a.pending_manual', 'a.score', 'a.max_score']).orderBy('a.submitted_at').orderBy('a.id')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return {
      total,
      items: rows.map((r) => ({ id: r.id, examId: r.exam_id, examTitle: r.title, sheetNo: r.id.slice(0, 8).toUpperCase(), submittedAt: r.submitted_at!.toISOString(), pending: r.pending_manual, autoScore: r.score ?? 0, maxScore: r.max_score })),
    };
  });
}

export async function sheetForGrading(db: Kysely<DB>, actor: Actor, attemptId: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const a = await gradableAttempt(tx, actor, attemptId);
    if (a.state === 'open') throw conflict(undefined, { zh: '这份答卷还没有交卷', en: 'This sheet has not been handed in yet' });
    const grading = await tx.selectFrom('exam_gradings').select(['items']).where('attempt_id', '=', a.id).where('grade_no', '=', a.grade_no).executeTakeFirstOrThrow();
    const versions = await loadVersions(tx, actor.tenantId, a.paper.map((p) => p.v));
    const items = a.paper.flatMap((p, i) => {
      const v = versions.get(p.v)!;
      if (v.kind !== 'short') return [];
      const pos = String(i + 1);
      const g = grading.items[pos];
      const text = a.answers[pos];
      return [{ position: i + 1, stem: v.stem, reference: (v.answer as { reference: string }).reference, answer: typeof text === 'string' ? text : '', points: p.points, score: g?.correct === null ? null : (g?.score ?? 0), comment: g?.comment ?? '', graded: g?.by === 'grader' }];
    });
    return { id: a.id, examId: a.exam_id, examTitle: a.exam_title, sheetNo: a.id.slice(0, 8).toUpperCase(), state: a.state, score: a.score ?? 0, maxScore: a.max_score, pending: a.pending_manual, gradeNo: a.grade_no, items };
  });
}

export async function gradeSheet(db: Kysely<DB>, actor: Actor, attemptId: string, body: { items: { position: number; score: number; comment?: string | undefined }[] }) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const a = await gradableAttempt(tx, actor, attemptId, true);
    if (a.state === 'open') throw conflict(undefined, { zh: '这份答卷还没有交卷', en: 'This sheet has not been handed in yet' });
    const last = await tx.selectFrom('exam_gradings').select(['items']).where('attempt_id', '=', a.id).where('grade_no', '=', a.grade_no).executeTakeFirstOrThrow();
    const versions = await loadVersions(tx, ctx.tenantId, a.paper.map((p) => p.v));
    const items: Record<string, ItemGrade> = { ...last.items };
    if (body.items.length === 0) throw badField('items', { zh: '请给出至少一道题的得分', en: 'Score at least one answer' });
    for (const it of body.items) {
      const p = a.paper[it.position - 1];
      const v = p ? versions.get(p.v) : undefined;
      if (!p || !v || v.kind !== 'short') throw badField('items', { zh: `第 ${it.position} 题不是需要人工评分的简答题`, en: `Question ${it.position} is not a short answer to grade` });
      if (it.score > p.points) throw badField('score', { zh: `第 ${it.position} 题最多 ${p.points} 分`, en: `Question ${it.position} is worth at most ${p.points}` });
      items[String(it.position)] = { score: it.score, correct: it.score === p.points, by: 'grader', ...(it.comment?.trim() ? { comment: it.comment.trim() } : {}) };
    }
    let score = 0;
    let pending = 0;
    for (const g of Object.values(items)) {
      score += g.score;
      if (g.correct === null) pending++;
    }
    const gradeNo = await recordGrading(tx, ctx, a, { id: a.exam_id, pass_score: a.pass_score, multiple_partial: a.multiple_partial }, { score, maxScore: a.max_score, pendingManual: pending, items }, 'manual', ctx.actorId);
    await auditAs(tx, ctx, { action: 'exam.grade', objectType: 'exam_attempt', objectId: a.id, detail: { examId: a.exam_id, gradeNo, from: a.score, to: score, positions: body.items.map((i) => i.position) } });
    return { gradeNo, score, pending };
  });
}

// ---------------------------------------------------------------- regrade

/**
 * Moves every attempt of an exam that used an older version of `questionId` onto its current version and grades the
 * handed-in ones again (a new grading row each, reason 'regrade', the correction's note kept); open attempts are
 * only moved, so they are graded with the corrected key when handed in. A fixed paper follows too. One audit record
 * lists every score that changed.
 */
export async function regradeExam(db: Kysely<DB>, actor: Actor, examId: string, questionId: string) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const e = await managedExam(tx, actor, examId, true);
    const q = await tx.selectFrom('questions').select(['id', 'current_version_id', 'current_version']).where('id', '=', questionId).executeTakeFirst();
    if (!q) throw badField('questionId', { zh: '试题不存在', en: 'The question does not exist' });
    const current = await tx.selectFrom('question_versions').select(['change_note', 'version']).where('id', '=', q.current_version_id).executeTakeFirstOrThrow();
    const attempts = await tx.selectFrom('exam_attempts').selectAll().where('exam_id', '=', examId).orderBy('id').forUpdate().execute();
    const affected = attempts.filter((a) => a.paper.some((p) => p.q === questionId && p.v !== q.current_version_id));
    if (affected.length === 0) throw conflict('questionId', { zh: '这场考试没有用到这道题的旧版本，无需重新评分', en: 'No attempt of this exam used an older version of this question' });
    const note = `第 ${current.version} 版：${current.change_note || '试题已修改'}`;
    const changes: { attemptId: string; from: number | null; to: number | null }[] = [];
    for (const a of affected) {
      const paper = a.paper.map((p) => (p.q === questionId ? { ...p, v: q.current_version_id } : p));
      await tx.updateTable('exam_attempts').set({ paper: JSON.stringify(paper) }).where('id', '=', a.id).execute();
      if (a.state === 'open') continue;
      const last = await tx.selectFrom('exam_gradings').select('items').where('attempt_id', '=', a.id).where('grade_no', '=', a.grade_no).executeTakeFirstOrThrow();
      const g = await gradeOf(tx, ctx.tenantId, paper, a.answers, e, last.items);
      await recordGrading(tx, ctx, { ...a, paper }, e, g, 'regrade', ctx.actorId, note);
      changes.push({ attemptId: a.id, from: a.score, to: g.score });
    }
    await tx.updateTable('exam_paper_items').set({ version_id: q.current_version_id }).where('exam_id', '=', examId).where('question_id', '=', questionId).execute();
    const changed = changes.filter((c) => c.from !== c.to);
    await auditAs(tx, ctx, {
      action: 'exam.regrade', objectType: 'exam', objectId: examId,
      detail: { questionId, toVersion: q.current_version, note, attempts: affected.length, regraded: changes.length, changed: changed.slice(0, 200), ...(changed.length > 200 ? { more: changed.length - 200 } : {}) },
    });
    return { attempts: affected.length, regraded: changes.length, changed: changed.length };
  });
}

