// 发展党员 workflow over HTTP (RULES.md §2): the whole chain, each refusal named by its rule, exceptions by an authorised
// user (audited as their own action), 403 for others, 404 across tenants, nothing written on refusal, quota progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, rowCounts } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makePerson, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let branch: TestUnit;
let zuzhi: Agent; // 组织委员 on the 党委: development.manage + development.override
let zuzhiId: string;
let zhibu: Agent; // 支部书记 on the branch: development.manage only
let introducers: string[];
let probationaryIntroducer: string;

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { kind: 'committee' });
  branch = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'branch' });
  const zu = await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id, displayName: '组织委员甲' });
  zuzhiId = zu.userId;
  zuzhi = await loginActive(t.app, zu);
  zhibu = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: branch.id }));
  introducers = await Promise.all(['王介绍', '赵介绍'].map((name) => makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name, partyStatus: 'full', birthDate: '1980-01-01' })));
  probationaryIntroducer = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '钱预备', partyStatus: 'probationary', birthDate: '1995-01-01' });
});

afterAll(async () => {
  await t?.close();
});

type Body = Record<string, unknown>;

/** A record that keeps every §2 rule (dates before 2026-11-25, 公示 on the 2025/2026 calendar). */
const chain = (): Body[] => [
  { kind: 'application', on: '2024-01-08', documents: [{ title: '入党申请书', number: '' }] },
  { kind: 'talk', on: '2024-01-20', people: [introducers[0]] },
  { kind: 'activist', on: '2024-03-04', people: introducers },
  { kind: 'thought_report', on: '2024-06-01' },
  { kind: 'assessment', on: '2024-09-01' },
  { kind: 'candidate', on: '2025-03-10', publicity: { from: '2025-02-24', to: '2025-02-28' } },
  { kind: 'political_review', on: '2025-04-01' },
  { kind: 'training', on: '2025-04-10', training: { days: 3, hours: 24 } },
  { kind: 'pretrial', on: '2025-05-06', submittedOn: '2025-04-15' },
  { kind: 'admission_meeting', on: '2025-05-20', people: introducers, publicity: { from: '2025-05-06', to: '2025-05-12' } },
  { kind: 'admission_approval', on: '2025-06-16', documents: [{ title: '党委审批意见', number: '〔2025〕8号' }] },
  { kind: 'full_meeting', on: '2026-05-20', publicity: { from: '2026-05-11', to: '2026-05-15' } },
  { kind: 'full_approval', on: '2026-06-10' },
];
const stepIndex = (kind: string) => chain().findIndex((s) => s.kind === kind);
/** An 积极分子 since 2025-06-02, and a 发展对象 step nine months later: short of the year. */
const SHORT: Record<string, Body> = { activist: { on: '2025-06-02' }, thought_report: { on: '2025-09-01' }, assessment: { on: '2025-12-01' } };
const EARLY_CANDIDATE: Body = { kind: 'candidate', on: '2026-03-02', publicity: { from: '2026-02-09', to: '2026-02-13' } };

const post = (a: Agent, personId: string, body: Body) => a.post(`/api/development/people/${personId}/steps`, body);

/** A new person walked (by the 组织委员) through the chain up to, not including, `kind`, with `changes` to earlier steps. */
async function personBefore(kind: string, changes: Record<string, Body> = {}, birthDate = '2000-03-10'): Promise<string> {
  const id = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '孙发展', birthDate });
  for (const s of chain().slice(0, stepIndex(kind))) {
    const r = await post(zuzhi, id, { ...s, ...(changes[s.kind as string] ?? {}) });
    expect(r.statusCode, `${String(s.kind)}: ${r.body}`).toBe(200);
  }
  return id;
}

interface Refusal { statusCode: number; error: string; message: string; canOverride: boolean; violations: { code: string; rule: string; overridable: boolean; severity: string; message: { zh: string; en: string } }[] }

function expectRefused(r: { statusCode: number; json: <T>() => T; body: string }, code: string): Refusal {
  expect(r.statusCode, r.body).toBe(422);
  const body = r.json<Refusal>();
  expect(body.error).toBe('rule_violation');
  const v = body.violations.find((x) => x.code === code);
  expect(v, `${code} in ${r.body}`).toBeDefined();
  expect(v!.rule).toMatch(/^RULES\.md §2/);
  expect(v!.message.zh).not.toBe('');
  expect(body.message).toContain('不符合发展党员规定');
  return body;
}

describe('发展党员 chain (RULES.md §2)', () => {
  it('walks one person from 申请 to 正式党员, setting status and dates, with history and audit', async () => {
    const id = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '周全程', birthDate: '2000-03-10' });
    for (const s of chain()) {
      const r = await post(zhibu, id, s);
      expect(r.statusCode, `${String(s.kind)}: ${r.body}`).toBe(200);
    }
    const person = await asOwner(t.database, (tx) => tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    expect(person).toMatchObject({ party_status: 'full', applied_on: '2024-01-08', activist_on: '2024-03-04', candidate_on: '2025-03-10', party_joined_on: '2025-05-20', full_on: '2026-05-20' });
    const events = await asOwner(t.database, (tx) => tx.selectFrom('person_events').select('kind').where('person_id', '=', id).execute());
    expect(events).toHaveLength(chain().length);
    const audits = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select(['action', 'detail']).where('object_id', '=', id).orderBy('seq').execute());
    expect(audits.map((a) => a.action)).toEqual(chain().map(() => 'development.step'));
    expect(audits.at(-1)!.detail).toMatchObject({ kind: 'full_approval', from: 'probationary', to: 'full' });

    const rec = await zhibu.get(`/api/development/people/${id}`);
    expect(rec.statusCode).toBe(200);
    const body = rec.json<{ person: { status: string }; steps: { kind: string; people: { name: string }[] }[]; next: { suggested: string | null } }>();
    expect(body.person.status).toBe('full');
    expect(body.steps.map((s) => s.kind)).toEqual(chain().map((s) => s.kind));
    expect(body.steps.find((s) => s.kind === 'admission_meeting')!.people.map((p) => p.name).sort()).toEqual(['王介绍', '赵介绍'].sort());
    expect(body.next.suggested).toBeNull();
  });

  it('refuses an applicant under 18 (不满18周岁)', async () => {
    const id = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, birthDate: '2010-01-01' });
    expectRefused(await post(zhibu, id, { kind: 'application', on: '2026-01-10' }), 'under_age');
  });

  it('refuses a 发展对象 after less than a year as 积极分子', async () => {
    const id = await personBefore('candidate', SHORT);
    const body = expectRefused(await post(zhibu, id, EARLY_CANDIDATE), 'activist_period_short');
    // The branch secretary holds no override: the refusal says so.
    expect(body.canOverride).toBe(false);
  });

  it('refuses admission with training under 24 学时 and 3 days', async () => {
    const id = await personBefore('admission_meeting', { training: { training: { days: 2, hours: 16 } } });
    expectRefused(await post(zhibu, id, chain()[stepIndex('admission_meeting')]!), 'training_short');
  });

  it('refuses admission with fewer than 2 正式党员 introducers (a 预备党员 does not count)', async () => {
    const id = await personBefore('admission_meeting');
    const r = await post(zhibu, id, { ...chain()[stepIndex('admission_meeting')]!, people: [introducers[0], probationaryIntroducer] });
    expectRefused(r, 'introducers');
  });

  it('refuses a 党委 approval later than 3 months, and never lifts one later than 6', async () => {
    const id = await personBefore('admission_approval');
    expectRefused(await post(zhibu, id, { kind: 'admission_approval', on: '2025-09-25' }), 'approval_late');
    const r = await post(zuzhi, id, { kind: 'admission_approval', on: '2025-12-01', exception: { reason: '党委换届延误' } });
    const body = expectRefused(r, 'approval_too_late');
    expect(body.canOverride).toBe(false);
    expect(body.violations.find((v) => v.code === 'approval_too_late')!.overridable).toBe(false);
  });

  it('refuses 转正 before the 预备期 of one year is over', async () => {
    const id = await personBefore('full_meeting');
    expectRefused(await post(zhibu, id, { kind: 'full_meeting', on: '2026-03-10', publicity: { from: '2026-03-02', to: '2026-03-06' } }), 'probation_not_over');
  });

  it('refuses a step out of order', async () => {
    const id = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, birthDate: '2000-01-01' });
    expectRefused(await post(zhibu, id, { kind: 'training', on: '2025-01-10', training: { days: 3, hours: 24 } }), 'status_order');
  });

  it('a refused step writes nothing', async () => {
    const id = await personBefore('candidate', SHORT);
    const tables = ['development_steps', 'development_step_people', 'person_events', 'audit_log', 'people'] as const;
    const before = await rowCounts(t.database, tables);
    const person = await asOwner(t.database, (tx) => tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    expect((await post(zhibu, id, EARLY_CANDIDATE)).statusCode).toBe(422);
    expect((await post(zhibu, id, { ...EARLY_CANDIDATE, exception: { reason: '试图越权' } })).statusCode).toBe(403);
    expect(await rowCounts(t.database, tables)).toEqual(before);
    expect(await asOwner(t.database, (tx) => tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow())).toEqual(person);
  });
});

describe('exceptions (记录例外)', () => {
  it('lets the 组织委员 record an exception with a reason: stored with the step, audited as development.exception, in the timeline', async () => {
    const id = await personBefore('candidate', SHORT);
    const refused = expectRefused(await post(zuzhi, id, EARLY_CANDIDATE), 'activist_period_short');
    expect(refused.canOverride).toBe(true);
    const r = await post(zuzhi, id, { ...EARLY_CANDIDATE, exception: { reason: '上级党委同意提前确定（组发〔2025〕3号）' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ status: string; excepted: { code: string }[] }>()).toMatchObject({ status: 'candidate', excepted: [{ code: 'activist_period_short' }] });
    expect(r.json<{ excepted: unknown[] }>().excepted).toHaveLength(1);
    const audits = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select(['action', 'actor_id', 'detail']).where('object_id', '=', id).where('action', '=', 'development.exception').execute());
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: zuzhiId, detail: { kind: 'candidate', excepted: ['activist_period_short'], reason: '上级党委同意提前确定（组发〔2025〕3号）' } });
    const rec = (await zuzhi.get(`/api/development/people/${id}`)).json<{ steps: { kind: string; exception: { reason: string; byName: string } | null; violations: { code: string }[] }[] }>();
    const step = rec.steps.find((s) => s.kind === 'candidate')!;
    expect(step.exception).toEqual({ reason: '上级党委同意提前确定（组发〔2025〕3号）', byName: '组织委员甲' });
    expect(step.violations.map((v) => v.code)).toContain('activist_period_short');
  });

  it('an exception at the 支部大会 carries over to the 党委 approval', async () => {
    const id = await personBefore('admission_meeting', { training: { training: { days: 2, hours: 16 } } });
    const meeting = await post(zuzhi, id, { ...chain()[stepIndex('admission_meeting')]!, exception: { reason: '培训补课已完成' } });
    expect(meeting.statusCode, meeting.body).toBe(200);
    const approval = await post(zhibu, id, chain()[stepIndex('admission_approval')]!);
    expect(approval.statusCode, approval.body).toBe(200);
  });

  it('answers 403 to an exception from a user without development.override', async () => {
    const id = await personBefore('candidate', SHORT);
    const r = await post(zhibu, id, { ...EARLY_CANDIDATE, exception: { reason: '想提前' } });
    expect(r.statusCode).toBe(403);
  });

  it('answers 404 for a person of another tenant', async () => {
    const other = await makeTenant(t);
    const otherRoot = await makeUnit(t, other.tenantId, { kind: 'committee' });
    const otherAgent = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'organization_member', orgUnitId: otherRoot.id }));
    const id = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, birthDate: '2000-01-01' });
    expect((await post(otherAgent, id, { kind: 'application', on: '2026-01-10' })).statusCode).toBe(404);
    expect((await otherAgent.get(`/api/development/people/${id}`)).statusCode).toBe(404);
  });
});

describe('reminders, pipeline and quota', () => {
  it('shows the branch secretary a due talk and the person on the board', async () => {
    const id = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '吴待谈', birthDate: '2001-05-05' });
    expect((await post(zhibu, id, { kind: 'application', on: '2026-01-05' })).statusCode).toBe(200);
    const rem = (await zhibu.get('/api/development/reminders')).json<{ items: { personId: string; code: string; state: string; rule: string }[] }>();
    expect(rem.items.find((i) => i.personId === id)).toMatchObject({ code: 'talk', state: 'overdue', rule: expect.stringMatching(/^RULES\.md §2/) });
    const board = (await zhibu.get('/api/development/pipeline')).json<{ items: { id: string; status: string; nextStep: string }[] }>();
    expect(board.items.find((i) => i.id === id)).toMatchObject({ status: 'applicant', nextStep: 'talk' });
    expect(board.items.some((i) => i.id === introducers[0])).toBe(false);
  });

  it('derives quota progress from the people admitted as 预备党员 in the year, in the 党委 subtree', async () => {
    const year = 2025;
    const before = (await zuzhi.get(`/api/development/quotas?year=${year}`)).json<{ items: { orgUnitId: string; progress: number; quota: number | null }[] }>();
    const start = before.items.find((i) => i.orgUnitId === root.id)!.progress;
    const id = await personBefore('admission_approval');
    expect((await post(zuzhi, id, chain()[stepIndex('admission_approval')]!)).statusCode).toBe(200);
    expect((await zuzhi.put('/api/development/quotas', { orgUnitId: root.id, year, quota: 12 })).statusCode).toBe(200);
    const after = (await zuzhi.get(`/api/development/quotas?year=${year}`)).json<{ items: { orgUnitId: string; progress: number; quota: number | null; canEdit: boolean }[] }>();
    expect(after.items.find((i) => i.orgUnitId === root.id)).toMatchObject({ quota: 12, progress: start + 1, canEdit: true });
    // Only a 党委 takes a quota; a branch secretary cannot set one.
    expect((await zuzhi.put('/api/development/quotas', { orgUnitId: branch.id, year, quota: 3 })).statusCode).toBe(400);
    expect((await zhibu.put('/api/development/quotas', { orgUnitId: root.id, year, quota: 3 })).statusCode).toBe(404);
    const shuji = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'committee_secretary', orgUnitId: root.id }));
    expect((await shuji.put('/api/development/quotas', { orgUnitId: root.id, year, quota: 3 })).statusCode).toBe(403);
    expect((await shuji.get(`/api/development/quotas?year=${year}`)).json<{ items: { orgUnitId: string; canEdit: boolean }[] }>().items.find((i) => i.orgUnitId === root.id)!.canEdit).toBe(false);
  });
});
