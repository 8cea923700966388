/** HTTP of taking exams (any signed-in learner linked to a person record): my exams, attempts, autosave, submit. */
import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, Uuid } from '../../platform/http/schema.js';
import { getAttempt, myExams, saveAnswers, startAttempt, startDeadlineJob, submitAttempt } from './attempts.js';
import { Kind } from './question-routes.js';
import { Reveal, Window } from './exam-routes.js';

const tags = ['learning'];
/**
 * Answers by position. Each value's shape depends on the question (an option key, option keys, true/false, one text
 * per blank, a text; null clears it) and is checked by the service against the paper: the schema does not coerce it
 * (the app's validator turns one-item arrays into scalars and booleans into strings when a union allows it).
 */
const Answers = Type.Record(Type.String({ pattern: '^[1-9][0-9]{0,2}$' }), Type.Unknown(), { maxProperties: 500 });
const MyExam = Type.Object({
  id: Type.String(), title: Type.String(), description: Type.String(), opensAt: Type.String(), closesAt: Type.String(), window: Window,
  timeLimitMinutes: Type.Integer(), maxAttempts: Type.Integer(), used: Type.Integer(), passScore: Type.Integer(),
  openAttemptId: Nullable(Type.String()), lastAttemptId: Nullable(Type.String()),
  best: Nullable(Type.Object({ score: Nullable(Type.Integer()), maxScore: Type.Integer(), passed: Nullable(Type.Boolean()), pending: Type.Boolean() })),
  canStart: Type.Boolean(),
});
const Solution = Type.Object({ correct: Type.Array(Type.String()), truth: Nullable(Type.Boolean()), blanks: Type.Array(Type.Array(Type.String())), reference: Type.String(), explanation: Type.String() });
export const AttemptView = Type.Object({
  id: Type.String(), examId: Type.String(), examTitle: Type.String(), attemptNo: Type.Integer(), state: Type.Union([Type.Literal('open'), Type.Literal('submitted'), Type.Literal('graded')]),
  startedAt: Type.String(), deadlineAt: Type.String(), serverNow: Type.String(), graceSeconds: Type.Integer(), answersRev: Type.Integer(), answersSavedAt: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()), submittedBy: Nullable(Type.String()), answers: Type.Record(Type.String(), Type.Unknown()), reveal: Reveal, examClosesAt: Type.String(),
  passScore: Type.Integer(), maxScore: Type.Integer(),
  result: Nullable(Type.Object({ score: Type.Integer(), maxScore: Type.Integer(), passed: Nullable(Type.Boolean()), pendingManual: Type.Integer() })),
  items: Type.Array(Type.Object({
    position: Type.Integer(), kind: Kind, points: Type.Integer(), stem: Type.String(), stemPieces: Type.Array(Type.String()), blanks: Type.Integer(),
    options: Type.Array(Type.Object({ key: Type.String(), text: Type.String() })),
    solution: Nullable(Solution),
    grade: Nullable(Type.Object({ score: Type.Integer(), correct: Nullable(Type.Boolean()), comment: Type.String() })),
  })),
});

export async function attemptRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  // The deadline job: closes and grades attempts left open past their deadline. Off under the test runner, where tests
  // call closeDueAttempts with a moved clock.
  if (!process.env.VITEST) {
    let stop: (() => void) | null = null;
    app.addHook('onReady', async () => { stop = startDeadlineJob(db, app.log); });
    app.addHook('onClose', async () => { stop?.(); });
  }

  app.get('/api/learning/exams', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '我的考试（参加范围内已发布的考试）', response: { 200: Type.Object({ items: Type.Array(MyExam) }) } },
  }, async (req) => ({ items: await myExams(db, actorOf(req)) }));

  app.post('/api/learning/exams/:id/attempts', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '开始作答（已有未交卷的答卷时返回它）；试卷在此时抽取并保存，截止时间由服务器确定', params: IdParams, response: { 200: Type.Object({ id: Type.String(), resumed: Type.Boolean() }) } },
  }, async (req) => startAttempt(db, actorOf(req), req.params.id));

  app.get('/api/learning/attempts/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '我的答卷（作答中：试题、已保存的答案和服务器的截止时间；交卷后：按考试设置显示成绩和答案）', params: IdParams, response: { 200: AttemptView } },
  }, async (req) => getAttempt(db, actorOf(req), req.params.id));

  app.put('/api/learning/attempts/:id/answers', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '自动保存答案（rev 递增；过时的保存被忽略；超过截止时间的答案不再接受）', params: IdParams,
      body: Obj({ rev: Type.Integer({ minimum: 1, maximum: 1_000_000 }), answers: Answers }),
      response: { 200: Type.Object({ rev: Type.Integer(), savedAt: Nullable(Type.String()), stale: Type.Boolean() }) },
    },
  }, async (req) => saveAnswers(db, actorOf(req), req.params.id, req.body));

  app.post('/api/learning/attempts/:id/submit', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '交卷（幂等：重复提交返回同一结果；评分在交卷的同一事务中完成且只评一次）', params: IdParams,
      body: Obj({ token: Uuid, rev: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })), answers: Type.Optional(Answers) }),
      response: { 200: Type.Intersect([AttemptView, Type.Object({ duplicate: Type.Boolean(), lateAnswersRefused: Type.Boolean() })]) },
    },
  }, async (req) => submitAttempt(db, actorOf(req), req.params.id, req.body));
}
