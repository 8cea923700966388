/**
 * 我的学习: the courses assigned to the signed-in learner (with the due date and their progress), the courses open to
 * everyone, a course's lessons with the learner's progress, and one lesson for the player. Progress is what the
 * server counted from heartbeats (study.ts), never a number the client sent.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import type { Actor } from '../../platform/access/actor.js';
import { notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { todayInChina } from '../org/clock.js';
import { clock } from '../exams/clock.js';
import { learner } from '../exams/learner.js';
import { ancestorPaths } from '../exams/audience.js';
import { tenantLearningSettings } from './points.js';
import { daysBetween, dueState, lessonPercent, LESSON_CAP_RATIO, type LessonKind } from './rules.js';

const LESSON = { zh: '课时', en: 'Lesson' };

/** The learner's unit and the units above it: an assignment to any of them covers the learner. */
function unitIdsAbove(orgPath: string): string[] {
  return ancestorPaths(orgPath).map((p) => p.split('/').filter(Boolean).pop()!);
}

/** Published courses for this person with the earliest due date among their assignments (null: open to all only). */
export async function coursesFor(tx: Tx, me: { id: string; orgPath: string }, courseId?: string) {
  const units = unitIdsAbove(me.orgPath);
  let q = tx.selectFrom('courses as c').innerJoin('org_units as u', 'u.id', 'c.org_unit_id')
    .select(['c.id', 'c.title', 'c.description', 'c.open_to_all', 'c.published_at', 'u.name as unit_name',
      sql<string | null>`(select min(a.due_on)::text from course_assignments a where a.course_id = c.id and a.withdrawn_at is null and (a.person_id = ${me.id} or a.org_unit_id in (${sql.join(units)})))`.as('due_on')])
    .where('c.state', '=', 'published');
  if (courseId) q = q.where('c.id', '=', courseId);
  const rows = await q.execute();
  return rows.filter((r) => r.due_on !== null || r.open_to_all);
}

async function progressOf(tx: Tx, personId: string, courseIds: readonly string[]) {
  if (courseIds.length === 0) return { lessons: [], progress: [] };
  const lessons = await tx.selectFrom('course_lessons').select(['id', 'course_id', 'position', 'title', 'resource_id', 'resource_kind', 'duration_seconds'])
    .where('course_id', 'in', [...courseIds]).where('removed_at', 'is', null).orderBy('position').execute();
  const progress = await tx.selectFrom('lesson_progress').select(['lesson_id', 'course_id', 'studied_ms', 'furthest_position', 'completed_at', 'last_studied_at'])
    .where('person_id', '=', personId).where('course_id', 'in', [...courseIds]).execute();
  return { lessons, progress };
}

function courseSummary(courseId: string, data: Awaited<ReturnType<typeof progressOf>>) {
  const lessons = data.lessons.filter((l) => l.course_id === courseId);
  const byLesson = new Map(data.progress.map((p) => [p.lesson_id, p]));
  const done = lessons.filter((l) => byLesson.get(l.id)?.completed_at).length;
  const studiedMs = lessons.reduce((s, l) => s + (byLesson.get(l.id)?.studied_ms ?? 0), 0);
  const expected = lessons.reduce((s, l) => s + l.duration_seconds, 0);
  const last = lessons.map((l) => byLesson.get(l.id)?.last_studied_at).filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
  const next = lessons.find((l) => !byLesson.get(l.id)?.completed_at);
  return {
    lessons: lessons.length, completedLessons: done, completed: lessons.length > 0 && done === lessons.length,
    percent: lessons.length ? Math.floor((done / lessons.length) * 100) : 0, studiedMinutes: Math.floor(studiedMs / 60_000), expectedMinutes: Math.round(expected / 60),
    lastStudiedAt: last?.toISOString() ?? null, nextLessonId: next?.id ?? null,
  };
}

export async function myCourses(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const me = await learner(tx, actor);
    const settings = await tenantLearningSettings(tx, actor.tenantId);
    const courses = await coursesFor(tx, me);
    const data = await progressOf(tx, me.id, courses.map((c) => c.id));
    const today = todayInChina(clock.now());
    const items = courses.map((c) => {
      const s = courseSummary(c.id, data);
      const state = c.due_on ? dueState(today, c.due_on, s.completed, settings.reminderDays) : s.completed ? 'done' : 'open';
      return {
        id: c.id, title: c.title, description: c.description, unitName: c.unit_name, assigned: c.due_on !== null, dueOn: c.due_on,
        daysLeft: c.due_on ? daysBetween(today, c.due_on) : null, dueState: state, ...s,
      };
    });
    const order = { overdue: 0, due_soon: 1, open: 2, done: 3 } as const;
    items.sort((a, b) => Number(b.assigned) - Number(a.assigned) || order[a.dueState] - order[b.dueState] || (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.title.localeCompare(b.title));
    return {
      items,
      reminders: { overdue: items.filter((i) => i.dueState === 'overdue').length, dueSoon: items.filter((i) => i.dueState === 'due_soon').length, reminderDays: settings.reminderDays },
    };
  });
}

function lessonView(l: { id: string; position: number; title: string; resource_id: string; resource_kind: string; duration_seconds: number }, p: { studied_ms: number; furthest_position: number; completed_at: Date | null } | undefined) {
  const kind = l.resource_kind as LessonKind;
  const studiedMs = p?.studied_ms ?? 0;
  const furthest = p?.furthest_position ?? 0;
  return {
    id: l.id, position: l.position, title: l.title, resourceId: l.resource_id, kind, durationSeconds: l.duration_seconds,
    studiedSeconds: Math.floor(studiedMs / 1000), furthestPosition: furthest, completed: !!p?.completed_at, completedAt: p?.completed_at?.toISOString() ?? null,
    percent: lessonPercent(kind, l.duration_seconds, studiedMs, furthest, !!p?.completed_at), capSeconds: Math.floor(l.duration_seconds * LESSON_CAP_RATIO),
  };
}

export async function myCourse(db: Kysely<DB>, actor: Actor, courseId: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const me = await learner(tx, actor);
    const [c] = await coursesFor(tx, me, courseId);
    if (!c) throw notFound({ zh: '课程', en: 'Course' });
    const data = await progressOf(tx, me.id, [c.id]);
    const byLesson = new Map(data.progress.map((p) => [p.lesson_id, p]));
    const settings = await tenantLearningSettings(tx, actor.tenantId);
    const s = courseSummary(c.id, data);
    const today = todayInChina(clock.now());
    return {
      id: c.id, title: c.title, description: c.description, unitName: c.unit_name, assigned: c.due_on !== null, dueOn: c.due_on,
      daysLeft: c.due_on ? daysBetween(today, c.due_on) : null, dueState: c.due_on ? dueState(today, c.due_on, s.completed, settings.reminderDays) : s.completed ? 'done' : 'open',
      ...s, items: data.lessons.map((l) => lessonView(l, byLesson.get(l.id))),
    };
  });
}

/** A lesson of a course the learner may study, with its neighbours and the learner's progress. */
export async function lessonForLearner(tx: Tx, actor: Actor, lessonId: string) {
  const me = await learner(tx, actor);
  const l = await tx.selectFrom('course_lessons').selectAll().where('id', '=', lessonId).where('removed_at', 'is', null).executeTakeFirst();
  if (!l) throw notFound(LESSON);
  const [c] = await coursesFor(tx, me, l.course_id);
  if (!c) throw notFound(LESSON);
  return { me, lesson: l, course: c };
}

export async function myLesson(db: Kysely<DB>, actor: Actor, lessonId: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const { me, lesson, course } = await lessonForLearner(tx, actor, lessonId);
    const siblings = await tx.selectFrom('course_lessons').select(['id', 'position', 'title']).where('course_id', '=', lesson.course_id).where('removed_at', 'is', null).orderBy('position').execute();
    const p = await tx.selectFrom('lesson_progress').select(['studied_ms', 'furthest_position', 'completed_at']).where('person_id', '=', me.id).where('lesson_id', '=', lesson.id).executeTakeFirst();
    const i = siblings.findIndex((s) => s.id === lesson.id);
    return {
      ...lessonView(lesson, p), courseId: course.id, courseTitle: course.title, lessonCount: siblings.length,
      previousId: siblings[i - 1]?.id ?? null, nextId: siblings[i + 1]?.id ?? null,
    };
  });
}
