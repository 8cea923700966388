// 党内统计 from the kept cells (migration 0050) agrees with counting the people one by one (RULES.md §1 members, the
// vocabulary's age bands), for past years and today, for every unit, after inserts, edits, 转正, archiving, moves of
// people and of a whole branch, an import-sized statement and deletes. Birth dates sit on the edges of the age bands
// on today's date and on 31 December, where counting by birth year alone would be wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { asOwner } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makePerson, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { addDays, addYears, type LegalDate } from '../../platform/dates/legal-date.js';
import { todayInChina } from '../org/clock.js';
import { AGE_BANDS, ageBandOf } from '../members/vocabulary.js';
import { statisticsDate, type Statistics } from './service.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let c1: TestUnit;
let c2: TestUnit;
let b1: TestUnit;
let b2: TestUnit;
let b3: TestUnit;
let whole: Agent;
let admin: Agent;
const today = todayInChina();
const thisYear = Number(today.slice(0, 4));
const YEARS = [thisYear - 2, thisYear - 1, thisYear];

/** A deterministic sequence, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Birth dates on both sides of every band edge, today and on 31 December of each year, and some ordinary ones. */
function birthDates(): LegalDate[] {
  const out: LegalDate[] = [];
  for (const b of AGE_BANDS) {
    if (b.max === null) continue;
    const edge = addYears(today, -(b.max + 1));
    out.push(addDays(edge, -1), edge, addDays(edge, 1));
    for (const y of YEARS) out.push(`${y - b.max - 1}-12-31`, `${y - b.max}-01-01`);
  }
  return out;
}

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  const tid = tenant.tenantId;
  root = await makeUnit(t, tid, { name: '集团党委' });
  c1 = await makeUnit(t, tid, { parentId: root.id, kind: 'committee', name: '一公司党委' });
  c2 = await makeUnit(t, tid, { parentId: root.id, kind: 'committee', name: '二公司党委' });
  b1 = await makeUnit(t, tid, { parentId: c1.id, kind: 'branch', name: '第一党支部' });
  b2 = await makeUnit(t, tid, { parentId: c1.id, kind: 'branch', name: '第二党支部' });
  b3 = await makeUnit(t, tid, { parentId: c2.id, kind: 'branch', name: '第三党支部' });
  const units = [b1, b2, b3, c1];
  const rand = rng(20261130);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const dayIn = (from: number, to: number): LegalDate => {
    const d = addDays(`${from}-01-01`, Math.floor(rand() * 365 * (to - from + 1)));
    return d > today ? today : d;
  };
  const births = birthDates();
  for (let i = 0; i < births.length * 2; i++) {
    const status = pick(['none', 'applicant', 'activist', 'candidate', 'probationary', 'full', 'full', 'full'] as const);
    const joined = status === 'probationary' || status === 'full' ? dayIn(thisYear - 30, thisYear) : null;
    const fullOn = status === 'full' && joined ? (addYears(joined, 1) > today ? today : addYears(joined, 1)) : null;
    await makePerson(t, tid, {
      orgUnitId: pick(units).id, name: `人员${i}`, gender: pick(['male', 'female'] as const), ethnicity: pick(['汉族', '汉族', '回族', '壮族']),
      education: pick(['大学本科', '硕士研究生', '大专', null]), birthDate: i < births.length ? births[i]! : pick([null, dayIn(1960, 2004)]),
      membership: pick(['normal', 'normal', 'mobile', 'retained'] as const), partyStatus: status,
      appliedOn: status === 'none' ? null : dayIn(thisYear - 3, thisYear), activistOn: status === 'activist' ? dayIn(thisYear - 2, thisYear) : null,
      candidateOn: status === 'candidate' ? dayIn(thisYear - 1, thisYear) : null, partyJoinedOn: joined, fullOn, archived: rand() < 0.1,
    });
  }
  whole = await loginActive(t.app, await makeUser(t, tid, { role: 'committee_secretary', orgUnitId: root.id }));
  admin = await loginActive(t.app, await makeUser(t, tid, { role: 'organization_member', orgUnitId: root.id }));
});

afterAll(async () => {
  await t?.close();
});

interface PersonRow {
  org_path: string; party_status: string; party_joined_on: string | null; full_on: string | null; archived_at: Date | null; gender: string;
  ethnicity: string; education: string | null; birth_date: string | null; membership: string; applied_on: string | null; activist_on: string | null; candidate_on: string | null;
}

/** The statistics counted person by person with the rules' own functions: what the cells must reproduce. */
async function expected(unitPath: string, year: number): Promise<Record<string, Record<string, number[]>>> {
  const asOf = statisticsDate(year, today);
  const dayEnd = new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);
  const { rows } = await asOwner(t.database, (tx) => sql<PersonRow>`select org_path, party_status, to_char(party_joined_on, 'YYYY-MM-DD') as party_joined_on,
    to_char(full_on, 'YYYY-MM-DD') as full_on, archived_at, gender, ethnicity, education, to_char(birth_date, 'YYYY-MM-DD') as birth_date, membership,
    to_char(applied_on, 'YYYY-MM-DD') as applied_on, to_char(activist_on, 'YYYY-MM-DD') as activist_on, to_char(candidate_on, 'YYYY-MM-DD') as candidate_on
    from people where tenant_id = ${tenant.tenantId}`.execute(tx));
  const out: Record<string, Record<string, number[]>> = { gender: {}, age: {}, ethnicity_group: {}, ethnicity: {}, education: {}, membership: {}, development: {} };
  const add = (table: string, key: string, cls: 'full' | 'probationary') => {
    const v = (out[table]![key] ??= [0, 0, 0]);
    v[0]! += 1;
    v[cls === 'full' ? 1 : 2]! += 1;
  };
  const dev = { applications: 0, activists: 0, candidates: 0, admitted: 0, turned_full: 0 };
  const inYear = (d: string | null) => d !== null && d >= `${year}-01-01` && d <= asOf;
  for (const p of rows) {
    if (!p.org_path.startsWith(unitPath)) continue;
    if (p.archived_at !== null && new Date(p.archived_at) < dayEnd) continue;
    if (inYear(p.applied_on)) dev.applications++;
    if (inYear(p.activist_on)) dev.activists++;
    if (inYear(p.candidate_on)) dev.candidates++;
    if (inYear(p.party_joined_on)) dev.admitted++;
    if (inYear(p.full_on)) dev.turned_full++;
    if (!(p.party_status === 'probationary' || p.party_status === 'full') || p.party_joined_on === null || p.party_joined_on > asOf) continue;
    const cls = p.party_status === 'full' && (p.full_on === null || p.full_on <= asOf) ? 'full' : 'probationary';
    add('gender', p.gender, cls);
    add('age', p.birth_date === null ? '' : ageBandOf(p.birth_date, asOf), cls);
    add('ethnicity_group', p.ethnicity === '汉族' ? 'han' : 'minority', cls);
    if (p.ethnicity !== '汉族') add('ethnicity', p.ethnicity, cls);
    add('education', p.education ?? '', cls);
    if (p.membership !== 'normal') add('membership', p.membership, cls);
  }
  out.development = Object.fromEntries(Object.entries(dev).map(([k, n]) => [k, [n]]));
  return out;
}

/** The service's tables, rows of zeros left out (the report shows every label). */
async function actual(unitId: string, year: number): Promise<Record<string, Record<string, number[]>>> {
  const r = await whole.get(`/api/stats?unitId=${unitId}&year=${year}`);
  expect(r.statusCode, r.body).toBe(200);
  const s = r.json<Statistics>();
  const rowsOf = (key: string, keepZeros = false) => Object.fromEntries(s.tables.find((x) => x.key === key)!.rows.filter((x) => keepZeros || x.values.some((v) => v !== 0)).map((x) => [x.key, x.values]));
  const keys = ['gender', 'age', 'ethnicity_group', 'ethnicity', 'education', 'membership'];
  return { ...Object.fromEntries(keys.map((k) => [k, rowsOf(k)])), development: rowsOf('development', true) };
}

async function agreeEverywhere(): Promise<void> {
  for (const unit of [root, c1, c2, b1, b2, b3]) {
    const path = (await asOwner(t.database, (tx) => tx.selectFrom('org_units').select('path').where('id', '=', unit.id).executeTakeFirstOrThrow())).path;
    for (const year of YEARS) expect(await actual(unit.id, year), `${unit.id} ${year}`).toEqual(await expected(path, year));
  }
}

describe('党内统计 from the kept cells', () => {
  it('agrees with counting person by person, for every unit, past years and today', async () => {
    const s = await actual(root.id, thisYear);
    // The fixture is not empty where it matters: members in several age bands, development this year.
    expect(Object.keys(s.age ?? {}).length).toBeGreaterThan(4);
    await agreeEverywhere();
  });

  it('still agrees after 转正, archiving, edits, moves of people and of a branch, a bulk insert and deletes', async () => {
    const tid = tenant.tenantId;
    await asOwner(t.database, async (tx) => {
      await sql`update people set party_status = 'full', full_on = ${today}::date where tenant_id = ${tid} and party_status = 'probationary' and party_joined_on <= ${addYears(today, -1)}::date`.execute(tx);
      await sql`update people set archived_at = now(), archived_reason = 'left' where tenant_id = ${tid} and name in ('人员3', '人员4', '人员5')`.execute(tx);
      await sql`update people set archived_at = ${`${thisYear - 1}-06-30T12:00:00+08:00`}::timestamptz, archived_reason = 'left' where tenant_id = ${tid} and name in ('人员6', '人员7')`.execute(tx);
      await sql`update people set education = '博士研究生', gender = case gender when 'male' then 'female' else 'male' end, ethnicity = '藏族' where tenant_id = ${tid} and name in ('人员8', '人员9', '人员10')`.execute(tx);
      await sql`update people set org_unit_id = ${b3.id} where tenant_id = ${tid} and name in ('人员11', '人员12', '人员13', '人员14')`.execute(tx);
      await sql`update people set name = name || '（改）' where tenant_id = ${tid} and name = '人员15'`.execute(tx);
    });
    await agreeEverywhere();

    // A branch moves to the other committee with its people (the org service updates every path below it).
    const r = await admin.post(`/api/org/units/${b2.id}/move`, { parentId: c2.id });
    expect(r.statusCode, r.body).toBe(200);
    await agreeEverywhere();

    // One statement inserting many people, as an import chunk does, and deletes (a rolled-back import's rows).
    await asOwner(t.database, async (tx) => {
      await sql`insert into people (id, tenant_id, org_unit_id, name, gender, ethnicity, birth_date, party_status, party_joined_on, full_on, applied_on)
        select gen_random_uuid(), ${tid}::uuid, ${b1.id}::uuid, '批量' || g, case when g % 2 = 0 then 'male' else 'female' end, '汉族',
          ${addYears(today, -31)}::date + (g % 3 - 1), case when g % 3 = 0 then 'full' else 'probationary' end, date '2020-07-01' + g,
          case when g % 3 = 0 then date '2021-07-01' + g end, ${`${thisYear}-01-02`}::date
        from generate_series(1, 60) g`.execute(tx);
      await sql`delete from people where tenant_id = ${tid} and name in ('批量1', '批量2', '批量3')`.execute(tx);
    });
    await agreeEverywhere();
  });

  it('keeps no cell another tenant can read, and lets the application role only read them', async () => {
    const other = await makeTenant(t);
    const visible = await t.database.db.transaction().execute(async (tx) => {
      await sql`select set_config('zg.tenant_id', ${other.tenantId}, true)`.execute(tx);
      await sql`set local role zg_app`.execute(tx);
      return (await sql<{ n: number }>`select count(*)::int as n from people_stat_cells`.execute(tx)).rows[0]!.n;
    });
    expect(visible).toBe(0);
    await expect(t.database.db.transaction().execute(async (tx) => {
      await sql`set local role zg_app`.execute(tx);
      await sql`delete from people_stat_cells`.execute(tx);
    })).rejects.toThrow(/permission denied/);
  });
});
