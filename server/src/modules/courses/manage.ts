/**
 * 课程管理: courses of ordered lessons (library resources with an expected study duration), published to learners and
 * assigned to org subtrees or people with a due date. Managing a course needs courses.manage on its organising unit;
 * assignments stay within the manager's scope, and every lesson must be readable by everyone assigned.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { inSubtrees } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { todayInChina } from '../org/clock.js';
import { audienceCondition } from '../exams/audience.js';
import { checkAudience } from '../exams/setup.js';
import { clock } from '../exams/clock.js';
import { lessonResources, reachesAll, type LessonResource } from './resources.js';
import { LESSON_KIND_NAMES, type LessonKind } from './rules.js';
import type { CoursesTable } from './tables.js';

export const COURSE: Msg = { zh: '课程', en: 'Course' };

export interface LessonBody { id?: string | undefined; title: string; resourceId: string; durationMinutes: number }
export interface CourseBody { title: string; description?: string | undefined; orgUnitId: string; openToAll: boolean; lessons: LessonBody[] }

type CourseRow = Selectable<CoursesTable> & { unit_path: string; unit_name: string };

export async function managedCourse(tx: Tx, actor: Actor, id: string, lock = false): Promise<CourseRow> {
  let q = tx.selectFrom('courses as c').innerJoin('org_units as u', 'u.id', 'c.org_unit_id').selectAll('c').select(['u.path as unit_path', 'u.name as unit_name']).where('c.id', '=', id);
  if (lock) q = q.forUpdate('c');
  const c = await q.executeTakeFirst();
  if (!c || !can(actor, 'courses.manage', c.unit_path)) throw notFound(COURSE);
  return c;
}

async function unitInScope(tx: Tx, actor: Actor, unitId: string) {
  const u = await tx.selectFrom('org_units').select(['id', 'path']).where('id', '=', unitId).where('dissolved_at', 'is', null).executeTakeFirst();
  if (!u || !can(actor, 'courses.manage', u.path)) throw badField('orgUnitId', { zh: '该组织不存在或不在您的管理范围内', en: 'The unit does not exist or is outside your scope' });
  return u;
}

/** Lessons checked against the library: each resource exists and is published; the kind comes from the resource. */
async function checkLessons(tx: Tx, tenantId: string, lessons: readonly LessonBody[]): Promise<Map<string, LessonResource>> {
  if (lessons.length === 0) throw badField('lessons', { zh: '课程至少要有一节课', en: 'A course needs at least one lesson' });
  const resources = await lessonResources(tx, tenantId, lessons.map((l) => l.resourceId));
  lessons.forEach((l, i) => {
    const r = resources.get(l.resourceId);
    if (!r) throw badField(`lessons.${i}.resourceId`, { zh: `第 ${i + 1} 节课的学习资源不存在`, en: `The resource of lesson ${i + 1} does not exist` });
    if (!r.published) throw badField(`lessons.${i}.resourceId`, { zh: `第 ${i + 1} 节课的学习资源还没有发布`, en: `The resource of lesson ${i + 1} is not published` });
  });
  return resources;
}

/** Writes the lesson list: known lessons keep their id (and their learners' progress), dropped ones are marked removed. */
async function writeLessons(tx: Tx, ctx: TxContext, courseId: string, lessons: readonly LessonBody[], resources: Map<string, LessonResource>): Promise<void> {
  const existing = await tx.selectFrom('course_lessons').select(['id']).where('course_id', '=', courseId).where('removed_at', 'is', null).execute();
  const known = new Set(existing.map((e) => e.id));
  const kept = new Set<string>();
  for (const [i, l] of lessons.entries()) {
    const kind = resources.get(l.resourceId)!.kind;
    const values = { position: i + 1, title: l.title.trim(), resource_id: l.resourceId, resource_kind: kind, duration_seconds: l.durationMinutes * 60 };
    if (l.id && known.has(l.id)) {
      kept.add(l.id);
      await tx.updateTable('course_lessons').set(values).where('id', '=', l.id).execute();
    } else {
      await tx.insertInto('course_lessons').values({ id: randomUUID(), tenant_id: ctx.tenantId, course_id: courseId, ...values, removed_at: null }).execute();
    }
  }
  const dropped = [...known].filter((id) => !kept.has(id));
  if (dropped.length) await tx.updateTable('course_lessons').set({ removed_at: clock.now() }).where('id', 'in', dropped).execute();
}

export async function createCourse(db: Kysely<DB>, actor: Actor, body: CourseBody): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    await unitInScope(tx, actor, body.orgUnitId);
    const resources = await checkLessons(tx, ctx.tenantId, body.lessons);
    const id = randomUUID();
    await tx.insertInto('courses').values({
      id, tenant_id: ctx.tenantId, org_unit_id: body.orgUnitId, title: body.title.trim(), description: (body.description ?? '').trim(), open_to_all: body.openToAll,
      created_by: ctx.actorId, updated_at: new Date(), published_at: null,
    }).execute();
    await writeLessons(tx, ctx, id, body.lessons.map((l) => ({ ...l, id: undefined })), resources);
    await auditAs(tx, ctx, { action: 'course.create', objectType: 'course', objectId: id, detail: { title: body.title.trim(), lessons: body.lessons.length } });
    return id;
  });
}

export async function updateCourse(db: Kysely<DB>, actor: Actor, id: string, body: CourseBody): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const c = await managedCourse(tx, actor, id, true);
    if (c.state === 'archived') throw conflict(undefined, { zh: '课程已归档，不能修改', en: 'The course is archived and cannot change' });
    await unitInScope(tx, actor, body.orgUnitId);
    const resources = await checkLessons(tx, ctx.tenantId, body.lessons);
    if (c.state === 'published') await checkReach(tx, id, [...resources.values()], [], body.openToAll);
    await tx.updateTable('courses').set({ org_unit_id: body.orgUnitId, title: body.title.trim(), description: (body.description ?? '').trim(), open_to_all: body.openToAll, updated_at: new Date() }).where('id', '=', id).execute();
    await writeLessons(tx, ctx, id, body.lessons, resources);
    await auditAs(tx, ctx, { action: 'course.update', objectType: 'course', objectId: id, detail: { title: body.title.trim(), lessons: body.lessons.length, openToAll: body.openToAll } });
  });
}

/** Paths of everyone a course is assigned to (the assigned units' paths and the assigned people's unit paths). */
async function assignedPaths(tx: Tx, courseId: string): Promise<string[]> {
  const rows = await tx.selectFrom('course_assignments as a').leftJoin('org_units as u', 'u.id', 'a.org_unit_id').leftJoin('people as p', 'p.id', 'a.person_id')
    .select(['u.path as unit_path', 'p.org_path']).where('a.course_id', '=', courseId).where('a.withdrawn_at', 'is', null).execute();
  return rows.map((r) => r.unit_path ?? r.org_path ?? '').filter((p) => p !== '');
}

/** Every lesson's resource must reach everyone the course is for, or they would find a lesson they cannot open. */
async function checkReach(tx: Tx, courseId: string, resources: readonly LessonResource[], extraPaths: readonly string[] = [], openToAll = false): Promise<void> {
  const paths = [...(await assignedPaths(tx, courseId)), ...extraPaths];
  for (const r of resources) {
    if (!r.published) throw badField('lessons', { zh: `学习资源“${r.title}”还没有发布`, en: `The resource “${r.title}” is not published` });
    if ((openToAll && r.scopePath !== '') || !reachesAll(r, paths)) {
      throw badField('lessons', { zh: `学习资源“${r.title}”的可见范围不包括课程的全部学员，请在资源库中放宽它的可见范围`, en: `The resource “${r.title}” is not visible to everyone the course is for; widen its scope in the library` });
    }
  }
}

async function currentResources(tx: Tx, tenantId: string, courseId: string): Promise<LessonResource[]> {
  const lessons = await tx.selectFrom('course_lessons').select('resource_id').where('course_id', '=', courseId).where('removed_at', 'is', null).execute();
  return [...(await lessonResources(tx, tenantId, lessons.map((l) => l.resource_id))).values()];
}

export async function publishCourse(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const c = await managedCourse(tx, actor, id, true);
    if (c.state !== 'draft') throw conflict(undefined, { zh: '只有草稿可以发布', en: 'Only a draft can be published' });
    const resources = await currentResources(tx, ctx.tenantId, id);
    if (resources.length === 0) throw badField('lessons', { zh: '课程至少要有一节课', en: 'A course needs at least one lesson' });
    await checkReach(tx, id, resources, [], c.open_to_all);
    await tx.updateTable('courses').set({ state: 'published', published_at: clock.now(), updated_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'course.publish', objectType: 'course', objectId: id, detail: { title: c.title } });
  });
}

export async function archiveCourse(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const c = await managedCourse(tx, actor, id, true);
    if (c.state === 'archived') throw conflict(undefined, { zh: '课程已经归档', en: 'The course is already archived' });
    await tx.updateTable('courses').set({ state: 'archived', updated_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'course.archive', objectType: 'course', objectId: id, detail: { from: c.state } });
  });
}

export async function assignCourse(db: Kysely<DB>, actor: Actor, id: string, body: { unitIds: string[]; personIds: string[]; dueOn: string }): Promise<number> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const c = await managedCourse(tx, actor, id, true);
    if (c.state !== 'published') throw conflict(undefined, { zh: '请先发布课程再指派学习', en: 'Publish the course before assigning it' });
    if (body.dueOn < todayInChina(clock.now())) throw badField('dueOn', { zh: '完成期限不能早于今天', en: 'The due date cannot be in the past' });
    const a = await checkAudience(tx, actor, 'courses.manage', body);
    const units = a.unitIds.length ? await tx.selectFrom('org_units').select('path').where('id', 'in', a.unitIds).execute() : [];
    const people = a.personIds.length ? await tx.selectFrom('people').select('org_path').where('id', 'in', a.personIds).execute() : [];
    await checkReach(tx, id, await currentResources(tx, ctx.tenantId, id), [...units.map((u) => u.path), ...people.map((p) => p.org_path)]);
    const rows = [
      ...a.unitIds.map((u) => ({ id: randomUUID(), tenant_id: ctx.tenantId, course_id: id, org_unit_id: u, person_id: null, due_on: body.dueOn, assigned_by: ctx.actorId, withdrawn_at: null })),
      ...a.personIds.map((p) => ({ id: randomUUID(), tenant_id: ctx.tenantId, course_id: id, org_unit_id: null, person_id: p, due_on: body.dueOn, assigned_by: ctx.actorId, withdrawn_at: null })),
    ];
    await tx.insertInto('course_assignments').values(rows).execute();
    await auditAs(tx, ctx, { action: 'course.assign', objectType: 'course', objectId: id, detail: { unitIds: a.unitIds, personIds: a.personIds, dueOn: body.dueOn } });
    return rows.length;
  });
}

export async function withdrawAssignment(db: Kysely<DB>, actor: Actor, id: string, assignmentId: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    await managedCourse(tx, actor, id, true);
    const a = await tx.selectFrom('course_assignments as a').leftJoin('org_units as u', 'u.id', 'a.org_unit_id').leftJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.id', 'a.org_unit_id', 'a.person_id', 'a.due_on', 'u.path as unit_path', 'p.org_path']).where('a.id', '=', assignmentId).where('a.course_id', '=', id).where('a.withdrawn_at', 'is', null).executeTakeFirst();
    if (!a || !can(actor, 'courses.manage', a.unit_path ?? a.org_path ?? '\u0000')) throw notFound({ zh: '学习指派', en: 'Assignment' });
    await tx.updateTable('course_assignments').set({ withdrawn_at: clock.now() }).where('id', '=', assignmentId).execute();
    await auditAs(tx, ctx, { action: 'course.unassign', objectType: 'course', objectId: id, detail: { assignmentId, orgUnitId: a.org_unit_id, personId: a.person_id, dueOn: a.due_on } });
  });
}

export async function listCourses(db: Kysely<DB>, actor: Actor, q: { page: number; pageSize: number; state?: 'draft' | 'published' | 'archived' | undefined }) {
  return withTenant(db, txContext(actor), async (tx) => {
    let b = tx.selectFrom('courses as c').innerJoin('org_units as u', 'u.id', 'c.org_unit_id').where(inSubtrees('u.path', scopesFor(actor, 'courses.manage')));
    if (q.state) b = b.where('c.state', '=', q.state);
    const total = Number((await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await b.selectAll('c').select('u.name as unit_name').orderBy('c.updated_at', 'desc').orderBy('c.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    const ids = rows.map((r) => r.id);
    const lessons = ids.length ? await tx.selectFrom('course_lessons').select(['course_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('duration_seconds').as('secs')])
      .where('course_id', 'in', ids).where('removed_at', 'is', null).groupBy('course_id').execute() : [];
    const assigned = ids.length ? await tx.selectFrom('course_assignments').select(['course_id', (eb) => eb.fn.min('due_on').as('due')]).where('course_id', 'in', ids).where('withdrawn_at', 'is', null).groupBy('course_id').execute() : [];
    return {
      total,
      items: rows.map((c) => {
        const l = lessons.find((x) => x.course_id === c.id);
        return {
          id: c.id, title: c.title, unitName: c.unit_name, state: c.state, openToAll: c.open_to_all, lessons: Number(l?.n ?? 0), minutes: Math.round(Number(l?.secs ?? 0) / 60),
          assigned: assigned.some((a) => a.course_id === c.id), nextDueOn: (assigned.find((a) => a.course_id === c.id)?.due as string | undefined) ?? null, updatedAt: c.updated_at.toISOString(),
        };
      }),
    };
  });
}

export async function getCourse(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const c = await managedCourse(tx, actor, id);
    const lessons = await tx.selectFrom('course_lessons').selectAll().where('course_id', '=', id).where('removed_at', 'is', null).orderBy('position').execute();
    const resources = await lessonResources(tx, actor.tenantId, lessons.map((l) => l.resource_id));
    const assignments = await tx.selectFrom('course_assignments as a').leftJoin('org_units as u', 'u.id', 'a.org_unit_id').leftJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.id', 'a.org_unit_id', 'a.person_id', 'a.due_on', 'a.assigned_at', 'u.name as unit_name', 'u.path as unit_path', 'p.name as person_name', 'p.org_path'])
      .where('a.course_id', '=', id).where('a.withdrawn_at', 'is', null).orderBy('a.assigned_at').execute();
    const paths = assignments.filter((a) => a.unit_path).map((a) => a.unit_path!);
    const personIds = assignments.filter((a) => a.person_id).map((a) => a.person_id!);
    const audience = Number((await tx.selectFrom('people as p').select((eb) => eb.fn.countAll<number>().as('n')).where(audienceCondition(paths, personIds)).executeTakeFirstOrThrow()).n);
    return {
      id: c.id, title: c.title, description: c.description, orgUnitId: c.org_unit_id, unitName: c.unit_name, state: c.state, openToAll: c.open_to_all,
      publishedAt: c.published_at?.toISOString() ?? null, audience,
      lessons: lessons.map((l) => {
        const r = resources.get(l.resource_id);
        return { id: l.id, position: l.position, title: l.title, resourceId: l.resource_id, kind: l.resource_kind, kindName: LESSON_KIND_NAMES[l.resource_kind as LessonKind], durationMinutes: Math.round(l.duration_seconds / 60), resourceTitle: r?.title ?? null, resourcePublished: r?.published ?? false };
      }),
      assignments: assignments.map((a) => ({
        id: a.id, kind: a.org_unit_id ? ('unit' as const) : ('person' as const), name: a.unit_name ?? a.person_name ?? '', dueOn: a.due_on, assignedAt: a.assigned_at.toISOString(),
        canWithdraw: can(actor, 'courses.manage', a.unit_path ?? a.org_path ?? '\u0000'),
      })),
      abilities: { edit: c.state !== 'archived', publish: c.state === 'draft', archive: c.state !== 'archived', assign: c.state === 'published' },
    };
  });
}
