import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { Obj, Ok, Str } from '../../platform/http/schema.js';
import { listHolidays, replaceYear, workingDaysEnd } from './calendar-service.js';

const tags = ['calendar'];
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Kind = Type.Union([Type.Literal('holiday'), Type.Literal('workday')]);
const Row = Obj({ date: DateStr, kind: Kind, name: Str(0, 50) });

export async function calendarRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/calendar/holidays', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '节假日安排（某年）', querystring: Obj({ year: Year }), response: { 200: Type.Object({ year: Type.Integer(), source: Type.Union([Type.Literal('tenant'), Type.Literal('default')]), rows: Type.Array(Row) }) } },
  }, async (req) => listHolidays(db, actorOf(req), req.query.year));

  app.put('/api/calendar/holidays/:year', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '替换某年的节假日安排', params: Obj({ year: Year }), body: Obj({ rows: Type.Array(Row, { maxItems: 60 }) }), response: { 200: Ok } },
  }, async (req) => {
    await replaceYear(db, actorOf(req), req.params.year, req.body.rows);
    return { ok: true as const };
  });

  app.get('/api/calendar/working-days', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '公示截止日（按工作日计算）', querystring: Obj({ from: DateStr, days: Type.Integer({ minimum: 1, maximum: 60 }) }), response: { 200: Type.Object({ endsOn: Type.String() }) } },
  }, async (req) => ({ endsOn: await workingDaysEnd(db, actorOf(req), req.query.from, req.query.days) }));
}
