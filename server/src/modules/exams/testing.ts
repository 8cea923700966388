/** Test helpers of the learning modules: learners (a person record with a linked account, signed in) and a small bank. */
import { randomUUID } from 'node:crypto';
import { withTenant } from '../../platform/db/tenancy.js';
import type { TestApp } from '../../testing/app.js';
import { loginActive, makePerson, makeUnit, makeUser, type Agent, type PersonOptions, type TestTenant, type TestUnit, type TestUser } from '../../testing/factories.js';
import type { AuditCase } from '../members/testing.js';

export interface Learner { personId: string; user: TestUser; agent: Agent }

/** A person in `orgUnitId` with an account linked to the record, signed in. */
export async function makeLearner(t: TestApp, tenantId: string, orgUnitId: string, opts: Partial<PersonOptions> & { role?: string | string[]; name?: string } = {}): Promise<Learner> {
  const personId = await makePerson(t, tenantId, { orgUnitId, partyStatus: 'full', ...opts });
  const user = await makeUser(t, tenantId, { role: opts.role ?? 'party_member', orgUnitId, displayName: opts.name ?? '学员' });
  await withTenant(t.database.db, { tenantId, actorId: null, actorName: 'test', sourceIp: '' }, (tx) => tx.updateTable('users').set({ person_id: personId }).where('id', '=', user.userId).execute());
  return { personId, user, agent: await loginActive(t.app, user) };
}

type Json = Record<string, unknown>;

/** Creates a question through the API and returns its id (fails loudly otherwise). */
export async function apiQuestion(a: Agent, body: Json): Promise<string> {
  const res = await a.post('/api/exams/questions', body);
  if (res.statusCode !== 200) throw new Error(`question: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

export async function apiCategory(a: Agent, name: string): Promise<string> {
  const res = await a.post('/api/exams/categories', { name });
  if (res.statusCode !== 200) throw new Error(`category: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** An exam body with sensible defaults: open now for a day, 30 minutes, 3 attempts, score shown. */
export function examBody(orgUnitId: string, now: Date, over: Json = {}): Json {
  return {
    title: '党章知识测试', orgUnitId, paperMode: 'fixed', items: [], timeLimitMinutes: 30,
    opensAt: new Date(now.getTime() - 60_000).toISOString(), closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
    maxAttempts: 3, passScore: 0, shuffleQuestions: true, shuffleOptions: true, multiplePartial: false, reveal: 'score',
    audience: { unitIds: [orgUnitId], personIds: [] }, ...over,
  };
}

export async function apiExam(a: Agent, body: Json, publish = true): Promise<string> {
  const res = await a.post('/api/exams', body);
  if (res.statusCode !== 200) throw new Error(`exam: ${res.statusCode} ${res.body}`);
  const id = res.json<{ id: string }>().id;
  if (publish) {
    const p = await a.post(`/api/exams/${id}/publish`);
    if (p.statusCode !== 200) throw new Error(`publish: ${p.statusCode} ${p.body}`);
  }
  return id;
}

/**
 * One successful call per question bank and exam write route for platform/audit/audit.test.ts, each leaving exactly
 * one record on the tenant's chain. (Autosave is exempt there: answers are kept on the attempt with a revision.)
 */
export async function examAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const branch = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '考试测试支部' });
  const user = await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: root.id });
  const org = await loginActive(t.app, user);
  const taker = await makeLearner(t, tenant.tenantId, branch.id);
  const actor = user.userId;
  const tid = tenant.tenantId;
  let cat = '';
  let q = '';
  let exam = '';
  let attempt = '';
  // Set up before the cases (their records come before the ones the cases count). The paper keeps its order
  // (no question shuffling) so that the submitted answers fit their questions: 1 the single choice, 2 the short answer.
  const short = await apiQuestion(org, { categoryId: await apiCategory(org, '审计准备'), kind: 'short', difficulty: 2, stem: '简述审计。', reference: '留痕。' });
  const { writeWorkbook } = await import('../../platform/office/xlsx.js');
  const { QUESTION_COLUMNS } = await import('./question-import.js');
  const file = await writeWorkbook([{ name: '试题', columns: QUESTION_COLUMNS.map((c) => ({ header: c.header, key: c.header })), rows: [{ 分类: '审计分类', 题型: '判断题', 难度: '易', 题干: '导入的判断题。', 答案: '正确' }] }]);
  const single = () => ({ categoryId: cat, kind: 'single', difficulty: 1, stem: '审计用单选题', options: ['甲', '乙'], correct: ['A'] });
  return [
    { route: 'POST /api/exams/categories', tenantId: tid, action: 'exam.category_create', actor, object: () => cat, call: async () => { const r = await org.post('/api/exams/categories', { name: '审计分类' }); cat = r.json<{ id: string }>().id; return r; } },
    { route: 'PATCH /api/exams/categories/:id', tenantId: tid, action: 'exam.category_update', actor, object: () => cat, call: () => org.patch(`/api/exams/categories/${cat}`, { sortOrder: 3 }) },
    { route: 'POST /api/exams/questions', tenantId: tid, action: 'exam.question_create', actor, object: () => q, call: async () => { const r = await org.post('/api/exams/questions', single()); q = r.json<{ id: string }>().id; return r; } },
    { route: 'POST /api/exams/questions/import', tenantId: tid, action: 'exam.question_import', actor, call: () => org.inject({ method: 'POST', url: '/api/exams/questions/import?fileName=a.xlsx', payload: file, headers: { 'content-type': 'application/octet-stream' } }) },
    {
      route: 'POST /api/exams', tenantId: tid, action: 'exam.create', actor, object: () => exam,
      call: async () => { const r = await org.post('/api/exams', examBody(branch.id, new Date(), { items: [{ questionId: q, points: 5 }, { questionId: short, points: 5 }], shuffleQuestions: false })); exam = r.json<{ id: string }>().id; return r; },
    },
    { route: 'POST /api/exams/:id/publish', tenantId: tid, action: 'exam.publish', actor, object: () => exam, call: () => org.post(`/api/exams/${exam}/publish`) },
    {
      route: 'POST /api/learning/exams/:id/attempts', tenantId: tid, action: 'exam.attempt_start', actor: taker.user.userId, object: () => attempt,
      call: async () => { const r = await taker.agent.post(`/api/learning/exams/${exam}/attempts`); attempt = r.json<{ id: string }>().id; return r; },
    },
    { route: 'POST /api/learning/attempts/:id/submit', tenantId: tid, action: 'exam.submit', actor: taker.user.userId, object: () => attempt, call: () => taker.agent.post(`/api/learning/attempts/${attempt}/submit`, { token: randomUUID(), answers: { 1: 'B', 2: '我的回答' } }) },
    { route: 'POST /api/grading/:id', tenantId: tid, action: 'exam.grade', actor, object: () => attempt, call: () => org.post(`/api/grading/${attempt}`, { items: [{ position: 2, score: 4 }] }) },
    { route: 'PUT /api/exams/questions/:id', tenantId: tid, action: 'exam.question_correct', actor, object: () => q, call: () => org.put(`/api/exams/questions/${q}`, { ...single(), correct: ['B'], change: 'correct', note: '答案应为乙' }) },
    { route: 'POST /api/exams/:id/regrade', tenantId: tid, action: 'exam.regrade', actor, object: () => exam, call: () => org.post(`/api/exams/${exam}/regrade`, { questionId: q }) },
    {
      route: 'PUT /api/exams/:id', tenantId: tid, action: 'exam.update', actor, object: () => exam,
      call: async () => {
        const d = (await org.get(`/api/exams/${exam}`)).json<Record<string, unknown>>();
        return org.put(`/api/exams/${exam}`, examBody(branch.id, new Date(), { items: [{ questionId: q, points: 5 }, { questionId: short, points: 5 }], shuffleQuestions: false, opensAt: d.opensAt, closesAt: d.closesAt, title: '审计改名' }));
      },
    },
    { route: 'POST /api/exams/:id/archive', tenantId: tid, action: 'exam.archive', actor, object: () => exam, call: () => org.post(`/api/exams/${exam}/archive`) },
    { route: 'POST /api/exams/questions/:id/archive', tenantId: tid, action: 'exam.question_archive', actor, object: () => q, call: () => org.post(`/api/exams/questions/${q}/archive`) },
    { route: 'POST /api/exams/questions/:id/restore', tenantId: tid, action: 'exam.question_restore', actor, object: () => q, call: () => org.post(`/api/exams/questions/${q}/restore`) },
  ];
}
