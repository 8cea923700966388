import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, Str, Uuid } from '../../platform/http/schema.js';
import { XLSX_CONTENT_TYPE } from '../../platform/office/xlsx.js';
import { attachment } from '../../platform/office/official.js';
import { closeRating, closeRound, decide, exportResults, getRound, listRounds, openRound, saveSelfAssessment, submitRatings } from './service.js';

const tags = ['evaluation'];
const L = <T extends string>(v: T) => Type.Literal(v);
const Grade = Type.Union([L('excellent'), L('qualified'), L('basic'), L('unqualified')]);
const Status = Type.Union([L('open'), L('review'), L('closed')]);
const Distribution = Type.Object({ excellent: Type.Integer(), qualified: Type.Integer(), basic: Type.Integer(), unqualified: Type.Integer() });
const Aggregate = Type.Object({ ratings: Nullable(Type.Integer()), distribution: Nullable(Distribution), shown: Type.Boolean() });
const Round = Type.Object({
  id: Type.String(), orgUnitId: Type.String(), orgUnitName: Type.String(), year: Type.Integer(), title: Type.String(), status: Status,
  participantCount: Type.Integer(), raterCount: Type.Integer(),
  participants: Type.Array(Type.Object({
    personId: Type.String(), name: Type.String(), selfSubmitted: Type.Boolean(),
    selfAssessment: Type.Optional(Type.String()), committeeOpinion: Type.Optional(Type.String()), finalGrade: Type.Optional(Nullable(Grade)), aggregate: Type.Optional(Aggregate),
  })),
  me: Nullable(Type.Object({
    personId: Type.String(), selfAssessment: Type.String(), selfSubmitted: Type.Boolean(), rated: Type.Boolean(), finalGrade: Nullable(Grade),
    committeeOpinion: Type.String(), aggregate: Nullable(Aggregate),
  })),
  abilities: Type.Object({ manage: Type.Boolean(), rate: Type.Boolean(), selfAssess: Type.Boolean(), closeRating: Type.Boolean(), decide: Type.Boolean(), close: Type.Boolean(), export: Type.Boolean() }),
});
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

/** 民主评议党员: rounds per branch and year. */
export async function evaluationRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;
  const detail = (req: Parameters<typeof actorOf>[0], id: string) => getRound(db, actorOf(req), id);

  app.get('/api/evaluation/rounds', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '民主评议（本人参加的和管辖范围内的）', querystring: Obj({ year: Type.Optional(Year) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), orgUnitId: Type.String(), orgUnitName: Type.String(), year: Type.Integer(), title: Type.String(), status: Status, manage: Type.Boolean() })) }) },
    },
  }, async (req) => ({ items: await listRounds(db, actorOf(req), req.query) }));

  app.post('/api/evaluation/rounds', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '开始一个支部的年度民主评议', body: Obj({ orgUnitId: Uuid, year: Year, title: Type.Optional(Str(0, 100)) }), response: { 200: Round } },
  }, async (req) => detail(req, await openRound(db, actorOf(req), req.body)));

  app.get('/api/evaluation/rounds/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '民主评议详情（互评结果只在截止后、且不少于5票时显示）', params: IdParams, response: { 200: Round } },
  }, async (req) => detail(req, req.params.id));

  app.put('/api/evaluation/rounds/:id/self', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '个人自评', params: IdParams, body: Obj({ text: Str(1, 5000) }), response: { 200: Round } },
  }, async (req) => {
    await saveSelfAssessment(db, actorOf(req), req.params.id, req.body.text);
    return detail(req, req.params.id);
  });

  app.post('/api/evaluation/rounds/:id/ratings', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '提交互评（匿名，每人一次，不记录谁评了谁）', params: IdParams,
      body: Obj({ ratings: Type.Array(Obj({ personId: Uuid, grade: Grade }), { minItems: 1, maxItems: 500 }) }), response: { 200: Round },
    },
  }, async (req) => {
    await submitRatings(db, actorOf(req), req.params.id, req.body.ratings);
    return detail(req, req.params.id);
  });

  app.post('/api/evaluation/rounds/:id/close-rating', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '截止互评', params: IdParams, response: { 200: Round } },
  }, async (req) => {
    await closeRating(db, actorOf(req), req.params.id);
    return detail(req, req.params.id);
  });

  app.put('/api/evaluation/rounds/:id/participants/:personId', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '支部委员会意见和评定等次', params: Obj({ id: Uuid, personId: Uuid }), body: Obj({ committeeOpinion: Str(1, 2000), finalGrade: Grade }), response: { 200: Round } },
  }, async (req) => {
    await decide(db, actorOf(req), req.params.id, req.params.personId, req.body);
    return detail(req, req.params.id);
  });

  app.post('/api/evaluation/rounds/:id/close', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '结束民主评议（公布评定等次）', params: IdParams, response: { 200: Round } },
  }, async (req) => {
    await closeRound(db, actorOf(req), req.params.id);
    return detail(req, req.params.id);
  });

  app.get('/api/evaluation/rounds/:id/results.xlsx', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '导出评议结果（不含评议人）', params: IdParams },
  }, async (req, reply) => {
    const { file, name } = await exportResults(db, actorOf(req), req.params.id);
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', attachment(`evaluation-${req.params.id.slice(0, 8)}`, name, 'xlsx')).send(file);
  });
}
