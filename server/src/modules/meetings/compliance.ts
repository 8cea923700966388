/**
 * The compliance view (组织生活落实情况) of an org subtree for a period: for every 党支部, which of the §5 meetings were held
 * on time, late, or are missing or due — derived only from meeting records (a meeting counts once held, which needs its
 * attendance recorded). meeting_marks (kept from the meetings by a trigger, migration 0039) holds per unit, kind and
 * year bit masks of the periods held on time, held late and planned; rules.ts judges every cell; the cells are built
 * only for the page shown. bench/compliance measures it at 20,000 branches.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import {
  cellJudge, chinaDate, fulfilledBy, KIND_ORDER, kindsDue, parsePeriod, periodLabel, periodsFor, yearBit,
  type CellStatus, type Light, type MeetingSettings,
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

const KIND_INDEX = new Map(KIND_ORDER.map((k, i) => [k, i]));

/**
 * Per unit, for each kind (KIND_ORDER) three bit masks over the periods of `year` (rules.ts yearBit): held on time,
 * held late, planned; packed in one Int32Array of 3 × 7 per unit (the view judges ~1.7 million cells at 20,000
 * branches: no object per cell or per kind). Read from meeting_marks, which the trigger on meetings keeps (migration
 * 0039): one row per unit and kind. A view of a tenant's top unit reads the tenant's year without the subtree join.
 */
async function yearMasks(tx: Tx, path: string, year: number): Promise<Map<string, Int32Array>> {
  const top = path.split('/').length === 3;
  const rows = await (top
    ? tx.selectFrom('meeting_marks as k').select(['k.org_unit_id', 'k.kind', 'k.on_time', 'k.late', 'k.planned']).where('k.year', '=', year)
    : tx.selectFrom('meeting_marks as k').innerJoin('org_units as u', 'u.id', 'k.org_unit_id')
      .select(['k.org_unit_id', 'k.kind', 'k.on_time', 'k.late', 'k.planned']).where('k.year', '=', year).where(subtreeRange('u.path', path))
  ).execute();
  const out = new Map<string, Int32Array>();
  for (const r of rows) {
    const k = KIND_INDEX.get(r.kind);
    if (k === undefined) continue;
    let a = out.get(r.org_unit_id);
    if (!a) out.set(r.org_unit_id, (a = new Int32Array(KIND_ORDER.length * 3)));
    a[k * 3] = r.on_time;
    a[k * 3 + 1] = r.late;
    a[k * 3 + 2] = r.planned;
  }
  return out;
}

const LIGHT_RANK: Record<Light, number> = { red: 4, amber: 3, open: 2, green: 1, future: 0 };

/** The compliance of the subtree, with each branch's cells to be built on demand (`withCells`). */
export interface ComplianceIn extends ComplianceResult {
  /** The branch with the cells of each kind filled in (the view lists one page; the summary needs no cells). */
  withCells(b: BranchCompliance): BranchCompliance;
}

/** The compliance of every branch in the subtree of `unit` for `period` (a month, quarter or year) as of `now`. */
export async function complianceIn(tx: Tx, unit: { id: string; name: string; path: string }, period: string, s: MeetingSettings, now: Date = new Date()): Promise<ComplianceIn> {
  const view = parsePeriod(period);
  if (!view) throw new Error(`not a period: ${period}`);
  const today = chinaDate(now);
  // Every period any kind needs in this view, indexed once.
  const kindPeriods = new Map<MeetingKind, string[]>(KIND_ORDER.map((k) => [k, periodsFor(period, s.frequency[k])]));
  // A view's periods all lie in its calendar year.
  const masks = await yearMasks(tx, unit.path, view.year);

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

  // Each (kind, period) is judged the same way for every unit, from three booleans: prepare its 8 answers once
  // (shared, frozen statuses), indexed by onTime | late << 1 | planned << 2.
  const judges = new Map<MeetingKind, { bit: number; answers: CellStatus[] }[]>(
    KIND_ORDER.map((k) => [k, (kindPeriods.get(k) ?? []).map((p) => {
      const judge = cellJudge(k, p, today, s);
      return { bit: 1 << yearBit(p), answers: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => judge({ onTime: (i & 1) !== 0, late: (i & 2) !== 0, planned: (i & 4) !== 0 })) };
    })]),
  );
  const sourcesOf = new Map(KIND_ORDER.map((k) => [k, fulfilledBy(k, s).map((x) => KIND_INDEX.get(x) as number)]));
  /** The cells of one holder (the branch, or one of its 党小组) for one kind, in period order. */
  const cellsOf = (unitId: string, kind: MeetingKind): CellStatus[] => {
    const m = masks.get(unitId);
    let onTime = 0;
    let late = 0;
    let planned = 0;
    if (m) for (const k of sourcesOf.get(kind) ?? []) { onTime |= m[k * 3]!; late |= m[k * 3 + 1]!; planned |= m[k * 3 + 2]!; }
    return (judges.get(kind) ?? []).map((p) => p.answers[((onTime & p.bit) ? 1 : 0) | ((late & p.bit) ? 2 : 0) | ((planned & p.bit) ? 4 : 0)]!);
  };
  const holdersOf = (b: { id: string }, kind: MeetingKind) => (kind === 'group' ? groupsOf.get(b.id) ?? [] : [{ id: b.id, name: '' }]);
  const dueSets = new Map<string, Set<MeetingKind>>();
  const dueOf = (b: { id: string }) => {
    const hasCommittee = committees.has(b.id);
    const groups = (groupsOf.get(b.id) ?? []).length;
    const key = `${hasCommittee}:${groups}`;
    let set = dueSets.get(key);
    if (!set) dueSets.set(key, (set = new Set(kindsDue('branch', { hasCommittee, groups }))));
    return set;
  };

  const summary = { branches: 0, lights: emptyLights(), byKind: KIND_ORDER.map((kind) => ({ kind, applicable: 0, lights: emptyLights() })) };
  const branches: BranchCompliance[] = [];
  for (const b of units) {
    if (b.kind !== 'branch') continue;
    const due = dueOf(b);
    let worst: Light = 'future';
    const kinds: KindCompliance[] = KIND_ORDER.map((kind) => {
      if (!due.has(kind)) return { kind, applicable: false, light: 'future', held: 0, late: 0, missing: 0, due: 0, cells: [] };
      // summarizeCells over the cells, counted as they are judged.
      const k: KindCompliance = { kind, applicable: true, light: 'future', held: 0, late: 0, missing: 0, due: 0, cells: [] };
      for (const h of holdersOf(b, kind)) {
        for (const c of cellsOf(h.id, kind)) {
          if (c.reason === 'held') k.held++;
          else if (c.reason === 'held_late') k.late++;
          else if (c.reason === 'missing') k.missing++;
          if (c.light !== 'future' && c.light !== 'open') k.due++;
          if (LIGHT_RANK[c.light] > LIGHT_RANK[k.light]) k.light = c.light;
        }
      }
      if (LIGHT_RANK[k.light] > LIGHT_RANK[worst]) worst = k.light;
      return k;
    });
    branches.push({ unitId: b.id, name: b.name, path: b.path, light: worst, kinds });
    summary.branches += 1;
    summary.lights[worst] += 1;
    kinds.forEach((k, i) => {
      if (!k.applicable) return;
      const bk = summary.byKind[i]!;
      bk.applicable += 1;
      bk.lights[k.light] += 1;
    });
  }

  const withCells = (b: BranchCompliance): BranchCompliance => ({
    ...b,
    kinds: b.kinds.map((k) => {
      if (!k.applicable) return k;
      const cells: KindCompliance['cells'] = [];
      for (const h of holdersOf({ id: b.unitId }, k.kind)) {
        for (const c of cellsOf(h.id, k.kind)) cells.push(k.kind === 'group' ? { period: c.period, light: c.light, reason: c.reason, planned: c.planned, group: h.name } : c);
      }
      return { ...k, cells };
    }),
  });
  return { unit: { id: unit.id, name: unit.name }, period, periodLabel: periodLabel(period), today, branches, summary, withCells };
}

const LIGHT_ORDER: Record<Light, number> = { red: 0, amber: 1, open: 2, green: 3, future: 4 };

export interface ComplianceQuery { unitId?: string | undefined; period: string; light?: Light | undefined; page: number; pageSize: number }

/** The view for the screen: the summary and one page of branches, red first. */
export async function compliance(db: Kysely<DB>, actor: Actor, q: ComplianceQuery, now: Date = new Date()) {
  return withTenant(db, txContext(actor), async (tx) => {
    const unit = await viewUnit(tx, actor, q.unitId);
    const r = await complianceIn(tx, unit, q.period, await tenantMeetingSettings(tx, actor.tenantId), now);
    // Paths are ASCII (ids): compared as strings, in the order of the org tree.
    const list = (q.light ? r.branches.filter((b) => b.light === q.light) : r.branches)
      .sort((a, b) => LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const items = list.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((b) => {
      const { path: _p, ...rest } = r.withCells(b);
      return rest;
    });
    return { unit: r.unit, period: r.period, periodLabel: r.periodLabel, today: r.today, summary: r.summary, items, total: list.length, page: q.page, pageSize: q.pageSize };
  });
}
