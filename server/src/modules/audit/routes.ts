import { Type, type Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { actorOf, txContext, type App } from '../../platform/http/app.js';
import { Obj, PageQuery, Paged, Str } from '../../platform/http/schema.js';
import { auditAs, verifyChain } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';

const tags = ['audit'];
const Filters = {
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  actor: Type.Optional(Str(0, 64)),
  action: Type.Optional(Str(0, 64)),
  result: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')])),
};
const FilterQuery = Obj(Filters);
type FilterInput = Static<typeof FilterQuery>;

const Item = Type.Object({
  id: Type.Integer(), seq: Type.Integer(), at: Type.String(), actorName: Type.String(), action: Type.String(), objectType: Type.String(),
  objectId: Type.String(), result: Type.String(), sourceIp: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()),
});

function filtered(tx: Tx, tenantId: string, f: FilterInput) {
  let q = tx.selectFrom('audit_log').where('tenant_id', '=', tenantId);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<=', new Date(f.to));
  if (f.actor) q = q.where('actor_name', 'like', `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.result) q = q.where('result', '=', f.result);
  return q;
}

function csvCell(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
}

async function exportCsv(db: Kysely<DB>, actor: Actor, filters: FilterInput) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const rows = await filtered(tx, actor.tenantId, filters).selectAll().orderBy('seq').limit(100_000).execute();
    // Exporting personal data is itself audited (RULES.md §7).
    await auditAs(tx, ctx, { action: 'audit.export', objectType: 'audit_log', detail: { filters, rows: rows.length } });
    const header = ['序号 seq', '时间 time (UTC)', '操作人 actor', '操作 action', '对象类型 object type', '对象 object', '结果 result', '来源地址 source', '详情 detail', 'hash'];
    const lines = rows.map((r) => [r.seq, new Date(r.at).toISOString(), r.actor_name, r.action, r.object_type, r.object_id, r.result, r.source_ip, r.detail, r.hash].map(csvCell).join(','));
    return '\ufeff' + [header.map(csvCell).join(','), ...lines].join('\r\n') + '\r\n';
  });
}

export async function auditRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/audit', {
    config: { permission: 'audit.read' },
    schema: { tags, summary: '审计日志查询', querystring: Obj({ ...PageQuery, ...Filters }), response: { 200: Paged(Item) } },
  }, async (req) => {
    const actor = actorOf(req);
    const { page, pageSize, ...f } = req.query;
    return withTenant(db, txContext(actor), async (tx) => {
      const total = (await filtered(tx, actor.tenantId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const rows = await filtered(tx, actor.tenantId, f).selectAll().orderBy('seq', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
      return {
        total: Number(total), page, pageSize,
        items: rows.map((r) => ({ id: r.id, seq: r.seq, at: new Date(r.at).toISOString(), actorName: r.actor_name, action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result, sourceIp: r.source_ip, detail: r.detail })),
      };
    });
  });

  app.get('/api/audit/verify', {
    config: { permission: 'audit.read' },
    schema: {
      tags, summary: '校验审计链（SM3），指出第一条被篡改的记录',
      response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), firstBad: Type.Optional(Type.Object({ seq: Type.Integer(), id: Type.Integer(), at: Type.String(), reason: Type.String() })) }) },
    },
  }, async (req) => {
    const actor = actorOf(req);
    return withTenant(db, txContext(actor), (tx) => verifyChain(tx, actor.tenantId));
  });

  app.get('/api/audit/export.csv', {
    config: { permission: 'audit.read' },
    schema: { tags, summary: '导出审计日志（CSV，导出行为本身记入审计）', querystring: FilterQuery, produces: ['text/csv'] },
  }, async (req, reply) => {
    const body = await exportCsv(db, actorOf(req), req.query);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`).send(body);
  });
}
