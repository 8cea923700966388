import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, Ok, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { addAttendee, decideLeave, end, recordAttendance, removeAttendee, requestLeave, signIn, start } from './attendance.js';
import { saveMinutes, saveResolutions, signMinutes } from './minutes.js';
import { addMaterial, addMaterialFile, materialFile, removeMaterial } from './materials.js';
import { fileUploadRoutes } from '../../platform/files/upload-route.js';
import { sendStoredFile } from '../../platform/files/serve.js';
import { cancelMeeting, notifyMeeting, planMeeting, updateMeeting } from './planning.js';
import { getMeeting, listMeetings, meetingPeople, myMeetings, periodOptions, plannableUnits, unitPeople } from './queries.js';
import { MINUTES_MAX } from './api.js';
import { startReminderSweep } from './reminders.js';
import { meetingExportRoutes } from './export-routes.js';
import { meetingSettingsRoutes } from './settings-routes.js';
import { KindSchema, MaterialSchema } from './schemas.js';
import { enableRealtime } from '../../platform/realtime/live-route.js';

const tags = ['meetings'];
const L = <T extends string>(v: T) => Type.Literal(v);
const Status = Type.Union([L('planned'), L('notified'), L('in_progress'), L('held'), L('cancelled')]);
const Attendance = Type.Union([L('pending'), L('present'), L('leave'), L('absent')]);
const LeaveState = Type.Union([L('requested'), L('approved'), L('rejected')]);
const Instant = Type.String({ format: 'date-time', maxLength: 40 });
const Period = Type.String({ pattern: '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$', maxLength: 7 });
const PersonRef = Type.Object({ personId: Type.String(), name: Type.String() });

const Core = {
  id: Type.String(), orgUnitId: Type.String(), orgUnitName: Type.String(), kind: KindSchema, kindName: Type.String(), title: Type.String(),
  period: Type.String(), periodLabel: Type.String(), plannedStartAt: Type.String(), plannedEndAt: Type.String(), heldStartAt: Nullable(Type.String()),
  place: Type.String(), online: Type.Boolean(), status: Status,
};
const ListItem = Type.Object({
  ...Core, minutesSigned: Type.Boolean(), expected: Type.Integer(), present: Type.Integer(), myAttendance: Nullable(Attendance), myLeaveState: Nullable(LeaveState),
});
const Attendee = Type.Object({
  personId: Type.String(), name: Type.String(), partyStatus: Type.String(), role: Type.Union([L('member'), L('committee'), L('guest')]), voting: Type.Boolean(),
  attendance: Attendance, leaveState: Nullable(LeaveState), leaveReason: Nullable(Type.String()), signedInAt: Nullable(Type.String()),
  signInChannel: Nullable(Type.Union([L('qr'), L('button'), L('manual')])),
});
const Abilities = Type.Object({
  edit: Type.Boolean(), notify: Type.Boolean(), cancel: Type.Boolean(), record: Type.Boolean(), decideLeave: Type.Boolean(), requestLeave: Type.Boolean(),
  signIn: Type.Boolean(), draftMinutes: Type.Boolean(), sign: Type.Boolean(), export: Type.Boolean(), materials: Type.Boolean(), attendees: Type.Boolean(), room: Type.Boolean(),
});
export const MeetingDetailSchema = Type.Object({
  ...Core, heldEndAt: Nullable(Type.String()), videoLink: Nullable(Type.String()), host: Nullable(PersonRef), recorder: Nullable(PersonRef),
  lecturer: Type.String(), description: Type.String(), minutes: Type.String(), minutesUpdatedAt: Nullable(Type.String()), minutesSignedAt: Nullable(Type.String()),
  minutesSignedName: Nullable(Type.String()), notifiedAt: Nullable(Type.String()), cancelReason: Nullable(Type.String()), version: Type.Integer(),
  agenda: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), presenter: Type.String(), durationMinutes: Nullable(Type.Integer()) })),
  attendees: Type.Array(Attendee),
  counts: Type.Object({ expected: Type.Integer(), present: Type.Integer(), leave: Type.Integer(), absent: Type.Integer(), pending: Type.Integer(), voting: Type.Integer(), votingPresent: Type.Integer(), leaveRequested: Type.Integer() }),
  materials: Type.Array(MaterialSchema),
  resolutions: Type.Array(Type.Object({ id: Type.String(), position: Type.Integer(), text: Type.String(), voteId: Nullable(Type.String()) })),
  me: Nullable(Attendee),
  abilities: Abilities,
});
const AgendaIn = Type.Array(Obj({ title: Str(0, 200), presenter: Type.Optional(Str(0, 50)), durationMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 600 }))) }), { maxItems: 30 });
const Fields = {
  title: Type.Optional(Str(0, 100)), period: Type.Optional(Period), plannedStartAt: Instant, plannedEndAt: Instant, place: Type.Optional(Str(0, 100)),
  online: Type.Optional(Type.Boolean()), videoLink: Type.Optional(Nullable(Str(0, 500))), hostPersonId: Type.Optional(Nullable(Uuid)),
  recorderPersonId: Type.Optional(Nullable(Uuid)), lecturer: Type.Optional(Str(0, 50)), description: Type.Optional(Str(0, 2000)), agenda: Type.Optional(AgendaIn),
};
const Version = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const PeopleReply = Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), partyStatus: Type.String() })) });
const MeetingParams = Obj({ id: Uuid, personId: Uuid });
const MaterialParams = Obj({ id: Uuid, materialId: Uuid });

export async function meetingRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;
  // Changes made here reach the live room (room/broadcast.ts) through this process's realtime hub.
  await enableRealtime(app);
  const hub = app.realtime;
  const detail = (req: Parameters<typeof actorOf>[0], id: string) => getMeeting(db, actorOf(req), id);

  if (!process.env.VITEST) {
    let stop: (() => void) | null = null;
    app.addHook('onReady', async () => { stop = startReminderSweep(db, app.log); });
    app.addHook('onClose', async () => { stop?.(); });
  }

  app.get('/api/meetings', {
    config: { permission: 'meetings.read' },
    schema: {
      tags, summary: '会议列表 / 日历（管辖范围内）',
      querystring: Obj({ ...PageQuery, unitId: Type.Optional(Uuid), kind: Type.Optional(KindSchema), status: Type.Optional(Status), from: Type.Optional(Instant), to: Type.Optional(Instant) }),
      response: { 200: Paged(ListItem) },
    },
  }, async (req) => ({ ...(await listMeetings(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/meetings/mine', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '我的会议（本人在参会名单中）', querystring: Obj({ ...PageQuery, when: Type.Union([L('upcoming'), L('past')], { default: 'upcoming' }) }), response: { 200: Paged(ListItem) } },
  }, async (req) => ({ ...(await myMeetings(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/meetings/units', {
    config: { permission: 'meetings.manage' },
    schema: {
      tags, summary: '可安排会议的党组织（含可召开的会议类型）', querystring: Obj({ q: Type.Optional(Str(0, 50)) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), depth: Type.Integer(), kinds: Type.Array(KindSchema) })) }) },
    },
  }, async (req) => ({ items: await plannableUnits(db, actorOf(req), req.query.q) }));

  app.get('/api/meetings/units/:id/people', {
    config: { permission: 'meetings.manage' },
    schema: {
      tags, summary: '本支部人员（主持人、记录人、列席人员）', params: IdParams, querystring: Obj({ q: Type.Optional(Str(0, 50)) }),
      response: { 200: PeopleReply },
    },
  }, async (req) => ({ items: await unitPeople(db, actorOf(req), req.params.id, req.query.q) }));

  app.get('/api/meetings/:id/people', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '会议所在支部的人员（供主持人或会议管理人员修改安排、增加参会人员）', params: IdParams, querystring: Obj({ q: Type.Optional(Str(0, 50)) }),
      response: { 200: PeopleReply },
    },
  }, async (req) => ({ items: await meetingPeople(db, actorOf(req), req.params.id, req.query.q) }));

  app.get('/api/meetings/periods', {
    config: { permission: 'meetings.manage' },
    schema: { tags, summary: '会议可计入的周期（本期或补开此前的周期）', querystring: Obj({ kind: KindSchema, at: Instant }), response: { 200: Type.Object({ items: Type.Array(Type.String()) }) } },
  }, async (req) => ({ items: await periodOptions(db, actorOf(req), req.query.kind, req.query.at) }));

  app.get('/api/meetings/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '会议详情（议程、材料、参会人员、请假、记录、决议和可办理的操作）', params: IdParams, response: { 200: MeetingDetailSchema } },
  }, async (req) => detail(req, req.params.id));

  app.post('/api/meetings', {
    config: { permission: 'meetings.manage' },
    schema: { tags, summary: '安排会议（可同时发出通知）', body: Obj({ orgUnitId: Uuid, kind: KindSchema, notify: Type.Optional(Type.Boolean()), ...Fields }), response: { 200: MeetingDetailSchema } },
  }, async (req) => detail(req, await planMeeting(db, actorOf(req), req.body)));

  app.put('/api/meetings/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '修改会议安排（已通知的会议变更时间地点会再次通知）', params: IdParams, body: Obj({ version: Version, ...Fields }), response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await updateMeeting(hub, actorOf(req), req.params.id, req.body);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/notify', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '发出会议通知（站内消息；已配置时同时发邮件）', params: IdParams, response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await notifyMeeting(hub, actorOf(req), req.params.id);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/cancel', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '取消会议（须说明原因）', params: IdParams, body: Obj({ reason: Str(1, 200) }), response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await cancelMeeting(hub, actorOf(req), req.params.id, req.body.reason);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/start', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '开始会议（主持人）', params: IdParams, response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await start(hub, actorOf(req), req.params.id);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/end', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '结束会议（未签到者记为缺席，已准假者记为请假）', params: IdParams, response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await end(hub, actorOf(req), req.params.id);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/sign-in', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '签到（本人；主持人可代为登记）', params: IdParams, body: Obj({ personId: Type.Optional(Uuid) }), response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await signIn(hub, actorOf(req), req.params.id, req.body.personId);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/leave', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '请假（本人，须说明理由）', params: IdParams, body: Obj({ reason: Str(1, 200) }), response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await requestLeave(hub, actorOf(req), req.params.id, req.body.reason);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/attendees/:personId/leave-decision', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '审批请假（主持人或会议管理人员）', params: MeetingParams, body: Obj({ approve: Type.Boolean(), note: Type.Optional(Str(0, 200)) }), response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await decideLeave(hub, actorOf(req), req.params.id, req.params.personId, req.body);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/attendance', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '登记会议召开情况和出勤（线下会议会后登记）', params: IdParams,
      body: Obj({
        heldStartAt: Instant, heldEndAt: Instant,
        lines: Type.Array(Obj({ personId: Uuid, attendance: Type.Union([L('present'), L('leave'), L('absent')]), leaveReason: Type.Optional(Str(0, 200)) }), { maxItems: 2000 }),
      }),
      response: { 200: MeetingDetailSchema },
    },
  }, async (req) => {
    await recordAttendance(hub, actorOf(req), req.params.id, req.body);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/attendees', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '增加参会或列席人员', params: IdParams, body: Obj({ personId: Uuid }), response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await addAttendee(hub, actorOf(req), req.params.id, req.body.personId);
    return detail(req, req.params.id);
  });

  app.delete('/api/meetings/:id/attendees/:personId', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '移出参会名单（会议开始前）', params: MeetingParams, response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await removeAttendee(hub, actorOf(req), req.params.id, req.params.personId);
    return detail(req, req.params.id);
  });

  app.put('/api/meetings/:id/minutes', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '保存会议记录草稿', params: IdParams, body: Obj({ minutes: Str(0, MINUTES_MAX), version: Version }), response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await saveMinutes(db, actorOf(req), req.params.id, req.body.minutes, req.body.version);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/sign', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '签发会议记录（主持人；签发后记录、决议和出勤不再修改）', params: IdParams, body: Obj({ version: Version }), response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await signMinutes(db, actorOf(req), req.params.id, req.body.version);
    return detail(req, req.params.id);
  });

  app.put('/api/meetings/:id/resolutions', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '决议事项', params: IdParams,
      body: Obj({ items: Type.Array(Obj({ text: Str(0, 1000), voteId: Type.Optional(Nullable(Uuid)) }), { maxItems: 50 }) }), response: { 200: MeetingDetailSchema },
    },
  }, async (req) => {
    await saveResolutions(db, actorOf(req), req.params.id, req.body.items);
    return detail(req, req.params.id);
  });

  app.post('/api/meetings/:id/materials', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '添加会议材料（链接或学习资料库引用）', params: IdParams, body: Obj({ title: Str(1, 100), kind: Type.Union([L('link'), L('library')]), ref: Str(1, 500) }), response: { 200: MeetingDetailSchema } },
  }, async (req) => {
    await addMaterial(hub, actorOf(req), req.params.id, req.body);
    return detail(req, req.params.id);
  });

  // A file as material: the request body is the file itself (platform/files), its name and title in the query.
  await fileUploadRoutes(app, (scope) => {
    scope.post('/api/meetings/:id/materials/file', {
      config: { permission: 'authenticated' },
      schema: {
        tags, summary: '上传会议材料文件（PDF、Word、Excel、图片或文本；请求体为文件本身）', params: IdParams,
        querystring: Obj({ fileName: Str(1, 200), title: Type.Optional(Str(0, 100)) }), response: { 200: MeetingDetailSchema },
      },
    }, async (req) => {
      await addMaterialFile({ db, hub, files: app.files }, actorOf(req), req.params.id, req.query, req.body);
      return detail(req, req.params.id);
    });
  });

  app.get('/api/meetings/:id/materials/:materialId/file', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '下载会议材料文件（参会人员和有权查看会议者）', params: MaterialParams },
  }, async (req, reply) => {
    const file = await materialFile(db, actorOf(req), req.params.id, req.params.materialId);
    // PDFs and pictures open in the browser (a phone's viewer); other kinds download.
    return sendStoredFile(req, reply, app.files.store, file, { disposition: file.kind === 'pdf' || file.kind === 'image' ? 'inline' : 'attachment' });
  });

  app.delete('/api/meetings/:id/materials/:materialId', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '移除会议材料', params: MaterialParams, response: { 200: Ok } },
  }, async (req) => {
    await removeMaterial({ db, hub, files: app.files }, actorOf(req), req.params.id, req.params.materialId);
    return { ok: true as const };
  });

  await meetingExportRoutes(app);
  await meetingSettingsRoutes(app);
}
