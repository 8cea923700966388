// Courses and study time over HTTP (issue 6; RULES.md §8: learning time is measured on the server, client-sent timers
// have been exploited to cheat). The tests try to claim time that was not spent — forged totals, replayed heartbeats,
// a second tab, fast-forwarded video, racing heartbeats — and find only wall time between received heartbeats counted,
// within the lesson's cap. Also: assignment and reach of lessons, 我的学习, progress for organisers (aggregates; names
// only with people.read), study-hour statistics with the minimum group, points with daily caps, rankings off by default.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { SAMPLE } from '../../platform/files/testing.js';
import { articleBody, publishArticle, uploadFile } from '../library/testing.js';
import { freezeClock } from '../exams/clock.js';
import { makeLearner, type Learner } from '../exams/testing.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let branchA: TestUnit;
let branchB: TestUnit;
let manager: Agent;
let secretaryA: Agent;
let a: Learner[];
let b: Learner;
let article: string;
let article2: string;
let video: string;
let scopedToB: string;
let course: string;
let lessons: { id: string; kind: string }[];
const time = freezeClock('2026-04-01T01:00:00Z');

interface Beat { counting: boolean; reason: string; countedSeconds: number; lesson: { studiedSeconds: number; furthestPosition: number; completed: boolean }; course: { completedLessons: number; completed: boolean } }
const beat = async (who: Agent, body: Record<string, unknown>) => {
  const r = await who.post('/api/learning/heartbeat', body);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Beat>();
};
const studied = async (personId: string, lessonId: string) =>
  asOwner(t.database, async (tx) => (await tx.selectFrom('lesson_progress').select(['studied_ms', 'furthest_position', 'completed_at']).where('person_id', '=', personId).where('lesson_id', '=', lessonId).executeTakeFirst()) ?? null);

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { kind: 'committee', name: '公司党委' });
  branchA = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第一党支部' });
  branchB = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第二党支部' });
  manager = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: root.id }));
  secretaryA = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: branchA.id }));
  // Argon2 hashing of the fixtures' passwords runs on the thread pool: in parallel it takes half the time.
  [a, b] = await Promise.all([
    Promise.all(Array.from({ length: 6 }, (_, i) => makeLearner(t, tenant.tenantId, branchA.id, { name: `甲${i}`, gender: i % 2 ? 'female' : 'male', birthDate: '1990-05-01' }))),
    makeLearner(t, tenant.tenantId, branchB.id, { name: '乙一' }),
  ]);
  article = await publishArticle(manager, { title: '学习党章总纲', body: '中国共产党是中国工人阶级的先锋队。\n党的最高理想和最终目标是实现共产主义。' });
  article2 = await publishArticle(manager, { title: '党的纪律', body: '党的纪律是党的各级组织和全体党员必须遵守的行为规则。' });
  scopedToB = await publishArticle(manager, { title: '第二支部学习材料', body: '只对第二支部可见。', scopeUnitId: branchB.id });
  const file = (await uploadFile(manager, SAMPLE.mp4, '党课视频.mp4')).json<{ id: string }>().id;
  video = (await manager.post('/api/library/resources', { kind: 'video', title: '党课视频', summary: '', source: '', category: 'general', tags: [], scopeUnitId: null, fileId: file })).json<{ id: string }>().id;
  await manager.post(`/api/library/resources/${video}/publish`);
});

afterAll(async () => {
  time.restore();
  await t?.close();
});

describe('courses: lessons are library resources everyone assigned can read', () => {
  it('refuses an unpublished resource, publishes, and refuses to assign people a lesson they could not open', async () => {
    const draft = (await manager.post('/api/library/resources', articleBody({ title: '草稿资源', body: '未发布' }))).json<{ id: string }>().id;
    const body = (extra: Record<string, unknown> = {}) => ({
      title: '学习党章', description: '党章学习专题', orgUnitId: root.id, openToAll: false,
      lessons: [{ title: '总纲', resourceId: article, durationMinutes: 10 }, { title: '党课视频', resourceId: video, durationMinutes: 4 }, { title: '纪律', resourceId: article2, durationMinutes: 2 }], ...extra,
    });
    const refused = await manager.post('/api/courses', body({ lessons: [{ title: '草稿', resourceId: draft, durationMinutes: 5 }] }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ field: 'lessons.0.resourceId' });
    const created = await manager.post('/api/courses', body());
    expect(created.statusCode, created.body).toBe(200);
    course = created.json<{ id: string }>().id;
    lessons = created.json<{ lessons: { id: string; kind: string }[] }>().lessons;
    expect(lessons.map((l) => l.kind)).toEqual(['article', 'video', 'article']);
    expect((await manager.post(`/api/courses/${course}/assignments`, { unitIds: [branchA.id], personIds: [], dueOn: '2026-04-10' })).statusCode).toBe(409);
    expect((await manager.post(`/api/courses/${course}/publish`)).statusCode).toBe(200);
    expect((await manager.post(`/api/courses/${course}/assignments`, { unitIds: [branchA.id], personIds: [], dueOn: '2026-03-01' })).json()).toMatchObject({ field: 'dueOn' });

    // A course whose lesson only branch B can read cannot be assigned to branch A.
    const narrow = (await manager.post('/api/courses', body({ title: '第二支部课程', lessons: [{ title: '材料', resourceId: scopedToB, durationMinutes: 5 }] }))).json<{ id: string }>().id;
    await manager.post(`/api/courses/${narrow}/publish`);
    const before = await rowCounts(t.database, WRITE_TABLES);
    const unreachable = await manager.post(`/api/courses/${narrow}/assignments`, { unitIds: [branchA.id], personIds: [], dueOn: '2026-04-10' });
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json<{ message: string }>().message).toMatch(/可见范围/);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
    expect((await manager.post(`/api/courses/${narrow}/assignments`, { unitIds: [branchB.id], personIds: [], dueOn: '2026-04-10' })).statusCode).toBe(200);

    const assigned = await manager.post(`/api/courses/${course}/assignments`, { unitIds: [branchA.id], personIds: [b.personId], dueOn: '2026-04-03' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ audience: 7, assignments: [{ kind: 'unit', name: '第一党支部' }, { kind: 'person', name: '乙一' }] });
    // A branch secretary manages courses of the branch only.
    expect((await secretaryA.get(`/api/courses/${course}`)).statusCode).toBe(404);
  });

  it('lists the learner’s courses with progress and the due-date reminder', async () => {
    const mine = (await a[0]!.agent.get('/api/learning/courses')).json<{ items: { id: string; dueState: string; daysLeft: number; lessons: number; percent: number }[]; reminders: { dueSoon: number } }>();
    expect(mine.items).toEqual([expect.objectContaining({ id: course, dueState: 'due_soon', daysLeft: 2, lessons: 3, percent: 0 })]);
    expect(mine.reminders).toMatchObject({ dueSoon: 1, overdue: 0 });
    expect((await b.agent.get('/api/learning/courses')).json<{ items: { title: string }[] }>().items.map((i) => i.title).sort()).toEqual(['学习党章', '第二支部课程']);
    const outsider = await makeLearner(t, tenant.tenantId, root.id, { name: '未指派' });
    expect((await outsider.agent.get('/api/learning/courses')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await outsider.agent.get(`/api/learning/lessons/${lessons[0]!.id}`)).statusCode).toBe(404);
    expect((await outsider.agent.post('/api/learning/heartbeat', { lessonId: lessons[0]!.id, clientKey: randomUUID(), seq: 0 })).statusCode).toBe(404);
    const noPerson = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: branchA.id }));
    expect((await noPerson.get('/api/learning/courses')).json()).toMatchObject({ error: 'no_person_record' });
  });
});

describe('study time is measured by the server', () => {
  it('counts wall time between received heartbeats, and nothing a client claims', async () => {
    const me = a[0]!;
    const lesson = lessons[0]!.id;
    const key = randomUUID();
    expect(await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 0 })).toMatchObject({ counting: true, reason: 'first', countedSeconds: 0 });
    time.advance(15_000);
    expect(await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 1 })).toMatchObject({ reason: 'counted', countedSeconds: 15, lesson: { studiedSeconds: 15 } });
    // Forged totals: the request has no such field, and is refused as a whole.
    for (const forged of [{ seconds: 3600 }, { studiedSeconds: 3600 }, { elapsed: 3600 }, { duration: 3600 }]) {
      const r = await me.agent.post('/api/learning/heartbeat', { lessonId: lesson, clientKey: key, seq: 2, ...forged });
      expect(r.statusCode).toBe(400);
    }
    // Replayed (and reordered) heartbeats count nothing.
    time.advance(15_000);
    expect(await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 1 })).toMatchObject({ counting: false, reason: 'replay' });
    expect(await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 0 })).toMatchObject({ counting: false, reason: 'replay' });
    expect(await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 2 })).toMatchObject({ countedSeconds: 15, lesson: { studiedSeconds: 30 } });
    // The page was hidden (no heartbeats) for two minutes: that gap is not counted.
    time.advance(120_000);
    expect(await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 3 })).toMatchObject({ counting: true, reason: 'gap', countedSeconds: 0, lesson: { studiedSeconds: 30 } });
    time.advance(10_000);
    expect(await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 4 })).toMatchObject({ countedSeconds: 10, lesson: { studiedSeconds: 40 } });
    expect((await studied(me.personId, lesson))?.studied_ms).toBe(40_000);
  });

  it('counts one lesson at a time: a second tab takes over and the first stops counting', async () => {
    const me = a[1]!;
    const [l1, l2] = [lessons[0]!.id, lessons[2]!.id];
    const tab1 = randomUUID();
    const tab2 = randomUUID();
    const started = time.advance(0).getTime();
    await beat(me.agent, { lessonId: l1, clientKey: tab1, seq: 0 });
    time.advance(15_000);
    await beat(me.agent, { lessonId: l1, clientKey: tab1, seq: 1 });
    // A second tab (another lesson, or the same one on a phone) starts: it is now the one that counts.
    expect(await beat(me.agent, { lessonId: l2, clientKey: tab2, seq: 0 })).toMatchObject({ reason: 'first' });
    for (let i = 1; i <= 8; i++) {
      time.advance(7_500);
      const first = await beat(me.agent, { lessonId: l1, clientKey: tab1, seq: 1 + i });
      expect(first).toMatchObject({ counting: false, reason: 'superseded', countedSeconds: 0 });
      await beat(me.agent, { lessonId: l2, clientKey: tab2, seq: i });
    }
    const elapsed = time.advance(0).getTime() - started;
    const total = ((await studied(me.personId, l1))?.studied_ms ?? 0) + ((await studied(me.personId, l2))?.studied_ms ?? 0);
    expect(total).toBe(15_000 + 60_000);
    expect(total).toBeLessThanOrEqual(elapsed);
    const sessions = await asOwner(t.database, (tx) => tx.selectFrom('study_sessions').select(['state', 'counted_ms']).where('person_id', '=', me.personId).orderBy('started_at').execute());
    expect(sessions).toEqual([{ state: 'superseded', counted_ms: 15_000 }, { state: 'active', counted_ms: 60_000 }]);
  });

  it('never counts more than wall time, even when heartbeats race', async () => {
    const me = a[2]!;
    const lesson = lessons[0]!.id;
    const key = randomUUID();
    await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 0 });
    time.advance(15_000);
    const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => beat(me.agent, { lessonId: lesson, clientKey: key, seq: i + 1 })));
    expect(racing.reduce((s, r) => s + r.countedSeconds, 0)).toBe(15);
    expect((await studied(me.personId, lesson))?.studied_ms).toBe(15_000);
  });

  it('caps a video’s position at 2× the time counted: fast-forwarding does not complete it', async () => {
    const me = a[3]!;
    const lesson = lessons[1]!.id; // 4 minutes
    const key = randomUUID();
    await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 0, position: 0 });
    time.advance(15_000);
    // Jumped to the end after 15 s: credited 30 s of playing.
    expect(await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 1, position: 240 })).toMatchObject({ lesson: { furthestPosition: 30, completed: false } });
    // Played at 2×: credited in full; at 10× (or by seeking): at most 2×.
    let seq = 2;
    let pos = 30;
    for (let i = 0; i < 3; i++) {
      time.advance(15_000);
      pos += 30;
      await beat(me.agent, { lessonId: lesson, clientKey: key, seq: seq++, position: pos });
    }
    expect((await studied(me.personId, lesson))?.furthest_position).toBe(120);
    time.advance(15_000);
    await beat(me.agent, { lessonId: lesson, clientKey: key, seq: seq++, position: 200 });
    expect((await studied(me.personId, lesson))?.furthest_position).toBe(150);
    // Rewinding keeps what was played; playing on at 1× completes it at 90 %.
    time.advance(15_000);
    await beat(me.agent, { lessonId: lesson, clientKey: key, seq: seq++, position: 20 });
    expect((await studied(me.personId, lesson))?.furthest_position).toBe(150);
    let last: Beat | null = null;
    for (let p = 165; p <= 225; p += 15) {
      time.advance(15_000);
      last = await beat(me.agent, { lessonId: lesson, clientKey: key, seq: seq++, position: p });
    }
    expect(last?.lesson).toMatchObject({ completed: true, furthestPosition: 225 });
  });

  it('caps a lesson at 1.5× its duration, completes it at its duration, and awards its points once', async () => {
    const me = a[4]!;
    const lesson = lessons[2]!.id; // 2 minutes: complete at 120 s, capped at 180 s
    const key = randomUUID();
    await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 0 });
    let r: Beat | null = null;
    for (let i = 1; i <= 20; i++) {
      time.advance(15_000);
      r = await beat(me.agent, { lessonId: lesson, clientKey: key, seq: i });
      if (i === 8) expect(r.lesson).toMatchObject({ studiedSeconds: 120, completed: true });
    }
    expect(r).toMatchObject({ counting: false, reason: 'capped', lesson: { studiedSeconds: 180 } });
    const pts = await asOwner(t.database, (tx) => tx.selectFrom('learning_points').select(['rule', 'points']).where('person_id', '=', me.personId).execute());
    expect(pts).toEqual([{ rule: 'lesson_completed', points: 1 }]);
    // Ending the page (hidden or closed) counts up to now and ends the session.
    const key2 = randomUUID();
    await beat(me.agent, { lessonId: lessons[0]!.id, clientKey: key2, seq: 0 });
    time.advance(5_000);
    expect(await beat(me.agent, { lessonId: lessons[0]!.id, clientKey: key2, seq: 1, final: true })).toMatchObject({ counting: false, reason: 'ended', countedSeconds: 5 });
    time.advance(5_000);
    expect(await beat(me.agent, { lessonId: lessons[0]!.id, clientKey: key2, seq: 2 })).toMatchObject({ counting: false, reason: 'ended' });
  });

  it('completes the course when every lesson is done, with the course’s points', async () => {
    const me = a[5]!;
    const study = async (lessonId: string, seconds: number, media = false) => {
      const key = randomUUID();
      await beat(me.agent, { lessonId, clientKey: key, seq: 0, ...(media ? { position: 0 } : {}) });
      for (let s = 15; s <= seconds; s += 15) {
        time.advance(15_000);
        await beat(me.agent, { lessonId, clientKey: key, seq: s / 15, ...(media ? { position: s } : {}) });
      }
    };
    await study(lessons[0]!.id, 600);
    await study(lessons[1]!.id, 225, true);
    await study(lessons[2]!.id, 120);
    const mine = (await me.agent.get(`/api/learning/courses/${course}`)).json<{ completed: boolean; completedLessons: number; dueState: string; items: { completed: boolean }[] }>();
    expect(mine).toMatchObject({ completed: true, completedLessons: 3, dueState: 'done' });
    const pts = await asOwner(t.database, (tx) => tx.selectFrom('learning_points').select(['rule']).where('person_id', '=', me.personId).orderBy('rule').execute());
    expect(pts.map((p) => p.rule)).toEqual(['course_completed', 'lesson_completed', 'lesson_completed', 'lesson_completed']);
    const points = (await me.agent.get('/api/learning/points')).json<{ total: number; rankingsEnabled: boolean }>();
    expect(points).toMatchObject({ total: 8, rankingsEnabled: false });
  });
});

describe('organisers see progress and study hours as aggregates', () => {
  it('shows course progress by unit to the manager, and names only to those who may see the people', async () => {
    const p = (await manager.get(`/api/learning-progress/courses/${course}`)).json<{ assigned: number; done: number; inProgress: number; notStarted: number; people: unknown; byUnit: { name: string; people: number }[]; suppressed: number }>();
    expect(p).toMatchObject({ assigned: 7, done: 1, people: null });
    expect(p.inProgress + p.notStarted).toBe(6);
    // Branch B has one person: showing branch A alone would give B's numbers away (total minus A), so no breakdown.
    expect(p.byUnit).toEqual([]);
    expect(p.suppressed).toBe(7);
    const s = (await secretaryA.get(`/api/learning-progress/courses/${course}?unitId=${branchA.id}`)).json<{ people: { name: string; state: string }[] }>();
    expect(s.people.map((x) => x.name).sort()).toEqual(['甲0', '甲1', '甲2', '甲3', '甲4', '甲5']);
    expect(s.people.find((x) => x.name === '甲5')?.state).toBe('done');
    expect((await secretaryA.get(`/api/learning-progress/courses/${course}?unitId=${root.id}`)).json()).toMatchObject({ field: 'unitId' });
    expect((await a[0]!.agent.get(`/api/learning-progress/courses/${course}`)).statusCode).toBe(403);
    // After the due date, who has not finished is overdue.
    time.set('2026-04-05T01:00:00Z');
    expect((await manager.get(`/api/learning-progress/courses/${course}`)).json()).toMatchObject({ overdue: 6, done: 1 });
    expect((await a[0]!.agent.get('/api/learning/courses')).json()).toMatchObject({ reminders: { overdue: 1 } });
  });

  it('derives study hours from the recorded sessions, hiding groups under five people', async () => {
    const r = (await manager.get('/api/learning-progress/hours?from=2026-04-01&to=2026-04-30')).json<{
      hours: number; learners: number; people: number; byUnit: { rows: { label: { zh: string }; people: number }[]; suppressed: number }; byGender: { rows: { key: string; people: number }[]; suppressed: number };
    }>();
    const sessions = await asOwner(t.database, (tx) => tx.selectFrom('study_sessions').select((eb) => eb.fn.sum<number>('counted_ms').as('ms')).executeTakeFirstOrThrow());
    expect(r.hours).toBe(Math.round((Number(sessions.ms) / 3_600_000) * 10) / 10);
    expect(r.learners).toBe(6);
    // 乙一 in branch B and 未指派 at the committee are two: with branch A they would be the total minus A, so no rows.
    expect(r.byUnit).toEqual({ rows: [], suppressed: 8 });
    // Whatever the split of genders, no row shown has fewer than five people.
    expect(r.byGender.rows.every((g) => g.people >= 5)).toBe(true);
    const small = (await secretaryA.get(`/api/learning-progress/hours?unitId=${branchA.id}&from=2026-04-01&to=2026-04-30`)).json<{ byGender: { rows: unknown[]; suppressed: number } }>();
    expect(small.byGender).toEqual({ rows: [], suppressed: 6 });
    expect((await manager.get('/api/learning-progress/hours?from=2026-04-30&to=2026-04-01')).json()).toMatchObject({ field: 'to' });
  });
});

describe('points and rankings', () => {
  it('keeps rankings off by default, and within a branch when turned on', async () => {
    expect((await a[0]!.agent.get('/api/learning/ranking')).json()).toMatchObject({ error: 'rankings_off' });
    const settings = (await manager.get('/api/learning/settings')).json<{ settings: Record<string, unknown>; canEdit: boolean }>();
    expect(settings).toMatchObject({ canEdit: true, settings: { rankingsEnabled: false } });
    expect((await a[0]!.agent.put('/api/learning/settings', { ...settings.settings, rankingsEnabled: true })).statusCode).toBe(403);
    expect((await secretaryA.put('/api/learning/settings', { ...settings.settings, rankingsEnabled: true })).statusCode).toBe(403);
    const on = await manager.put('/api/learning/settings', { ...settings.settings, rankingsEnabled: true, points: { lesson_completed: { points: 5, dailyCap: 6 }, course_completed: { points: 5, dailyCap: 20 }, exam_passed: { points: 5, dailyCap: 20 } } });
    expect(on.statusCode, on.body).toBe(200);
    const ranking = (await a[0]!.agent.get('/api/learning/ranking')).json<{ branch: { name: string }; items: { name: string; points: number; me: boolean }[] }>();
    expect(ranking.branch.name).toBe('第一党支部');
    expect(ranking.items.map((i) => i.name).sort()).toEqual(['甲0', '甲1', '甲2', '甲3', '甲4', '甲5']);
    expect(ranking.items[0]).toMatchObject({ name: '甲5', points: 8 });
    expect(ranking.items.find((i) => i.me)?.name).toBe('甲0');
  });

  it('gives a rule’s points up to its daily cap', async () => {
    const me = a[0]!;
    // Two lessons completed on one day at 5 points each, capped at 6.
    for (const lesson of [lessons[2]!.id, lessons[1]!.id]) {
      const key = randomUUID();
      await beat(me.agent, { lessonId: lesson, clientKey: key, seq: 0, position: 0 });
      for (let s = 1; s <= 16; s++) {
        time.advance(15_000);
        await beat(me.agent, { lessonId: lesson, clientKey: key, seq: s, position: s * 15 });
      }
    }
    const pts = await asOwner(t.database, (tx) => tx.selectFrom('learning_points').select(['points']).where('person_id', '=', me.personId).where('rule', '=', 'lesson_completed').orderBy('created_at').execute());
    expect(pts.map((p) => p.points)).toEqual([5, 1]);
  });
});

describe('tenancy', () => {
  it('answers 404 to another enterprise and writes nothing', async () => {
    const other = await makeTenant(t);
    const otherRoot = await makeUnit(t, other.tenantId);
    const foreign = await makeLearner(t, other.tenantId, otherRoot.id);
    const foreignManager = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'propaganda_member', orgUnitId: otherRoot.id }));
    const before = await rowCounts(t.database, WRITE_TABLES);
    for (const res of [
      await foreign.agent.post('/api/learning/heartbeat', { lessonId: lessons[0]!.id, clientKey: randomUUID(), seq: 0 }),
      await foreign.agent.get(`/api/learning/courses/${course}`),
      await foreignManager.get(`/api/courses/${course}`),
      await foreignManager.post(`/api/courses/${course}/publish`),
      await foreignManager.post(`/api/courses/${course}/assignments`, { unitIds: [], personIds: [], dueOn: '2026-05-01' }),
    ]) expect(res.statusCode, res.body).toBe(404);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });
});
