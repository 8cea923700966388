/**
 * 学习进度 of a course over an org subtree, for organisers (learning.progress): how many of the people it is assigned to
 * have finished, are studying, have not started or are past the due date, and the hours studied — derived from the
 * assignments and the progress the heartbeats recorded. Breakdowns by unit hide groups under MIN_GROUP people; the list
 * of named people is shown only to those whose role lets them see those people (people.read), within that scope.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { inSubtrees, subtreeRange } from '../../platform/db/subtree.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { todayInChina } from '../org/clock.js';
import { clock } from '../exams/clock.js';
import { suppressSmallGroups, type DueState } from './rules.js';

/** The unit a progress or statistics view is about: the one asked for (in scope), or the actor's top unit of scope. */
export async function unitOfView(tx: Tx, actor: Actor, unitId: string | undefined) {
  const scopes = scopesFor(actor, 'learning.progress');
  if (unitId) {
    const u = await tx.selectFrom('org_units').select(['id', 'name', 'path', 'kind']).where('id', '=', unitId).executeTakeFirst();
    if (!u || !can(actor, 'learning.progress', u.path)) throw badField('unitId', { zh: '该组织不存在或不在您的查看范围内', en: 'The unit does not exist or is outside your scope' });
    return u;
  }
  let q = tx.selectFrom('org_units').select(['id', 'name', 'path', 'kind']).where('dissolved_at', 'is', null);
  q = scopes.includes('') ? q.where('parent_id', 'is', null) : q.where('path', 'in', scopes.length ? scopes : ['\u0000']);
  const u = await q.orderBy('path').executeTakeFirst();
  if (!u) throw badField('unitId', { zh: '没有可查看的组织', en: 'No unit to view' });
  return u;
}

/** Units the actor may view progress and statistics of: the tops of their scope (deeper ones through the picker). */
export async function progressUnits(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'learning.progress');
    let q = tx.selectFrom('org_units').select(['id', 'name', 'path', 'depth', 'kind']).where('dissolved_at', 'is', null);
    q = q.where(inSubtrees('path', scopes));
    const rows = await q.orderBy('path').limit(2000).execute();
    const top = Math.min(...rows.map((r) => r.depth));
    return rows.map((r) => ({ id: r.id, name: r.name, depth: r.depth - top, kind: r.kind }));
  });
}

interface PersonRow { id: string; name: string; org_path: string; unit_name: string; due_on: string; lessons_done: number; studied_ms: number; last_at: Date | null }

export async function courseProgress(db: Kysely<DB>, actor: Actor, courseId: string, q: { unitId?: string | undefined }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const unit = await unitOfView(tx, actor, q.unitId);
    const c = await tx.selectFrom('courses').select(['id', 'title', 'state']).where('id', '=', courseId).executeTakeFirst();
    if (!c) throw notFound({ zh: '课程', en: 'Course' });
    const lessons = Number((await tx.selectFrom('course_lessons').select((eb) => eb.fn.countAll<number>().as('n')).where('course_id', '=', courseId).where('removed_at', 'is', null).executeTakeFirstOrThrow()).n);
    // Everyone in the unit's subtree the course is assigned to, with their earliest due date and their progress.
    const { rows } = await sql<PersonRow>`
      with assigned as (
        select p.id, min(a.due_on) as due_on
        from people p
        join course_assignments a on a.course_id = ${courseId} and a.withdrawn_at is null
        left join org_units au on au.id = a.org_unit_id
        where p.archived_at is null and ${subtreeRange('p.org_path', unit.path)}
          and (a.person_id = p.id or (au.path is not null and p.org_path >= au.path and p.org_path < au.path || chr(1114111)))
        group by p.id
      )
      select p.id, p.name, p.org_path, u.name as unit_name, s.due_on::text as due_on,
        (select count(*) from lesson_progress lp join course_lessons l on l.id = lp.lesson_id and l.removed_at is null
          where lp.person_id = p.id and lp.course_id = ${courseId} and lp.completed_at is not null)::int as lessons_done,
        (select coalesce(sum(lp.studied_ms), 0) from lesson_progress lp where lp.person_id = p.id and lp.course_id = ${courseId})::bigint as studied_ms,
        (select max(lp.last_studied_at) from lesson_progress lp where lp.person_id = p.id and lp.course_id = ${courseId}) as last_at
      from assigned s join people p on p.id = s.id join org_units u on u.id = p.org_unit_id`.execute(tx);
    const today = todayInChina(clock.now());
    const stateOf = (r: PersonRow): DueState | 'not_started' => {
      if (lessons > 0 && r.lessons_done >= lessons) return 'done';
      if (r.due_on < today) return 'overdue';
      return r.studied_ms > 0 ? 'open' : 'not_started';
    };
    const count = (s: string) => rows.filter((r) => stateOf(r) === s).length;
    const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;
    // By child unit of the viewed unit (a person in the unit itself counts under it).
    const children = await tx.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', '=', unit.id).where('dissolved_at', 'is', null).orderBy('sort_order').orderBy('name').execute();
    const groups = [{ id: unit.id, name: `${unit.name}（本级）`, path: null as string | null }, ...children.map((ch) => ({ id: ch.id, name: ch.name, path: ch.path }))].map((g) => {
      const members = rows.filter((r) => (g.path ? r.org_path.startsWith(g.path) : !children.some((ch) => r.org_path.startsWith(ch.path))));
      return { key: g.id, name: g.name, people: members.length, done: members.filter((m) => stateOf(m) === 'done').length, overdue: members.filter((m) => stateOf(m) === 'overdue').length, hours: hours(members.reduce((s, m) => s + Number(m.studied_ms), 0)) };
    }).filter((g) => g.people > 0);
    const byUnit = suppressSmallGroups(groups, (small) => ({
      key: 'other', name: '其他（不足 5 人的组织合并）', people: small.reduce((s, x) => s + x.people, 0), done: small.reduce((s, x) => s + x.done, 0),
      overdue: small.reduce((s, x) => s + x.overdue, 0), hours: Math.round(small.reduce((s, x) => s + x.hours, 0) * 10) / 10,
    }));
    const mayName = can(actor, 'people.read', unit.path);
    return {
      course: { id: c.id, title: c.title, state: c.state, lessons },
      unit: { id: unit.id, name: unit.name },
      assigned: rows.length, done: count('done'), inProgress: count('open'), notStarted: count('not_started'), overdue: count('overdue'),
      completionRate: rows.length ? count('done') / rows.length : 0, hours: hours(rows.reduce((s, r) => s + Number(r.studied_ms), 0)),
      byUnit: byUnit.rows, suppressed: byUnit.suppressed,
      people: mayName ? rows.map((r) => ({
        personId: r.id, name: r.name, unitName: r.unit_name, dueOn: r.due_on, lessonsDone: r.lessons_done, lessons, studiedMinutes: Math.floor(Number(r.studied_ms) / 60_000),
        lastStudiedAt: r.last_at ? new Date(r.last_at).toISOString() : null, state: stateOf(r),
      })).sort((a, b) => a.lessonsDone - b.lessonsDone || a.name.localeCompare(b.name, 'zh-CN')) : null,
    };
  });
}

/** Courses assigned to anyone in the viewed unit's subtree (what the progress screen lets one pick). */
export async function coursesInView(db: Kysely<DB>, actor: Actor, q: { unitId?: string | undefined }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const unit = await unitOfView(tx, actor, q.unitId);
    const { rows } = await sql<{ id: string; title: string; state: string; due: string }>`
      select c.id, c.title, c.state, min(a.due_on)::text as due from courses c
      join course_assignments a on a.course_id = c.id and a.withdrawn_at is null
      left join org_units au on au.id = a.org_unit_id
      left join people ap on ap.id = a.person_id
      where c.state <> 'draft' and (
        (au.path is not null and (${subtreeRange('au.path', unit.path)} or ${unit.path} >= au.path and ${unit.path} < au.path || chr(1114111)))
        or (ap.org_path is not null and ${subtreeRange('ap.org_path', unit.path)}))
      group by c.id, c.title, c.state order by min(a.due_on) desc, c.title limit 200`.execute(tx);
    return { unit: { id: unit.id, name: unit.name }, items: rows.map((r) => ({ id: r.id, title: r.title, state: r.state, dueOn: r.due })) };
  });
}
