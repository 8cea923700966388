/**
 * The compliance view (组织生活落实情况) of an org subtree for a period: for every 党支部, which of the §5 meetings were held
 * on time, late, or are missing or due — derived only from meeting records (a meeting counts once held, which needs its
 * attendance recorded). meeting_marks (kept from the meetings by a trigger, migration 0039) holds per unit, kind and
 * year bit masks of the periods held on time, held late and planned; rules.ts judges every cell; the cells are built
 * only for the page shown. bench/compliance measures it at 20,000 branches.
 */
import { sql, type Kysely } from 'kysely';
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
 * The subtree's branches and 党小组 in path order, each with its meeting marks of `year` (meeting_marks, kept from the
 * meetings by a trigger, migration 0039) and whether it has a 支委会 — one statement, the marks aggregated per unit
 * before the join. The marks travel as one text per unit ("kind onTime late planned …", kinds in any order): units
 * with the same marks mostly send the same text, which is parsed once (a tenant of 20,000 branches has ~200 distinct).
 */
async function unitsWithMarks(tx: Tx, path: string, year: number) {
  // A view of a tenant's top unit reads the tenant's marks and positions without the subtree join.
  const top = path.split('/').length === 3;
  const marks = top
    ? sql`select org_unit_id, string_agg(kind || ' ' || on_time || ' ' || late || ' ' || planned, ' ') as marks
        from meeting_marks where year = ${year} group by org_unit_id`
    : sql`select k.org_unit_id, string_agg(k.kind || ' ' || k.on_time || ' ' || k.late || ' ' || k.planned, ' ') as marks
        from meeting_marks k join org_units mu on mu.id = k.org_unit_id where k.year = ${year} and ${subtreeRange('mu.path', path)} group by k.org_unit_id`;
  const committees = top
    ? sql`select distinct unit_id from org_positions where to_on is null and role = 'member'`
    : sql`select distinct p.unit_id from org_positions p join org_units pu on pu.id = p.unit_id
        where p.to_on is null and p.role = 'member' and ${subtreeRange('pu.path', path)}`;
  const r = await sql<{ id: string; name: string; path: string; kind: string; parent_id: string | null; marks: string | null; committee: boolean }>`
    with m as (${marks}), c as (${committees})
    select u.id, u.name, u.path, u.kind, u.parent_id, m.marks, c.unit_id is not null as committee
    from org_units u left join m on m.org_unit_id = u.id left join c on c.unit_id = u.id
    where ${subtreeRange('u.path', path)} and u.dissolved_at is null and u.kind in ('branch', 'party_group')`.execute(tx);
  // In the order of the org tree: paths are ASCII (ids), so JavaScript's order is the "C" collation's. Sorted here,
  // not by the statement, whose sort of the wide rows spills to disk at 20,000 branches.
  return r.rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Per kind (KIND_ORDER) three bit masks over the year's periods (rules.ts yearBit): held on time, held late, planned. */
function parseMarks(text: string): Int32Array {
  const a = new Int32Array(KIND_ORDER.length * 3);
  const f = text.split(' ');
  for (let i = 0; i + 3 < f.length; i += 4) {
    const k = KIND_INDEX.get(f[i] as MeetingKind);
    if (k === undefined) continue;
    a[k * 3] = Number(f[i + 1]);
    a[k * 3 + 1] = Number(f[i + 2]);
    a[k * 3 + 2] = Number(f[i + 3]);
  }
  return a;
}

const LIGHT_RANK: Record<Light, number> = { red: 4, amber: 3, open: 2, green: 1, future: 0 };
const NO_MARKS = new Int32Array(KIND_ORDER.length * 3);

/** The compliance of the subtree, with each branch's cells to be built on demand (`withCells`). */
export interface ComplianceIn extends ComplianceResult {
  /** The branch with the cells of each kind filled in (the view lists one page; the summary needs no cells). */
  withCells(b: BranchCompliance): BranchCompliance;
}

/**
 * The compliance of every branch in the subtree of `unit` for `period` (a month, quarter or year) as of `now`.
 * Every cell is judged by rules.ts; since a branch's lights depend only on its marks, its 支委会 and its 党小组's marks,
 * branches alike in those share one judgement (and one frozen `kinds` array).
 */
export async function complianceIn(tx: Tx, unit: { id: string; name: string; path: string }, period: string, s: MeetingSettings, now: Date = new Date()): Promise<ComplianceIn> {
  const view = parsePeriod(period);
  if (!view) throw new Error(`not a period: ${period}`);
  const today = chinaDate(now);
  // Every period any kind needs in this view, indexed once. A view's periods all lie in its calendar year.
  const kindPeriods = new Map<MeetingKind, string[]>(KIND_ORDER.map((k) => [k, periodsFor(period, s.frequency[k])]));
  const rows = await unitsWithMarks(tx, unit.path, view.year);

  const parsed = new Map<string, Int32Array>();
  const masks = new Map<string, Int32Array>();
  const marksKey = new Map<string, string>();
  const groupsOf = new Map<string, { id: string; name: string }[]>();
  for (const u of rows) {
    if (u.marks) {
      let m = parsed.get(u.marks);
      if (!m) parsed.set(u.marks, (m = parseMarks(u.marks)));
      masks.set(u.id, m);
      marksKey.set(u.id, u.marks);
    }
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

  /** One branch's kinds (summarizeCells over each kind's cells, counted as they are judged) and its worst light. */
  const judgeBranch = (b: { id: string; committee: boolean }): { light: Light; kinds: readonly KindCompliance[] } => {
    const due = new Set(kindsDue('branch', { hasCommittee: b.committee, groups: (groupsOf.get(b.id) ?? []).length }));
    let worst: Light = 'future';
    const kinds = KIND_ORDER.map((kind): KindCompliance => {
      if (!due.has(kind)) return Object.freeze({ kind, applicable: false, light: 'future', held: 0, late: 0, missing: 0, due: 0, cells: [] });
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
      return Object.freeze(k);
    });
    return { light: worst, kinds: Object.freeze(kinds) };
  };
  const judged = new Map<string, { light: Light; kinds: readonly KindCompliance[] }>();

  const summary = { branches: 0, lights: emptyLights(), byKind: KIND_ORDER.map((kind) => ({ kind, applicable: 0, lights: emptyLights() })) };
  const branches: BranchCompliance[] = [];
  for (const b of rows) {
    if (b.kind !== 'branch') continue;
    // What the judgement depends on: the 支委会, the branch's marks, its 党小组's marks.
    const groups = groupsOf.get(b.id);
    const key = `${b.committee ? 1 : 0}|${b.marks ?? ''}${groups ? groups.map((g) => `|${marksKey.get(g.id) ?? ''}`).join('') : ''}`;
    let j = judged.get(key);
    if (!j) judged.set(key, (j = judgeBranch(b)));
    branches.push({ unitId: b.id, name: b.name, path: b.path, light: j.light, kinds: j.kinds as KindCompliance[] });
    summary.branches += 1;
    summary.lights[j.light] += 1;
    j.kinds.forEach((k, i) => {
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
    // The branches come in path order (the org tree's); the sort is stable, so it stays so within each light.
    const list = q.light ? r.branches.filter((b) => b.light === q.light) : r.branches.slice().sort((a, b) => LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light]);
    const items = list.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((b) => {
      const { path: _p, ...rest } = r.withCells(b);
      return rest;
    });
    return { unit: r.unit, period: r.period, periodLabel: r.periodLabel, today: r.today, summary: r.summary, items, total: list.length, page: q.page, pageSize: q.pageSize };
  });
}
