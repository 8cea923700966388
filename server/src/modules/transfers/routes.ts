import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { cancelTransfer, createTransfer, getTransfer, issueTransfer, listTransfers, tenantDirectory, transferCandidates, transferUnits } from './service.js';
import { receiveTransfer, returnTransfer, startExpirySweep } from './receive.js';
import { letterData } from './letter.js';
import { transferSettingsRoutes } from './settings-routes.js';
import { exportTransfers } from './export.js';
import { XLSX_CONTENT_TYPE, xlsxDisposition } from '../../platform/office/xlsx.js';

const tags = ['transfers'];
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const YearMonth = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
const Scope = Type.Union([Type.Literal('within_tenant'), Type.Literal('platform'), Type.Literal('external')]);
const State = Type.Union([Type.Literal('draft'), Type.Literal('issued'), Type.Literal('received'), Type.Literal('returned'), Type.Literal('expired'), Type.Literal('cancelled')]);
const Item = {
  id: Type.String(), box: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')]), letterNo: Nullable(Type.String()), personName: Type.String(),
  scope: Scope, state: State, fromOrgName: Type.String(), fromTenantName: Nullable(Type.String()), toOrgName: Type.String(), toTenantName: Nullable(Type.String()),
  issuedOn: Nullable(Type.String()), expiresOn: Nullable(Type.String()), createdAt: Type.String(),
};
const TransferItem = Type.Object(Item);
const Event = Type.Union([Type.Literal('created'), Type.Literal('issued'), Type.Literal('received'), Type.Literal('returned'), Type.Literal('expired'), Type.Literal('cancelled')]);
const TransferDetail = Type.Object({
  ...Item,
  reason: Type.String(), validityDays: Type.Integer(), duesPaidUntil: Nullable(Type.String()), duesPaidUntilText: Nullable(Type.String()),
  receivedOn: Nullable(Type.String()), receivedOrgName: Nullable(Type.String()), receiptNote: Nullable(Type.String()),
  returnedOn: Nullable(Type.String()), returnReason: Nullable(Type.String()), stubRetainUntil: Nullable(Type.String()),
  responsible: Type.Union([Type.Literal('sender'), Type.Literal('receiver')]), personId: Nullable(Type.String()), receiveNeedsUnit: Type.Boolean(),
  timeline: Type.Array(Type.Object({ event: Event, on: Type.String(), note: Nullable(Type.String()) })),
  abilities: Type.Object({ issue: Type.Boolean(), cancel: Type.Boolean(), receive: Type.Boolean(), return: Type.Boolean(), letter: Type.Boolean() }),
});
const Letter = Type.Object({
  letterNo: Type.String(), personName: Type.String(), gender: Type.Union([Type.Literal('male'), Type.Literal('female')]), age: Nullable(Type.Integer()),
  ethnicity: Type.String(), partyStatusText: Type.String(), fromOrgName: Type.String(), toOrgName: Type.String(), toTenantName: Nullable(Type.String()),
  reason: Type.String(), issuedOn: Type.String(), validityDays: Type.Integer(), expiresOn: Type.String(),
  duesPaidUntil: Nullable(Type.String()), duesPaidUntilText: Nullable(Type.String()),
  duesSource: Nullable(Type.Union([Type.Literal('records'), Type.Literal('form')])), stubRetainUntil: Type.String(),
});

export async function transferRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  // Expiry: reads show a letter past its last valid day as expired at once; this sweep records it (state, history,
  // audit) shortly after start and then hourly. Off under the test runner, where tests call expireOverdue themselves.
  if (!process.env.VITEST) {
    let stop: (() => void) | null = null;
    app.addHook('onReady', async () => { stop = startExpirySweep(db, app.log); });
    app.addHook('onClose', async () => { stop?.(); });
  }

  app.get('/api/transfers', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '转出 / 转入列表（按管辖范围）', querystring: Obj({ ...PageQuery, box: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')]), state: Type.Optional(State) }), response: { 200: Paged(TransferItem) } },
  }, async (req) => ({ ...(await listTransfers(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/transfers/export.xlsx', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '导出筛选后的转出 / 转入列表（.xlsx，记入审计日志）', querystring: Obj({ box: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')]), state: Type.Optional(State) }) },
  }, async (req, reply) => {
    const file = await exportTransfers(db, actorOf(req), req.query);
    const day = new Date().toISOString().slice(0, 10);
    const zh = req.query.box === 'incoming' ? '转入' : '转出';
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', xlsxDisposition(`transfers-${req.query.box}-${day}`, `组织关系${zh}-${day}`)).send(file);
  });

  app.get('/api/transfers/directory', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '平台企业名录（接收企业）', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })) }) } },
  }, async (req) => ({ items: await tenantDirectory(db, actorOf(req)) }));

  app.get('/api/transfers/candidates', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '可转接的党员（管辖范围内）', querystring: Obj({ q: Type.Optional(Str(0, 50)) }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), partyStatus: Type.Union([Type.Literal('probationary'), Type.Literal('full')]), unitName: Type.String() })) }) } },
  }, async (req) => ({ items: await transferCandidates(db, actorOf(req), req.query.q) }));

  app.get('/api/transfers/units', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '党组织（转往的组织或接收的组织）', querystring: Obj({ purpose: Type.Union([Type.Literal('target'), Type.Literal('receive')]) }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), depth: Type.Integer(), kind: Type.String() })) }) } },
  }, async (req) => ({ items: await transferUnits(db, actorOf(req), req.query.purpose) }));

  app.get('/api/transfers/:id', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '转接详情（含状态时间线和可办理的操作）', params: IdParams, response: { 200: TransferDetail } },
  }, async (req) => getTransfer(db, actorOf(req), req.params.id));

  app.get('/api/transfers/:id/letter', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '介绍信（存根、介绍信、回执）打印数据', params: IdParams, response: { 200: Letter } },
  }, async (req) => letterData(db, actorOf(req), req.params.id));

  app.post('/api/transfers', {
    config: { permission: 'transfers.manage' },
    schema: {
      tags, summary: '新建转接（草稿）',
      body: Obj({
        personId: Uuid, scope: Scope, toUnitId: Type.Optional(Uuid), toTenantId: Type.Optional(Uuid), toOrgName: Type.Optional(Str(0, 100)),
        reason: Str(0, 200), validityDays: Type.Integer({ minimum: 1, maximum: 366 }), duesPaidUntil: Type.Optional(Nullable(YearMonth)),
      }),
      response: { 200: TransferDetail },
    },
  }, async (req) => {
    const actor = actorOf(req);
    return getTransfer(db, actor, await createTransfer(db, actor, req.body));
  });

  app.post('/api/transfers/:id/issue', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '开具介绍信', params: IdParams, response: { 200: TransferDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await issueTransfer(db, app.deps.cipher, actor, req.params.id);
    return getTransfer(db, actor, req.params.id);
  });

  app.post('/api/transfers/:id/cancel', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '作废草稿', params: IdParams, response: { 200: TransferDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await cancelTransfer(db, actor, req.params.id);
    return getTransfer(db, actor, req.params.id);
  });

  app.post('/api/transfers/:id/receive', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '接收（转出平台外的：登记回执）', params: IdParams, body: Obj({ on: Type.Optional(DateStr), unitId: Type.Optional(Uuid), note: Type.Optional(Str(0, 200)) }), response: { 200: TransferDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await receiveTransfer(db, actor, req.params.id, req.body);
    return getTransfer(db, actor, req.params.id);
  });

  app.post('/api/transfers/:id/return', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '退回（转出平台外的：登记退回的介绍信）', params: IdParams, body: Obj({ on: Type.Optional(DateStr), reason: Str(1, 200) }), response: { 200: TransferDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await returnTransfer(db, actor, req.params.id, req.body);
    return getTransfer(db, actor, req.params.id);
  });
  await transferSettingsRoutes(app);
}
