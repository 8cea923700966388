import { describe, expect, it } from 'vitest';
import { applyEvent, applyPresence, backoffMs, catchUp } from './reducer';
import type { RoomSnapshot, VoteView } from './types';

const snap = (): RoomSnapshot => ({
  seq: 0,
  meeting: { id: 'm', title: '支部党员大会', kind: 'branch_assembly', status: 'in_progress', orgUnitName: '一支部', place: '', online: true, videoLink: null, plannedStartAt: '', plannedEndAt: '', heldStartAt: null, heldEndAt: null, hostName: null, recorderName: null },
  attendees: [], agenda: [], materials: [], currentAgendaItemId: null, shownMaterialId: null, speakers: [], messages: [], votes: [], myBallots: [], quorum: null,
  minutes: { text: '', updatedAt: null, signed: false, lock: null }, presence: [],
  me: { userId: 'u', personId: null, abilities: { manage: false, signIn: false, speak: false, vote: false, draftMinutes: false } },
});
const vote = (over: Partial<VoteView> = {}): VoteView => ({ id: 'v', title: '表决', ballot: 'secret', body: 'assembly', agendaItemId: null, state: 'open', openedAt: '', closedAt: null, cast: 0, tally: null, openChoices: null, ...over });

describe('room events', () => {
  it('bring a snapshot that arrived late up to date with the events applied meanwhile (and only the newer ones)', () => {
    const present = [{ personId: 'p1', name: '甲', role: 'member', voting: true, attendance: 'present', signInChannel: 'manual', signedInAt: null, leave: false }];
    const applied = [
      { seq: 4, type: 'agenda', data: { currentAgendaItemId: 'old' } },
      { seq: 6, type: 'attendees', data: { attendees: present, quorum: null } },
    ];
    const late = { ...snap(), seq: 5, currentAgendaItemId: 'now' };
    const s = catchUp(late, applied as Parameters<typeof catchUp>[1]);
    expect(s.attendees).toEqual(present);
    expect(s.currentAgendaItemId).toBe('now');
  });

  it('are idempotent: a message applied twice shows once', () => {
    const m = { id: '1', authorName: '甲', personId: null, text: '同意', at: '' };
    expect(applyEvent(applyEvent(snap(), 'message', m), 'message', m).messages).toHaveLength(1);
  });

  it("set one attendee's line in place on a sign-in, with the quorum it makes", () => {
    const line = (personId: string, attendance: string) => ({ personId, name: personId, role: 'member', voting: true, attendance, signedInAt: null, signInChannel: null, leave: false });
    const s0 = { ...snap(), attendees: [line('甲', 'expected'), line('乙', 'expected')] };
    const quorum = { met: false, needed: 2, present: 1, shouldAttend: 2 };
    const s = applyEvent(s0, 'attendee', { attendee: { ...line('乙', 'present'), signInChannel: 'button' }, quorum });
    expect(s.attendees.map((a) => [a.personId, a.attendance])).toEqual([['甲', 'expected'], ['乙', 'present']]);
    expect(s.quorum).toEqual(quorum);
    expect(applyEvent(s, 'attendee', { attendee: { ...line('乙', 'present'), signInChannel: 'button' }, quorum }).attendees).toHaveLength(2);
  });

  it('never take a turnout back, nor reopen a closed vote', () => {
    let s = applyEvent(snap(), 'vote', vote());
    s = applyEvent(s, 'turnout', { voteId: 'v', cast: 3 });
    s = applyEvent(s, 'turnout', { voteId: 'v', cast: 2 });
    expect(s.votes[0]!.cast).toBe(3);
    const tally = { yes: 3, no: 0, abstain: 0, cast: 3, shouldAttend: 5, present: 4, quorumMet: true, needed: 3, passed: true };
    s = applyEvent(s, 'vote', vote({ state: 'closed', cast: 3, tally }));
    s = applyEvent(s, 'vote', vote());
    expect(s.votes[0]).toMatchObject({ state: 'closed', tally });
  });

  it("add an open ballot's names after its tally, and keep them when the tally comes again", () => {
    const tally = { yes: 1, no: 1, abstain: 0, cast: 2, shouldAttend: 3, present: 2, quorumMet: true, needed: 2, passed: false };
    const openChoices = [{ name: '甲', choice: 'yes' as const }, { name: '乙', choice: 'no' as const }];
    let s = applyEvent(snap(), 'vote', vote({ ballot: 'open' }));
    s = applyEvent(s, 'vote', vote({ ballot: 'open', state: 'closed', cast: 2, tally }));
    expect(s.votes[0]).toMatchObject({ tally, openChoices: null });
    s = applyEvent(s, 'vote_choices', { voteId: 'v', openChoices });
    s = applyEvent(s, 'vote', vote({ ballot: 'open', state: 'closed', cast: 2, tally }));
    expect(s.votes[0]!.openChoices).toEqual(openChoices);
  });

  it('take a meeting edited on its page: new agenda and materials, the place, no step that is gone', () => {
    const s0 = { ...snap(), agenda: [{ id: 'a1', position: 0, title: '旧议程', presenter: '', durationMinutes: null }], currentAgendaItemId: 'a1' };
    const s = applyEvent(s0, 'details', {
      meeting: { place: '三楼会议室' }, agenda: [{ id: 'a2', position: 0, title: '学习党章', presenter: '', durationMinutes: 30 }],
      materials: [{ id: 'x', title: '党章', kind: 'link', ref: 'https://example.org' }], currentAgendaItemId: null, shownMaterialId: null,
    });
    expect(s.meeting).toMatchObject({ place: '三楼会议室', title: '支部党员大会' });
    expect(s.agenda.map((a) => a.title)).toEqual(['学习党章']);
    expect(s.materials).toHaveLength(1);
    expect(s.currentAgendaItemId).toBeNull();
  });

  it('keeps presence from full lists and deltas', () => {
    let s = applyPresence(snap(), { t: 'presence', full: [{ userId: 'a', personId: null, name: '甲' }] });
    s = applyPresence(s, { t: 'presence', add: [{ userId: 'b', personId: null, name: '乙' }], remove: ['a'] });
    expect(s.presence.map((u) => u.name)).toEqual(['乙']);
  });
});

describe('reconnect back-off', () => {
  it('doubles from half a second to at most ten, with jitter', () => {
    expect(backoffMs(0, 1)).toBe(500);
    expect(backoffMs(3, 1)).toBe(4000);
    expect(backoffMs(10, 1)).toBe(10_000);
    expect(backoffMs(10, 0)).toBe(5000);
  });
});
