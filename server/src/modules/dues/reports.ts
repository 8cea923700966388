/**
 * Reports for an org subtree and a month, derived from the ledger only (RULES.md §4; no formalism: nothing typed):
 * due, collected, waived, outstanding and the collection rate, per sub-unit; the 未交 list; an .xlsx export; and the
 * monthly runs (on demand for the actor's subtree).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { inSubtrees, subtreeRange } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import type { Permission } from '../../platform/access/permissions.js';
import { badField, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { writeWorkbook } from '../../platform/office/xlsx.js';
import { addMonthsYm, monthText, yuan, type YearMonth } from './rules.js';
import { chinaMonth } from './ledger.js';
import { runMonth } from './run.js';

const UNIT = { zh: '党组织', en: 'Org unit' };

export interface UnitRef { id: string; name: string; path: string }

/** The unit a report is for: the one asked (in the actor's scope for `permission`, else 404), or the actor's top unit. */
export async function reportUnit(tx: Tx, actor: Actor, orgUnitId: string | undefined, permission: Permission = 'dues.read'): Promise<UnitRef> {
  if (orgUnitId) {
    const u = await tx.selectFrom('org_units').select(['id', 'name', 'path']).where('id', '=', orgUnitId).executeTakeFirst();
    if (!u || !can(actor, permission, u.path)) throw notFound(UNIT);
    return u;
  }
  const scopes = scopesFor(actor, permission);
  let q = tx.selectFrom('org_units').select(['id', 'name', 'path']).where('dissolved_at', 'is', null);
  q = scopes.includes('') ? q.where('parent_id', 'is', null) : q.where('path', 'in', scopes.length ? scopes : ['-']);
  const u = await q.orderBy('depth').orderBy('path').limit(1).executeTakeFirst();
  if (!u) throw notFound(UNIT);
  return u;
}

export interface Totals { dueFen: number; collectedFen: number; waivedFen: number; outstandingFen: number; members: number; paidMembers: number; rate: number | null }

function totals(r: { due: number; paid: number; waived: number; outstanding: number; members: number; paid_members: number }): Totals {
  const base = r.due - r.waived;
  return {
    dueFen: r.due, collectedFen: r.paid, waivedFen: r.waived, outstandingFen: r.outstanding, members: r.members, paidMembers: r.paid_members,
    // Collection rate: collected over what was to be collected (due less waived), in per mille precision.
    rate: base > 0 ? Math.round((r.paid * 1000) / base) / 1000 : null,
  };
}

/** Per org path: due, paid, waived, outstanding (per member-month, never below 0) for `month`. */
async function byPath(tx: Tx, path: string, month: YearMonth) {
  const { rows } = await sql<{ org_path: string; due: string; paid: string; waived: string; outstanding: string; members: number; paid_members: number }>`
    select m.org_path, sum(m.due)::bigint as due, sum(m.paid)::bigint as paid, sum(m.waived)::bigint as waived,
      sum(greatest(0, m.due - m.paid - m.waived))::bigint as outstanding, count(*) filter (where m.due > 0)::int as members,
      count(*) filter (where m.due > 0 and m.paid + m.waived >= m.due)::int as paid_members
    from (select p.org_path, e.person_id,
            coalesce(sum(e.amount_fen) filter (where e.kind = 'due'), 0) as due,
            coalesce(sum(e.amount_fen) filter (where e.kind = 'payment'), 0) as paid,
            coalesce(sum(e.amount_fen) filter (where e.kind = 'waiver'), 0) as waived
          from dues_entries e join people p on p.id = e.person_id
          where e.month = ${month} and ${subtreeRange('p.org_path', path)}
          group by p.org_path, e.person_id) m
    group by m.org_path`.execute(tx);
  return rows.map((r) => ({ path: r.org_path, due: Number(r.due), paid: Number(r.paid), waived: Number(r.waived), outstanding: Number(r.outstanding), members: r.members, paid_members: r.paid_members }));
}

async function voluntaryIn(tx: Tx, path: string, month: YearMonth) {
  const { rows } = await sql<{ total: string | null; central: string | null; central_count: number }>`
    select sum(e.amount_fen)::bigint as total, sum(e.amount_fen) filter (where e.central)::bigint as central, count(*) filter (where e.central and e.corrects_id is null)::int as central_count
    from dues_entries e join dues_payments pay on pay.id = e.payment_id join people p on p.id = e.person_id
    where e.kind = 'voluntary' and to_char(pay.paid_at at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month} and ${subtreeRange('p.org_path', path)}`.execute(tx);
  const r = rows[0];
  return { voluntaryFen: Number(r?.total ?? 0), centralFen: Number(r?.central ?? 0), centralCount: r?.central_count ?? 0 };
}

export async function reportIn(tx: Tx, actor: Actor, orgUnitId: string | undefined, month: YearMonth) {
  const unit = await reportUnit(tx, actor, orgUnitId);
  const rows = await byPath(tx, unit.path, month);
  const sum = (rs: typeof rows) => rs.reduce((a, r) => ({ due: a.due + r.due, paid: a.paid + r.paid, waived: a.waived + r.waived, outstanding: a.outstanding + r.outstanding, members: a.members + r.members, paid_members: a.paid_members + r.paid_members }), { due: 0, paid: 0, waived: 0, outstanding: 0, members: 0, paid_members: 0 });
  const children = await tx.selectFrom('org_units').select(['id', 'name', 'path', 'kind']).where('parent_id', '=', unit.id).where('dissolved_at', 'is', null).orderBy('sort_order').orderBy('name').execute();
  const direct = rows.filter((r) => r.path === unit.path);
  const lastRun = await tx.selectFrom('dues_runs').select(['month', 'finished_at', 'created']).where('month', '=', month).where('finished_at', 'is not', null).orderBy('started_at', 'desc').limit(1).executeTakeFirst();
  return {
    unit: { id: unit.id, name: unit.name }, month, currentMonth: chinaMonth(),
    total: totals(sum(rows)),
    ...(await voluntaryIn(tx, unit.path, month)),
    units: [
      ...children.map((c) => ({ id: c.id, name: c.name, hasChildren: true, ...totals(sum(rows.filter((r) => r.path.startsWith(c.path)))) })),
      ...(direct.length ? [{ id: unit.id, name: `${unit.name}（直属）`, hasChildren: false, ...totals(sum(direct)) }] : []),
    ].filter((u) => u.members > 0 || u.id !== unit.id),
    derived: lastRun !== undefined,
  };
}

export async function report(db: Kysely<DB>, actor: Actor, orgUnitId: string | undefined, month: YearMonth) {
  return withTenant(db, txContext(actor), (tx) => reportIn(tx, actor, orgUnitId, month));
}

export interface UnpaidRow { personId: string; name: string; unitName: string; owedFen: number; months: number; oldestMonth: string; latestMonth: string }

/** 未交: members of the subtree with something outstanding up to `month`, the longest-owing first. */
export async function unpaidIn(tx: Tx, unit: UnitRef, month: YearMonth, page: number, pageSize: number): Promise<{ items: UnpaidRow[]; total: number }> {
  const base = sql`from (
      select e.person_id, e.month, greatest(0, coalesce(sum(e.amount_fen) filter (where e.kind = 'due'), 0)
        - coalesce(sum(e.amount_fen) filter (where e.kind in ('payment', 'waiver')), 0)) as owed
      from dues_entries e join people p on p.id = e.person_id
      where e.month <= ${month} and e.kind in ('due', 'payment', 'waiver') and p.archived_at is null and ${subtreeRange('p.org_path', unit.path)}
      group by e.person_id, e.month) m
    where m.owed > 0`;
  const total = await sql<{ n: number }>`select count(distinct m.person_id)::int as n ${base}`.execute(tx);
  const { rows } = await sql<{ person_id: string; name: string; unit_name: string; owed: string; months: number; oldest: string; latest: string }>`
    select agg.person_id, p.name, o.name as unit_name, agg.owed, agg.months, agg.oldest, agg.latest
    from (select m.person_id, sum(m.owed)::bigint as owed, count(*)::int as months, min(m.month) as oldest, max(m.month) as latest ${base} group by m.person_id) agg
    join people p on p.id = agg.person_id join org_units o on o.id = p.org_unit_id
    order by agg.months desc, agg.oldest, p.name_pinyin, p.id
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(tx);
  return {
    items: rows.map((r) => ({ personId: r.person_id, name: r.name, unitName: r.unit_name, owedFen: Number(r.owed), months: r.months, oldestMonth: r.oldest, latestMonth: r.latest })),
    total: total.rows[0]?.n ?? 0,
  };
}

export async function unpaid(db: Kysely<DB>, actor: Actor, q: { orgUnitId?: string | undefined; month: YearMonth; page: number; pageSize: number }) {
  return withTenant(db, txContext(actor), async (tx) => unpaidIn(tx, await reportUnit(tx, actor, q.orgUnitId), q.month, q.page, q.pageSize));
}

/** The report and the 未交 list as .xlsx; the export names people, so it is an audit record. */
export async function exportReport(db: Kysely<DB>, actor: Actor, orgUnitId: string | undefined, month: YearMonth): Promise<{ file: Buffer; unitName: string }> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const r = await reportIn(tx, actor, orgUnitId, month);
    const unit = await reportUnit(tx, actor, orgUnitId);
    const list = await unpaidIn(tx, unit, month, 1, 50_000);
    await auditAs(tx, ctx, { action: 'dues.export', objectType: 'org_unit', objectId: unit.id, detail: { month, unpaid: list.total } });
    const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
    const row = (name: string, t: Totals) => ({ name, members: t.members, paidMembers: t.paidMembers, due: yuan(t.dueFen), collected: yuan(t.collectedFen), waived: yuan(t.waivedFen), outstanding: yuan(t.outstandingFen), rate: pct(t.rate) });
    const cols = [
      { header: '党组织', key: 'name', width: 30 }, { header: '应交人数', key: 'members', width: 10 }, { header: '已交清人数', key: 'paidMembers', width: 12 },
      { header: '应交（元）', key: 'due', width: 14 }, { header: '实收（元）', key: 'collected', width: 14 }, { header: '减免（元）', key: 'waived', width: 14 },
      { header: '未交（元）', key: 'outstanding', width: 14 }, { header: '收缴率', key: 'rate', width: 10 },
    ];
    const file = await writeWorkbook([
      { name: `${monthText(month)}党费收缴`, columns: cols, rows: [row(`${r.unit.name}（合计）`, r.total), ...r.units.map((u) => row(u.name, u))] },
      {
        name: '未交名单',
        columns: [{ header: '姓名', key: 'name', width: 12 }, { header: '所在组织', key: 'unitName', width: 24 }, { header: '未交月数', key: 'months', width: 10 }, { header: '最早未交月份', key: 'oldest', width: 14 }, { header: '未交金额（元）', key: 'owed', width: 14 }],
        rows: list.items.map((u) => ({ name: u.name, unitName: u.unitName, months: u.months, oldest: u.oldestMonth, owed: yuan(u.owedFen) })),
      },
      {
        name: '自愿多交',
        columns: [{ header: '项目', key: 'k', width: 30 }, { header: '金额（元）', key: 'v', width: 16 }],
        rows: [{ k: `${monthText(month)}自愿多交合计`, v: yuan(r.voluntaryFen) }, { k: '其中单笔1000元以上（全额上交中央）', v: yuan(r.centralFen) }, { k: '上交中央笔数', v: r.centralCount }],
      },
    ]);
    return { file, unitName: r.unit.name };
  });
}

/** Runs `month` for the actor's subtree on demand (dues.manage); not a future month, not more than a year back. */
export async function startRun(db: Kysely<DB>, actor: Actor, input: { month: YearMonth; orgUnitId?: string | undefined }) {
  const ctx = txContext(actor);
  const current = chinaMonth();
  if (input.month > current) throw badField('month', { zh: '不能核定未来的月份', en: 'A future month cannot be run' });
  if (input.month < addMonthsYm(current, -12)) throw badField('month', { zh: '只能核定最近12个月', en: 'Only the last 12 months can be run' });
  return withTenant(db, ctx, async (tx) => {
    const unit = await reportUnit(tx, actor, input.orgUnitId, 'dues.manage');
    const scopes = scopesFor(actor, 'dues.manage');
    const scopePath = scopes.includes('') && !input.orgUnitId ? '' : unit.path;
    return runMonth(tx, ctx, { month: input.month, trigger: 'manual', scopePath });
  });
}

export async function listRuns(db: Kysely<DB>, actor: Actor, q: { page: number; pageSize: number }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'dues.read');
    // Runs of the whole tenant, and on-demand runs of subtrees the actor reads.
    const visible = sql<boolean>`(r.scope_path = '' or ${inSubtrees('r.scope_path', scopes)})`;
    const rows = await tx.selectFrom('dues_runs as r').leftJoin('users as u', 'u.id', 'r.run_by').leftJoin('org_units as o', 'o.path', 'r.scope_path')
      .select(['r.id', 'r.month', 'r.trigger', 'r.created', 'r.adjusted', 'r.waived', 'r.missing_base', 'r.alerts', 'r.started_at', 'r.finished_at', 'u.display_name as run_by', 'o.name as unit_name'])
      .where(visible).orderBy('r.started_at', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    const total = await tx.selectFrom('dues_runs as r').select((eb) => eb.fn.countAll<number>().as('n')).where(visible).executeTakeFirstOrThrow();
    return {
      items: rows.map((r) => ({
        id: r.id, month: r.month, trigger: r.trigger, created: r.created, adjusted: r.adjusted, waived: r.waived, missingBase: r.missing_base, alerts: r.alerts,
        startedAt: r.started_at.toISOString(), finishedAt: r.finished_at ? r.finished_at.toISOString() : null, runBy: r.run_by ?? null, unitName: r.unit_name ?? null,
      })),
      total: Number(total.n),
    };
  });
}
