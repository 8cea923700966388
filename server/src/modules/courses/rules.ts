/**
 * Pure rules of courses and study time (RULES.md §8: learning time is measured on the server; client-sent timers
 * have been exploited to cheat). The client only says "I am showing lesson L (at media position P)" every ~15 s while
 * the page is visible; the server counts wall time between heartbeats it received, within these bounds:
 * - one active lesson per person: a second tab or device takes over and the first stops counting;
 * - a gap longer than GAP_SECONDS is not counted (the page was hidden, the phone slept, the network dropped);
 * - a heartbeat must be newer than the last one of its session (a replayed or reordered one counts nothing);
 * - a media position may advance at most MAX_PLAYBACK_RATE × the counted wall time (fast-forwarding is capped);
 * - a lesson's time is capped at LESSON_CAP_RATIO × its expected duration.
 * No I/O, no clock: times come in as arguments.
 */
import type { Msg } from '../../platform/http/errors.js';

export const HEARTBEAT_SECONDS = 15;
export const GAP_SECONDS = 45;
export const MAX_PLAYBACK_RATE = 2;
export const LESSON_CAP_RATIO = 1.5;
/** A media lesson is complete once this share of it has been credibly played. */
export const MEDIA_COMPLETE_RATIO = 0.9;
/** Smallest group any breakdown by person attributes shows (privacy by design: aggregates only). */
export const MIN_GROUP = 5;

export type LessonKind = 'article' | 'pdf' | 'video' | 'audio' | 'image';
export const MEDIA_KINDS: readonly LessonKind[] = ['video', 'audio'];

export const LESSON_KIND_NAMES: Record<LessonKind, Msg> = {
  article: { zh: '图文', en: 'Article' },
  pdf: { zh: 'PDF 文档', en: 'PDF' },
  video: { zh: '视频', en: 'Video' },
  audio: { zh: '音频', en: 'Audio' },
  image: { zh: '图片', en: 'Image' },
};

export type BeatReason = 'counted' | 'first' | 'gap' | 'replay' | 'capped' | 'superseded';

export interface BeatInput {
  now: Date;
  /** The session's last accepted heartbeat; null for a new session. */
  lastBeatAt: Date | null;
  lastSeq: number;
  seq: number;
  kind: LessonKind;
  durationSeconds: number;
  /** Counted so far on this lesson by this person (all sessions). */
  studiedMs: number;
  /** Furthest credible media position so far (seconds). */
  furthest: number;
  /** The media position the client reports (seconds), for video and audio. */
  position?: number | undefined;
}

export interface BeatResult {
  countedMs: number;
  furthest: number;
  reason: BeatReason;
  /** The heartbeat is accepted as the session's latest (not a replay). */
  accepted: boolean;
}

/** The lesson's cap on counted time. */
export function lessonCapMs(durationSeconds: number): number {
  return Math.floor(durationSeconds * LESSON_CAP_RATIO * 1000);
}

/** What one heartbeat adds: time since the session's previous heartbeat, within the bounds above. */
export function countBeat(b: BeatInput): BeatResult {
  if (b.lastBeatAt !== null && b.seq <= b.lastSeq) return { countedMs: 0, furthest: b.furthest, reason: 'replay', accepted: false };
  if (b.lastBeatAt === null) return { countedMs: 0, furthest: b.furthest, reason: 'first', accepted: true };
  const elapsed = b.now.getTime() - b.lastBeatAt.getTime();
  if (elapsed <= 0) return { countedMs: 0, furthest: b.furthest, reason: 'replay', accepted: false };
  if (elapsed > GAP_SECONDS * 1000) return { countedMs: 0, furthest: b.furthest, reason: 'gap', accepted: true };
  const room = Math.max(0, lessonCapMs(b.durationSeconds) - b.studiedMs);
  const countedMs = Math.min(elapsed, room);
  let furthest = b.furthest;
  if (MEDIA_KINDS.includes(b.kind) && typeof b.position === 'number' && Number.isFinite(b.position)) {
    // Playing advances the position by at most MAX_PLAYBACK_RATE × the time counted; a jump ahead (a seek, a forged
    // position) is credited only that far. Rewinding never lowers what was already played.
    const reported = Math.min(Math.max(0, b.position), b.durationSeconds);
    const reachable = b.furthest + (MAX_PLAYBACK_RATE * elapsed) / 1000;
    furthest = Math.max(b.furthest, Math.min(reported, reachable));
  }
  return { countedMs, furthest: Math.floor(furthest), reason: countedMs < elapsed ? 'capped' : 'counted', accepted: true };
}

/**
 * A lesson is complete when its expected time has been studied (articles, PDFs, images) or, for video and audio, when
 * MEDIA_COMPLETE_RATIO of it has been credibly played (at most 2× speed, so at least 45 % of its length in time).
 */
export function lessonComplete(kind: LessonKind, durationSeconds: number, studiedMs: number, furthest: number): boolean {
  if (MEDIA_KINDS.includes(kind)) return furthest >= Math.floor(durationSeconds * MEDIA_COMPLETE_RATIO);
  return studiedMs >= durationSeconds * 1000;
}

/** Share of a lesson done, 0–100, for progress bars. */
export function lessonPercent(kind: LessonKind, durationSeconds: number, studiedMs: number, furthest: number, completed: boolean): number {
  if (completed) return 100;
  const share = MEDIA_KINDS.includes(kind) ? furthest / Math.max(1, durationSeconds * MEDIA_COMPLETE_RATIO) : studiedMs / Math.max(1, durationSeconds * 1000);
  return Math.min(99, Math.floor(share * 100));
}

// ---------------------------------------------------------------- deadlines

export type DueState = 'done' | 'overdue' | 'due_soon' | 'open';

/** A learner's standing on an assigned course: done, past its due date, due within `reminderDays`, or open. */
export function dueState(today: string, dueOn: string | null, completed: boolean, reminderDays: number): DueState {
  if (completed) return 'done';
  if (!dueOn) return 'open';
  if (dueOn < today) return 'overdue';
  const days = daysBetween(today, dueOn);
  return days <= reminderDays ? 'due_soon' : 'open';
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ---------------------------------------------------------------- points

export type PointRule = 'lesson_completed' | 'course_completed' | 'exam_passed';
export const POINT_RULES: readonly PointRule[] = ['lesson_completed', 'course_completed', 'exam_passed'];
export const POINT_RULE_NAMES: Record<PointRule, Msg> = {
  lesson_completed: { zh: '完成一节课', en: 'Lesson completed' },
  course_completed: { zh: '学完一门课程', en: 'Course completed' },
  exam_passed: { zh: '通过一场考试', en: 'Exam passed' },
};

export interface PointRuleSetting { points: number; dailyCap: number }

export interface LearningSettings {
  points: Record<PointRule, PointRuleSetting>;
  /** RULES.md §8: rankings are optional and off by default; when on, only within a branch. */
  rankingsEnabled: boolean;
  /** Courses due within this many days are flagged to the learner. */
  reminderDays: number;
}

export const DEFAULT_LEARNING_SETTINGS: LearningSettings = {
  points: {
    lesson_completed: { points: 1, dailyCap: 10 },
    course_completed: { points: 5, dailyCap: 20 },
    exam_passed: { points: 5, dailyCap: 20 },
  },
  rankingsEnabled: false,
  reminderDays: 3,
};

export const LEARNING_SETTING_BOUNDS = { points: { minimum: 0, maximum: 100 }, dailyCap: { minimum: 0, maximum: 1000 }, reminderDays: { minimum: 1, maximum: 30 } } as const;

/** The tenant's learning settings (tenants.settings.learning) over the defaults; unknown or bad values fall back. */
export function learningSettings(raw: Record<string, unknown> | null | undefined): LearningSettings {
  const l = (raw?.learning ?? {}) as Partial<LearningSettings>;
  const points = { ...DEFAULT_LEARNING_SETTINGS.points };
  for (const r of POINT_RULES) {
    const p = l.points?.[r];
    if (p && Number.isInteger(p.points) && Number.isInteger(p.dailyCap)) points[r] = { points: p.points, dailyCap: p.dailyCap };
  }
  return {
    points,
    rankingsEnabled: typeof l.rankingsEnabled === 'boolean' ? l.rankingsEnabled : DEFAULT_LEARNING_SETTINGS.rankingsEnabled,
    reminderDays: Number.isInteger(l.reminderDays) ? l.reminderDays! : DEFAULT_LEARNING_SETTINGS.reminderDays,
  };
}

/** Points an event earns today under its rule: the rule's points, no more than what is left of the daily cap. */
export function pointsToAward(rule: PointRuleSetting, awardedToday: number): number {
  if (rule.points <= 0) return 0;
  return Math.max(0, Math.min(rule.points, rule.dailyCap - awardedToday));
}

// ---------------------------------------------------------------- small groups

export interface GroupRow { key: string; people: number; [k: string]: unknown }

/**
 * A breakdown that cannot single out a small group. Rows with fewer than MIN_GROUP people are combined into one
 * "other" row; when that row is still too small, the smallest shown rows join it until it is not — otherwise its
 * numbers would follow from the total minus the rows shown (complementary disclosure). When everything ends up in
 * "other", there is no breakdown to show: no rows, and how many people were left out.
 */
export function suppressSmallGroups<T extends GroupRow>(rows: readonly T[], combine: (small: T[]) => T, min = MIN_GROUP): { rows: T[]; suppressed: number } {
  const live = rows.filter((r) => r.people > 0);
  const shown = live.filter((r) => r.people >= min).sort((x, y) => y.people - x.people);
  const small = live.filter((r) => r.people < min);
  if (small.length === 0) return { rows: [...rows].filter((r) => r.people >= min), suppressed: 0 };
  const count = () => small.reduce((s, r) => s + r.people, 0);
  while (count() < min && shown.length > 0) small.push(shown.pop()!);
  if (shown.length === 0) return { rows: [], suppressed: count() };
  const keep = new Set(shown);
  return { rows: [...rows.filter((r) => keep.has(r)), combine(small)], suppressed: 0 };
}
