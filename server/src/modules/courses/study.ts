/**
 * Study time measured by the server (RULES.md §8). The player sends a heartbeat about every 15 s while the lesson's page
 * is visible: which lesson, the page's random key, a sequence number and, for video and audio, the playback position.
 * It never sends a duration or a total. Each heartbeat runs in one transaction, serialised per person:
 * - a key the server has not seen starts a session and supersedes the person's active one (one lesson at a time: a
 *   second tab or device takes over, and the first one's heartbeats count nothing from then on);
 * - the time since the session's previous heartbeat is counted within the rules of rules.ts (gap, replay, speed, cap);
 * - the lesson is completed by what was counted, and its points are awarded in the same transaction.
 * Heartbeats are not audit records: each session row is the record of what was counted, and sums over the sessions
 * are the study-hour statistics.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { clock } from '../exams/clock.js';
import { lessonForLearner } from './learning.js';
import { awardPoints } from './points.js';
import { countBeat, lessonComplete, lessonPercent, type BeatReason, type LessonKind } from './rules.js';

export interface HeartbeatBody {
  lessonId: string;
  /** A random id the page chose when it opened the lesson. */
  clientKey: string;
  /** Increases with every heartbeat of the page. */
  seq: number;
  /** Seconds into the recording (video and audio). */
  position?: number | undefined;
  /** The page is being hidden or left: count up to now and end the session. */
  final?: boolean | undefined;
}

export interface HeartbeatReply {
  counting: boolean;
  reason: BeatReason | 'ended';
  countedSeconds: number;
  lesson: { studiedSeconds: number; durationSeconds: number; furthestPosition: number; completed: boolean; percent: number };
  course: { completedLessons: number; lessons: number; completed: boolean };
}

async function courseTally(tx: Tx, personId: string, courseId: string) {
  const r = await tx.selectFrom('course_lessons as l').leftJoin('lesson_progress as p', (j) => j.onRef('p.lesson_id', '=', 'l.id').on('p.person_id', '=', personId))
    .select([(eb) => eb.fn.countAll<number>().as('lessons'), sql<number>`count(p.completed_at)`.as('done')])
    .where('l.course_id', '=', courseId).where('l.removed_at', 'is', null).executeTakeFirstOrThrow();
  const lessons = Number(r.lessons);
  const done = Number(r.done);
  return { completedLessons: done, lessons, completed: lessons > 0 && done === lessons };
}

export async function heartbeat(db: Kysely<DB>, actor: Actor, body: HeartbeatBody): Promise<HeartbeatReply> {
  const ctx: TxContext = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const { me, lesson } = await lessonForLearner(tx, actor, body.lessonId);
    // One heartbeat of a person at a time: two tabs racing cannot both extend the same interval.
    await sql`select pg_advisory_xact_lock(7234063, hashtext(${me.id}))`.execute(tx);
    const now = clock.now();
    const kind = lesson.resource_kind as LessonKind;
    let p = await tx.selectFrom('lesson_progress').selectAll().where('person_id', '=', me.id).where('lesson_id', '=', lesson.id).executeTakeFirst();
    if (!p) {
      await tx.insertInto('lesson_progress').values({ tenant_id: ctx.tenantId, person_id: me.id, lesson_id: lesson.id, course_id: lesson.course_id, completed_at: null, last_studied_at: null }).execute();
      p = await tx.selectFrom('lesson_progress').selectAll().where('person_id', '=', me.id).where('lesson_id', '=', lesson.id).executeTakeFirstOrThrow();
    }
    const reply = async (counting: boolean, reason: HeartbeatReply['reason'], countedMs: number, prog: { studied_ms: number; furthest_position: number; completed_at: Date | null }): Promise<HeartbeatReply> => ({
      counting, reason, countedSeconds: Math.floor(countedMs / 1000),
      lesson: {
        studiedSeconds: Math.floor(prog.studied_ms / 1000), durationSeconds: lesson.duration_seconds, furthestPosition: prog.furthest_position, completed: !!prog.completed_at,
        percent: lessonPercent(kind, lesson.duration_seconds, prog.studied_ms, prog.furthest_position, !!prog.completed_at),
      },
      course: await courseTally(tx, me.id, lesson.course_id),
    });

    const session = await tx.selectFrom('study_sessions').selectAll().where('person_id', '=', me.id).where('client_key', '=', body.clientKey).executeTakeFirst();
    if (!session) {
      // A new page: it becomes the person's one active lesson; the one before stops counting.
      await tx.updateTable('study_sessions').set({ state: 'superseded', ended_at: now }).where('person_id', '=', me.id).where('state', '=', 'active').execute();
      await tx.insertInto('study_sessions').values({
        id: randomUUID(), tenant_id: ctx.tenantId, person_id: me.id, user_id: actor.userId, lesson_id: lesson.id, course_id: lesson.course_id, client_key: body.clientKey,
        state: body.final ? 'ended' : 'active', started_at: now, last_beat_at: now, last_seq: body.seq, ended_at: body.final ? now : null,
      }).execute();
      return reply(!body.final, 'first', 0, p);
    }
    if (session.lesson_id !== lesson.id) throw badField('clientKey', { zh: '这个页面标识属于另一节课，请刷新页面', en: 'This page key belongs to another lesson; reload the page' });
    if (session.state !== 'active') return reply(false, session.state === 'superseded' ? 'superseded' : 'ended', 0, p);

    const r = countBeat({
      now, lastBeatAt: session.last_beat_at, lastSeq: session.last_seq, seq: body.seq, kind, durationSeconds: lesson.duration_seconds,
      studiedMs: p.studied_ms, furthest: p.furthest_position, position: body.position,
    });
    if (!r.accepted) return reply(false, r.reason, 0, p);
    await tx.updateTable('study_sessions').set({
      last_beat_at: now, last_seq: body.seq, beats: sql`beats + 1`, counted_ms: sql`counted_ms + ${r.countedMs}`,
      ...(body.final ? { state: 'ended' as const, ended_at: now } : {}),
    }).where('id', '=', session.id).execute();
    const studied = p.studied_ms + r.countedMs;
    const completedNow = !p.completed_at && lessonComplete(kind, lesson.duration_seconds, studied, r.furthest);
    const updated = { studied_ms: studied, furthest_position: r.furthest, completed_at: completedNow ? now : p.completed_at };
    await tx.updateTable('lesson_progress').set({ studied_ms: studied, furthest_position: r.furthest, last_studied_at: r.countedMs > 0 ? now : p.last_studied_at, ...(completedNow ? { completed_at: now } : {}) })
      .where('person_id', '=', me.id).where('lesson_id', '=', lesson.id).execute();
    if (completedNow) {
      await awardPoints(tx, ctx, { personId: me.id, rule: 'lesson_completed', sourceId: lesson.id, now });
      const tally = await courseTally(tx, me.id, lesson.course_id);
      if (tally.completed) await awardPoints(tx, ctx, { personId: me.id, rule: 'course_completed', sourceId: lesson.course_id, now });
    }
    return reply(!body.final && r.reason !== 'capped', body.final ? 'ended' : r.reason, r.countedMs, updated);
  });
}
