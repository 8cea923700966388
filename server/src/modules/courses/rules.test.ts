// Rules of study time (RULES.md §8: learning time is measured on the server; client-sent timers have been exploited),
// due dates, points with daily caps, and breakdowns that cannot single out a group under five people.
import { describe, expect, it } from 'vitest';
import {
  countBeat, dueState, GAP_SECONDS, lessonCapMs, lessonComplete, learningSettings, pointsToAward, suppressSmallGroups, DEFAULT_LEARNING_SETTINGS, type BeatInput,
} from './rules.js';

const t0 = new Date('2026-04-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const beat = (over: Partial<BeatInput>): BeatInput => ({ now: at(15), lastBeatAt: t0, lastSeq: 0, seq: 1, kind: 'article', durationSeconds: 600, studiedMs: 0, furthest: 0, ...over });

describe('a heartbeat counts the wall time since the session’s previous one, within bounds', () => {
  it('counts the interval; the first heartbeat of a session counts nothing', () => {
    expect(countBeat(beat({}))).toEqual({ countedMs: 15_000, furthest: 0, reason: 'counted', accepted: true });
    expect(countBeat(beat({ lastBeatAt: null }))).toMatchObject({ countedMs: 0, reason: 'first', accepted: true });
  });

  it('counts nothing for a replayed or reordered heartbeat, or one from the past', () => {
    expect(countBeat(beat({ seq: 0 }))).toMatchObject({ countedMs: 0, reason: 'replay', accepted: false });
    expect(countBeat(beat({ lastSeq: 5, seq: 5 }))).toMatchObject({ reason: 'replay' });
    expect(countBeat(beat({ now: t0 }))).toMatchObject({ countedMs: 0, reason: 'replay' });
  });

  it(`does not count a gap over ${GAP_SECONDS} s (a hidden page sends nothing)`, () => {
    expect(countBeat(beat({ now: at(GAP_SECONDS) }))).toMatchObject({ countedMs: GAP_SECONDS * 1000, reason: 'counted' });
    expect(countBeat(beat({ now: at(GAP_SECONDS + 1) }))).toMatchObject({ countedMs: 0, reason: 'gap', accepted: true });
  });

  it('caps a lesson at 1.5× its expected duration', () => {
    expect(lessonCapMs(600)).toBe(900_000);
    expect(countBeat(beat({ studiedMs: 890_000 }))).toMatchObject({ countedMs: 10_000, reason: 'capped' });
    expect(countBeat(beat({ studiedMs: 900_000 }))).toMatchObject({ countedMs: 0, reason: 'capped' });
  });

  it('lets a media position advance at most 2× the counted time and never move back', () => {
    const v = { kind: 'video' as const, durationSeconds: 300 };
    expect(countBeat(beat({ ...v, position: 30 })).furthest).toBe(30);
    expect(countBeat(beat({ ...v, position: 280 })).furthest).toBe(30);
    expect(countBeat(beat({ ...v, furthest: 100, position: 20 })).furthest).toBe(100);
    expect(countBeat(beat({ ...v, position: 9999, furthest: 290 })).furthest).toBe(300);
    expect(countBeat(beat({ ...v, now: at(120), position: 200 })).furthest).toBe(0);
    // An article has no position.
    expect(countBeat(beat({ position: 500 })).furthest).toBe(0);
  });
});

describe('completion, due dates and points', () => {
  it('completes an article at its duration and a recording at 90 % credibly played', () => {
    expect(lessonComplete('article', 600, 599_999, 0)).toBe(false);
    expect(lessonComplete('article', 600, 600_000, 0)).toBe(true);
    expect(lessonComplete('video', 600, 10_000_000, 539)).toBe(false);
    expect(lessonComplete('video', 600, 0, 540)).toBe(true);
  });

  it('flags a course due within the reminder days, and one past its date', () => {
    expect(dueState('2026-04-01', '2026-04-10', false, 3)).toBe('open');
    expect(dueState('2026-04-07', '2026-04-10', false, 3)).toBe('due_soon');
    expect(dueState('2026-04-10', '2026-04-10', false, 3)).toBe('due_soon');
    expect(dueState('2026-04-11', '2026-04-10', false, 3)).toBe('overdue');
    expect(dueState('2026-04-11', '2026-04-10', true, 3)).toBe('done');
  });

  it('awards a rule’s points up to what is left of its daily cap', () => {
    expect(pointsToAward({ points: 5, dailyCap: 6 }, 0)).toBe(5);
    expect(pointsToAward({ points: 5, dailyCap: 6 }, 5)).toBe(1);
    expect(pointsToAward({ points: 5, dailyCap: 6 }, 6)).toBe(0);
    expect(pointsToAward({ points: 0, dailyCap: 6 }, 0)).toBe(0);
  });

  it('keeps rankings off unless the tenant turned them on (RULES.md §8), and ignores bad stored values', () => {
    expect(learningSettings({}).rankingsEnabled).toBe(false);
    expect(learningSettings({ learning: { rankingsEnabled: true } }).rankingsEnabled).toBe(true);
    expect(learningSettings({ learning: { reminderDays: 'x', points: { exam_passed: { points: 'a' } } } })).toEqual(DEFAULT_LEARNING_SETTINGS);
  });
});

describe('breakdowns never single out a group under five', () => {
  const row = (key: string, people: number) => ({ key, people });
  const combine = (small: { key: string; people: number }[]) => row('other', small.reduce((s, r) => s + r.people, 0));

  it('shows groups of five or more and combines the small ones', () => {
    expect(suppressSmallGroups([row('a', 10), row('b', 3), row('c', 2)], combine)).toEqual({ rows: [row('a', 10), row('other', 5)], suppressed: 0 });
  });

  it('adds the smallest shown group to a combined row that is still under five (else total minus the rest gives it away)', () => {
    expect(suppressSmallGroups([row('a', 10), row('b', 6), row('c', 1)], combine)).toEqual({ rows: [row('a', 10), row('other', 7)], suppressed: 0 });
  });

  it('shows no rows when nothing but one combined group would remain', () => {
    expect(suppressSmallGroups([row('a', 6), row('b', 1)], combine)).toEqual({ rows: [], suppressed: 7 });
    expect(suppressSmallGroups([row('a', 3)], combine)).toEqual({ rows: [], suppressed: 3 });
    expect(suppressSmallGroups([row('a', 5), row('b', 0)], combine)).toEqual({ rows: [row('a', 5)], suppressed: 0 });
  });
});
