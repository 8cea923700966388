/**
 * Test data for the live room: a 党支部 with accounts linked to its members and a meeting of theirs written straight
 * into the meetings module's tables (a fixture may build what the planning screens would), and audit cases.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../platform/db/database.js';
import type { FieldCipher } from '../../../platform/crypto/fields.js';
import { withTenant } from '../../../platform/db/tenancy.js';
import type { TestApp } from '../../../testing/app.js';
import { loginActive, makePerson, makeUnit, makeUser, type Agent, type Res, type TestTenant, type TestUnit, type TestUser } from '../../../testing/factories.js';
import type { MeetingKind, MeetingStatus } from '../tables.js';

type F = { database: Database; cipher: FieldCipher };
const fixtureCtx = (tenantId: string) => ({ tenantId, actorId: null, actorName: '测试夹具', sourceIp: '127.0.0.1' });

export interface RoomMember { personId: string; name: string; voting: boolean; role: 'member' | 'committee'; user: TestUser }
export interface RoomMeeting { meetingId: string; unit: TestUnit; host: RoomMember; members: RoomMember[]; agenda: string[]; materials: string[] }

export interface RoomMeetingOptions {
  kind?: MeetingKind;
  status?: MeetingStatus;
  /** 正式党员 (voting); the first is the host. */
  full?: number;
  /** 预备党员 (no vote). */
  probationary?: number;
  /** In a 支委会: how many of the full members are committee members (all by default). */
  committee?: number;
  /** Make accounts (with argon2 hashes) for the members: off for large rooms that sign in otherwise. */
  accounts?: boolean;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];

export async function makeRoomMeeting(f: F, tenantId: string, parentId: string, opts: RoomMeetingOptions = {}): Promise<RoomMeeting> {
  const kind = opts.kind ?? 'branch_assembly';
  const unit = await makeUnit(f, tenantId, { parentId, kind: 'branch' });
  const full = opts.full ?? 5;
  const statuses = [...Array.from({ length: full }, () => 'full' as const), ...Array.from({ length: opts.probationary ?? 0 }, () => 'probationary' as const)];
  const members: RoomMember[] = [];
  for (const [i, status] of statuses.entries()) {
    const name = `${SURNAMES[i % 10]}${status === 'full' ? '正' : '预'}${i + 1}`;
    const personId = await makePerson(f, tenantId, { orgUnitId: unit.id, name, partyStatus: status, partyJoinedOn: '2015-07-01', ...(status === 'full' ? { fullOn: '2016-07-01' } : {}) });
    const user = opts.accounts === false ? null : await makeUser(f, tenantId, { role: 'party_member', orgUnitId: unit.id, displayName: name });
    const committee = kind === 'committee' && status === 'full' && i < (opts.committee ?? full);
    members.push({ personId, name, voting: status === 'full', role: committee ? 'committee' : 'member', user: user as TestUser });
  }
  const host = members[0]!;
  const meetingId = randomUUID();
  const agenda = [randomUUID(), randomUUID()];
  const materials = [randomUUID()];
  const now = Date.now();
  await withTenant(f.database.db, fixtureCtx(tenantId), async (tx) => {
    if (opts.accounts !== false) {
      for (const m of members) await tx.updateTable('users').set({ person_id: m.personId }).where('id', '=', m.user.userId).execute();
    }
    await tx.insertInto('meetings').values({
      id: meetingId, tenant_id: tenantId, org_unit_id: unit.id, kind, title: kind === 'committee' ? '支部委员会会议' : '支部党员大会', period: '2026-Q4',
      planned_start_at: new Date(now - 600_000), planned_end_at: new Date(now + 5_400_000),
      held_start_at: opts.status === 'in_progress' ? new Date(now - 300_000) : null, status: opts.status ?? 'notified', online: true,
      host_person_id: host.personId, recorder_person_id: members[1]?.personId ?? null,
    } as never).execute();
    await tx.insertInto('meeting_attendees').values(members.map((m) => ({
      tenant_id: tenantId, meeting_id: meetingId, person_id: m.personId, person_name: m.name, party_status: m.voting ? 'full' : 'probationary', role: kind === 'committee' && m.role !== 'committee' ? 'guest' : m.role, voting: m.voting,
    })) as never).execute();
    await tx.insertInto('meeting_agenda_items').values([
      { id: agenda[0]!, tenant_id: tenantId, meeting_id: meetingId, position: 0, title: '传达学习上级精神', presenter: host.name, duration_minutes: 20 },
      { id: agenda[1]!, tenant_id: tenantId, meeting_id: meetingId, position: 1, title: '讨论接收预备党员', presenter: host.name, duration_minutes: 30 },
    ] as never).execute();
    await tx.insertInto('meeting_materials').values({ id: materials[0]!, tenant_id: tenantId, meeting_id: meetingId, title: '学习材料', kind: 'link', ref: 'https://example.org/study' } as never).execute();
  });
  return { meetingId, unit, host, members, agenda, materials };
}

export const signIn = (a: Agent, meetingId: string): Promise<Res> => a.post(`/api/meetings/${meetingId}/room/sign-in`, {});

export interface AuditCase { route: string; tenantId: string; call: () => Promise<Res>; action: string; actor: string; object?: () => string }

/** One call per write route of the room, in an order that makes each succeed, with the audit action it records. */
export async function roomAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const r = await makeRoomMeeting(t, tenant.tenantId, root.id, { full: 3, status: 'in_progress' });
  const [host, m2, m3] = r.members as [RoomMember, RoomMember, RoomMember];
  const h = await loginActive(t.app, host.user);
  const a2 = await loginActive(t.app, m2.user);
  const a3 = await loginActive(t.app, m3.user);
  // A second meeting to start and end (the first stays in progress for the rest).
  const s = await makeRoomMeeting(t, tenant.tenantId, root.id, { full: 2 });
  const sh = await loginActive(t.app, s.host.user);
  const id = r.meetingId;
  let voteId = '';
  let speakerId = '';
  const base = `/api/meetings/${id}/room`;
  const c = (route: string, call: () => Promise<Res>, action: string, actor: string, meeting = id): AuditCase => ({ route, tenantId: tenant.tenantId, call, action, actor, object: () => meeting });
  await signIn(h, id);
  await signIn(a2, id);
  await signIn(sh, s.meetingId);
  return [
    c('POST /api/meetings/:id/room/sign-in', () => signIn(a3, id), 'meeting.sign_in', m3.user.userId),
    c('POST /api/meetings/:id/room/sign-in-for', () => sh.post(`/api/meetings/${s.meetingId}/room/sign-in-for`, { personId: s.members[1]!.personId }), 'meeting.sign_in', s.host.user.userId, s.meetingId),
    c('POST /api/meetings/:id/room/start', () => sh.post(`/api/meetings/${s.meetingId}/room/start`), 'meeting.start', s.host.user.userId, s.meetingId),
    c('POST /api/meetings/:id/room/end', () => sh.post(`/api/meetings/${s.meetingId}/room/end`), 'meeting.end', s.host.user.userId, s.meetingId),
    c('POST /api/meetings/:id/room/agenda', () => h.post(`${base}/agenda`, { itemId: r.agenda[0] }), 'meeting.room_agenda', host.user.userId),
    c('POST /api/meetings/:id/room/material', () => h.post(`${base}/material`, { materialId: r.materials[0] }), 'meeting.room_material', host.user.userId),
    c('PUT /api/meetings/:id/room/video-link', () => h.put(`${base}/video-link`, { videoLink: 'https://meeting.example.com/j/123' }), 'meeting.video_link', host.user.userId),
    c('POST /api/meetings/:id/room/hand', () => a2.post(`${base}/hand`, { raise: true }), 'meeting.hand_raise', m2.user.userId),
    c('POST /api/meetings/:id/room/floor', async () => {
      speakerId = (await h.get(base)).json<{ speakers: { id: string }[] }>().speakers[0]!.id;
      return h.post(`${base}/floor`, { speakerId, action: 'give' });
    }, 'meeting.floor_give', host.user.userId),
    c('POST /api/meetings/:id/room/messages', () => a2.post(`${base}/messages`, { text: '同意' }), 'meeting.message', m2.user.userId),
    c('POST /api/meetings/:id/room/minutes/lock', () => h.post(`${base}/minutes/lock`, { take: true }), 'meeting.minutes_lock', host.user.userId),
    c('PUT /api/meetings/:id/room/minutes', () => h.put(`${base}/minutes`, { text: '会议记录', release: true }), 'meeting.minutes_draft', host.user.userId),
    c('POST /api/meetings/:id/room/votes', async () => {
      const res = await h.post(`${base}/votes`, { title: '表决事项', ballot: 'secret' });
      voteId = res.json<{ id: string }>().id;
      return res;
    }, 'meeting.vote_open', host.user.userId),
    c('POST /api/meetings/:id/room/votes/:voteId/ballot', () => a2.post(`${base}/votes/${voteId}/ballot`, { choice: 'yes' }), 'meeting.vote_cast', m2.user.userId),
    c('POST /api/meetings/:id/room/votes/:voteId/close', () => h.post(`${base}/votes/${voteId}/close`), 'meeting.vote_close', host.user.userId),
  ];
}
