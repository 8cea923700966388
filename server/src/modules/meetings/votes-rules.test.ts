// Vote quorum and pass rules, RULES.md §5 (《中国共产党支部工作条例（试行）》: 党员大会 needs more than half of the members
// with voting rights present; a motion passes when yes-votes exceed half of the members with voting rights who should
// attend; 预备党员 have no vote; 支委会 needs more than half of the committee present).
import { describe, expect, it } from 'vitest';
import { countVoters, hasVote, mayCast, moreThanHalf, quorum, tally, voteBodyOf, type Voter } from './votes-rules.js';

const members = (full: number, presentFull: number, probationary = 0, presentProbationary = 0): Voter[] => [
  ...Array.from({ length: full }, (_, i) => ({ role: 'member' as const, voting: true, present: i < presentFull })),
  ...Array.from({ length: probationary }, (_, i) => ({ role: 'member' as const, voting: false, present: i < presentProbationary })),
];

describe('more than half', () => {
  it('is strictly more: 10 → 6, 9 → 5, 1 → 1, 0 → 1', () => {
    expect([10, 9, 1, 0, 2, 3].map(moreThanHalf)).toEqual([6, 5, 1, 1, 2, 2]);
  });
});

describe('支部党员大会', () => {
  it('has a quorum with more than half of the voting members present, not with exactly half', () => {
    expect(quorum(countVoters('assembly', members(10, 6)))).toMatchObject({ met: true, needed: 6 });
    expect(quorum(countVoters('assembly', members(10, 5)))).toMatchObject({ met: false, needed: 6, present: 5 });
    expect(quorum(countVoters('assembly', members(9, 5))).met).toBe(true);
    expect(quorum(countVoters('assembly', members(9, 4))).met).toBe(false);
  });

  it('does not count 预备党员 towards the quorum or the number who should attend', () => {
    // 10 正式 of whom 5 present, plus 4 预备 all present: 9 people in the room, still no quorum.
    const c = countVoters('assembly', members(10, 5, 4, 4));
    expect(c).toEqual({ shouldAttend: 10, present: 5 });
    expect(quorum(c).met).toBe(false);
    expect(hasVote('assembly', { role: 'member', voting: false })).toBe(false);
    expect(mayCast('assembly', { role: 'member', voting: false, present: true })).toBe(false);
  });

  it('passes with yes-votes above half of those who should attend — not of those present or of ballots cast', () => {
    // 10 should attend, 7 present: 6 yes pass, 5 yes do not, although 5 of 7 present and 5 of 6 cast are majorities.
    const c = countVoters('assembly', members(10, 7));
    expect(tally(c, { yes: 6, no: 1, abstain: 0 })).toMatchObject({ passed: true, needed: 6, cast: 7 });
    expect(tally(c, { yes: 5, no: 1, abstain: 0 })).toMatchObject({ passed: false, needed: 6 });
    expect(tally(c, { yes: 5, no: 0, abstain: 2 }).passed).toBe(false);
  });

  it('does not pass with exactly half yes (the edge case)', () => {
    expect(tally(countVoters('assembly', members(8, 8)), { yes: 4, no: 4, abstain: 0 })).toMatchObject({ passed: false, needed: 5 });
    expect(tally(countVoters('assembly', members(8, 8)), { yes: 5, no: 3, abstain: 0 }).passed).toBe(true);
  });

  it('does not pass without a quorum, whatever the ballots', () => {
    // 3 should attend, 1 present: even a unanimous yes of those present fails.
    const t = tally(countVoters('assembly', members(3, 1)), { yes: 1, no: 0, abstain: 0 });
    expect(t).toMatchObject({ quorumMet: false, passed: false });
  });

  it('has no quorum when nobody with a vote should attend (a branch of 预备党员 only)', () => {
    expect(quorum(countVoters('assembly', members(0, 0, 3, 3)))).toMatchObject({ met: false, shouldAttend: 0 });
  });
});

describe('支部委员会会议', () => {
  const committee = (size: number, present: number): Voter[] =>
    Array.from({ length: size }, (_, i) => ({ role: 'committee' as const, voting: true, present: i < present }));

  it('needs more than half of the committee present: 5 → 3, 7 → 4; exactly half of 4 is not enough', () => {
    expect(quorum(countVoters('committee', committee(5, 3))).met).toBe(true);
    expect(quorum(countVoters('committee', committee(5, 2))).met).toBe(false);
    expect(quorum(countVoters('committee', committee(7, 4))).met).toBe(true);
    expect(quorum(countVoters('committee', committee(4, 2))).met).toBe(false);
  });

  it('counts only committee members: a guest or ordinary member at a 支委会 has no vote there', () => {
    const people: Voter[] = [...committee(3, 2), { role: 'member', voting: true, present: true }, { role: 'guest', voting: true, present: true }];
    expect(countVoters('committee', people)).toEqual({ shouldAttend: 3, present: 2 });
    expect(mayCast('committee', { role: 'member', voting: true, present: true })).toBe(false);
  });

  it('passes with yes-votes above half of the committee: 2 of 5 do not, 3 of 5 do', () => {
    const c = countVoters('committee', committee(5, 5));
    expect(tally(c, { yes: 2, no: 1, abstain: 2 }).passed).toBe(false);
    expect(tally(c, { yes: 3, no: 2, abstain: 0 }).passed).toBe(true);
  });
});

describe('which meetings vote', () => {
  it('is the 党员大会 and the 支委会; the other kinds take no votes', () => {
    expect(voteBodyOf('branch_assembly')).toBe('assembly');
    expect(voteBodyOf('committee')).toBe('committee');
    for (const k of ['group', 'lecture', 'theme_day', 'life_meeting', 'evaluation'] as const) expect(voteBodyOf(k)).toBeNull();
  });
});
