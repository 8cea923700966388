/**
 * HTTP routes of the live meeting room and its votes. Writes are ordinary routes (validated, CSRF-checked, audited);
 * the WebSocket route only carries the room's events. Access is by the meeting (modules/meetings/api.ts: on its
 * attendee list, its host, or meetings.read / meetings.manage on its unit), so the routes declare 'authenticated'
 * and a meeting out of reach answers 404.
 */
import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../../platform/http/app.js';
import { Nullable, Obj, Ok, Str, Uuid } from '../../../platform/http/schema.js';
import { enableRealtime, liveRoute } from '../../../platform/realtime/live-route.js';
import { castBallot, closeVote, openVote } from '../votes.js';
import { minutesLock, saveRoomMinutes } from './minutes.js';
import { AttendeeT, ChoiceSchema, MessageT, MinutesT, RoomSnapshotT, VoteT } from './schemas.js';
import { floor, postMessage, roomMarkPresent, raiseHand, roomChannel, roomEnd, roomQr, roomSignIn, roomSnapshot, roomStart, setAgendaStep, setVideoLink, showMaterial } from './service.js';
import { MINUTES_MAX } from '../api.js';

const tags = ['meetings-room'];
const P = Obj({ id: Uuid });
const PV = Obj({ id: Uuid, voteId: Uuid });
const auth = { permission: 'authenticated' as const };

export async function roomRoutes(app: App): Promise<void> {
  await enableRealtime(app);
  const db = app.deps.database.db;
  const hub = () => app.realtime;

  liveRoute(app, {
    url: '/api/meetings/:id/room/live', permission: 'authenticated', params: P, tags, summary: '会议室实时通道（WebSocket；?after= 断线续传）',
    authorize: (req) => roomChannel(db, actorOf(req), (req.params as { id: string }).id),
  });

  app.get('/api/meetings/:id/room', { config: auth, schema: { tags, summary: '会议室当前状态（含事件序号，之后的变化经实时通道送达）', params: P, response: { 200: RoomSnapshotT } } },
    async (req) => roomSnapshot(db, hub(), actorOf(req), req.params.id));

  app.get('/api/meetings/:id/room/qr', { config: auth, schema: { tags, summary: '现场签到二维码（每 30 秒更换；主持人）', params: P, response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), periodSeconds: Type.Integer() }) } } },
    async (req) => roomQr(db, actorOf(req), req.params.id));

  app.post('/api/meetings/:id/room/sign-in', { config: auth, schema: { tags, summary: '签到（扫码带 token；在线点按钮不带）', params: P, body: Obj({ token: Type.Optional(Str(1, 64)) }), response: { 200: AttendeeT } } },
    async (req) => roomSignIn(hub(), actorOf(req), req.params.id, req.body.token));

  app.post('/api/meetings/:id/room/sign-in-for', { config: auth, schema: { tags, summary: '主持人登记到会（现场没有手机的同志）', params: P, body: Obj({ personId: Uuid }), response: { 200: AttendeeT } } },
    async (req) => roomMarkPresent(hub(), actorOf(req), req.params.id, req.body.personId));

  app.post('/api/meetings/:id/room/start', { config: auth, schema: { tags, summary: '开始会议', params: P, response: { 200: Ok } } },
    async (req) => { await roomStart(hub(), actorOf(req), req.params.id); return { ok: true as const }; });

  app.post('/api/meetings/:id/room/end', { config: auth, schema: { tags, summary: '结束会议（未签到者记为缺席或请假）', params: P, response: { 200: Ok } } },
    async (req) => { await roomEnd(hub(), actorOf(req), req.params.id); return { ok: true as const }; });

  app.post('/api/meetings/:id/room/agenda', { config: auth, schema: { tags, summary: '切换当前议程', params: P, body: Obj({ itemId: Nullable(Uuid) }), response: { 200: Ok } } },
    async (req) => { await setAgendaStep(hub(), actorOf(req), req.params.id, req.body.itemId); return { ok: true as const }; });

  app.post('/api/meetings/:id/room/material', { config: auth, schema: { tags, summary: '向全体展示材料', params: P, body: Obj({ materialId: Nullable(Uuid) }), response: { 200: Ok } } },
    async (req) => { await showMaterial(hub(), actorOf(req), req.params.id, req.body.materialId); return { ok: true as const }; });

  app.put('/api/meetings/:id/room/video-link', { config: auth, schema: { tags, summary: '外部视频会议链接', params: P, body: Obj({ videoLink: Nullable(Str(0, 500)) }), response: { 200: Ok } } },
    async (req) => { await setVideoLink(hub(), actorOf(req), req.params.id, req.body.videoLink); return { ok: true as const }; });

  app.post('/api/meetings/:id/room/hand', { config: auth, schema: { tags, summary: '举手申请发言 / 放下', params: P, body: Obj({ raise: Type.Boolean() }), response: { 200: Ok } } },
    async (req) => { await raiseHand(hub(), actorOf(req), req.params.id, req.body.raise); return { ok: true as const }; });

  app.post('/api/meetings/:id/room/floor', { config: auth, schema: { tags, summary: '主持人安排发言 / 结束发言', params: P, body: Obj({ speakerId: Uuid, action: Type.Union([Type.Literal('give'), Type.Literal('done')]) }), response: { 200: Ok } } },
    async (req) => { await floor(hub(), actorOf(req), req.params.id, req.body.speakerId, req.body.action); return { ok: true as const }; });

  app.post('/api/meetings/:id/room/messages', { config: auth, schema: { tags, summary: '讨论区发言', params: P, body: Obj({ text: Str(1, 500) }), response: { 200: MessageT } } },
    async (req) => postMessage(hub(), actorOf(req), req.params.id, req.body.text));

  app.post('/api/meetings/:id/room/minutes/lock', { config: auth, schema: { tags, summary: '开始 / 结束编辑会议记录（编辑锁，2 分钟自动释放）', params: P, body: Obj({ take: Type.Boolean() }), response: { 200: MinutesT } } },
    async (req) => minutesLock(hub(), actorOf(req), req.params.id, req.body.take));

  app.put('/api/meetings/:id/room/minutes', { config: auth, schema: { tags, summary: '保存会议记录草稿', params: P, body: Obj({ text: Str(0, MINUTES_MAX), release: Type.Optional(Type.Boolean()) }), response: { 200: MinutesT } } },
    async (req) => saveRoomMinutes(hub(), actorOf(req), req.params.id, req.body.text, req.body.release ?? false));

  app.post('/api/meetings/:id/room/votes', {
    config: auth,
    schema: { tags, summary: '发起表决（主持人；须过半数到会）', params: P, body: Obj({ title: Str(1, 200), ballot: Type.Union([Type.Literal('open'), Type.Literal('secret')]), agendaItemId: Type.Optional(Nullable(Uuid)) }), response: { 200: VoteT } },
  }, async (req) => openVote(hub(), actorOf(req), req.params.id, req.body));

  app.post('/api/meetings/:id/room/votes/:voteId/ballot', {
    config: auth,
    schema: { tags, summary: '投票（每人一票；无记名投票不记录投票人与选择的对应）', params: PV, body: Obj({ choice: ChoiceSchema }), response: { 200: Type.Object({ voteId: Type.String(), cast: Type.Literal(true), choice: Nullable(ChoiceSchema) }) } },
  }, async (req) => castBallot(hub(), actorOf(req), req.params.id, req.params.voteId, req.body.choice));

  app.post('/api/meetings/:id/room/votes/:voteId/close', { config: auth, schema: { tags, summary: '结束表决并计票（结果广播到会议室）', params: PV, response: { 200: VoteT } } },
    async (req) => closeVote(hub(), actorOf(req), req.params.id, req.params.voteId));
}
