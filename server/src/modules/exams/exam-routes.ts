/** HTTP of exam setup, results, regrades and manual grading (阅卷). */
import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { archiveExam, createExam, getExam, listExams, publishExam, updateExam } from './setup.js';
import { examResults } from './results.js';
import { gradeSheet, pendingSheets, regradeExam, sheetForGrading } from './grading.js';
import { DifficultyT, Kind } from './question-routes.js';
import { peopleInScope, unitsInScope } from './pickers.js';

const tags = ['exams'];
const ExamState = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('archived')]);
export const Window = Type.Union([Type.Literal('not_open'), Type.Literal('open'), Type.Literal('closed')]);
export const Reveal = Type.Union([Type.Literal('score'), Type.Literal('answers'), Type.Literal('after_close')]);
const Iso = Type.String({ format: 'date-time' });
const Rule = Obj({ categoryId: Uuid, difficulty: DifficultyT, count: Type.Integer({ minimum: 1, maximum: 200 }), points: Type.Integer({ minimum: 1, maximum: 100 }) });
export const AudienceBody = Obj({ unitIds: Type.Array(Uuid, { maxItems: 200 }), personIds: Type.Array(Uuid, { maxItems: 2000 }) });
const ExamBody = Obj({
  title: Str(1, 100),
  description: Type.Optional(Str(0, 2000)),
  orgUnitId: Uuid,
  paperMode: Type.Union([Type.Literal('fixed'), Type.Literal('random')]),
  items: Type.Optional(Type.Array(Obj({ questionId: Uuid, points: Type.Integer({ minimum: 1, maximum: 100 }) }), { maxItems: 200 })),
  rules: Type.Optional(Type.Array(Rule, { maxItems: 50 })),
  timeLimitMinutes: Type.Integer({ minimum: 1, maximum: 600 }),
  opensAt: Iso,
  closesAt: Iso,
  maxAttempts: Type.Integer({ minimum: 1, maximum: 20 }),
  passScore: Type.Integer({ minimum: 0, maximum: 20_000 }),
  shuffleQuestions: Type.Boolean(),
  shuffleOptions: Type.Boolean(),
  multiplePartial: Type.Boolean(),
  reveal: Reveal,
  audience: AudienceBody,
});
const ExamItem = Type.Object({
  id: Type.String(), title: Type.String(), unitName: Type.String(), state: ExamState, paperMode: Type.String(), opensAt: Type.String(), closesAt: Type.String(),
  window: Window, attempts: Type.Integer(), takers: Type.Integer(),
});
const Named = Type.Object({ id: Type.String(), name: Type.String() });
const ExamDetail = Type.Object({
  id: Type.String(), title: Type.String(), description: Type.String(), orgUnitId: Type.String(), unitName: Type.String(), state: ExamState,
  paperMode: Type.Union([Type.Literal('fixed'), Type.Literal('random')]), timeLimitMinutes: Type.Integer(), opensAt: Type.String(), closesAt: Type.String(),
  maxAttempts: Type.Integer(), passScore: Type.Integer(), shuffleQuestions: Type.Boolean(), shuffleOptions: Type.Boolean(), multiplePartial: Type.Boolean(),
  reveal: Reveal, maxScore: Type.Integer(), window: Window, attempts: Type.Integer(),
  items: Type.Array(Type.Object({
    position: Type.Integer(), questionId: Type.String(), versionId: Type.String(), version: Type.Integer(), currentVersion: Type.Integer(), stale: Type.Boolean(),
    points: Type.Integer(), stem: Type.String(), kind: Kind, difficulty: Type.Integer(),
  })),
  rules: Type.Array(Type.Object({ categoryId: Type.String(), difficulty: Type.Integer(), count: Type.Integer(), points: Type.Integer(), categoryName: Type.String(), available: Type.Integer() })),
  audience: Type.Object({ units: Type.Array(Named), people: Type.Array(Named), size: Type.Integer() }),
  abilities: Type.Object({ edit: Type.Boolean(), editPaper: Type.Boolean(), publish: Type.Boolean(), archive: Type.Boolean(), regrade: Type.Boolean() }),
});
const Results = Type.Object({
  exam: Type.Object({ id: Type.String(), title: Type.String(), passScore: Type.Integer(), window: Window, closesAt: Type.String() }),
  audienceSize: Type.Integer(), takers: Type.Integer(), started: Type.Integer(), attempts: Type.Integer(), inProgress: Type.Integer(), pendingManual: Type.Integer(),
  passed: Type.Integer(), passRate: Type.Number(), averageBest: Type.Number(), maxScore: Type.Integer(),
  distribution: Type.Array(Type.Object({ key: Type.String(), people: Type.Integer() })),
  items: Type.Array(Type.Object({ questionId: Type.String(), stem: Type.String(), kind: Kind, seen: Type.Integer(), correctRate: Type.Number(), scoreRate: Type.Number() })),
  people: Nullable(Type.Array(Type.Object({
    personId: Type.String(), name: Type.String(), unitName: Type.String(), attempts: Type.Integer(), bestScore: Nullable(Type.Integer()), passed: Type.Boolean(), pending: Type.Boolean(), submittedAt: Nullable(Type.String()),
  }))),
});
const Sheet = Type.Object({
  id: Type.String(), examId: Type.String(), examTitle: Type.String(), sheetNo: Type.String(), state: Type.String(), score: Type.Integer(), maxScore: Type.Integer(), pending: Type.Integer(), gradeNo: Type.Integer(),
  items: Type.Array(Type.Object({ position: Type.Integer(), stem: Type.String(), reference: Type.String(), answer: Type.String(), points: Type.Integer(), score: Nullable(Type.Integer()), comment: Type.String(), graded: Type.Boolean() })),
});
const SheetItem = Type.Object({ id: Type.String(), examId: Type.String(), examTitle: Type.String(), sheetNo: Type.String(), submittedAt: Type.String(), pending: Type.Integer(), autoScore: Type.Integer(), maxScore: Type.Integer() });

export async function examRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/exams', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '考试列表（管理范围内）', querystring: Obj({ ...PageQuery, state: Type.Optional(ExamState) }), response: { 200: Paged(ExamItem) } },
  }, async (req) => ({ ...(await listExams(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.post('/api/exams', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '新建考试（草稿）：固定试卷或按分类和难度随机抽题', body: ExamBody, response: { 200: ExamDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    return getExam(db, actor, await createExam(db, actor, req.body));
  });

  app.get('/api/exams/units', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '可选为考试组织单位和参加范围的组织（管理范围内）', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), depth: Type.Integer(), kind: Type.String() })) }) } },
  }, async (req) => ({ items: await unitsInScope(db, actorOf(req), 'exams.manage') }));

  app.get('/api/exams/people', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '可选为参加人员的人员（管理范围内，按姓名、拼音或首字母）', querystring: Obj({ q: Type.Optional(Str(0, 50)) }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), unitName: Type.String() })) }) } },
  }, async (req) => ({ items: await peopleInScope(db, actorOf(req), 'exams.manage', req.query.q) }));

  app.get('/api/exams/:id', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '考试设置详情', params: IdParams, response: { 200: ExamDetail } },
  }, async (req) => getExam(db, actorOf(req), req.params.id));

  app.put('/api/exams/:id', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '修改考试（有人作答后，试卷、时长、及格分和开始时间不能再改）', params: IdParams, body: ExamBody, response: { 200: ExamDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateExam(db, actor, req.params.id, req.body);
    return getExam(db, actor, req.params.id);
  });

  app.post('/api/exams/:id/publish', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '发布考试', params: IdParams, response: { 200: ExamDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await publishExam(db, actor, req.params.id);
    return getExam(db, actor, req.params.id);
  });

  app.post('/api/exams/:id/archive', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '归档（撤下）考试；答卷和成绩保留', params: IdParams, response: { 200: ExamDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await archiveExam(db, actor, req.params.id);
    return getExam(db, actor, req.params.id);
  });

  app.get('/api/exams/:id/results', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '考试结果：参考和通过人数、成绩分布、试题分析；个人成绩仅对可查看这些人员的角色列出', params: IdParams, response: { 200: Results } },
  }, async (req) => examResults(db, actorOf(req), req.params.id));

  app.post('/api/exams/:id/regrade', {
    config: { permission: 'exams.manage' },
    schema: {
      tags, summary: '试题更正后重新评分：用过旧版本的答卷改用当前版本并重新计分（保留历次评分记录）', params: IdParams,
      body: Obj({ questionId: Uuid }), response: { 200: Type.Object({ attempts: Type.Integer(), regraded: Type.Integer(), changed: Type.Integer() }) },
    },
  }, async (req) => regradeExam(db, actorOf(req), req.params.id, req.body.questionId));

  app.get('/api/grading', {
    config: { permission: 'exams.grade' },
    schema: { tags, summary: '待阅答卷（不显示考生姓名）', querystring: Obj({ ...PageQuery, examId: Type.Optional(Uuid) }), response: { 200: Paged(SheetItem) } },
  }, async (req) => ({ ...(await pendingSheets(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/grading/:id', {
    config: { permission: 'exams.grade' },
    schema: { tags, summary: '阅卷：一份答卷的简答题（含参考答案）', params: IdParams, response: { 200: Sheet } },
  }, async (req) => sheetForGrading(db, actorOf(req), req.params.id));

  app.post('/api/grading/:id', {
    config: { permission: 'exams.grade' },
    schema: {
      tags, summary: '给简答题评分（每次评分生成新的评分记录）', params: IdParams,
      body: Obj({ items: Type.Array(Obj({ position: Type.Integer({ minimum: 1, maximum: 500 }), score: Type.Integer({ minimum: 0, maximum: 100 }), comment: Type.Optional(Str(0, 500)) }), { minItems: 1, maxItems: 200 }) }),
      response: { 200: Type.Object({ gradeNo: Type.Integer(), score: Type.Integer(), pending: Type.Integer() }) },
    },
  }, async (req) => gradeSheet(db, actorOf(req), req.params.id, req.body));

}
