import type { Kysely } from 'kysely';
import type { DB, OrgKind } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { badField, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { addDays, type LegalDate } from '../../platform/dates/legal-date.js';
import { AGE_BANDS, EDUCATION_LEVELS, ETHNICITIES } from '../members/vocabulary.js';
import { ageBands, subtreeCells, type DevCounts, type MemberCell, type MemberCells } from './cells.js';
import { ORG_KIND_NAMES } from '../org/rules.js';
import { todayInChina } from '../org/clock.js';

/**
 * 党内统计 (annual party statistics) of an org subtree, derived from the records — never typed in. As of 31 December of
 * the year, or today for the current year. A member on that day is someone admitted (入党日期) by then and not archived
 * by then; 正式 once 转正 is on or before it. Read from the subtree's counts kept with the records (`cells.ts`,
 * migration 0050): a few thousand rows whether the subtree holds fifty people or a million.
 */

export interface StatRow {
  key: string;
  label: Msg;
  /** Values in the order of the table's columns. */
  values: number[];
}

export interface StatTable {
  key: 'status' | 'gender' | 'age' | 'ethnicity_group' | 'ethnicity' | 'education' | 'development' | 'membership' | 'org_units';
  title: Msg;
  columns: { key: string; label: Msg }[];
  rows: StatRow[];
}

export interface Statistics {
  unit: { id: string; name: string; kind: OrgKind };
  year: number;
  asOf: LegalDate;
  summary: { members: number; full: number; probationary: number; female: number; minority: number; newMembers: number; orgUnits: number };
  tables: StatTable[];
}

const MEMBER_COLUMNS = [
  { key: 'total', label: { zh: '党员总数', en: 'Members' } },
  { key: 'full', label: { zh: '正式党员', en: 'Full' } },
  { key: 'probationary', label: { zh: '预备党员', en: 'Probationary' } },
];
const COUNT_COLUMN = [{ key: 'count', label: { zh: '数量', en: 'Count' } }];
const UNKNOWN: Msg = { zh: '未填写', en: 'Not recorded' };
const ORG_KINDS: readonly OrgKind[] = ['group_committee', 'committee', 'general_branch', 'branch', 'party_group'];

const EDUCATION_EN: Record<string, string> = {
  初中及以下: 'Junior high or below', 高中: 'Senior high', 中专: 'Secondary vocational', 大专: 'Junior college', 大学本科: 'Bachelor', 硕士研究生: 'Master', 博士研究生: 'Doctorate',
};

/** The statistics date of a year: 31 December, or today while the year runs. */
export function statisticsDate(year: number, today: LegalDate): LegalDate {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

export async function buildStatistics(db: Kysely<DB>, actor: Actor, q: { unitId: string; year: number }): Promise<Statistics> {
  const today = todayInChina();
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(q.year) || q.year < 1921 || q.year > thisYear) {
    throw badField('year', { zh: `统计年度应在1921年至${thisYear}年之间`, en: `The year must be between 1921 and ${thisYear}` });
  }
  const asOf = statisticsDate(q.year, today);
  // Archived on a later day: still a member on the statistics date. archived_at is a moment; the day ends in China.
  const dayEnd = new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);

  return withTenant(db, txContext(actor), async (tx) => {
    const unit = await tx.selectFrom('org_units').select(['id', 'name', 'kind', 'path']).where('id', '=', q.unitId).where('dissolved_at', 'is', null).executeTakeFirst();
    if (!unit || !can(actor, 'stats.read', unit.path)) throw notFound({ zh: '组织', en: 'Org unit' });
    // One after another: a transaction is one connection.
    const { members, dev } = await subtreeCells(tx, unit.id, q.year);
    members.age = await ageBands(tx, unit.path, asOf, members.age);
    const units = await orgUnits(tx, unit.path, dayEnd);
    return assemble({ id: unit.id, name: unit.name, kind: unit.kind }, q.year, asOf, members, dev, units);
  });
}

async function orgUnits(tx: Tx, path: string, dayEnd: Date): Promise<Map<OrgKind, number>> {
  const rows = await tx.selectFrom('org_units').select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    // No created_at condition: units are entered when the system is set up, long after they were founded.
    .where(subtreeRange('path', path))
    .where((eb) => eb.or([eb('dissolved_at', 'is', null), eb('dissolved_at', '>=', dayEnd)])).groupBy('kind').execute();
  return new Map(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Member counts by one dimension's values, as rows in a fixed order (every label shown, zeros included). */
function memberTable(cells: MemberCell[], order: { key: string; label: Msg }[], extraUnknown = true): StatRow[] {
  const sums = new Map<string, [number, number, number]>();
  for (const c of cells) {
    const s = sums.get(c.key) ?? [0, 0, 0];
    s[0] += c.n;
    if (c.cls === 'full') s[1] += c.n;
    else s[2] += c.n;
    sums.set(c.key, s);
  }
  const rows = order.map((o) => ({ key: o.key, label: o.label, values: [...(sums.get(o.key) ?? [0, 0, 0])] }));
  const known = new Set(order.map((o) => o.key));
  const rest: [number, number, number] = [0, 0, 0];
  for (const [k, s] of sums) if (!known.has(k)) for (let i = 0; i < 3; i++) rest[i as 0 | 1 | 2] += s[i as 0 | 1 | 2];
  if (extraUnknown && rest[0] > 0) rows.push({ key: '', label: UNKNOWN, values: rest });
  return rows;
}

function assemble(unit: Statistics['unit'], year: number, asOf: LegalDate, m: MemberCells, dev: DevCounts, units: Map<OrgKind, number>): Statistics {
  // Every member has exactly one gender: the gender cells are the members.
  const sum = (cells: MemberCell[], f: (c: MemberCell) => boolean) => cells.reduce((n, c) => (f(c) ? n + c.n : n), 0);
  const members = sum(m.gender, () => true);
  const full = sum(m.gender, (c) => c.cls === 'full');
  const female = sum(m.gender, (c) => c.key === 'female');
  const minority = sum(m.ethnicity, (c) => c.key !== '汉族');
  const statusRow = (key: string, label: Msg, n: number): StatRow => ({ key, label, values: [n] });
  const tables: StatTable[] = [
    {
      key: 'status', title: { zh: '党员人数', en: 'Members' }, columns: COUNT_COLUMN,
      rows: [
        statusRow('total', { zh: '党员总数', en: 'All members' }, members),
        statusRow('full', { zh: '正式党员', en: 'Full members' }, full),
        statusRow('probationary', { zh: '预备党员', en: 'Probationary members' }, members - full),
      ],
    },
    {
      key: 'gender', title: { zh: '性别', en: 'Gender' }, columns: MEMBER_COLUMNS,
      rows: memberTable(m.gender, [{ key: 'male', label: { zh: '男', en: 'Male' } }, { key: 'female', label: { zh: '女', en: 'Female' } }]),
    },
    {
      key: 'age', title: { zh: '年龄', en: 'Age' }, columns: MEMBER_COLUMNS,
      rows: memberTable(m.age, AGE_BANDS.map((b) => ({ key: b.key, label: { zh: b.zh, en: b.en } }))),
    },
    {
      key: 'ethnicity_group', title: { zh: '民族（汉族/少数民族）', en: 'Ethnicity (Han / minorities)' }, columns: MEMBER_COLUMNS,
      rows: memberTable(m.ethnicity.map((c) => ({ ...c, key: c.key === '汉族' ? 'han' : 'minority' })), [{ key: 'han', label: { zh: '汉族', en: 'Han' } }, { key: 'minority', label: { zh: '少数民族', en: 'Ethnic minorities' } }]),
    },
    {
      key: 'ethnicity', title: { zh: '少数民族（分民族）', en: 'Ethnic minorities by group' }, columns: MEMBER_COLUMNS,
      // Only groups with members: 55 rows of zeros say nothing.
      rows: memberTable(m.ethnicity.filter((c) => c.key !== '汉族'), ETHNICITIES.filter((e) => e !== '汉族').map((e) => ({ key: e, label: { zh: e, en: e } }))).filter((r) => r.values[0]! > 0),
    },
    {
      key: 'education', title: { zh: '学历', en: 'Education' }, columns: MEMBER_COLUMNS,
      rows: memberTable(m.education, EDUCATION_LEVELS.map((e) => ({ key: e, label: { zh: e, en: EDUCATION_EN[e] ?? e } }))),
    },
    {
      key: 'development', title: { zh: `${year}年发展党员情况`, en: `Development in ${year}` }, columns: COUNT_COLUMN,
      rows: [
        { key: 'applications', label: { zh: '递交入党申请书', en: 'Applications' }, values: [dev.applications] },
        { key: 'activists', label: { zh: '确定入党积极分子', en: 'New activists' }, values: [dev.activists] },
        { key: 'candidates', label: { zh: '确定发展对象', en: 'New candidates' }, values: [dev.candidates] },
        { key: 'admitted', label: { zh: '发展预备党员', en: 'Admitted as probationary members' }, values: [dev.admitted] },
        { key: 'turned_full', label: { zh: '预备党员转正', en: 'Became full members' }, values: [dev.turned_full] },
      ],
    },
    {
      key: 'membership', title: { zh: '流动党员和组织关系保留（当前状态）', en: 'Mobile members and retained membership (current)' }, columns: MEMBER_COLUMNS,
      rows: memberTable(m.membership.filter((c) => c.key !== 'normal'), [{ key: 'mobile', label: { zh: '流动党员', en: 'Mobile members' } }, { key: 'retained', label: { zh: '组织关系保留', en: 'Membership retained' } }], false),
    },
    {
      key: 'org_units', title: { zh: '党组织', en: 'Party organisations' }, columns: COUNT_COLUMN,
      rows: ORG_KINDS.map((k) => ({ key: k, label: ORG_KIND_NAMES[k], values: [units.get(k) ?? 0] })),
    },
  ];
  return {
    unit, year, asOf,
    summary: { members, full, probationary: members - full, female, minority, newMembers: dev.admitted, orgUnits: [...units.values()].reduce((a, b) => a + b, 0) },
    tables,
  };
}
