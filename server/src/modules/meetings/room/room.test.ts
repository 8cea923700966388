// The live meeting room (issue 5, "Live meeting room"): access by the meeting, sign-in by the rotating code or the
// button, agenda, materials, speaking queue, discussion, video link and minutes — each change reaching every socket
// in the room as an event, and a reconnecting client resuming from the last event it saw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../testing/app.js';
import { asOwner } from '../../../testing/db.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../../testing/factories.js';
import { LiveClient } from '../../../platform/realtime/testing.js';
import { makeRoomMeeting, signIn, type RoomMeeting } from './testing.js';
import type { RoomSnapshot } from './service.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let wsBase = '';
let r: RoomMeeting;
let host: Agent;
let m2: Agent;
let m3: Agent;

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  wsBase = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId);
  r = await makeRoomMeeting(t, tenant.tenantId, root.id, { full: 3, probationary: 1 });
  [host, m2, m3] = (await Promise.all(r.members.slice(0, 3).map((m) => loginActive(t.app, m.user)))) as [Agent, Agent, Agent];
});

afterAll(async () => {
  await t?.close();
});

const base = () => `/api/meetings/${r.meetingId}/room`;
const live = (a: Agent, after?: number) => LiveClient.open(`${wsBase}${base()}/live${after !== undefined ? `?after=${after}` : ''}`, { cookie: a.cookie });
const eventOf = (type: string, pred: (d: Record<string, unknown>) => boolean = () => true) =>
  (m: { t: string; type?: string; data?: unknown }) => m.t === 'event' && m.type === type && pred(m.data as Record<string, unknown>);

describe('who may enter', () => {
  it('lets attendees and the host in, and answers 404 to a member of another branch and to another tenant', async () => {
    const snap = (await m2.get(base())).json<RoomSnapshot>();
    expect(snap.meeting.title).toBe('支部党员大会');
    expect(snap.attendees).toHaveLength(4);
    expect(snap.me.abilities).toMatchObject({ manage: false, signIn: true, vote: true });
    expect((await host.get(base())).json<RoomSnapshot>().me.abilities.manage).toBe(true);
    const other = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'branch' });
    const stranger = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: other.id }));
    expect((await stranger.get(base())).statusCode).toBe(404);
    await expect(live(stranger)).rejects.toThrow('status 404');
    const t2 = await makeTenant(t);
    const foreign = await loginActive(t.app, await makeUser(t, t2.tenantId, { role: 'branch_secretary' }));
    expect((await foreign.get(base())).statusCode).toBe(404);
  });

  it('gives the 预备党员 a seat but no vote', async () => {
    const prob = await loginActive(t.app, r.members[3]!.user);
    expect((await prob.get(base())).json<RoomSnapshot>().me.abilities).toMatchObject({ vote: false, signIn: true });
  });
});

describe('sign-in', () => {
  it('by the rotating code (only the host sees it), by the button, once; the room sees each as it happens', async () => {
    const watch = await live(host);
    await watch.waitFor((m) => m.t === 'ready');
    expect((await m2.get(`${base()}/qr`)).statusCode).toBe(403);
    const qr = (await host.get(`${base()}/qr`)).json<{ token: string; periodSeconds: number }>();
    expect(qr.periodSeconds).toBe(30);
    expect((await m2.post(`${base()}/sign-in`, { token: 'zz.aaaaaaaaaaaaaaaaaaaaaa' })).json()).toMatchObject({ field: 'token' });
    const byQr = await m2.post(`${base()}/sign-in`, { token: qr.token });
    expect(byQr.statusCode).toBe(200);
    expect(byQr.json()).toMatchObject({ signInChannel: 'qr', attendance: 'present' });
    // The room gets the one line that changed and the quorum it makes, not the whole list.
    await watch.waitFor(eventOf('attendee', (d) => {
      const a = d.attendee as { personId: string; attendance: string };
      return a.personId === r.members[1]!.personId && a.attendance === 'present' && (d.quorum as { present: number }).present >= 1;
    }));
    expect((await m3.post(`${base()}/sign-in`, {})).json()).toMatchObject({ signInChannel: 'button' });
    // The host records someone without a phone; a member may not.
    expect((await m2.post(`${base()}/sign-in-for`, { personId: r.members[3]!.personId })).statusCode).toBe(403);
    expect((await host.post(`${base()}/sign-in-for`, { personId: r.members[3]!.personId })).json()).toMatchObject({ signInChannel: 'manual' });
    await host.post(`${base()}/sign-in-for`, { personId: r.members[3]!.personId });
    // Twice keeps the first.
    expect((await m2.post(`${base()}/sign-in`, {})).json()).toMatchObject({ signInChannel: 'qr' });
    await watch.close();
  });

  it('sign-ins at the same moment: each reaches the room, and the last event counts them all (no screen loses one)', async () => {
    const crowd = await makeRoomMeeting(t, tenant.tenantId, root.id, { full: 7, status: 'in_progress' });
    const agents = await Promise.all(crowd.members.map((m) => loginActive(t.app, m.user)));
    const room = `/api/meetings/${crowd.meetingId}/room`;
    // All at once, as a room scanning the code does; on PostgreSQL these run in parallel transactions.
    const answers = await Promise.all(agents.map((a) => a.post(`${room}/sign-in`, {})));
    expect(answers.map((x) => x.statusCode)).toEqual(agents.map(() => 200));
    const events = await asOwner(t.database, (tx) => tx.selectFrom('realtime_events').select(['seq', 'data'])
      .where('tenant_id', '=', tenant.tenantId).where('type', '=', 'attendee').where('channel', '=', `meeting:${crowd.meetingId}`)
      .orderBy('seq').execute());
    const data = events.map((e) => (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as { attendee: { personId: string; attendance: string }; quorum: { present: number } | null });
    expect(new Set(data.filter((d) => d.attendee.attendance === 'present').map((d) => d.attendee.personId)).size).toBe(7);
    expect(data.at(-1)!.quorum!.present).toBe(7);
  });
});

describe('running the meeting', () => {
  it('refuses room actions before the start, and by anyone but the host', async () => {
    expect((await host.post(`${base()}/agenda`, { itemId: r.agenda[0] })).statusCode).toBe(409);
    expect((await m2.post(`${base()}/start`)).statusCode).toBe(403);
    expect((await host.post(`${base()}/start`)).statusCode).toBe(200);
    expect((await m2.post(`${base()}/agenda`, { itemId: r.agenda[0] })).statusCode).toBe(403);
    expect((await host.post(`${base()}/agenda`, { itemId: crypto.randomUUID() })).json()).toMatchObject({ field: 'itemId' });
  });

  it('shows agenda, materials, hands, the floor and the discussion to everyone live', async () => {
    const c = await live(m3);
    await c.waitFor((m) => m.t === 'ready');
    await host.post(`${base()}/agenda`, { itemId: r.agenda[1] });
    await c.waitFor(eventOf('agenda', (d) => d.currentAgendaItemId === r.agenda[1]));
    await host.post(`${base()}/material`, { materialId: r.materials[0] });
    await c.waitFor(eventOf('material', (d) => d.shownMaterialId === r.materials[0]));
    expect((await m2.post(`${base()}/hand`, { raise: true })).statusCode).toBe(200);
    expect((await m2.post(`${base()}/hand`, { raise: true })).statusCode).toBe(409);
    const queued = await c.waitFor(eventOf('speakers', (d) => (d.speakers as unknown[]).length === 1));
    const speakerId = ((queued as { data: { speakers: { id: string }[] } }).data.speakers[0]!).id;
    await host.post(`${base()}/floor`, { speakerId, action: 'give' });
    await c.waitFor(eventOf('speakers', (d) => (d.speakers as { state: string }[])[0]?.state === 'speaking'));
    expect((await m2.post(`${base()}/messages`, { text: '  我同意这个意见。 ' })).json()).toMatchObject({ text: '我同意这个意见。' });
    await c.waitFor(eventOf('message', (d) => d.text === '我同意这个意见。'));
    expect((await m2.post(`${base()}/messages`, { text: '   ' })).statusCode).toBe(400);
    await c.close();
  });

  it('keeps the video link to http(s)', async () => {
    expect((await host.put(`${base()}/video-link`, { videoLink: 'javascript:alert(1)' })).json()).toMatchObject({ field: 'videoLink' });
    expect((await host.put(`${base()}/video-link`, { videoLink: 'https://meeting.tencent.com/dm/abc' })).statusCode).toBe(200);
    expect((await m2.get(base())).json<RoomSnapshot>().meeting.videoLink).toBe('https://meeting.tencent.com/dm/abc');
  });

  it('lets a reconnecting client resume from the last event it saw', async () => {
    const c = await live(m2);
    await c.waitFor((m) => m.t === 'ready');
    const seen = c.lastSeq;
    await c.close();
    await m3.post(`${base()}/messages`, { text: '断线期间的发言' });
    await host.post(`${base()}/agenda`, { itemId: r.agenda[0] });
    const again = await live(m2, seen);
    await again.waitFor((m) => m.t === 'ready');
    expect(again.events().map((e) => e.type)).toEqual(['message', 'agenda']);
    expect(again.events()[0]!.seq).toBe(seen + 1);
    await again.close();
  });
});

describe('minutes drafted in the room', () => {
  it('one drafter at a time; saved through the meeting record; seen live', async () => {
    const recorder = m2; // members[1] is the recorder
    expect((await m3.post(`${base()}/minutes/lock`, { take: true })).statusCode).toBe(403);
    expect((await host.post(`${base()}/minutes/lock`, { take: true })).json()).toMatchObject({ lock: { name: r.host.name } });
    const blocked = await recorder.put(`${base()}/minutes`, { text: '记录人的版本' });
    expect(blocked.statusCode).toBe(409);
    const c = await live(m3);
    await c.waitFor((m) => m.t === 'ready');
    expect((await host.put(`${base()}/minutes`, { text: '一、传达学习……', release: true })).json()).toMatchObject({ text: '一、传达学习……', lock: null });
    await c.waitFor(eventOf('minutes', (d) => d.text === '一、传达学习……'));
    expect((await recorder.put(`${base()}/minutes`, { text: '一、传达学习……\n二、讨论' })).statusCode).toBe(200);
    const row = await asOwner(t.database, (tx) => tx.selectFrom('meetings').select('minutes').where('id', '=', r.meetingId).executeTakeFirstOrThrow());
    expect(row.minutes).toBe('一、传达学习……\n二、讨论');
    await c.close();
  });
});

describe('the end', () => {
  it('ends the meeting for everyone; signed-in members stay present, the rest absent', async () => {
    const c = await live(m3);
    await c.waitFor((m) => m.t === 'ready');
    expect((await host.post(`${base()}/end`)).statusCode).toBe(200);
    await c.waitFor(eventOf('status', (d) => d.status === 'held'));
    const snap = (await host.get(base())).json<RoomSnapshot>();
    expect(snap.attendees.map((a) => a.attendance).sort()).toEqual(['absent', 'present', 'present', 'present']);
    expect(snap.me.abilities.manage).toBe(false);
    await c.close();
  });
});

describe('changes made on the meeting page', () => {
  it('reach the room as they commit: the plan and its agenda, materials, the list, the status', async () => {
    const x = await makeRoomMeeting(t, tenant.tenantId, root.id, { full: 2 });
    const h = await loginActive(t.app, x.host.user);
    const c = await LiveClient.open(`${wsBase}/api/meetings/${x.meetingId}/room/live`, { cookie: h.cookie });
    await c.waitFor((m) => m.t === 'ready');
    const url = `/api/meetings/${x.meetingId}`;
    const d = (await h.get(url)).json<{ version: number; plannedStartAt: string; plannedEndAt: string }>();
    const put = await h.put(url, { version: d.version, plannedStartAt: d.plannedStartAt, plannedEndAt: d.plannedEndAt, place: '三楼会议室', hostPersonId: x.host.personId, agenda: [{ title: '学习党章' }] });
    expect(put.statusCode).toBe(200);
    await c.waitFor(eventOf('details', (e) => (e.meeting as { place: string }).place === '三楼会议室' && (e.agenda as { title: string }[])[0]?.title === '学习党章'));
    const mat = await h.post(`${url}/materials`, { title: '党章全文', kind: 'link', ref: 'https://example.org/dz' });
    expect(mat.statusCode, mat.body).toBe(200);
    await c.waitFor(eventOf('details', (e) => (e.materials as { title: string }[]).some((m) => m.title === '党章全文')));
    expect((await h.delete(`${url}/attendees/${x.members[1]!.personId}`)).statusCode).toBe(200);
    await c.waitFor(eventOf('attendees', (e) => (e.attendees as unknown[]).length === 1));
    expect((await h.post(`${url}/start`, {})).statusCode).toBe(200);
    await c.waitFor(eventOf('status', (e) => e.status === 'in_progress'));
    // A refused change says nothing to the room.
    const before = c.messages.length;
    expect((await h.post(`${url}/materials`, { title: '坏链接', kind: 'link', ref: 'javascript:1' })).statusCode).toBe(400);
    expect(c.messages.slice(before).filter((m) => m.t === 'event')).toEqual([]);
    await c.close();
  });
});
