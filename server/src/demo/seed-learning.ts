/**
 * Demo courses and exams over the demo library (seed-library.ts), written as the publicity member (宣传委员) of the top
 * unit: the question bank (learning-questions.ts), a random exam open now for the whole enterprise and a fixed one with a
 * short answer for the graders, and three courses of library articles — one assigned to everyone, one to the demo
 * branch with a near due date, one to a subsidiary. Study records for part of the enterprise are generated as
 * heartbeats would have left them (sessions, progress, points), so progress and study-hour screens have something to
 * show; people with demo accounts are left out, so the journeys start from nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../platform/db/tenancy.js';
import { insertQuestion } from '../modules/exams/questions.js';
import { ruleKey, type DrawRule } from '../modules/exams/rules.js';
import { lessonComplete, type LessonKind } from '../modules/courses/rules.js';
import type { LearningPointsTable, LessonProgressTable, StudySessionsTable } from '../modules/courses/tables.js';
import { DEMO_QUESTIONS } from './learning-questions.js';
import { Rng } from './random.js';

const DAY = 86_400_000;

interface DemoCourse { title: string; description: string; lessons: { article: string; minutes: number }[] }

const COURSES: readonly DemoCourse[] = [
  {
    title: '学习党章 做合格党员', description: '逐条学习党员的条件、义务和权利，以及预备期和入党宣誓的规定。',
    lessons: [
      { article: '党章：党员的条件（摘录）', minutes: 3 }, { article: '党章：党员的义务（摘要）', minutes: 4 },
      { article: '党章：党员的权利（摘要）', minutes: 4 }, { article: '党章：预备期和入党宣誓（摘要）', minutes: 3 },
    ],
  },
  {
    title: '党史学习专题：从红船到西柏坡', description: '从建党到新中国成立前夕的六个片段。',
    lessons: [
      { article: '红船精神', minutes: 3 }, { article: '井冈山革命根据地的创建', minutes: 3 }, { article: '遵义会议', minutes: 3 },
      { article: '长征精神', minutes: 4 }, { article: '延安整风运动', minutes: 3 }, { article: '西柏坡与“两个务必”', minutes: 3 },
    ],
  },
  {
    title: '“三会一课”与组织生活', description: '党支部组织生活的基本制度。',
    lessons: [{ article: '三会一课制度', minutes: 3 }, { article: '主题党日', minutes: 2 }, { article: '组织生活会和民主评议党员', minutes: 3 }],
  },
];

const RANDOM_RULES: readonly { category: string; difficulty: 1 | 2; count: number }[] = [
  { category: '党章', difficulty: 1, count: 4 }, { category: '党章', difficulty: 2, count: 3 },
  { category: '党史', difficulty: 1, count: 4 }, { category: '党史', difficulty: 2, count: 3 },
  { category: '组织生活与党费', difficulty: 1, count: 3 }, { category: '组织生活与党费', difficulty: 2, count: 3 },
];

async function seedBank(tx: Tx, ctx: TxContext): Promise<{ categories: Map<string, string>; questions: { id: string; versionId: string; category: string; kind: string; stem: string }[] }> {
  const categories = new Map<string, string>();
  for (const [i, name] of ['党章', '党史', '组织生活与党费'].entries()) {
    const id = randomUUID();
    await tx.insertInto('question_categories').values({ id, tenant_id: ctx.tenantId, name, sort_order: i + 1, archived_at: null }).execute();
    categories.set(name, id);
  }
  const questions = [];
  for (const q of DEMO_QUESTIONS) {
    const r = await insertQuestion(tx, ctx, { ...q, categoryId: categories.get(q.category)! }, 'created');
    questions.push({ ...r, category: q.category, kind: q.kind, stem: q.stem });
  }
  return { categories, questions };
}

async function seedExams(tx: Tx, ctx: TxContext, rootId: string, now: number, bank: Awaited<ReturnType<typeof seedBank>>): Promise<void> {
  const rules: DrawRule[] = RANDOM_RULES.map((r) => ({ categoryId: bank.categories.get(r.category)!, difficulty: r.difficulty, count: r.count, points: 5 }));
  const exam = (over: { id: string; title: string; description: string; mode: 'fixed' | 'random'; rules: DrawRule[]; limit: number; pass: number; attempts: number; reveal: 'score' | 'answers' }) => ({
    id: over.id, tenant_id: ctx.tenantId, org_unit_id: rootId, title: over.title, description: over.description, state: 'published' as const, paper_mode: over.mode,
    rules: JSON.stringify(over.rules), time_limit_minutes: over.limit, opens_at: new Date(now - DAY), closes_at: new Date(now + 30 * DAY), max_attempts: over.attempts,
    pass_score: over.pass, shuffle_questions: true, shuffle_options: true, multiple_partial: false, reveal: over.reveal, created_by: ctx.actorId, updated_at: new Date(now), published_at: new Date(now - DAY),
  });
  const randomId = randomUUID();
  await tx.insertInto('exams').values(exam({ id: randomId, title: '党章党史知识测试', description: '每人随机抽取20道题，满分100分，60分及格；可作答3次，交卷后显示成绩和正确答案。', mode: 'random', rules, limit: 30, pass: 60, attempts: 3, reveal: 'answers' })).execute();
  const fixedId = randomUUID();
  await tx.insertInto('exams').values(exam({ id: fixedId, title: '“三会一课”小测验', description: '含一道简答题，由阅卷人评分。', mode: 'fixed', rules: [], limit: 20, pass: 18, attempts: 1, reveal: 'score' })).execute();
  const pick = (stems: string[]) => stems.map((s) => bank.questions.find((q) => q.stem.startsWith(s))!);
  const items = pick(['“三会一课”中的“一课”', '“三会一课”中的“三会”', '支部党员大会一般', '党支部每年至少召开', '简述党支部召开组织生活会']);
  await tx.insertInto('exam_paper_items').values(items.map((q, i) => ({ tenant_id: ctx.tenantId, exam_id: fixedId, position: i + 1, question_id: q.id, version_id: q.versionId, points: q.kind === 'short' ? 10 : 5 }))).execute();
  for (const id of [randomId, fixedId]) {
    await tx.insertInto('exam_audience').values({ id: randomUUID(), tenant_id: ctx.tenantId, exam_id: id, org_unit_id: rootId, person_id: null }).execute();
  }
  // The rules must be satisfiable by the bank (a test of the demo checks it too).
  for (const r of rules) {
    const n = bank.questions.filter((q) => bank.categories.get(q.category) === r.categoryId && DEMO_QUESTIONS.find((d) => d.stem === q.stem)?.difficulty === r.difficulty).length;
    if (n < r.count) throw new Error(`demo exam rule ${ruleKey(r)} needs ${r.count} questions, the bank has ${n}`);
  }
}

interface Lesson { id: string; courseId: string; kind: LessonKind; seconds: number }

export async function seedLearning(db: Kysely<DB>, ctx: TxContext, referenceDate: string): Promise<{ questions: number; courses: number }> {
  const now = new Date(`${referenceDate}T02:00:00Z`).getTime();
  const rng = new Rng(20260601);
  return withTenant(db, ctx, async (tx) => {
    const author = await tx.selectFrom('users').select('id').where('username', '=', 'xuanchuan').executeTakeFirst();
    const actx: TxContext = { ...ctx, actorId: author?.id ?? null };
    const root = await tx.selectFrom('org_units').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const bank = await seedBank(tx, actx);
    await seedExams(tx, actx, root.id, now, bank);

    const articles = new Map((await tx.selectFrom('library_resources').select(['id', 'title']).where('kind', '=', 'article').where('tenant_id', '=', ctx.tenantId).execute()).map((a) => [a.title, a.id]));
    const branch = await tx.selectFrom('role_grants as g').innerJoin('users as u', 'u.id', 'g.user_id').select('g.org_unit_id').where('u.username', '=', 'zhibu').where('g.role', '=', 'branch_secretary').executeTakeFirst();
    const subsidiary = await tx.selectFrom('org_units').select('id').where('parent_id', '=', root.id).orderBy('sort_order').orderBy('name').executeTakeFirst();
    const targets: { unitId: string; dueDays: number; openToAll: boolean }[] = [
      { unitId: root.id, dueDays: 14, openToAll: false },
      { unitId: branch?.org_unit_id ?? root.id, dueDays: 3, openToAll: true },
      { unitId: subsidiary?.id ?? root.id, dueDays: 30, openToAll: false },
    ];
    const lessons: Lesson[] = [];
    const dueOf = (days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);
    for (const [i, c] of COURSES.entries()) {
      const id = randomUUID();
      const target = targets[i]!;
      await tx.insertInto('courses').values({
        id, tenant_id: ctx.tenantId, org_unit_id: root.id, title: c.title, description: c.description, state: 'published', open_to_all: target.openToAll,
        created_by: actx.actorId, updated_at: new Date(now - 7 * DAY), published_at: new Date(now - 7 * DAY),
      }).execute();
      for (const [p, l] of c.lessons.entries()) {
        const resourceId = articles.get(l.article);
        if (!resourceId) throw new Error(`demo library has no article “${l.article}”`);
        const lessonId = randomUUID();
        await tx.insertInto('course_lessons').values({ id: lessonId, tenant_id: ctx.tenantId, course_id: id, position: p + 1, title: l.article.replace(/^党章：/, '').replace(/（.*）$/, ''), resource_id: resourceId, resource_kind: 'article', duration_seconds: l.minutes * 60, removed_at: null }).execute();
        if (i === 0) lessons.push({ id: lessonId, courseId: id, kind: 'article', seconds: l.minutes * 60 });
      }
      await tx.insertInto('course_assignments').values({ id: randomUUID(), tenant_id: ctx.tenantId, course_id: id, org_unit_id: target.unitId, person_id: null, due_on: dueOf(target.dueDays), assigned_by: actx.actorId, withdrawn_at: null }).execute();
    }
    await seedStudy(tx, ctx, rng, now, lessons);
    return { questions: bank.questions.length, courses: COURSES.length };
  });
}

/**
 * Study records of the enterprise-wide course for about a third of the people without a demo account, as the
 * heartbeats would have left them: one session per lesson studied, its counted time, the lesson's progress and the
 * points its completion earned (1 per lesson, 5 for the course, within the default daily caps).
 */
async function seedStudy(tx: Tx, ctx: TxContext, rng: Rng, now: number, lessons: Lesson[]): Promise<void> {
  const people = await tx.selectFrom('people as p').leftJoin('users as u', 'u.person_id', 'p.id').select(['p.id']).where('p.archived_at', 'is', null).where('u.id', 'is', null).orderBy('p.id').execute();
  const sessions: Insertable<StudySessionsTable>[] = [];
  const progress: Insertable<LessonProgressTable>[] = [];
  const points: Insertable<LearningPointsTable>[] = [];
  for (const p of people) {
    if (!rng.chance(0.35)) continue;
    const reach = rng.int(1, lessons.length);
    const dayOffset = rng.int(1, 6);
    let done = 0;
    for (const [i, l] of lessons.slice(0, reach).entries()) {
      const last = i === reach - 1;
      const ms = last && rng.chance(0.5) ? rng.int(20, Math.max(21, l.seconds - 10)) * 1000 : l.seconds * 1000 + rng.int(0, 40) * 1000;
      const start = new Date(now - dayOffset * DAY + i * 10 * 60_000);
      const complete = lessonComplete(l.kind, l.seconds, ms, 0);
      sessions.push({
        id: randomUUID(), tenant_id: ctx.tenantId, person_id: p.id, user_id: null, lesson_id: l.id, course_id: l.courseId, client_key: randomUUID(), state: 'ended',
        started_at: start, last_beat_at: new Date(start.getTime() + ms), last_seq: Math.ceil(ms / 15_000), beats: Math.ceil(ms / 15_000) + 1, counted_ms: ms, ended_at: new Date(start.getTime() + ms),
      });
      progress.push({ tenant_id: ctx.tenantId, person_id: p.id, lesson_id: l.id, course_id: l.courseId, studied_ms: ms, furthest_position: 0, completed_at: complete ? new Date(start.getTime() + ms) : null, last_studied_at: new Date(start.getTime() + ms) });
      const day = new Date(start.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      if (complete) {
        done++;
        points.push({ id: randomUUID(), tenant_id: ctx.tenantId, person_id: p.id, rule: 'lesson_completed', source_id: l.id, points: 1, awarded_on: day });
        if (done === lessons.length) points.push({ id: randomUUID(), tenant_id: ctx.tenantId, person_id: p.id, rule: 'course_completed', source_id: l.courseId, points: 5, awarded_on: day });
      }
    }
  }
  for (let i = 0; i < sessions.length; i += 500) await tx.insertInto('study_sessions').values(sessions.slice(i, i + 500)).execute();
  for (let i = 0; i < progress.length; i += 500) await tx.insertInto('lesson_progress').values(progress.slice(i, i + 500)).execute();
  for (let i = 0; i < points.length; i += 500) await tx.insertInto('learning_points').values(points.slice(i, i + 500)).execute();
}
