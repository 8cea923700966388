import { sql } from 'kysely';
import type { Tx } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { addDays, type LegalDate } from '../../platform/dates/legal-date.js';
import { AGE_BANDS, bandOfAge, birthRangeOfBand } from '../members/vocabulary.js';

/**
 * The counts behind 党内统计, read from `people_stat_cells` (migration 0050, decision 0042): for an org unit, the people
 * below it by one dimension at a time, keyed by status and the years of 入党, 转正 and archiving, plus the same cells
 * computed on the spot for the people of the unit itself. Which cells count on the
 * statistics date of a year is decided by years alone (no recorded date is later than the day it was recorded), except
 * ages on a day other than 31 December: see `ageBands`.
 */

export type MemberClass = 'full' | 'probationary';
export interface MemberCell { key: string; cls: MemberClass; n: number }
export interface MemberCells { gender: MemberCell[]; ethnicity: MemberCell[]; education: MemberCell[]; age: MemberCell[]; membership: MemberCell[] }
export interface DevCounts { applications: number; activists: number; candidates: number; admitted: number; turned_full: number }

const DEV_DIMS: Record<string, keyof DevCounts> = { applied: 'applications', activist: 'activists', candidate: 'candidates', joined: 'admitted', full: 'turned_full' };

/**
 * The unit's counts for the statistics date of `year` (31 December, or today: the same cells): the kept cells of the
 * people below it, and the cells of its own people made on the spot by the migration's own function. A member on that day:
 * status 预备 or 正式, joined in the year or before, not archived before the next year; 正式 once 转正 is in the year or
 * before. Ages are by birth year as on 31 December (age = year − birth year); `ageBands` moves the edges for another day.
 */
export async function subtreeCells(tx: Tx, unitId: string, year: number): Promise<{ members: MemberCells; dev: DevCounts }> {
  const { rows } = await sql<{ dim: string; val: string; cls: MemberClass | null; n: number }>`
    select dim, val, case when status = '' then null when status = 'full' and (full_y = 0 or full_y <= ${year}) then 'full' else 'probationary' end as cls,
      sum(n)::int as n
    from (
      select dim, val, status, joined_y, full_y, archived_y, n from people_stat_cells where unit_id = ${unitId}
      union all
      select dim, val, status, joined_y, full_y, archived_y, sign from zg_people_stat_rows(
        array(select zg_people_stat_fact(p) from people p where p.org_unit_id = ${unitId}), '{}')
    ) c
    where (archived_y = 0 or archived_y > ${year})
      and ((status <> '' and joined_y <= ${year}) or (status = '' and val = ${String(year)}))
    group by 1, 2, 3`.execute(tx);
  const members: MemberCells = { gender: [], ethnicity: [], education: [], age: [], membership: [] };
  const dev: DevCounts = { applications: 0, activists: 0, candidates: 0, admitted: 0, turned_full: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    if (n === 0) continue;
    const devKey = DEV_DIMS[r.dim];
    if (r.cls === null) {
      if (devKey) dev[devKey] += n;
      continue;
    }
    if (r.dim === 'birth_year') members.age.push({ key: r.val === '' ? '' : bandOfAge(year - Number(r.val)), cls: r.cls, n });
    else if (r.dim === 'gender' || r.dim === 'ethnicity' || r.dim === 'education' || r.dim === 'membership') members[r.dim].push({ key: r.val, cls: r.cls, n });
  }
  return { members, dev };
}

/**
 * Age bands on `asOf`. By birth year, someone born in year b is `asOf`'s year − b on 31 December; on an earlier day,
 * those born after the day's date in b are a year younger. That matters only where the two ages fall in different
 * bands: for each band's upper edge, the birth year whose people straddle it. Those few (seven birth years, about half of
 * each: some 8 % of the members) are counted from `people` through the subtree's index and moved to the younger band.
 */
export async function ageBands(tx: Tx, path: string, asOf: LegalDate, byYear: MemberCell[]): Promise<MemberCell[]> {
  const edges = AGE_BANDS.filter((b) => b.max !== null).map((b) => {
    // Born after `after` (in year b): age b.max on asOf, not b.max + 1 as the birth year says.
    const after = birthRangeOfBand(b.key, asOf).bornAfter!;
    return { younger: b.key as string, older: bandOfAge(b.max! + 1), after, yearEnd: `${after.slice(0, 4)}-12-31` as LegalDate };
  }).filter((e) => e.after < e.yearEnd);
  if (edges.length === 0) return byYear;
  const dayEnd = new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);
  const edgeOf = sql.join(edges.map((e, i) => sql`when birth_date > ${e.after}::date and birth_date <= ${e.yearEnd}::date then ${i}`), sql` `);
  const { rows } = await sql<{ edge: number; cls: MemberClass; n: number }>`
    select edge, cls, count(*)::int as n from (
      select case ${edgeOf} end as edge,
        case when party_status = 'full' and (full_on is null or full_on <= ${asOf}::date) then 'full' else 'probationary' end as cls
      from people
      where ${subtreeRange('org_path', path)} and party_status in ('probationary', 'full') and party_joined_on <= ${asOf}::date
        and (archived_at is null or archived_at >= ${dayEnd})
        and (${sql.join(edges.map((e) => sql`(birth_date > ${e.after}::date and birth_date <= ${e.yearEnd}::date)`), sql` or `)})
    ) s where edge is not null group by 1, 2`.execute(tx);
  const out = [...byYear];
  for (const r of rows) {
    const e = edges[Number(r.edge)]!;
    const n = Number(r.n);
    out.push({ key: e.older, cls: r.cls, n: -n }, { key: e.younger, cls: r.cls, n });
  }
  return out;
}
