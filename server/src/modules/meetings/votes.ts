/**
 * Votes inside a meeting (表决): open, cast, close. Rules in votes-rules.ts (RULES.md §5). What keeps a secret ballot
 * secret (docs/decisions/0007-realtime-rooms.md): the choice is written to meeting_vote_ballots with no voter, no
 * time and a random id; who has voted is a separate row without the choice; the audit record of a cast names the
 * voter and the vote but not the choice; the room hears only the turnout; the result exists only once the vote is
 * closed, and then the ballots are rewritten in random order (zg_vote_reshuffle). One ballot per member whatever the
 * device or server process: the voters' primary key, in the same transaction as the ballot, so a ballot that was
 * accepted is committed (and survives a restart) and a second one is refused.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import { txContext } from '../../platform/http/app.js';
import { auditAs } from '../../platform/audit/chain.js';
import { badField, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { channelOf, loadRoom, requireInProgress, requireManage } from './room/access.js';
import { voteView, type VoteView } from './room/present.js';
import { countVoters, hasVote, mayCast, quorum, tally, voteBodyOf, type BallotKind, type Choice } from './votes-rules.js';
import { loadViewerInScope, type MeetingInScope } from './api.js';

const VOTE = { zh: '表决', en: 'Vote' };

const votersOf = (m: MeetingInScope) => m.attendees.map((a) => ({ role: a.role, voting: a.voting, present: a.attendance === 'present' }));

export async function openVote(hub: RealtimeHub, actor: Actor, meetingId: string, input: { title: string; ballot: BallotKind; agendaItemId?: string | null | undefined }): Promise<VoteView> {
  const ctx = txContext(actor);
  const title = input.title.trim();
  if (!title) throw badField('title', { zh: '请填写表决事项', en: 'Enter what is being voted on' });
  return hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    requireManage(m);
    requireInProgress(m);
    const body = voteBodyOf(m.meeting.kind);
    if (!body) throw conflict('kind', { zh: '只有支部党员大会和支部委员会会议进行表决', en: 'Only a branch general meeting or a branch committee meeting takes votes' });
    if (input.agendaItemId && !m.agenda.some((a) => a.id === input.agendaItemId)) throw badField('agendaItemId', { zh: '议程中没有这一项', en: 'No such agenda item' });
    const q = quorum(countVoters(body, votersOf(m)));
    if (!q.met) {
      throw conflict('quorum', {
        zh: `应到${body === 'committee' ? '委员' : '有表决权的党员'} ${q.shouldAttend} 人，实到 ${q.present} 人，未超过半数（至少需 ${q.needed} 人），不能表决`,
        en: `${q.present} of ${q.shouldAttend} ${body === 'committee' ? 'committee members' : 'voting members'} present; more than half (${q.needed}) are needed to vote`,
      });
    }
    const open = await tx.selectFrom('meeting_votes').select('id').where('meeting_id', '=', meetingId).where('state', '=', 'open').executeTakeFirst();
    if (open) throw conflict('title', { zh: '还有一项表决没有结束，请先结束它', en: 'Another vote is still open; close it first' });
    const id = randomUUID();
    const row = await tx.insertInto('meeting_votes').values({
      id, tenant_id: actor.tenantId, meeting_id: meetingId, title, ballot: input.ballot, body, agenda_item_id: input.agendaItemId ?? null, opened_by: actor.userId,
      closed_at: null, closed_by: null, should_attend: null, present: null, yes: null, no: null, abstain: null, quorum_met: null, passed: null,
    }).returningAll().executeTakeFirstOrThrow();
    await auditAs(tx, ctx, { action: 'meeting.vote_open', objectType: 'meeting', objectId: meetingId, detail: { voteId: id, title, ballot: input.ballot } });
    const view = await voteView(tx, row);
    await emit(channelOf(meetingId), 'vote', view);
    return view;
  });
}

export async function castBallot(hub: RealtimeHub, actor: Actor, meetingId: string, voteId: string, choice: Choice): Promise<{ voteId: string; cast: true; choice: Choice | null }> {
  const ctx = txContext(actor);
  return hub.withEvents(ctx, async (tx, emit) => {
    // Only the voter's own line: the roster of a large meeting is not read per ballot.
    const m = await loadViewerInScope(tx, actor, meetingId);
    // The vote row's lock orders casts against each other and against the close: none is counted after the tally.
    const vote = await tx.selectFrom('meeting_votes').selectAll().where('id', '=', voteId).where('meeting_id', '=', meetingId).forUpdate().executeTakeFirst();
    if (!vote) throw notFound(VOTE);
    if (vote.state !== 'open') throw conflict('choice', { zh: '表决已经结束', en: 'The vote is closed' });
    const me = m.viewer.attendee;
    if (!me || !hasVote(vote.body, me)) {
      throw forbidden(vote.body === 'committee'
        ? { zh: '支委会表决只由支部委员投票', en: 'Only committee members vote in a committee meeting' }
        : { zh: '只有有表决权的正式党员可以投票（预备党员没有表决权）', en: 'Only full members with voting rights vote (probationary members have none)' });
    }
    if (!mayCast(vote.body, { role: me.role, voting: me.voting, present: me.attendance === 'present' })) {
      throw conflict('choice', { zh: '请先签到，再参加表决', en: 'Sign in first, then vote' });
    }
    const secret = vote.ballot === 'secret';
    const inserted = await tx.insertInto('meeting_vote_voters').values({ tenant_id: actor.tenantId, vote_id: voteId, person_id: me.personId, secret, choice: secret ? null : choice })
      .onConflict((oc) => oc.columns(['vote_id', 'person_id']).doNothing()).returning('person_id').executeTakeFirst();
    if (!inserted) throw conflict('choice', { zh: '您已经投过票了，每人只能投一次', en: 'You have already voted; one ballot each' });
    await tx.insertInto('meeting_vote_ballots').values({ id: randomUUID(), tenant_id: actor.tenantId, vote_id: voteId, choice }).execute();
    await auditAs(tx, ctx, { action: 'meeting.vote_cast', objectType: 'meeting', objectId: meetingId, detail: secret ? { voteId, ballot: 'secret' } : { voteId, ballot: 'open', choice } });
    const cast = Number((await tx.selectFrom('meeting_vote_voters').select((eb) => eb.fn.countAll<number>().as('n')).where('vote_id', '=', voteId).executeTakeFirstOrThrow()).n);
    await emit(channelOf(meetingId), 'turnout', { voteId, cast });
    return { voteId, cast: true as const, choice: secret ? null : choice };
  });
}

/** Closes the vote: counts the ballots against the attendance now (votes-rules.ts tally) and tells the room. */
export async function closeVote(hub: RealtimeHub, actor: Actor, meetingId: string, voteId: string): Promise<VoteView> {
  const ctx = txContext(actor);
  return hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadRoom(tx, actor, meetingId);
    requireManage(m);
    const vote = await tx.selectFrom('meeting_votes').selectAll().where('id', '=', voteId).where('meeting_id', '=', meetingId).forUpdate().executeTakeFirst();
    if (!vote) throw notFound(VOTE);
    if (vote.state !== 'open') throw conflict('state', { zh: '表决已经结束', en: 'The vote is already closed' });
    const rows = await tx.selectFrom('meeting_vote_ballots').select(['choice', (eb) => eb.fn.countAll<number>().as('n')]).where('vote_id', '=', voteId).groupBy('choice').execute();
    const counts: Record<Choice, number> = { yes: 0, no: 0, abstain: 0 };
    for (const r of rows) counts[r.choice] = Number(r.n);
    const t = tally(countVoters(vote.body, votersOf(m)), counts);
    const row = await tx.updateTable('meeting_votes').set({
      state: 'closed', closed_at: new Date(), closed_by: actor.userId, should_attend: t.shouldAttend, present: t.present,
      yes: t.yes, no: t.no, abstain: t.abstain, quorum_met: t.quorumMet, passed: t.passed,
    }).where('id', '=', voteId).returningAll().executeTakeFirstOrThrow();
    if (vote.ballot === 'secret') await sql`select zg_vote_reshuffle(${voteId}::uuid)`.execute(tx);
    await auditAs(tx, ctx, { action: 'meeting.vote_close', objectType: 'meeting', objectId: meetingId, detail: { voteId, yes: t.yes, no: t.no, abstain: t.abstain, shouldAttend: t.shouldAttend, present: t.present, passed: t.passed } });
    const view = await voteView(tx, row);
    // The result first, small and the same for a room of 10 or 1,000; an open ballot's names (a show of hands is
    // public) follow as their own event, so the tally does not wait behind ~40 KB per socket in a large room.
    await emit(channelOf(meetingId), 'vote', { ...view, openChoices: null });
    if (view.openChoices) await emit(channelOf(meetingId), 'vote_choices', { voteId, openChoices: view.openChoices });
    return view;
  });
}
