/**
 * Votes in a meeting (表决), RULES.md §5, 《中国共产党支部工作条例（试行）》 (2018): pure rules, no I/O, no clock.
 *
 *  - 支部党员大会: the meeting may decide only when more than half of the members with voting rights who should attend
 *    are present; a motion passes when the yes-votes exceed half of the members with voting rights who should attend
 *    (not half of those present, not half of the ballots cast). 预备党员 have no vote.
 *  - 支部委员会会议: more than half of the committee members present. The regulation states the quorum only; a motion
 *    passes here on the same measure as the assembly's (yes-votes above half of the committee members who should
 *    attend), the rule the party's committee regulations apply to their own meetings (docs/meetings.md).
 * "Who should attend" is the meeting's attendee list with voting rights (in a 支委会: its committee members), as the
 * meetings module derives it at planning.
 */
import type { AttendeeRole, MeetingKind } from './tables.js';

export type VoteBody = 'assembly' | 'committee';
export type Choice = 'yes' | 'no' | 'abstain';
export const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];
export type BallotKind = 'open' | 'secret';

/** Which body decides in a meeting of this kind; null: the kind takes no votes (党小组会, 党课, 主题党日 …). */
export function voteBodyOf(kind: MeetingKind): VoteBody | null {
  if (kind === 'branch_assembly') return 'assembly';
  if (kind === 'committee') return 'committee';
  return null;
}

/** One attendee, or `n` alike (a grouped count of a large list). */
export interface Voter { role: AttendeeRole; voting: boolean; present: boolean; n?: number }

/** Holds a vote in this body (present or not): 正式党员 with voting rights; in a 支委会, its committee members. */
export function hasVote(body: VoteBody, a: Pick<Voter, 'role' | 'voting'>): boolean {
  return a.voting && (body === 'assembly' || a.role === 'committee');
}

/** May cast a ballot now: holds a vote and has signed in (a vote is cast at the meeting, by those present). */
export function mayCast(body: VoteBody, a: Voter): boolean {
  return hasVote(body, a) && a.present;
}

/** The smallest whole number strictly greater than half of n. */
export function moreThanHalf(n: number): number {
  return Math.floor(n / 2) + 1;
}

export interface Counts { shouldAttend: number; present: number }

export function countVoters(body: VoteBody, attendees: readonly Voter[]): Counts {
  let shouldAttend = 0;
  let present = 0;
  for (const a of attendees) {
    if (!hasVote(body, a)) continue;
    shouldAttend += a.n ?? 1;
    if (a.present) present += a.n ?? 1;
  }
  return { shouldAttend, present };
}

export interface Quorum { met: boolean; needed: number; present: number; shouldAttend: number }

/** More than half of those who hold a vote and should attend are present. Nobody to attend: no quorum. */
export function quorum(c: Counts): Quorum {
  const needed = moreThanHalf(c.shouldAttend);
  return { met: c.shouldAttend > 0 && c.present >= needed, needed, present: c.present, shouldAttend: c.shouldAttend };
}

export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  /** Ballots cast. */
  cast: number;
  shouldAttend: number;
  present: number;
  quorumMet: boolean;
  /** Yes-votes needed to pass: more than half of those who should attend. */
  needed: number;
  passed: boolean;
}

/** The result: passes only with a quorum and yes-votes above half of those with a vote who should attend. */
export function tally(counts: Counts, ballots: Readonly<Record<Choice, number>>): Tally {
  const q = quorum(counts);
  const cast = ballots.yes + ballots.no + ballots.abstain;
  const needed = moreThanHalf(counts.shouldAttend);
  return {
    yes: ballots.yes, no: ballots.no, abstain: ballots.abstain, cast,
    shouldAttend: counts.shouldAttend, present: counts.present, quorumMet: q.met, needed,
    passed: q.met && ballots.yes >= needed,
  };
}
