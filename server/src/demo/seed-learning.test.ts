// The demo's courses and exams (issue 6): a question bank whose answer keys are valid, an exam open now that a demo
// member can sit and that grades at once, courses over the demo library assigned with due dates, and study records that
// add up (progress = the sum of its sessions), none for the people with demo accounts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner } from '../testing/db.js';
import { testApp, type TestApp } from '../testing/app.js';
import { login, type Agent } from '../testing/factories.js';
import { checkQuestion } from '../modules/exams/rules.js';
import { DEMO_QUESTIONS } from './learning-questions.js';
import { DEMO_PASSWORD, seedDemo } from './seed.js';
import { todayInChina } from '../modules/org/clock.js';

let t: TestApp;
let tenantId: string;

beforeAll(async () => {
  t = await testApp();
  // Due dates are relative to the seeding day, and the learner's view reads today: seed as of today.
  await seedDemo(t.database.db, todayInChina(), t.cipher);
  tenantId = await asOwner(t.database, async (tx) => (await tx.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id);
}, 240_000);

afterAll(async () => {
  await t?.close();
});

async function signIn(username: string): Promise<Agent> {
  const a = await login(t.app, { tenant: 'demo', username, password: DEMO_PASSWORD });
  const r = await a.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Demo-learning-2026!x' });
  expect(r.statusCode, r.body).toBe(200);
  return a;
}

describe('demo learning', () => {
  it('has about forty questions, each with a valid answer key', async () => {
    expect(DEMO_QUESTIONS.length).toBeGreaterThanOrEqual(40);
    for (const q of DEMO_QUESTIONS) expect(checkQuestion(q).ok, q.stem).toBe(true);
    const n = await asOwner(t.database, async (tx) => Number((await tx.selectFrom('questions').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n));
    expect(n).toBe(DEMO_QUESTIONS.length);
  });

  it('keeps study records consistent: each lesson’s progress is the sum of its sessions, and none for demo accounts', async () => {
    const r = await asOwner(t.database, async (tx) => {
      const progress = await tx.selectFrom('lesson_progress').select(['person_id', 'lesson_id', 'studied_ms']).where('tenant_id', '=', tenantId).execute();
      const sessions = await tx.selectFrom('study_sessions').select(['person_id', 'lesson_id', 'counted_ms']).where('tenant_id', '=', tenantId).execute();
      const accounts = await tx.selectFrom('users').select('person_id').where('tenant_id', '=', tenantId).where('person_id', 'is not', null).execute();
      return { progress, sessions, accounts: new Set(accounts.map((a) => a.person_id)) };
    });
    expect(r.progress.length).toBeGreaterThan(50);
    for (const p of r.progress) {
      const sum = r.sessions.filter((s) => s.person_id === p.person_id && s.lesson_id === p.lesson_id).reduce((s, x) => s + x.counted_ms, 0);
      expect(sum).toBe(p.studied_ms);
    }
    expect(r.progress.filter((p) => r.accounts.has(p.person_id))).toEqual([]);
  });

  it('lets the demo party member see the courses and sit the random exam, graded at once', async () => {
    const a = await signIn('dangyuan');
    const courses = (await a.get('/api/learning/courses')).json<{ items: { title: string; dueState: string; percent: number }[] }>();
    expect(courses.items.map((c) => c.title)).toEqual(expect.arrayContaining(['学习党章 做合格党员', '党史学习专题：从红船到西柏坡']));
    expect(courses.items.find((c) => c.title.startsWith('党史'))?.dueState).toBe('due_soon');
    expect(courses.items.every((c) => c.percent === 0)).toBe(true);
    const exams = (await a.get('/api/learning/exams')).json<{ items: { id: string; title: string; canStart: boolean }[] }>();
    const exam = exams.items.find((e) => e.title === '党章党史知识测试')!;
    expect(exam.canStart).toBe(true);
    const id = (await a.post(`/api/learning/exams/${exam.id}/attempts`)).json<{ id: string }>().id;
    const view = (await a.get(`/api/learning/attempts/${id}`)).json<{ items: { kind: string; options: { key: string }[] }[]; maxScore: number }>();
    expect(view.items).toHaveLength(20);
    expect(view.maxScore).toBe(100);
    expect(view.items.some((i) => i.kind === 'short')).toBe(false);
    const done = (await a.post(`/api/learning/attempts/${id}/submit`, { token: randomUUID(), answers: { 1: view.items[0]!.kind === 'true_false' ? true : view.items[0]!.kind === 'fill' ? ['x'] : view.items[0]!.kind === 'multiple' ? [view.items[0]!.options[0]!.key] : view.items[0]!.options[0]!.key } })).json<{ state: string; result: { score: number } }>();
    expect(done.state).toBe('graded');
    expect(done.result.score).toBeGreaterThanOrEqual(0);
  });
});
