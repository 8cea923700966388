// 民主评议党员 (../shared/domain/RULES.md §5): self-assessment, anonymous peer ratings (优秀/合格/基本合格/不合格), the
// committee's opinion and the final grade; aggregates only from 5 ratings and only after rating closed (privacy: a
// minimum group of 5). Anonymity is checked below the API: no table, no audit record and no export links a rater to
// a rating.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { asOwner, rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant } from '../../testing/factories.js';
import { readWorkbook } from '../../platform/office/xlsx.js';
import { linkPerson, makeBranch, memberAgent, type TestBranch } from '../meetings/testing.js';

interface Round {
  id: string; status: string; raterCount: number;
  participants: { personId: string; name: string; aggregate?: { ratings: number | null; distribution: Record<string, number> | null; shown: boolean }; finalGrade?: string | null }[];
  me: { rated: boolean; finalGrade: string | null; aggregate: { shown: boolean; distribution: Record<string, number> | null } | null } | null;
  abilities: Record<string, boolean>;
}

let t: TestApp;
let tenant: TestTenant;
let branch: TestBranch;
let people: string[];
let secretary: Agent;
const members: Agent[] = [];
let round: Round;

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  const root = await makeUnit(t, tenant.tenantId);
  branch = await makeBranch(t, tenant.tenantId, root.id, { full: 6, probationary: 1 });
  people = [...branch.full, ...branch.probationary];
  const secUser = await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: branch.unit.id });
  await linkPerson(t, tenant.tenantId, secUser.userId, people[0]!);
  secretary = await loginActive(t.app, secUser);
  members.push(secretary);
  // Seven accounts signed in (argon2 twice each): slow on a busy 2-core machine.
  const agents = await Promise.all(people.slice(1).map((p) => memberAgent(t, tenant.tenantId, p)));
  members.push(...agents.map((a) => a.agent));
}, 300_000);

afterAll(async () => {
  await t?.close();
});

const sheetFor = (rater: string, grade = 'qualified') => ({ ratings: people.filter((p) => p !== rater).map((personId, i) => ({ personId, grade: i === 0 ? 'excellent' : grade })) });

describe('a round', () => {
  it('is opened by the branch for its party members, who are told', async () => {
    const r = await secretary.post('/api/evaluation/rounds', { orgUnitId: branch.unit.id, year: 2026 });
    expect(r.statusCode, r.body).toBe(200);
    round = r.json<Round>();
    expect(round.participants).toHaveLength(7);
    expect((await secretary.post('/api/evaluation/rounds', { orgUnitId: branch.unit.id, year: 2026 })).statusCode).toBe(409);
    const inbox = (await members[3]!.get('/api/notifications')).json<{ items: { kind: string }[] }>();
    expect(inbox.items.map((i) => i.kind)).toContain('evaluation.open');
  });

  it('takes self-assessments and one complete rating sheet per member; bad sheets change nothing', async () => {
    expect((await members[1]!.put(`/api/evaluation/rounds/${round.id}/self`, { text: '认真学习，履行党员义务。' })).statusCode).toBe(200);
    const before = await rowCounts(t.database, [...WRITE_TABLES, 'evaluation_tallies', 'evaluation_raters']);
    const incomplete = await members[1]!.post(`/api/evaluation/rounds/${round.id}/ratings`, { ratings: [{ personId: people[2], grade: 'excellent' }] });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json()).toMatchObject({ field: 'ratings' });
    const self = await members[1]!.post(`/api/evaluation/rounds/${round.id}/ratings`, { ratings: people.map((personId) => ({ personId, grade: 'qualified' })) });
    expect(self.statusCode).toBe(400);
    expect(await rowCounts(t.database, [...WRITE_TABLES, 'evaluation_tallies', 'evaluation_raters'])).toEqual(before);
    // Five of the seven rate: those five get 4 ratings each, the other two 5 each.
    for (let i = 0; i < 5; i++) {
      const r = await members[i]!.post(`/api/evaluation/rounds/${round.id}/ratings`, sheetFor(people[i]!, i === 4 ? 'basic' : 'qualified'));
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json<Round>().me?.rated).toBe(true);
    }
    expect((await members[0]!.post(`/api/evaluation/rounds/${round.id}/ratings`, sheetFor(people[0]!))).statusCode).toBe(409);
  });

  it('shows no result, not even a count, while rating is open', async () => {
    const r = (await secretary.get(`/api/evaluation/rounds/${round.id}`)).json<Round>();
    expect(r.raterCount).toBe(5);
    expect(r.participants.every((p) => p.aggregate?.shown === false && p.aggregate.ratings === null)).toBe(true);
    // A member sees whom to rate, not the others' results or self-assessments.
    const m = (await members[2]!.get(`/api/evaluation/rounds/${round.id}`)).json<Round & { participants: Record<string, unknown>[] }>();
    expect(m.participants.every((p) => !('aggregate' in p) && !('selfAssessment' in p))).toBe(true);
  });

  it('after rating closes, shows a member’s distribution only with at least 5 ratings', async () => {
    expect((await members[1]!.post(`/api/evaluation/rounds/${round.id}/close-rating`)).statusCode).toBe(403);
    const r = (await secretary.post(`/api/evaluation/rounds/${round.id}/close-rating`)).json<Round>();
    const agg = new Map(r.participants.map((p) => [p.personId, p.aggregate!]));
    for (const p of people.slice(0, 5)) expect(agg.get(p)).toEqual({ ratings: null, distribution: null, shown: false });
    for (const p of people.slice(5)) {
      expect(agg.get(p)?.shown).toBe(true);
      expect(agg.get(p)?.ratings).toBe(5);
    }
    expect(Object.values(agg.get(people[6]!)!.distribution!).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('records the committee’s opinion and grade, closes, and tells each member their own grade', async () => {
    for (const p of people) {
      const r = await secretary.put(`/api/evaluation/rounds/${round.id}/participants/${p}`, { committeeOpinion: '能够发挥党员先锋模范作用。', finalGrade: p === people[6] ? 'excellent' : 'qualified' });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await secretary.post(`/api/evaluation/rounds/${round.id}/close`)).json<Round>().status).toBe('closed');
    const mine = (await members[6]!.get(`/api/evaluation/rounds/${round.id}`)).json<Round>();
    expect(mine.me).toMatchObject({ finalGrade: 'excellent', aggregate: { shown: true } });
    const other = (await members[1]!.get(`/api/evaluation/rounds/${round.id}`)).json<Round>();
    expect(other.me?.aggregate).toMatchObject({ shown: false, distribution: null });
  });
});

describe('anonymity below the API', () => {
  it('keeps no rater next to a rating in any table: counters without rater or time, a has-rated marker without time', async () => {
    const columns = await asOwner(t.database, async (tx) => {
      const { rows } = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name in ('evaluation_tallies', 'evaluation_raters')
        order by table_name, ordinal_position`.execute(tx);
      return rows;
    });
    expect(columns.filter((c) => c.table_name === 'evaluation_tallies').map((c) => c.column_name)).toEqual(['tenant_id', 'round_id', 'subject_person_id', 'grade', 'votes']);
    expect(columns.filter((c) => c.table_name === 'evaluation_raters').map((c) => c.column_name)).toEqual(['tenant_id', 'round_id', 'rater_person_id']);
    // No other evaluation table holds a peer grade: the only 'grade' columns are the counters' and the committee's
    // final grade. (Exams have grades of their own — exam_gradings — which are not peer ratings.)
    const gradeColumns = await asOwner(t.database, async (tx) => (await sql<{ t: string; c: string }>`
      select table_name as t, column_name as c from information_schema.columns
      where table_schema = 'public' and column_name like '%grade%' and table_name not like 'exam%' order by 1, 2`.execute(tx)).rows);
    expect(gradeColumns).toEqual([{ t: 'evaluation_participants', c: 'final_grade' }, { t: 'evaluation_tallies', c: 'grade' }]);
    const tallies = await asOwner(t.database, (tx) => tx.selectFrom('evaluation_tallies').selectAll().where('round_id', '=', round.id).execute());
    expect(tallies.reduce((s, x) => s + x.votes, 0)).toBe(5 * 6);
  });

  it('writes audit records of rating that name the rater and the round only: no subject, no grade', async () => {
    const recs = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.tenantId).where('action', '=', 'evaluation.rate').execute());
    expect(recs).toHaveLength(5);
    for (const r of recs) {
      const text = JSON.stringify(r.detail);
      for (const p of people) expect(text).not.toContain(p);
      for (const g of ['excellent', 'qualified', 'basic', 'unqualified', '优秀', '合格']) expect(text).not.toContain(g);
      expect(r.object_id).toBe(round.id);
    }
    // Nor does any other record mention a grade given by a peer (the committee's decisions are not peer ratings).
    const all = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select(['action', 'detail']).where('tenant_id', '=', tenant.tenantId).where('action', 'like', 'evaluation.%').where('action', '!=', 'evaluation.decide').execute());
    expect(JSON.stringify(all)).not.toMatch(/excellent|qualified|basic|unqualified/);
  });

  it('exports results without raters', async () => {
    const res = await secretary.get(`/api/evaluation/rounds/${round.id}/results.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const sheet = await readWorkbook(res.rawPayload);
    expect(sheet.headers).toEqual(['姓名', '个人自评', '互评优秀', '互评合格', '互评基本合格', '互评不合格', '互评票数', '支部委员会意见', '评定等次']);
    expect(sheet.rows).toHaveLength(7);
    const hidden = sheet.rows.filter((r) => r.cells[6] === '不足5票');
    expect(hidden).toHaveLength(5);
    expect((await members[1]!.get(`/api/evaluation/rounds/${round.id}/results.xlsx`)).statusCode).toBe(403);
  });

  it('answers 404 to another tenant and to a member of another branch', async () => {
    const other = await makeTenant(t);
    const foreign = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'branch_secretary' }));
    expect((await foreign.get(`/api/evaluation/rounds/${round.id}`)).statusCode).toBe(404);
    const root2 = await makeUnit(t, tenant.tenantId);
    const b2 = await makeBranch(t, tenant.tenantId, root2.id, { full: 3, probationary: 0, committee: false });
    const outsider = (await memberAgent(t, tenant.tenantId, b2.full[0]!)).agent;
    expect((await outsider.get(`/api/evaluation/rounds/${round.id}`)).statusCode).toBe(404);
  });
});
