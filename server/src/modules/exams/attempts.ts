/**
 * Taking an exam: my exams, starting an attempt (the paper is drawn and stored), autosaving answers, handing in, and
 * the result as the exam lets a taker see it. The server keeps the clock: the deadline is computed at the start,
 * answers after it (plus a short grace) are refused, and an attempt left open is closed at its deadline.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { PLATFORM_TENANT_ID, withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, badField, conflict, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { learner } from './learner.js';
import { ancestorPaths } from './audience.js';
import { clock } from './clock.js';
import { closeAndGrade, closeByDeadline, type AttemptRow, type ExamGradeOpts } from './grading.js';
import {
  acceptsAnswers, attemptDeadline, blankCount, drawPaper, examWindow, responseFits, ruleKey, startRefusal, stemPieces, takerSees,
  SUBMIT_GRACE_SECONDS, type Candidate, type ItemGrade, type PaperItem, type QuestionKind, type Reveal,
} from './rules.js';
import { loadVersions, type CachedVersion } from './versions.js';

const ATTEMPT: Msg = { zh: '答卷', en: 'Answer sheet' };
const EXAM: Msg = { zh: '考试', en: 'Exam' };

/** `exams as e` is for this person: named, or their unit lies under an audience unit. */
function forPerson(personId: string, orgPath: string) {
  const unitIds = ancestorPaths(orgPath).map((p) => p.split('/').filter(Boolean).pop()!);
  return sql<boolean>`exists (select 1 from exam_audience au where au.exam_id = e.id and (au.person_id = ${personId} or au.org_unit_id in (${sql.join(unitIds)})))`;
}

export async function myExams(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const me = await learner(tx, actor);
    const exams = await tx.selectFrom('exams as e').selectAll('e').where('e.state', '=', 'published').where(forPerson(me.id, me.orgPath)).orderBy('e.closes_at').execute();
    const ids = exams.map((e) => e.id);
    const attempts = ids.length ? await tx.selectFrom('exam_attempts').select(['id', 'exam_id', 'attempt_no', 'state', 'score', 'max_score', 'passed', 'deadline_at', 'submitted_at'])
      .where('person_id', '=', me.id).where('exam_id', 'in', ids).orderBy('attempt_no').execute() : [];
    const now = clock.now();
    return exams.map((e) => {
      const mine = attempts.filter((a) => a.exam_id === e.id);
      const open = mine.find((a) => a.state === 'open' && acceptsAnswers(now, a.deadline_at));
      const window = examWindow(now, e.opens_at, e.closes_at);
      const sees = takerSees(e.reveal, true, window === 'closed');
      const done = mine.filter((a) => a.state !== 'open');
      const best = sees.score && done.length ? done.reduce((b, a) => ((a.score ?? -1) > (b.score ?? -1) ? a : b)) : null;
      return {
        id: e.id, title: e.title, description: e.description, opensAt: e.opens_at.toISOString(), closesAt: e.closes_at.toISOString(), window,
        timeLimitMinutes: e.time_limit_minutes, maxAttempts: e.max_attempts, used: mine.length, passScore: e.pass_score,
        openAttemptId: open?.id ?? null, lastAttemptId: mine.length ? mine[mine.length - 1]!.id : null,
        best: best ? { score: best.score, maxScore: best.max_score, passed: best.passed, pending: best.state === 'submitted' } : null,
        canStart: window === 'open' && !open && mine.length < e.max_attempts,
      };
    });
  });
}

/** Candidates for a random paper: live questions of each rule's category and difficulty, with their option keys. */
async function candidatesFor(tx: Tx, rules: { categoryId: string; difficulty: number }[]): Promise<Map<string, Candidate[]>> {
  const out = new Map<string, Candidate[]>();
  if (rules.length === 0) return out;
  const rows = await tx.selectFrom('questions as q').innerJoin('question_versions as v', 'v.id', 'q.current_version_id')
    .select(['q.id', 'q.current_version_id', 'q.kind', 'q.category_id', 'q.difficulty', 'v.options'])
    .where('q.archived_at', 'is', null).where('q.category_id', 'in', [...new Set(rules.map((r) => r.categoryId))]).execute();
  for (const r of rows) {
    const key = ruleKey({ categoryId: r.category_id, difficulty: r.difficulty });
    const list = out.get(key) ?? [];
    list.push({ questionId: r.id, versionId: r.current_version_id, kind: r.kind, optionKeys: r.options.map((o) => o.key) });
    out.set(key, list);
  }
  return out;
}

/**
 * Starts an attempt, or returns the one in progress. The paper (questions, versions, order, option order) is drawn
 * from a fresh seed and stored with it; the deadline is fixed now by the server.
 */
export async function startAttempt(db: Kysely<DB>, actor: Actor, examId: string): Promise<{ id: string; resumed: boolean }> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const me = await learner(tx, actor);
    // One start at a time per person and exam (a double tap starts one attempt).
    await sql`select pg_advisory_xact_lock(7234061, hashtext(${`${examId}:${me.id}`}))`.execute(tx);
    const e = await tx.selectFrom('exams as e').selectAll('e').select(forPerson(me.id, me.orgPath).as('in_audience')).where('e.id', '=', examId).executeTakeFirst();
    if (!e || e.state !== 'published' || !e.in_audience) throw notFound(EXAM);
    const now = clock.now();
    // Locked: an overdue one is closed and graded from this row (closeAndGrade), so no save may land in between.
    const open = await tx.selectFrom('exam_attempts').selectAll().where('exam_id', '=', examId).where('person_id', '=', me.id).where('state', '=', 'open').forUpdate().executeTakeFirst();
    if (open) {
      if (acceptsAnswers(now, open.deadline_at)) return { id: open.id, resumed: true };
      await closeByDeadline(tx, ctx.tenantId, open);
    }
    const used = Number((await tx.selectFrom('exam_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('exam_id', '=', examId).where('person_id', '=', me.id).executeTakeFirstOrThrow()).n);
    const refusal = startRefusal({ state: e.state, window: examWindow(now, e.opens_at, e.closes_at), inAudience: !!e.in_audience, used, maxAttempts: e.max_attempts });
    if (refusal) throw refusal.code === 'not_found' ? notFound(EXAM) : new AppError(409, refusal.code, refusal.message);
    const seed = randomUUID();
    let paper: PaperItem[];
    const opts = { seed, shuffleQuestions: e.shuffle_questions, shuffleOptions: e.shuffle_options };
    if (e.paper_mode === 'random') {
      const candidates = await candidatesFor(tx, e.rules);
      for (const r of e.rules) {
        if ((candidates.get(ruleKey(r))?.length ?? 0) < r.count) throw conflict(undefined, { zh: '题库中的题目不够组卷，请联系考试组织者', en: 'The question bank no longer has enough questions for this exam; tell the organiser' });
      }
      paper = drawPaper({ mode: 'random', rules: e.rules, candidates }, opts);
    } else {
      const items = await tx.selectFrom('exam_paper_items as i').innerJoin('question_versions as v', 'v.id', 'i.version_id').select(['i.question_id', 'i.version_id', 'i.points', 'v.kind', 'v.options'])
        .where('i.exam_id', '=', examId).orderBy('i.position').execute();
      paper = drawPaper({ mode: 'fixed', items: items.map((i) => ({ questionId: i.question_id, versionId: i.version_id, kind: i.kind, optionKeys: i.options.map((o) => o.key), points: i.points })) }, opts);
    }
    const id = randomUUID();
    const deadline = attemptDeadline(now, e.time_limit_minutes, e.closes_at);
    await tx.insertInto('exam_attempts').values({
      id, tenant_id: ctx.tenantId, exam_id: examId, person_id: me.id, user_id: actor.userId, attempt_no: used + 1, paper: JSON.stringify(paper), seed,
      answers: '{}', answers_saved_at: null, started_at: now, deadline_at: deadline, submitted_at: null, submitted_by: null, submit_token: null,
      score: null, max_score: paper.reduce((s, p) => s + p.points, 0), passed: null,
    }).execute();
    await auditAs(tx, ctx, { action: 'exam.attempt_start', objectType: 'exam_attempt', objectId: id, detail: { examId, attemptNo: used + 1, deadlineAt: deadline.toISOString(), questions: paper.length } });
    return { id, resumed: false };
  });
}

/** The taker's own attempt (locked for a write), or 404. */
async function ownAttempt(tx: Tx, actor: Actor, id: string, lock: boolean): Promise<AttemptRow> {
  const me = await learner(tx, actor);
  let q = tx.selectFrom('exam_attempts').selectAll().where('id', '=', id).where('person_id', '=', me.id);
  if (lock) q = q.forUpdate();
  const a = await q.executeTakeFirst();
  if (!a) throw notFound(ATTEMPT);
  return a;
}

/** What a taker's view and the grading need of the attempt's exam. */
interface AttemptExam extends ExamGradeOpts { title: string; reveal: Reveal; closes_at: Date }

/**
 * The taker's own attempt with its exam, in one statement (the learner's check — the account's person record, not
 * archived — is part of it), locked for a write: a submission's only read before it writes. 404 as `ownAttempt`.
 */
async function ownAttemptWithExam(tx: Tx, actor: Actor, id: string, lock: boolean): Promise<{ a: AttemptRow; e: AttemptExam }> {
  let q = tx.selectFrom('exam_attempts as a')
    .innerJoin('users as u', (j) => j.on('u.id', '=', actor.userId).onRef('u.person_id', '=', 'a.person_id'))
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('exams as e', 'e.id', 'a.exam_id')
    .selectAll('a').select(['e.title as e_title', 'e.reveal as e_reveal', 'e.closes_at as e_closes_at', 'e.pass_score as e_pass_score', 'e.multiple_partial as e_multiple_partial'])
    .where('a.id', '=', id).where('p.archived_at', 'is', null);
  if (lock) q = q.forUpdate('a');
  const row = await q.executeTakeFirst();
  if (!row) {
    await learner(tx, actor); // says why when the account has no (living) person record
    throw notFound(ATTEMPT);
  }
  const { e_title, e_reveal, e_closes_at, e_pass_score, e_multiple_partial, ...a } = row;
  return { a, e: { id: a.exam_id, title: e_title, reveal: e_reveal, closes_at: e_closes_at, pass_score: e_pass_score, multiple_partial: e_multiple_partial } };
}

/** The answers of a save, checked against the paper: each position exists and each answer has its kind's shape. */
function checkAnswers(paper: readonly PaperItem[], versions: ReadonlyMap<string, CachedVersion>, answers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [pos, value] of Object.entries(answers)) {
    const n = Number(pos);
    const item = Number.isInteger(n) && n >= 1 ? paper[n - 1] : undefined;
    if (!item) throw badField(`answers.${pos}`, { zh: `试卷没有第 ${pos} 题`, en: `The paper has no question ${pos}` });
    const v = versions.get(item.v)!;
    if (value === null) {
      out[pos] = null;
      continue;
    }
    if (!responseFits(v.kind, value, v.kind === 'fill' ? blankCount(v.stem) : 0, item.options)) {
      throw badField(`answers.${pos}`, { zh: `第 ${pos} 题的答案格式不正确`, en: `The answer to question ${pos} is not in the right form` });
    }
    out[pos] = value;
  }
  return out;
}

function merged(before: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const out = { ...before };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

const DEADLINE_PASSED = () => new AppError(409, 'deadline_passed', { zh: '考试时间已到，之后的作答不再保存', en: 'Time is up; answers are no longer saved' });
const ALREADY_SUBMITTED = () => new AppError(409, 'submitted', { zh: '这份答卷已经交卷，不能再修改', en: 'This sheet has been handed in and cannot change' });

/**
 * Autosave: the answers changed since the last save, with the client's revision. A save that arrives after a newer
 * one (a slow request overtaken) is ignored and says so; answers after the deadline and grace are refused.
 */
export async function saveAnswers(db: Kysely<DB>, actor: Actor, id: string, body: { rev: number; answers: Record<string, unknown> }) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const a = await ownAttempt(tx, actor, id, true);
    if (a.state !== 'open') throw ALREADY_SUBMITTED();
    const now = clock.now();
    if (!acceptsAnswers(now, a.deadline_at)) throw DEADLINE_PASSED();
    if (body.rev <= a.answers_rev) return { rev: a.answers_rev, savedAt: a.answers_saved_at?.toISOString() ?? null, stale: true };
    const versions = await loadVersions(tx, ctx.tenantId, a.paper.map((p) => p.v));
    const answers = merged(a.answers, checkAnswers(a.paper, versions, body.answers));
    await tx.updateTable('exam_attempts').set({ answers: JSON.stringify(answers), answers_rev: body.rev, answers_saved_at: now }).where('id', '=', id).execute();
    return { rev: body.rev, savedAt: now.toISOString(), stale: false };
  });
}

export interface SubmitBody { token: string; rev?: number | undefined; answers?: Record<string, unknown> | undefined }

/**
 * Hands an attempt in: the last answers (when newer than the autosave), the close and the grading, in one transaction
 * of few statements — the attempt and its exam read and locked at once, the grade worked out in the application, the
 * close and the grading row written by one statement, the audit record last (its chain lock is held only from there
 * to the commit) — and the taker's view built from what is in hand.
 * Idempotent: a repeated submission (a retry, a double tap, a second device) finds the attempt closed and gets the
 * same result with `duplicate: true`; the row lock and the `state = 'open'` guard make the first one the only grading.
 * After the deadline and grace the new answers are refused and the sheet is closed with the autosaved ones.
 */
export async function submitAttempt(db: Kysely<DB>, actor: Actor, id: string, body: SubmitBody) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const { a, e } = await ownAttemptWithExam(tx, actor, id, true);
    const now = clock.now();
    if (a.state !== 'open') return { ...(await attemptView(tx, ctx, a, e, now)), duplicate: true, lateAnswersRefused: false };
    if (!acceptsAnswers(now, a.deadline_at)) {
      await closeByDeadline(tx, ctx.tenantId, a);
      const after = await ownAttemptWithExam(tx, actor, id, false);
      return { ...(await attemptView(tx, ctx, after.a, e, now)), duplicate: false, lateAnswersRefused: true };
    }
    let answers: { values: Record<string, unknown>; rev: number } | undefined;
    if (body.answers && (body.rev === undefined || body.rev > a.answers_rev)) {
      const versions = await loadVersions(tx, ctx.tenantId, a.paper.map((p) => p.v));
      answers = { values: merged(a.answers, checkAnswers(a.paper, versions, body.answers)), rev: body.rev ?? a.answers_rev + 1 };
    }
    const closed = await closeAndGrade(tx, ctx, a, e, { by: 'taker', token: body.token, ...(answers ? { answers } : {}) });
    // Under the row lock an open attempt always closes here; anything else is a bug, and nothing is committed.
    if (!closed) throw new Error(`attempt ${id} was open under its row lock but did not close`);
    const c = closed.attempt;
    const view = await attemptView(tx, ctx, c, e, now, closed.items);
    await auditAs(tx, ctx, { action: 'exam.submit', objectType: 'exam_attempt', objectId: id, detail: { examId: a.exam_id, answersRev: c.answers_rev, answered: Object.keys(c.answers).length, score: c.score, pendingManual: c.pending_manual, gradeNo: c.grade_no } });
    return { ...view, duplicate: false, lateAnswersRefused: false };
  });
}

function takerItem(pos: number, p: PaperItem, v: CachedVersion) {
  const byKey = new Map(v.options.map((o) => [o.key, o.text]));
  return {
    position: pos, kind: v.kind as QuestionKind, points: p.points, stem: v.stem,
    stemPieces: v.kind === 'fill' ? stemPieces(v.stem) : [v.stem],
    blanks: v.kind === 'fill' ? blankCount(v.stem) : 0,
    options: p.options.map((key) => ({ key, text: byKey.get(key) ?? '' })),
  };
}

/** Correct answers as a taker may be shown them: option keys, true/false, accepted texts, the reference answer. */
function solution(v: CachedVersion) {
  const a = v.answer as Record<string, unknown>;
  return {
    correct: Array.isArray(a.correct) ? (a.correct as string[]) : typeof a.correct === 'string' ? [a.correct] : [],
    truth: typeof a.correct === 'boolean' ? a.correct : null,
    blanks: Array.isArray(a.blanks) ? (a.blanks as string[][]) : [],
    reference: typeof a.reference === 'string' ? a.reference : '',
    explanation: v.explanation,
  };
}

/**
 * The taker's view of an attempt: the paper and their answers while open (with the server's deadline and time), and
 * afterwards what the exam's setting lets them see. An open attempt past its deadline is closed first.
 */
export async function getAttempt(db: Kysely<DB>, actor: Actor, id: string) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    let { a, e } = await ownAttemptWithExam(tx, actor, id, false);
    const now = clock.now();
    if (a.state === 'open' && !acceptsAnswers(now, a.deadline_at)) {
      a = await ownAttempt(tx, actor, id, true);
      if (a.state === 'open') await closeByDeadline(tx, ctx.tenantId, a);
      ({ a, e } = await ownAttemptWithExam(tx, actor, id, false));
    }
    return attemptView(tx, ctx, a, e, now);
  });
}

/** The view of an attempt as its taker may see it; `gradeItems`: the current grading's items when already in hand. */
async function attemptView(tx: Tx, ctx: TxContext, a: AttemptRow, e: AttemptExam, now: Date, gradeItems?: Record<string, ItemGrade>) {
  const versions = await loadVersions(tx, ctx.tenantId, a.paper.map((p) => p.v));
  const submitted = a.state !== 'open';
  const sees = takerSees(e.reveal, submitted, now >= e.closes_at);
  let items: Record<string, ItemGrade> = {};
  if (submitted && sees.answers) {
    items = gradeItems ?? (await tx.selectFrom('exam_gradings').select('items').where('attempt_id', '=', a.id).where('grade_no', '=', a.grade_no).executeTakeFirst())?.items ?? {};
  }
  return {
    id: a.id, examId: e.id, examTitle: e.title, attemptNo: a.attempt_no, state: a.state, startedAt: a.started_at.toISOString(),
    deadlineAt: a.deadline_at.toISOString(), serverNow: now.toISOString(), graceSeconds: SUBMIT_GRACE_SECONDS, answersRev: a.answers_rev,
    answersSavedAt: a.answers_saved_at?.toISOString() ?? null, submittedAt: a.submitted_at?.toISOString() ?? null, submittedBy: a.submitted_by,
    answers: a.answers, reveal: e.reveal, examClosesAt: e.closes_at.toISOString(), passScore: e.pass_score, maxScore: a.max_score,
    result: sees.score ? { score: a.score ?? 0, maxScore: a.max_score, passed: a.passed, pendingManual: a.pending_manual } : null,
    items: a.paper.map((p, i) => {
      const v = versions.get(p.v)!;
      const g = items[String(i + 1)];
      return { ...takerItem(i + 1, p, v), ...(sees.answers ? { solution: solution(v), grade: g ? { score: g.score, correct: g.correct, comment: g.comment ?? '' } : null } : { solution: null, grade: null }) };
    }),
  };
}

/** Closes every attempt past its deadline and grace (the job; also run by tests with a moved clock). */
export async function closeDueAttempts(db: Kysely<DB>, now = clock.now()): Promise<number> {
  const sys: TxContext = { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: '系统', sourceIp: '' };
  const before = new Date(now.getTime() - SUBMIT_GRACE_SECONDS * 1000);
  const due = await withTenant(db, sys, async (tx) => (await sql<{ tenant_id: string; id: string }>`select tenant_id, id from zg_exam_attempts_due(${before})`.execute(tx)).rows);
  let n = 0;
  for (const d of due) {
    n += await withTenant(db, { ...sys, tenantId: d.tenant_id }, async (tx) => {
      const a = await tx.selectFrom('exam_attempts').selectAll().where('id', '=', d.id).forUpdate().executeTakeFirst();
      if (!a || a.state !== 'open' || acceptsAnswers(now, a.deadline_at)) return 0;
      return (await closeByDeadline(tx, d.tenant_id, a)) ? 1 : 0;
    });
  }
  return n;
}

/**
 * The deadline job the server runs: every `seconds`, close attempts left open past their deadline. Reads close such
 * an attempt at once too, so the job only decides when an abandoned sheet is graded, never what is accepted.
 */
export function startDeadlineJob(db: Kysely<DB>, log: { error(obj: unknown, msg: string): void }, seconds = 20): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    closeDueAttempts(db).catch((err: unknown) => log.error({ err }, 'exam deadline job failed')).finally(() => { running = false; });
  };
  const every = setInterval(run, seconds * 1000);
  every.unref();
  return () => clearInterval(every);
}
