// Votes in the live room (issue 5; RULES.md §5 via votes-rules.ts): only members with a vote, signed in, one ballot
// each across devices and sessions; the quorum checked when a vote opens; results hidden until it closes, then
// broadcast to the room; a secret ballot that no table, event, API answer or audit record links to its voter; and no
// ballot lost when the server restarts mid-meeting.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { asOwner } from '../../testing/db.js';
import { loginActive, makeTenant, makeUnit, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { LiveClient } from '../../platform/realtime/testing.js';
import { makeRoomMeeting, signIn, type RoomMeeting } from './room/testing.js';
import type { RoomSnapshot } from './room/service.js';
import type { VoteView } from './room/present.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let wsBase = '';

async function listen(app: TestApp): Promise<string> {
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.app.server.address();
  return `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

beforeAll(async () => {
  t = await testApp();
  wsBase = await listen(t);
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId);
});

afterAll(async () => {
  await t?.close();
});

interface Room { r: RoomMeeting; agents: Agent[]; base: string }

/** A meeting in progress with `full` voting members and `probationary` without a vote; the first `signedIn` signed in. */
async function room(opts: { full: number; probationary?: number; signedIn: number; kind?: 'branch_assembly' | 'committee'; committee?: number }): Promise<Room> {
  const r = await makeRoomMeeting(t, tenant.tenantId, root.id, { full: opts.full, probationary: opts.probationary ?? 0, status: 'in_progress', ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.committee !== undefined ? { committee: opts.committee } : {}) });
  const agents = await Promise.all(r.members.map((m) => loginActive(t.app, m.user)));
  for (const a of agents.slice(0, opts.signedIn)) expect((await signIn(a, r.meetingId)).statusCode).toBe(200);
  return { r, agents, base: `/api/meetings/${r.meetingId}/room` };
}

const open = (x: Room, ballot: 'open' | 'secret', title = '关于接收张三同志为预备党员的决议') => x.agents[0]!.post(`${x.base}/votes`, { title, ballot });
const cast = (x: Room, i: number, voteId: string, choice: string) => x.agents[i]!.post(`${x.base}/votes/${voteId}/ballot`, { choice });

describe('opening a vote', () => {
  it('is refused without a quorum: 2 of 4 voting members present is exactly half (预备党员 do not count)', async () => {
    const x = await room({ full: 4, probationary: 2, signedIn: 2 });
    for (const a of x.agents.slice(4)) await signIn(a, x.r.meetingId);
    const res = await open(x, 'secret');
    expect(res.statusCode).toBe(409);
    expect(res.json<{ message: string; field: string }>()).toMatchObject({ field: 'quorum' });
    expect(res.json<{ message: string }>().message).toContain('应到有表决权的党员 4 人，实到 2 人');
    await signIn(x.agents[2]!, x.r.meetingId);
    expect((await open(x, 'secret')).statusCode).toBe(200);
    expect((await open(x, 'open', '第二项')).statusCode).toBe(409);
  });

  it('is the host’s, and only in a 党员大会 or 支委会', async () => {
    const x = await room({ full: 3, signedIn: 3 });
    expect((await x.agents[1]!.post(`${x.base}/votes`, { title: '表决', ballot: 'open' })).statusCode).toBe(403);
    const g = await makeRoomMeeting(t, tenant.tenantId, root.id, { full: 2, status: 'in_progress', kind: 'group' });
    const gh = await loginActive(t.app, g.host.user);
    await signIn(gh, g.meetingId);
    expect((await gh.post(`/api/meetings/${g.meetingId}/room/votes`, { title: '表决', ballot: 'open' })).json()).toMatchObject({ field: 'kind' });
  });
});

describe('casting', () => {
  it('takes one ballot per member with a vote who has signed in, across devices', async () => {
    const x = await room({ full: 4, probationary: 1, signedIn: 3 });
    await signIn(x.agents[4]!, x.r.meetingId);
    const voteId = (await open(x, 'secret')).json<VoteView>().id;
    expect((await cast(x, 4, voteId, 'yes')).statusCode).toBe(403); // 预备党员
    expect((await cast(x, 3, voteId, 'yes')).statusCode).toBe(409); // not signed in
    expect((await cast(x, 1, voteId, 'maybe')).statusCode).toBe(400);
    // The same member on two devices (two sessions) at once: exactly one ballot counts.
    const phone = await loginActive(t.app, x.r.members[1]!.user);
    const both = await Promise.all([cast(x, 1, voteId, 'yes'), phone.post(`${x.base}/votes/${voteId}/ballot`, { choice: 'no' })]);
    expect(both.map((b) => b.statusCode).sort()).toEqual([200, 409]);
    expect((await cast(x, 1, voteId, 'yes')).statusCode).toBe(409);
    const ballots = await asOwner(t.database, (tx) => tx.selectFrom('meeting_vote_ballots').select('choice').where('vote_id', '=', voteId).execute());
    expect(ballots).toHaveLength(1);
  });

  it('answers 404 to someone not on the list and out of scope; reads the voter’s own line', async () => {
    const x = await room({ full: 3, signedIn: 2 });
    const voteId = (await open(x, 'open')).json<VoteView>().id;
    const other = await room({ full: 1, signedIn: 0 });
    expect((await other.agents[0]!.post(`${x.base}/votes/${voteId}/ballot`, { choice: 'yes' })).statusCode).toBe(404);
    expect((await cast(x, 2, voteId, 'yes')).json()).toMatchObject({ field: 'choice' }); // on the list, not signed in
    expect((await cast(x, 1, voteId, 'no')).json()).toEqual({ voteId, cast: true, choice: 'no' });
  });

  it('in a 支委会 takes ballots from committee members only', async () => {
    const x = await room({ full: 4, signedIn: 4, kind: 'committee', committee: 3 });
    const voteId = (await open(x, 'open', '研究发展对象')).json<VoteView>().id;
    expect((await cast(x, 3, voteId, 'yes')).statusCode).toBe(403);
    expect((await cast(x, 1, voteId, 'yes')).statusCode).toBe(200);
  });
});

describe('results', () => {
  it('are hidden until the vote closes (turnout only), then broadcast to every socket in the room', async () => {
    const x = await room({ full: 5, signedIn: 4 });
    const sockets = await Promise.all([0, 1].map((i) => LiveClient.open(`${wsBase}${x.base}/live`, { cookie: x.agents[i]!.cookie })));
    await Promise.all(sockets.map((s) => s.waitFor((m) => m.t === 'ready')));
    const voteId = (await open(x, 'secret')).json<VoteView>().id;
    await cast(x, 0, voteId, 'yes');
    await cast(x, 1, voteId, 'yes');
    await cast(x, 2, voteId, 'no');
    for (const a of [x.agents[0]!, x.agents[1]!]) {
      const v = (await a.get(x.base)).json<RoomSnapshot>().votes.find((vv) => vv.id === voteId)!;
      expect(v).toMatchObject({ state: 'open', cast: 3, tally: null, openChoices: null });
    }
    await sockets[1]!.waitFor((m) => m.t === 'event' && m.type === 'turnout' && (m.data as { cast: number }).cast === 3);
    const whileOpen = sockets[1]!.events().filter((e) => e.type === 'turnout' || e.type === 'vote');
    for (const e of whileOpen) expect(JSON.stringify(e.data)).not.toMatch(/"(yes|no|abstain)"/);
    await cast(x, 3, voteId, 'yes');
    const closed = (await x.agents[0]!.post(`${x.base}/votes/${voteId}/close`)).json<VoteView>();
    // 5 should attend, 4 present; 3 yes > half of 5 → passes.
    expect(closed.tally).toMatchObject({ yes: 3, no: 1, abstain: 0, cast: 4, shouldAttend: 5, present: 4, quorumMet: true, needed: 3, passed: true });
    for (const s of sockets) {
      const ev = await s.waitFor((m) => m.t === 'event' && m.type === 'vote' && (m.data as VoteView).state === 'closed');
      expect((ev as { data: VoteView }).data.tally).toEqual(closed.tally);
      await s.close();
    }
    expect((await cast(x, 4, voteId, 'yes')).statusCode).toBe(409);
  });

  it('fails a motion with yes-votes of exactly half of those who should attend', async () => {
    const x = await room({ full: 4, signedIn: 4 });
    const sock = await LiveClient.open(`${wsBase}${x.base}/live`, { cookie: x.agents[1]!.cookie });
    await sock.waitFor((m) => m.t === 'ready');
    const voteId = (await open(x, 'open')).json<VoteView>().id;
    for (const [i, c] of (['yes', 'yes', 'no', 'abstain'] as const).entries()) await cast(x, i, voteId, c);
    const closed = (await x.agents[0]!.post(`${x.base}/votes/${voteId}/close`)).json<VoteView>();
    expect(closed.tally).toMatchObject({ yes: 2, needed: 3, passed: false });
    // A show of hands is public once closed: names with choices — to the room after the tally, as their own event.
    expect(closed.openChoices?.map((c) => c.choice).sort()).toEqual(['abstain', 'no', 'yes', 'yes']);
    const ev = await sock.waitFor((m) => m.t === 'event' && m.type === 'vote' && (m.data as VoteView).state === 'closed');
    expect((ev as { data: VoteView }).data).toMatchObject({ tally: closed.tally, openChoices: null });
    const names = await sock.waitFor((m) => m.t === 'event' && m.type === 'vote_choices');
    expect((names as { data: { voteId: string; openChoices: unknown } }).data).toEqual({ voteId, openChoices: closed.openChoices });
    await sock.close();
  });
});

describe('a secret ballot', () => {
  it('is linked to its voter by no table, event, API answer or audit record', async () => {
    const x = await room({ full: 3, signedIn: 3 });
    const voteId = (await open(x, 'secret')).json<VoteView>().id;
    const choices = ['yes', 'no', 'abstain'] as const;
    const answers = [];
    for (const [i, c] of choices.entries()) answers.push((await cast(x, i, voteId, c)).json<{ choice: unknown }>());
    // The API does not even echo the choice back.
    expect(answers.every((a) => a.choice === null)).toBe(true);
    const mine = (await x.agents[0]!.get(x.base)).json<RoomSnapshot>().myBallots;
    expect(mine).toEqual([{ voteId, cast: true, choice: null }]);
    await x.agents[0]!.post(`${x.base}/votes/${voteId}/close`);

    const voters = x.r.members.flatMap((m) => [m.personId, m.user.userId]);
    await asOwner(t.database, async (tx) => {
      // The ballot table has no column that could hold a voter or a time.
      const { rows: cols } = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'meeting_vote_ballots' order by 1`.execute(tx);
      expect(cols.map((c) => c.column_name)).toEqual(['choice', 'id', 'tenant_id', 'vote_id']);
      const markers = await tx.selectFrom('meeting_vote_voters').selectAll().where('vote_id', '=', voteId).execute();
      expect(markers).toHaveLength(3);
      expect(markers.every((m) => m.choice === null)).toBe(true);
      // Every row of every table in the schema: none holds both a voter's id and a choice (a value "yes"/"no"/"abstain";
      // the closing record's counts are keys, {"yes":1}, and name no voter's choice).
      const { rows: tables } = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(tx);
      const offenders: string[] = [];
      for (const { table_name } of tables) {
        const { rows } = await sql<{ j: string }>`select row_to_json(x)::text as j from ${sql.table(table_name)} x`.execute(tx);
        for (const { j } of rows) {
          if (!j.includes(voteId) && !j.includes(x.r.meetingId)) continue;
          if (voters.some((v) => j.includes(v)) && /:"(yes|no|abstain)"/.test(j)) offenders.push(`${table_name}: ${j.slice(0, 200)}`);
        }
      }
      expect(offenders).toEqual([]);
      // The audit records of the casts name the voters and the vote, never the choice.
      const casts = await tx.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'meeting.vote_cast').where('object_id', '=', x.r.meetingId).execute();
      expect(casts).toHaveLength(3);
      for (const c of casts) expect(JSON.stringify(c.detail)).not.toMatch(/yes|"no"|abstain|choice/);
    });
  });
});

describe('a restart mid-meeting', () => {
  it('loses no ballot: cast, restart the app on the same database, tally', async () => {
    const x = await room({ full: 3, signedIn: 3 });
    const voteId = (await open(x, 'secret')).json<VoteView>().id;
    await cast(x, 0, voteId, 'yes');
    await cast(x, 1, voteId, 'yes');
    await t.app.close();
    t = await testApp({ database: t.database });
    wsBase = await listen(t);
    // Sessions live in the database too: the same agents go on, now against the new app.
    const agents = await Promise.all(x.r.members.map((m) => loginActive(t.app, m.user)));
    const y: Room = { ...x, agents };
    expect((await cast(y, 1, voteId, 'no')).statusCode).toBe(409);
    expect((await cast(y, 2, voteId, 'no')).statusCode).toBe(200);
    const closed = (await agents[0]!.post(`${x.base}/votes/${voteId}/close`)).json<VoteView>();
    expect(closed.tally).toMatchObject({ yes: 2, no: 1, cast: 3, passed: true });
  });
});
