/**
 * The compliance view (组织生活落实情况) of an org subtree for a period: for every 党支部, which of the §5 meetings were held
 * on time, late, or are missing or due — derived only from meeting records (a meeting counts once held, which needs its
 * attendance recorded). One aggregate query returns, per unit and kind, bit masks of the periods held on time, held late
 * and planned; rules.ts judges every cell. bench/compliance measures it at 20,000 branches.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import {
  cellJudge, chinaDate, chinaDayEnd, fulfilledBy, KIND_ORDER, kindsDue, parsePeriod, periodLabel, periodsFor, summarizeCells, worstLight,
  type CellFacts, type CellStatus, type Light, type MeetingSettings,
} from './rules.js';
import { tenantMeetingSettings } from './planning.js';
import type { MeetingKind } from './tables.js';

const UNIT = { zh: '党组织', en: 'Org unit' };

export interface KindCompliance {
  kind: MeetingKind;
  applicable: boolean;
  light: Light;
  held: number;
  late: number;
  missing: number;
  due: number;
  cells: { period: string; light: Light; reason: CellStatus['reason']; planned: boolean; group?: string }[];
}

export interface BranchCompliance { unitId: string; name: string; path: string; light: Light; kinds: KindCompliance[] }

export interface ComplianceResult {
  unit: { id: string; name: string };
  period: string;
  periodLabel: string;
  today: string;
  branches: BranchCompliance[];
  summary: { branches: number; lights: Record<Light, number>; byKind: { kind: MeetingKind; applicable: number; lights: Record<Light, number> }[] };
}

const emptyLights = (): Record<Light, number> => ({ green: 0, amber: 0, red: 0, open: 0, future: 0 });

/** The unit the view is of: the given one (in scope), or the actor's top unit for meetings.read. */
export async function viewUnit(tx: Tx, actor: Actor, unitId: string | undefined): Promise<{ id: string; name: string; path: string }> {
  if (unitId) {
    const u = await tx.selectFrom('org_units').select(['id', 'name', 'path']).where('id', '=', unitId).executeTakeFirst();
    if (!u || !can(actor, 'meetings.read', u.path)) throw notFound(UNIT);
    return u;
  }
  const scopes = scopesFor(actor, 'meetings.read');
  let q = tx.selectFrom('org_units').select(['id', 'name', 'path']).where('dissolved_at', 'is', null);
  q = scopes.includes('') ? q.where('parent_id', 'is', null) : q.where('path', 'in', scopes.length ? scopes : ['-']);
  const u = await q.orderBy('depth').orderBy('path').executeTakeFirst();
  if (!u) throw notFound(UNIT);
  return u;
}

interface UnitMasks { onTime: number; late: number; planned: number }

/** Per unit and kind: which of `periods` (by index) were held on time, held late, or are planned. */
async function periodMasks(tx: Tx, path: string, periods: readonly { period: string; endsAt: Date }[]): Promise<Map<string, Map<MeetingKind, UnitMasks>>> {
  // The per-unit aggregate of a large tenant (20,000 branches: ~200,000 groups) spills to disk at the default 4 MB.
  await sql`select set_config('work_mem', '64MB', true)`.execute(tx);
  const names = periods.map((p) => p.period);
  const ends = periods.map((p) => p.endsAt.toISOString());
  const { rows } = await sql<{ org_unit_id: string; kind: MeetingKind; on_time: number; late: number; planned: number }>`
    select m.org_unit_id, m.kind,
      bit_or(case when m.status = 'held' and m.held_start_at < p.ends_at then (1::bigint << (p.idx::int - 1)) else 0 end) as on_time,
      bit_or(case when m.status = 'held' and m.held_start_at >= p.ends_at then (1::bigint << (p.idx::int - 1)) else 0 end) as late,
      bit_or(case when m.status in ('planned', 'notified', 'in_progress') then (1::bigint << (p.idx::int - 1)) else 0 end) as planned
    from unnest(${names}::text[], ${ends}::timestamptz[]) with ordinality as p(period, ends_at, idx)
    join meetings m on m.period = p.period and m.status <> 'cancelled'
    join org_units u on u.id = m.org_unit_id
    where ${subtreeRange('u.path', path)}
    group by m.org_unit_id, m.kind`.execute(tx);
  const out = new Map<string, Map<MeetingKind, UnitMasks>>();
  for (const r of rows) {
    let k = out.get(r.org_unit_id);
    if (!k) out.set(r.org_unit_id, (k = new Map()));
    k.set(r.kind, { onTime: Number(r.on_time), late: Number(r.late), planned: Number(r.planned) });
  }
  return out;
}

const bit = (mask: number, i: number) => Math.floor(mask / 2 ** i) % 2 === 1;

/** The compliance of every branch in the subtree of `unit` for `period` (a month, quarter or year) as of `now`. */
export async function complianceIn(tx: Tx, unit: { id: string; name: string; path: string }, period: string, s: MeetingSettings, now: Date = new Date()): Promise<ComplianceResult> {
  const view = parsePeriod(period);
  if (!view) throw new Error(`not a period: ${period}`);
  const today = chinaDate(now);
  // Every period any kind needs in this view, indexed once.
  const kindPeriods = new Map<MeetingKind, string[]>(KIND_ORDER.map((k) => [k, periodsFor(period, s.frequency[k])]));
  const all = [...new Set([...kindPeriods.values()].flat())];
  const index = new Map(all.map((p, i) => [p, i]));
  const masks = await periodMasks(tx, unit.path, all.map((p) => ({ period: p, endsAt: chinaDayEnd(parsePeriod(p)!.end) })));

  const units = await tx.selectFrom('org_units').select(['id', 'name', 'path', 'kind', 'parent_id'])
    .where(subtreeRange('path', unit.path)).where('dissolved_at', 'is', null).where('kind', 'in', ['branch', 'party_group']).orderBy('path').execute();
  const committees = new Set((await tx.selectFrom('org_positions as p').innerJoin('org_units as u', 'u.id', 'p.unit_id').select('p.unit_id').distinct()
    .where('p.to_on', 'is', null).where('p.role', '=', 'member').where(subtreeRange('u.path', unit.path)).execute()).map((r) => r.unit_id));
  const groupsOf = new Map<string, { id: string; name: string }[]>();
  for (const u of units) {
    if (u.kind !== 'party_group' || !u.parent_id) continue;
    const list = groupsOf.get(u.parent_id) ?? [];
    list.push({ id: u.id, name: u.name });
    groupsOf.set(u.parent_id, list);
  }

  // Each (kind, period) is judged the same way for every unit: prepare the judges once.
  const judges = new Map<MeetingKind, { period: string; i: number; judge: (f: CellFacts) => CellStatus }[]>(
    KIND_ORDER.map((k) => [k, (kindPeriods.get(k) ?? []).map((p) => ({ period: p, i: index.get(p) as number, judge: cellJudge(k, p, today, s) }))]),
  );
  const factsFor = (unitId: string, kinds: readonly MeetingKind[], i: number): CellFacts => {
    const f: CellFacts = { onTime: false, late: false, planned: false };
    for (const k of kinds) {
      const m = masks.get(unitId)?.get(k);
      if (!m) continue;
      f.onTime ||= bit(m.onTime, i);
      f.late ||= bit(m.late, i);
      f.planned ||= bit(m.planned, i);
    }
    return f;
  };

  const summary = { branches: 0, lights: emptyLights(), byKind: KIND_ORDER.map((kind) => ({ kind, applicable: 0, lights: emptyLights() })) };
  const branches: BranchCompliance[] = [];
  for (const b of units) {
    if (b.kind !== 'branch') continue;
    const groups = groupsOf.get(b.id) ?? [];
    const due = new Set(kindsDue('branch', { hasCommittee: committees.has(b.id), groups: groups.length }));
    const kinds: KindCompliance[] = KIND_ORDER.map((kind) => {
      if (!due.has(kind)) return { kind, applicable: false, light: 'future', held: 0, late: 0, missing: 0, due: 0, cells: [] };
      const periods = judges.get(kind) ?? [];
      const sources = fulfilledBy(kind, s);
      const cells: KindCompliance['cells'] = [];
      const statuses: CellStatus[] = [];
      const holders = kind === 'group' ? groups : [{ id: b.id, name: '' }];
      for (const h of holders) {
        for (const p of periods) {
          const c = p.judge(factsFor(h.id, sources, p.i));
          statuses.push(c);
          cells.push(kind === 'group' ? { period: c.period, light: c.light, reason: c.reason, planned: c.planned, group: h.name } : c);
        }
      }
      return { kind, applicable: true, ...summarizeCells(statuses), cells };
    });
    const light = worstLight(kinds.filter((k) => k.applicable).map((k) => k.light));
    branches.push({ unitId: b.id, name: b.name, path: b.path, light, kinds });
    summary.branches += 1;
    summary.lights[light] += 1;
    kinds.forEach((k, i) => {
      if (!k.applicable) return;
      const bk = summary.byKind[i]!;
      bk.applicable += 1;
      bk.lights[k.light] += 1;
    });
  }
  return { unit: { id: unit.id, name: unit.name }, period, periodLabel: periodLabel(period), today, branches, summary };
}

const LIGHT_ORDER: Record<Light, number> = { red: 0, amber: 1, open: 2, green: 3, future: 4 };

export interface ComplianceQuery { unitId?: string | undefined; period: string; light?: Light | undefined; page: number; pageSize: number }

/** The view for the screen: the summary and one page of branches, red first. */
export async function compliance(db: Kysely<DB>, actor: Actor, q: ComplianceQuery, now: Date = new Date()) {
  return withTenant(db, txContext(actor), async (tx) => {
    const unit = await viewUnit(tx, actor, q.unitId);
    const r = await complianceIn(tx, unit, q.period, await tenantMeetingSettings(tx, actor.tenantId), now);
    const list = (q.light ? r.branches.filter((b) => b.light === q.light) : r.branches)
      .sort((a, b) => LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light] || a.path.localeCompare(b.path));
    const items = list.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map(({ path: _p, ...b }) => b);
    return { unit: r.unit, period: r.period, periodLabel: r.periodLabel, today: r.today, summary: r.summary, items, total: list.length, page: q.page, pageSize: q.pageSize };
  });
}
