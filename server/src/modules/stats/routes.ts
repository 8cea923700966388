import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { Obj, Uuid } from '../../platform/http/schema.js';
import { XLSX_CONTENT_TYPE, xlsxDisposition } from '../../platform/office/xlsx.js';
import { buildStatistics } from './service.js';
import { exportStatistics } from './export.js';
import { statisticsUnits } from './scope.js';

const tags = ['stats'];
const Message = Type.Object({ zh: Type.String(), en: Type.String() });
const Kind = Type.Union([Type.Literal('group_committee'), Type.Literal('committee'), Type.Literal('general_branch'), Type.Literal('branch'), Type.Literal('party_group')]);
const TableKey = Type.Union([
  Type.Literal('status'), Type.Literal('gender'), Type.Literal('age'), Type.Literal('ethnicity_group'), Type.Literal('ethnicity'),
  Type.Literal('education'), Type.Literal('development'), Type.Literal('membership'), Type.Literal('org_units'),
]);
const StatisticsBody = Type.Object({
  unit: Type.Object({ id: Type.String(), name: Type.String(), kind: Kind }),
  year: Type.Integer(),
  asOf: Type.String(),
  summary: Type.Object({
    members: Type.Integer(), full: Type.Integer(), probationary: Type.Integer(), female: Type.Integer(), minority: Type.Integer(), newMembers: Type.Integer(), orgUnits: Type.Integer(),
  }),
  tables: Type.Array(Type.Object({
    key: TableKey, title: Message,
    columns: Type.Array(Type.Object({ key: Type.String(), label: Message })),
    rows: Type.Array(Type.Object({ key: Type.String(), label: Message, values: Type.Array(Type.Integer()) })),
  })),
});
const StatsQuery = Obj({ unitId: Uuid, year: Type.Integer({ minimum: 1921, maximum: 2100 }) });

export async function statsRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/stats/units', {
    config: { permission: 'stats.read' },
    schema: { tags, summary: '可统计的组织（本人统计范围的最上级组织）', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Kind, fullName: Type.String() })) }) } },
  }, async (req) => ({ items: await statisticsUnits(db, actorOf(req)) }));

  app.get('/api/stats', {
    config: { permission: 'stats.read' },
    schema: { tags, summary: '党内统计（组织及下级，按年度，由人员记录生成）', querystring: StatsQuery, response: { 200: StatisticsBody } },
  }, async (req) => buildStatistics(db, actorOf(req), req.query));

  app.get('/api/stats/export.xlsx', {
    config: { permission: 'stats.read' },
    schema: { tags, summary: '导出党内统计（.xlsx，每张表一个工作表）', querystring: StatsQuery },
  }, async (req, reply) => {
    const { file, stats } = await exportStatistics(db, actorOf(req), req.query);
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', xlsxDisposition(`statistics-${stats.year}`, `党内统计-${stats.unit.name}-${stats.year}`)).send(file);
  });
}
