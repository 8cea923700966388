/** The compliance view, the 台账 exports and the minutes exports. */
import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Obj, PageQuery, Uuid } from '../../platform/http/schema.js';
import { attachment, DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE } from '../../platform/office/official.js';
import { XLSX_CONTENT_TYPE } from '../../platform/office/xlsx.js';
import { exportLedgerDocx, exportLedgerXlsx, exportMinutes } from './ledger.js';
import { compliance } from './compliance.js';
import { KindSchema } from './schemas.js';

const tags = ['meetings'];
const L = <T extends string>(v: T) => Type.Literal(v);
const Light = Type.Union([L('green'), L('amber'), L('red'), L('open'), L('future')]);
const Period = Type.String({ pattern: '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$', maxLength: 7 });
const Lights = Type.Object({ green: Type.Integer(), amber: Type.Integer(), red: Type.Integer(), open: Type.Integer(), future: Type.Integer() });
const Reason = Type.Union([L('held'), L('held_late'), L('missing'), L('overdue'), L('due_soon'), L('not_due'), L('not_started')]);
const ComplianceBody = Type.Object({
  unit: Type.Object({ id: Type.String(), name: Type.String() }), period: Type.String(), periodLabel: Type.String(), today: Type.String(),
  summary: Type.Object({ branches: Type.Integer(), lights: Lights, byKind: Type.Array(Type.Object({ kind: KindSchema, applicable: Type.Integer(), lights: Lights })) }),
  items: Type.Array(Type.Object({
    unitId: Type.String(), name: Type.String(), light: Light,
    kinds: Type.Array(Type.Object({
      kind: KindSchema, applicable: Type.Boolean(), light: Light, held: Type.Integer(), late: Type.Integer(), missing: Type.Integer(), due: Type.Integer(),
      cells: Type.Array(Type.Object({ period: Type.String(), light: Light, reason: Reason, planned: Type.Boolean(), group: Type.Optional(Type.String()) })),
    })),
  })),
  total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
});
export const ViewQuery = { unitId: Type.Optional(Uuid), period: Period };

export async function meetingExportRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/meetings/compliance', {
    config: { permission: 'meetings.read' },
    schema: {
      tags, summary: '组织生活落实情况（按组织和周期，由会议记录生成：绿=按时召开，黄=临近、逾期或补开，红=缺开）',
      querystring: Obj({ ...ViewQuery, light: Type.Optional(Light), ...PageQuery }), response: { 200: ComplianceBody },
    },
  }, async (req) => compliance(db, actorOf(req), req.query));

  app.get('/api/meetings/ledger.xlsx', {
    config: { permission: 'meetings.read' },
    schema: { tags, summary: '导出三会一课台账（.xlsx：会议台账和落实情况两张表，由会议记录生成）', querystring: Obj(ViewQuery) },
  }, async (req, reply) => {
    const { file, name } = await exportLedgerXlsx(db, actorOf(req), req.query);
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', attachment(`ledger-${req.query.period}`, name, 'xlsx')).send(file);
  });

  app.get('/api/meetings/ledger.docx', {
    config: { permission: 'meetings.read' },
    schema: { tags, summary: '导出三会一课台账（.docx，公文格式，按党支部分节）', querystring: Obj(ViewQuery) },
  }, async (req, reply) => {
    const { file, name } = await exportLedgerDocx(db, actorOf(req), req.query);
    return reply.header('content-type', DOCX_CONTENT_TYPE).header('content-disposition', attachment(`ledger-${req.query.period}`, name, 'docx')).send(file);
  });

  app.get('/api/meetings/:id/minutes.docx', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '导出会议记录（.docx，公文格式）', params: IdParams },
  }, async (req, reply) => {
    const { file, name } = await exportMinutes(db, actorOf(req), req.params.id, 'docx');
    return reply.header('content-type', DOCX_CONTENT_TYPE).header('content-disposition', attachment(`minutes-${req.params.id.slice(0, 8)}`, name, 'docx')).send(file);
  });

  app.get('/api/meetings/:id/minutes.pdf', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '导出会议记录（PDF，公文格式，内嵌中文字体）', params: IdParams },
  }, async (req, reply) => {
    const { file, name } = await exportMinutes(db, actorOf(req), req.params.id, 'pdf');
    return reply.header('content-type', PDF_CONTENT_TYPE).header('content-disposition', attachment(`minutes-${req.params.id.slice(0, 8)}`, name, 'pdf')).send(file);
  });
}
