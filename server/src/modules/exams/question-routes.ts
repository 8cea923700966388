/** HTTP of the question bank (题库): categories, questions with versions, archive, Excel template and import. */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, Ok, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { XLSX_CONTENT_TYPE, xlsxDisposition } from '../../platform/office/xlsx.js';
import { createCategory, createQuestion, getQuestion, listCategories, listQuestions, setQuestionArchived, updateCategory, updateQuestion } from './questions.js';
import { importQuestions, MAX_IMPORT_BYTES, questionTemplate } from './question-import.js';
import { MAX_BLANKS, MAX_OPTIONS } from './rules.js';

const tags = ['exams'];
export const Kind = Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('true_false'), Type.Literal('fill'), Type.Literal('short')]);
export const DifficultyT = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]);
const Msg = Type.Object({ zh: Type.String(), en: Type.String() });
const Category = Type.Object({ id: Type.String(), name: Type.String(), sortOrder: Type.Integer(), total: Type.Integer(), counts: Type.Object({ easy: Type.Integer(), medium: Type.Integer(), hard: Type.Integer() }) });
const QuestionItem = Type.Object({
  id: Type.String(), kind: Kind, difficulty: Type.Integer(), stem: Type.String(), version: Type.Integer(), categoryId: Type.String(), categoryName: Type.String(),
  updatedAt: Type.String(), archived: Type.Boolean(),
});
const Option = Type.Object({ key: Type.String(), text: Type.String() });
export const VersionView = Type.Object({
  id: Type.String(), version: Type.Integer(), kind: Kind, categoryId: Type.String(), difficulty: Type.Integer(), stem: Type.String(), options: Type.Array(Option),
  explanation: Type.String(), changeKind: Type.String(), changeNote: Type.String(), createdAt: Type.String(), correct: Type.Array(Type.String()), truth: Nullable(Type.Boolean()),
  blanks: Type.Array(Type.Array(Type.String())), reference: Type.String(), blankCount: Type.Integer(), stemPieces: Type.Array(Type.String()),
});
const QuestionDetail = Type.Object({
  id: Type.String(), kind: Kind, archived: Type.Boolean(), categoryName: Type.String(), current: VersionView,
  versions: Type.Array(Type.Object({ id: Type.String(), version: Type.Integer(), changeKind: Type.String(), changeNote: Type.String(), createdAt: Type.String(), stem: Type.String() })),
  staleExams: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), attempts: Type.Integer() })),
});
const QuestionFields = {
  categoryId: Uuid,
  kind: Kind,
  difficulty: DifficultyT,
  stem: Str(1, 2000),
  options: Type.Optional(Type.Array(Str(0, 500), { maxItems: MAX_OPTIONS })),
  correct: Type.Optional(Type.Array(Str(1, 1), { maxItems: MAX_OPTIONS })),
  truth: Type.Optional(Type.Boolean()),
  blanks: Type.Optional(Type.Array(Type.Array(Str(0, 200), { maxItems: 20 }), { maxItems: MAX_BLANKS })),
  reference: Type.Optional(Str(0, 5000)),
  explanation: Type.Optional(Str(0, 2000)),
};
const ImportLine = Type.Object({ rowNumber: Type.Integer(), column: Type.String(), message: Msg, stem: Type.String() });
const ImportResult = Type.Object({
  dryRun: Type.Boolean(), total: Type.Integer(), inserted: Type.Integer(), unchanged: Type.Integer(), failed: Type.Integer(),
  newCategories: Type.Array(Type.String()), lines: Type.Array(ImportLine),
});

export async function questionRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/exams/categories', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '题目分类（含各难度题数）', response: { 200: Type.Object({ items: Type.Array(Category) }) } },
  }, async (req) => ({ items: await listCategories(db, actorOf(req)) }));

  app.post('/api/exams/categories', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '新建题目分类', body: Obj({ name: Str(1, 50), sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })) }), response: { 200: Type.Object({ id: Type.String() }) } },
  }, async (req) => ({ id: await createCategory(db, actorOf(req), req.body) }));

  app.patch('/api/exams/categories/:id', {
    config: { permission: 'exams.manage' },
    schema: {
      tags, summary: '修改或停用题目分类', params: IdParams,
      body: Obj({ name: Type.Optional(Str(1, 50)), sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })), archived: Type.Optional(Type.Literal(true)) }, { minProperties: 1 }),
      response: { 200: Ok },
    },
  }, async (req) => {
    await updateCategory(db, actorOf(req), req.params.id, req.body);
    return { ok: true as const };
  });

  app.get('/api/exams/questions', {
    config: { permission: 'exams.manage' },
    schema: {
      tags, summary: '题库（分页，可按分类、题型、难度和题干文字筛选）',
      querystring: Obj({ ...PageQuery, q: Type.Optional(Str(0, 100)), categoryId: Type.Optional(Uuid), kind: Type.Optional(Kind), difficulty: Type.Optional(DifficultyT), archived: Type.Optional(Type.Boolean()) }),
      response: { 200: Paged(QuestionItem) },
    },
  }, async (req) => ({ ...(await listQuestions(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.post('/api/exams/questions', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '新建试题（第 1 版）', body: Obj(QuestionFields), response: { 200: Type.Object({ id: Type.String() }) } },
  }, async (req) => ({ id: await createQuestion(db, actorOf(req), req.body) }));

  app.get('/api/exams/questions/template.xlsx', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '下载试题导入模板（.xlsx）' },
  }, async (_req, reply) => reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', xlsxDisposition('question-import-template', '试题导入模板')).send(await questionTemplate()));

  app.get('/api/exams/questions/:id', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '试题详情（当前版本、历史版本、用到旧版本的考试）', params: IdParams, response: { 200: QuestionDetail } },
  }, async (req) => getQuestion(db, actorOf(req), req.params.id));

  app.put('/api/exams/questions/:id', {
    config: { permission: 'exams.manage' },
    schema: {
      tags, summary: '修改试题：生成新版本（edit：此后组卷用新版本；correct：更正错误，可对用过旧版本的考试重新评分）', params: IdParams,
      body: Obj({ ...QuestionFields, change: Type.Union([Type.Literal('edit'), Type.Literal('correct')]), note: Type.Optional(Str(0, 200)) }),
      response: { 200: Type.Object({ version: Type.Integer() }) },
    },
  }, async (req) => ({ version: await updateQuestion(db, actorOf(req), req.params.id, req.body) }));

  app.post('/api/exams/questions/:id/archive', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '停用试题（不再组卷，已用过的试卷不受影响）', params: IdParams, response: { 200: Ok } },
  }, async (req) => {
    await setQuestionArchived(db, actorOf(req), req.params.id, true);
    return { ok: true as const };
  });

  app.post('/api/exams/questions/:id/restore', {
    config: { permission: 'exams.manage' },
    schema: { tags, summary: '恢复停用的试题', params: IdParams, response: { 200: Ok } },
  }, async (req) => {
    await setQuestionArchived(db, actorOf(req), req.params.id, false);
    return { ok: true as const };
  });

  // The upload is the raw file, as the people import; its own scope holds the binary parser and the larger limit.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    for (const type of [XLSX_CONTENT_TYPE, 'application/octet-stream']) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));
    }
    scope.post('/api/exams/questions/import', {
      config: { permission: 'exams.manage' },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags, summary: '上传 .xlsx 导入试题（请求体为文件本身；dryRun=true 只检查不导入），返回逐行报告',
        querystring: Obj({ fileName: Str(1, 200), dryRun: Type.Optional(Type.Boolean()) }),
        response: { 200: ImportResult },
      },
    }, async (req) => {
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return importQuestions(db, actorOf(req), { fileName: req.query.fileName, data }, req.query.dryRun ?? false);
    });
  });
}
