/**
 * 党费 over HTTP: the calculator and 我的党费 for every signed-in member, a member's ledger, cash confirmation and
 * corrections for the branch, hardship requests, settings. Bases, runs, reports and alerts: manage-routes.ts.
 * Online payment and reconciliation routes are in payments-routes.ts / reconciliation-routes.ts.
 */
import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { langOf, pick } from '../../platform/http/lang.js';
import { DUES_SETTING_BOUNDS as B } from './rules.js';
import { Category, Fen, YearMonth } from './schemas.js';
import { calculateFor, confirmCash, correctEntry, getLedger, myLedger } from './service.js';
import { actOnRequest, createRequest, listRequests } from './requests.js';
import { getDuesSettings, updateDuesSettings } from './settings.js';
import { manageRoutes } from './manage-routes.js';

const tags = ['dues'];
const Text2 = Type.Object({ zh: Type.String(), en: Type.String() });
const Method = Type.Union([Type.Literal('cash'), Type.Literal('sandbox'), Type.Literal('wechatpay'), Type.Literal('alipay')]);
const Kind = Type.Union([Type.Literal('due'), Type.Literal('payment'), Type.Literal('waiver'), Type.Literal('voluntary')]);
const ReqKind = Type.Union([Type.Literal('reduction'), Type.Literal('exemption'), Type.Literal('back_payment')]);
const ReqState = Type.Union([Type.Literal('submitted'), Type.Literal('reviewed'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('withdrawn')]);
const BracketT = Type.Object({ upToFen: Nullable(Type.Integer()), rateBp: Type.Integer() });

const Calculation = Type.Object({
  category: Category, baseFen: Nullable(Type.Integer()), monthlyFen: Type.Integer(), rateBp: Nullable(Type.Integer()), bracket: Nullable(Type.Integer()),
  bracketText: Type.String(), ruleText: Type.String(),
  brackets: Type.Object({ income: Type.Array(BracketT), pension: Type.Array(BracketT) }),
  fixed: Type.Object({ lowIncomeFen: Type.Integer(), farmerFen: Type.Integer(), mobileFen: Type.Integer() }),
  centralVoluntaryFen: Type.Integer(),
});

export const Ledger = Type.Object({
  person: Type.Object({ id: Type.String(), name: Type.String(), unitName: Type.String(), partyStatus: Type.String(), archived: Type.Boolean() }),
  currentMonth: Type.String(),
  base: Nullable(Type.Object({ category: Category, baseFen: Nullable(Type.Integer()), monthlyFen: Type.Integer(), ruleText: Text2 })),
  paidUntil: Nullable(Type.String()),
  outstandingFen: Type.Integer(),
  owed: Type.Array(Type.Object({ month: Type.String(), owedFen: Type.Integer(), beyondLimit: Type.Boolean() })),
  unpaidStreak: Type.Integer(),
  months: Type.Array(Type.Object({ month: Type.String(), dueFen: Type.Integer(), paidFen: Type.Integer(), waivedFen: Type.Integer(), outstandingFen: Type.Integer() })),
  entries: Type.Array(Type.Object({
    id: Type.String(), kind: Kind, month: Nullable(Type.String()), amountFen: Type.Integer(), correctsId: Nullable(Type.String()), method: Nullable(Method),
    central: Type.Boolean(), note: Type.String(), createdAt: Type.String(), rateBp: Nullable(Type.Integer()), baseFen: Nullable(Type.Integer()),
  })),
  voluntaryFen: Type.Integer(),
  reminders: Type.Array(Type.Object({ id: Type.String(), kind: Type.Union([Type.Literal('reminder'), Type.Literal('case')]), sinceMonth: Type.String(), unpaidMonths: Type.Integer() })),
  abilities: Type.Object({ confirmCash: Type.Boolean(), correct: Type.Boolean(), requestBackPayment: Type.Boolean(), pay: Type.Boolean(), apply: Type.Boolean() }),
});

const Recorded = Type.Object({
  paymentId: Type.String(), duplicate: Type.Boolean(), amountFen: Type.Integer(),
  allocations: Type.Array(Type.Object({ month: Type.String(), amountFen: Type.Integer() })), voluntaryFen: Type.Integer(), central: Type.Boolean(),
});

const RequestItem = Type.Object({
  id: Type.String(), personId: Type.String(), personName: Type.String(), unitName: Type.String(), kind: ReqKind, state: ReqState, fromMonth: Type.String(), toMonth: Type.String(),
  months: Type.Integer(), monthlyFen: Nullable(Type.Integer()), reason: Type.String(), reviewer: Nullable(Type.String()), reviewNote: Nullable(Type.String()), reviewedAt: Nullable(Type.String()),
  decider: Nullable(Type.String()), decisionNote: Nullable(Type.String()), decidedAt: Nullable(Type.String()), createdAt: Type.String(),
  abilities: Type.Object({ review: Type.Boolean(), approve: Type.Boolean(), reject: Type.Boolean(), withdraw: Type.Boolean() }),
});

const SettingsBody = Obj({
  probationaryStart: Type.Union([Type.Literal('branch_meeting'), Type.Literal('committee_approval')]),
  farmerFen: Type.Integer(B.farmerFen), mobileFen: Type.Integer(B.mobileFen),
  backPaymentMonths: Type.Integer(B.backPaymentMonths), reminderMonths: Type.Integer(B.reminderMonths),
});
const Plain = Type.Object({ probationaryStart: Type.String(), farmerFen: Type.Integer(), mobileFen: Type.Integer(), backPaymentMonths: Type.Integer(), reminderMonths: Type.Integer() });
const Bound = Type.Object({ minimum: Type.Integer(), maximum: Type.Integer() });
const SettingsReply = Type.Object({
  settings: Plain, defaults: Plain, canEdit: Type.Boolean(),
  bounds: Type.Object({ farmerFen: Bound, mobileFen: Bound, backPaymentMonths: Bound, reminderMonths: Bound }),
});

export async function duesRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.post('/api/dues/calculate', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '党费计算器：类别和月缴费基数（分）→ 每月党费、档次和适用的规定', body: Obj({ category: Category, baseFen: Type.Optional(Nullable(Fen)) }), response: { 200: Calculation } },
  }, async (req) => {
    const r = await calculateFor(db, actorOf(req), req.body.category, req.body.baseFen ?? null);
    const lang = langOf(req);
    return { ...r, bracketText: pick(r.bracketText, lang), ruleText: pick(r.ruleText, lang) };
  });

  app.get('/api/dues/me', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '我的党费：应交、已交、欠交月份、交纳记录和提醒', response: { 200: Type.Object({ ledger: Nullable(Ledger) }) } },
  }, async (req) => ({ ledger: await myLedger(db, actorOf(req)) }));

  app.get('/api/dues/people/:id', {
    config: { permission: 'dues.read' },
    schema: { tags, summary: '党员的党费台账（按月应交、实交、减免，全部记录）', params: IdParams, response: { 200: Ledger } },
  }, async (req) => getLedger(db, actorOf(req), req.params.id));

  app.post('/api/dues/people/:id/cash', {
    config: { permission: 'dues.manage' },
    schema: {
      tags, summary: '登记现金（线下）交纳：支部组织委员或书记确认收款',
      params: IdParams,
      body: Obj({ months: Type.Optional(Type.Array(YearMonth, { minItems: 1, maxItems: 36 })), voluntaryFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000_000 })), receiptNo: Type.Optional(Str(1, 64)), note: Type.Optional(Str(0, 200)) }),
      response: { 200: Recorded },
    },
  }, async (req) => confirmCash(db, actorOf(req), req.params.id, req.body));

  app.post('/api/dues/entries/:id/correct', {
    config: { permission: 'dues.manage' },
    schema: { tags, summary: '更正台账记录（新增一条更正记录，不修改原记录）', params: IdParams, body: Obj({ amountFen: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }), reason: Str(2, 200) }), response: { 200: Type.Object({ id: Type.String(), personId: Type.String() }) } },
  }, async (req) => correctEntry(db, actorOf(req), req.params.id, req.body));

  app.get('/api/dues/requests', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '减免和超期补交申请（本人的，及管辖范围内的）', querystring: Obj({ ...PageQuery, state: Type.Optional(ReqState), mine: Type.Optional(Type.Boolean()) }), response: { 200: Paged(RequestItem) } },
  }, async (req) => ({ ...(await listRequests(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.post('/api/dues/requests', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '申请困难减交或免交（本人），或由支部代为申请超期补交',
      body: Obj({ personId: Type.Optional(Uuid), kind: ReqKind, fromMonth: YearMonth, toMonth: YearMonth, monthlyFen: Type.Optional(Nullable(Fen)), reason: Str(2, 500) }),
      response: { 200: Type.Object({ id: Type.String() }) },
    },
  }, async (req) => ({ id: await createRequest(db, actorOf(req), req.body) }));

  app.post('/api/dues/requests/:id/:action', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '办理申请：支部审核（review）、党委批准（approve）或驳回（reject）、撤回（withdraw）',
      params: Obj({ id: Uuid, action: Type.Union([Type.Literal('review'), Type.Literal('approve'), Type.Literal('reject'), Type.Literal('withdraw')]) }),
      body: Type.Optional(Obj({ note: Type.Optional(Str(0, 500)) })),
      response: { 200: Type.Object({ state: ReqState }) },
    },
  }, async (req) => actOnRequest(db, actorOf(req), req.params.id, req.params.action, req.body?.note));

  app.get('/api/dues/settings', {
    config: { permission: 'dues.read' },
    schema: { tags, summary: '党费规则设置（预备党员起交月份、农民和流动党员金额、补交期限、提醒月数）', response: { 200: SettingsReply } },
  }, async (req) => getDuesSettings(db, actorOf(req)));

  app.put('/api/dues/settings', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '修改党费规则设置（最高一级党组织的管理员，在规定允许的范围内）', body: SettingsBody, response: { 200: SettingsReply } },
  }, async (req) => updateDuesSettings(db, actorOf(req), req.body));

  await manageRoutes(app);
}
