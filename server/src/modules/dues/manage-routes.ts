/** 党费 management over HTTP: bases (list, history, edit, .xlsx import), monthly runs, reports and export, alerts. */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { XLSX_CONTENT_TYPE, xlsxDisposition } from '../../platform/office/xlsx.js';
import { ImportRunner, MAX_FILE_BYTES } from '../imports/service.js';
import { monthText } from './rules.js';
import { chinaMonth } from './ledger.js';
import { Category, Fen, YearMonth } from './schemas.js';
import { baseHistory, listBases, saveBase } from './bases-service.js';
import { basesImportJob, basesTemplate, startBasesImport } from './bases-import.js';
import { exportReport, listRuns, report, startRun, unpaid } from './reports.js';
import { handleAlert, listAlerts } from './alerts.js';
import { startMonthlyRuns } from './run.js';

const tags = ['dues'];
const Msg = Type.Object({ zh: Type.String(), en: Type.String() });
const Totals = {
  dueFen: Type.Integer(), collectedFen: Type.Integer(), waivedFen: Type.Integer(), outstandingFen: Type.Integer(), members: Type.Integer(), paidMembers: Type.Integer(), rate: Nullable(Type.Number()),
};
const Report = Type.Object({
  unit: Type.Object({ id: Type.String(), name: Type.String() }), month: Type.String(), currentMonth: Type.String(),
  total: Type.Object(Totals), voluntaryFen: Type.Integer(), centralFen: Type.Integer(), centralCount: Type.Integer(),
  units: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), hasChildren: Type.Boolean(), ...Totals })),
  derived: Type.Boolean(),
});
const ReportQuery = Obj({ orgUnitId: Type.Optional(Uuid), month: Type.Optional(YearMonth) });
const RunResult = Type.Object({ runId: Type.String(), month: Type.String(), created: Type.Integer(), adjusted: Type.Integer(), waived: Type.Integer(), missingBase: Type.Integer(), alerts: Type.Integer() });
const AlertKind = Type.Union([Type.Literal('reminder'), Type.Literal('case')]);

export async function manageRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;
  const deps = { db, cipher: app.deps.cipher };
  const runner = new ImportRunner(200);
  app.addHook('onClose', async () => runner.stop());

  // The monthly run for every tenant (like the transfers' expiry sweep): off under the test runner.
  if (!process.env.VITEST) {
    let stop: (() => void) | null = null;
    app.addHook('onReady', async () => { stop = startMonthlyRuns(db, app.log); });
    app.addHook('onClose', async () => { stop?.(); });
  }

  app.get('/api/dues/bases', {
    config: { permission: 'dues.read' },
    schema: {
      tags, summary: '党员的缴费基数和每月应交党费（按组织，可搜索，可只看未登记的）',
      querystring: Obj({ ...PageQuery, orgUnitId: Type.Optional(Uuid), q: Type.Optional(Str(0, 50)), missing: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Intersect([Paged(Type.Object({ personId: Type.String(), name: Type.String(), unitName: Type.String(), fromMonth: Nullable(Type.String()), category: Nullable(Category), baseFen: Nullable(Type.Integer()), monthlyFen: Nullable(Type.Integer()), canEdit: Type.Boolean() })), Type.Object({ unit: Type.Object({ id: Type.String(), name: Type.String() }) })]) },
    },
  }, async (req) => ({ ...(await listBases(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/dues/people/:id/bases', {
    config: { permission: 'dues.read' },
    schema: {
      tags, summary: '一名党员的缴费基数记录（自哪个月起）', params: IdParams,
      response: { 200: Type.Object({ person: Type.Object({ id: Type.String(), name: Type.String() }), canEdit: Type.Boolean(), items: Type.Array(Type.Object({ id: Type.String(), fromMonth: Type.String(), category: Category, baseFen: Nullable(Type.Integer()), monthlyFen: Type.Integer(), note: Type.String(), source: Type.String(), by: Nullable(Type.String()), updatedAt: Type.String() })) }) },
    },
  }, async (req) => baseHistory(db, actorOf(req), req.params.id));

  app.put('/api/dues/people/:id/bases', {
    config: { permission: 'dues.bases' },
    schema: {
      tags, summary: '登记或更正缴费基数（自新工资开始发放的月份起）', params: IdParams,
      body: Obj({ fromMonth: YearMonth, category: Category, baseFen: Nullable(Fen), note: Type.Optional(Str(0, 200)) }),
      response: { 200: Type.Object({ result: Type.Union([Type.Literal('inserted'), Type.Literal('updated')]) }) },
    },
  }, async (req) => saveBase(db, actorOf(req), req.params.id, req.body) as Promise<{ result: 'inserted' | 'updated' }>);

  app.get('/api/dues/bases/template.xlsx', {
    config: { permission: 'dues.bases' },
    schema: { tags, summary: '下载缴费基数导入模板（.xlsx）' },
  }, async (_req, reply) => reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', xlsxDisposition('dues-bases-template', '缴费基数导入模板')).send(await basesTemplate()));

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    for (const type of [XLSX_CONTENT_TYPE, 'application/octet-stream']) scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    scope.post('/api/dues/bases/import', {
      config: { permission: 'dues.bases' },
      bodyLimit: MAX_FILE_BYTES,
      schema: { tags, summary: '上传 .xlsx 导入缴费基数（请求体为文件本身；后台处理，轮询进度和报告）', querystring: Obj({ fileName: Str(1, 200) }), response: { 200: Type.Object({ id: Type.String() }) } },
    }, async (req) => ({ id: await startBasesImport(deps, runner, actorOf(req), { fileName: req.query.fileName, data: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) }) }));
  });

  app.get('/api/dues/bases/imports/:id', {
    config: { permission: 'dues.bases' },
    schema: {
      tags, summary: '缴费基数导入的进度和逐行报告', params: IdParams,
      response: { 200: Type.Object({
        id: Type.String(), status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]), fileName: Type.String(),
        total: Type.Integer(), processed: Type.Integer(), inserted: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), failed: Type.Integer(), error: Nullable(Msg),
        rows: Type.Array(Type.Object({ rowNumber: Type.Integer(), outcome: Type.Union([Type.Literal('failed'), Type.Literal('updated')]), column: Type.String(), message: Msg, personName: Type.String() })),
      }) },
    },
  }, async (req) => basesImportJob(db, runner, actorOf(req), req.params.id));

  app.get('/api/dues/runs', {
    config: { permission: 'dues.read' },
    schema: { tags, summary: '月度核定记录', querystring: Obj(PageQuery), response: { 200: Paged(Type.Object({ id: Type.String(), month: Type.String(), trigger: Type.Union([Type.Literal('schedule'), Type.Literal('manual')]), created: Type.Integer(), adjusted: Type.Integer(), waived: Type.Integer(), missingBase: Type.Integer(), alerts: Type.Integer(), startedAt: Type.String(), finishedAt: Nullable(Type.String()), runBy: Nullable(Type.String()), unitName: Nullable(Type.String()) })) } },
  }, async (req) => ({ ...(await listRuns(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.post('/api/dues/runs', {
    config: { permission: 'dues.manage' },
    schema: { tags, summary: '核定一个月的应交党费（按缴费基数和规定计算；重复核定不会重复记账）', body: Obj({ month: YearMonth, orgUnitId: Type.Optional(Uuid) }), response: { 200: RunResult } },
  }, async (req) => startRun(db, actorOf(req), req.body));

  app.get('/api/dues/report', {
    config: { permission: 'dues.read' },
    schema: { tags, summary: '党费收缴情况：应交、实收、减免、未交、收缴率（组织及下级，按月）', querystring: ReportQuery, response: { 200: Report } },
  }, async (req) => report(db, actorOf(req), req.query.orgUnitId, req.query.month ?? chinaMonth()));

  app.get('/api/dues/unpaid', {
    config: { permission: 'dues.read' },
    schema: {
      tags, summary: '未交名单（截至所选月份仍有欠交的党员）', querystring: Obj({ ...PageQuery, orgUnitId: Type.Optional(Uuid), month: Type.Optional(YearMonth) }),
      response: { 200: Paged(Type.Object({ personId: Type.String(), name: Type.String(), unitName: Type.String(), owedFen: Type.Integer(), months: Type.Integer(), oldestMonth: Type.String(), latestMonth: Type.String() })) },
    },
  }, async (req) => ({ ...(await unpaid(db, actorOf(req), { ...req.query, month: req.query.month ?? chinaMonth() })), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/dues/report.xlsx', {
    config: { permission: 'dues.manage' },
    schema: { tags, summary: '导出党费收缴情况和未交名单（.xlsx）', querystring: ReportQuery },
  }, async (req, reply) => {
    const month = req.query.month ?? chinaMonth();
    const { file, unitName } = await exportReport(db, actorOf(req), req.query.orgUnitId, month);
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', xlsxDisposition(`dues-${month}`, `${unitName}${monthText(month)}党费收缴情况`)).send(file);
  });

  app.get('/api/dues/alerts', {
    config: { permission: 'dues.read' },
    schema: {
      tags, summary: '未交提醒（3个月）和连续6个月未交的待处置情况',
      querystring: Obj({ ...PageQuery, state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])), kind: Type.Optional(AlertKind) }),
      response: { 200: Paged(Type.Object({ id: Type.String(), personId: Type.String(), personName: Type.String(), unitName: Type.String(), kind: AlertKind, sinceMonth: Type.String(), unpaidMonths: Type.Integer(), state: Type.Union([Type.Literal('open'), Type.Literal('closed')]), notes: Type.String(), outcome: Nullable(Type.String()), handler: Nullable(Type.String()), handledAt: Nullable(Type.String()), createdAt: Type.String(), canHandle: Type.Boolean() })) },
    },
  }, async (req) => ({ ...(await listAlerts(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.post('/api/dues/alerts/:id/handle', {
    config: { permission: 'dues.manage' },
    schema: { tags, summary: '记录处置情况（谈话、说明理由、处理结果）；连续6个月未交的须由支部按规定处理，系统不自动处理', params: IdParams, body: Obj({ notes: Str(0, 2000), outcome: Type.Optional(Str(0, 200)), close: Type.Boolean() }), response: { 200: Type.Object({ ok: Type.Literal(true) }) } },
  }, async (req) => handleAlert(db, actorOf(req), req.params.id, req.body));
}
