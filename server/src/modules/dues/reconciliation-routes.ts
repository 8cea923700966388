/** HTTP of dues reconciliation (dues.reconcile over the whole enterprise): statements in, differences out, decisions recorded. */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, PageQuery, Paged, Str } from '../../platform/http/schema.js';
import { XLSX_CONTENT_TYPE, xlsxDisposition } from '../../platform/office/xlsx.js';
import type { PaymentDeps } from './payments-providers.js';
import {
  decideItem, exportStatement, fetchStatement, getStatement, listStatements, MAX_STATEMENT_BYTES, statementItems, statementTemplate, uploadStatement,
} from './reconciliation.js';

const tags = ['dues-reconciliation'];
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Provider = Type.Union([Type.Literal('sandbox'), Type.Literal('wechatpay'), Type.Literal('alipay')]);
const Msg = Type.Object({ zh: Type.String(), en: Type.String() });
const ItemKind = Type.Union([
  Type.Literal('matched'), Type.Literal('missing_in_ledger'), Type.Literal('missing_in_statement'), Type.Literal('amount_mismatch'),
  Type.Literal('paid_twice'), Type.Literal('refund'), Type.Literal('row_error'),
]);
const Decision = Type.Union([
  Type.Literal('refunded'), Type.Literal('kept_as_voluntary'), Type.Literal('recorded_after_query'), Type.Literal('provider_error'), Type.Literal('timing'), Type.Literal('other'),
]);
const StatementView = Type.Object({
  id: Type.String(), provider: Provider, source: Type.Union([Type.Literal('download'), Type.Literal('upload')]), fromDate: Type.String(), toDate: Type.String(),
  fileName: Type.String(), lines: Type.Integer(),
  counts: Type.Object({ matched: Type.Integer(), missingInLedger: Type.Integer(), missingInStatement: Type.Integer(), amountMismatch: Type.Integer(), other: Type.Integer(), rowErrors: Type.Integer() }),
  statementFen: Type.Integer(), ledgerFen: Type.Integer(), createdBy: Type.String(), createdAt: Type.String(),
});
const ItemView = Type.Object({
  id: Type.String(), kind: ItemKind, lineNo: Nullable(Type.Integer()), orderNo: Type.String(), providerTxnId: Type.String(),
  statementFen: Nullable(Type.Integer()), ledgerFen: Nullable(Type.Integer()), at: Nullable(Type.String()), personName: Nullable(Type.String()), orderId: Nullable(Type.String()),
  message: Msg, decision: Nullable(Type.Object({ decision: Decision, note: Type.String(), by: Type.String(), at: Type.String() })), canDecide: Type.Boolean(),
});

export async function reconciliationRoutes(app: App, deps: PaymentDeps): Promise<void> {
  app.get('/api/dues/reconciliation/statements', {
    config: { permission: 'dues.reconcile' },
    schema: { tags, summary: '对账记录', querystring: Obj(PageQuery), response: { 200: Paged(StatementView) } },
  }, async (req) => ({ ...(await listStatements(deps.db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.post('/api/dues/reconciliation/statements/fetch', {
    config: { permission: 'dues.reconcile' },
    schema: { tags, summary: '从支付渠道下载某日对账单并核对', body: Obj({ provider: Provider, date: DateStr }), response: { 200: StatementView } },
  }, async (req) => {
    const actor = actorOf(req);
    return getStatement(deps.db, actor, await fetchStatement(deps, actor, req.body));
  });

  app.get('/api/dues/reconciliation/template.xlsx', {
    config: { permission: 'dues.reconcile' },
    schema: { tags, summary: '下载对账单上传模板（银行或支付渠道导出的表格按此列名即可）' },
  }, async (_req, reply) => reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', xlsxDisposition('statement-template', '党费对账单模板')).send(await statementTemplate()));

  // The upload is the file itself (no multipart), like the people import.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    for (const type of [XLSX_CONTENT_TYPE, 'application/octet-stream', 'text/csv', 'application/zip']) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_STATEMENT_BYTES }, (_req, body, done) => done(null, body));
    }
    scope.post('/api/dues/reconciliation/statements/upload', {
      config: { permission: 'dues.reconcile' },
      bodyLimit: MAX_STATEMENT_BYTES,
      schema: {
        tags, summary: '上传对账单（支付渠道账单 .csv/.zip，或按模板的 .xlsx/.csv）并核对；无法读取的行列入报告',
        querystring: Obj({ provider: Provider, fileName: Str(1, 200), date: Type.Optional(DateStr) }),
        response: { 200: StatementView },
      },
    }, async (req) => {
      const actor = actorOf(req);
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return getStatement(deps.db, actor, await uploadStatement(deps, actor, { ...req.query, data }));
    });
  });

  app.get('/api/dues/reconciliation/statements/:id', {
    config: { permission: 'dues.reconcile' },
    schema: { tags, summary: '对账结果汇总', params: IdParams, response: { 200: StatementView } },
  }, async (req) => getStatement(deps.db, actorOf(req), req.params.id));

  app.get('/api/dues/reconciliation/statements/:id/items', {
    config: { permission: 'dues.reconcile' },
    schema: {
      tags, summary: '对账明细：一致、台账缺少、对账单缺少、金额不符……（differences = 需要处理的）', params: IdParams,
      querystring: Obj({ ...PageQuery, kind: Type.Optional(Type.Union([ItemKind, Type.Literal('differences')])) }), response: { 200: Paged(ItemView) },
    },
  }, async (req) => ({ ...(await statementItems(deps.db, actorOf(req), req.params.id, req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/dues/reconciliation/statements/:id/export.xlsx', {
    config: { permission: 'dues.reconcile' },
    schema: { tags, summary: '导出对账结果（.xlsx）', params: IdParams },
  }, async (req, reply) => {
    const { file, name } = await exportStatement(deps.db, actorOf(req), req.params.id);
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', xlsxDisposition('reconciliation', name)).send(file);
  });

  app.post('/api/dues/reconciliation/items/:id/decision', {
    config: { permission: 'dues.reconcile' },
    schema: { tags, summary: '记录差异的处理决定（不修改台账；“查询后入账”经支付渠道确认后按正常流程入账）', params: IdParams, body: Obj({ decision: Decision, note: Str(2, 500) }), response: { 200: ItemView } },
  }, async (req) => decideItem(deps, actorOf(req), req.params.id, req.body));
}
