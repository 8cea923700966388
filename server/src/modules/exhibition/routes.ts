import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, Ok, Str, Uuid } from '../../platform/http/schema.js';
import { unitsInScope } from '../exams/pickers.js';
import { createHall, deleteHall, publishHall, unpublishHall, updateHall } from './halls.js';
import { addExhibit, addRoom, deleteExhibit, deleteRoom, reorderRooms, updateExhibit, updateRoom } from './curate.js';
import { getEditor, getTour, listHalls } from './views.js';
import { LIMITS } from './rules.js';

const tags = ['exhibition'];
const Status = Type.Union([Type.Literal('draft'), Type.Literal('published')]);
const Theme = Type.Union([Type.Literal('red'), Type.Literal('gold'), Type.Literal('stone'), Type.Literal('blue')]);
const WallT = Type.Union([Type.Literal('left'), Type.Literal('right')]);
const Kind = Type.Union([Type.Literal('image'), Type.Literal('article')]);
const Reach = Type.Union([Type.Literal('all'), Type.Literal('partial'), Type.Literal('none'), Type.Literal('unavailable')]);
const Years = Nullable(Type.Object({ from: Type.Integer(), to: Type.Integer() }));
const Created = Type.Object({ id: Type.String() });

const HallFields = { title: Str(1, 60), intro: Type.Optional(Str(0, 1000)), orgUnitId: Uuid };
const RoomBody = Obj({ title: Str(1, 40), intro: Type.Optional(Str(0, 500)), theme: Theme });
const ExhibitFields = {
  roomId: Uuid, title: Str(1, 60), text: Type.Optional(Str(0, 2000)),
  year: Type.Integer({ minimum: LIMITS.yearMin, maximum: LIMITS.yearMax }), month: Nullable(Type.Integer({ minimum: 1, maximum: 12 })),
  wall: Nullable(WallT), slot: Nullable(Type.Integer({ minimum: 1, maximum: LIMITS.slotsPerWall })),
};
const HallParams = IdParams;
const RoomParams = Obj({ id: Uuid, roomId: Uuid });
const ExhibitParams = Obj({ id: Uuid, exhibitId: Uuid });

const HallItem = Type.Object({
  id: Type.String(), title: Type.String(), intro: Type.String(), unitName: Type.String(), status: Status, canManage: Type.Boolean(),
  rooms: Type.Integer(), exhibits: Type.Integer(), years: Years, coverUrl: Nullable(Type.String()), publishedAt: Nullable(Type.String()), updatedAt: Type.String(),
});
const TourExhibit = Type.Object({
  id: Type.String(), roomId: Type.String(), title: Type.String(), text: Type.String(), year: Type.Integer(), month: Nullable(Type.Integer()),
  kind: Kind, resourceId: Type.String(), resourceTitle: Type.String(), source: Type.String(), imageUrl: Nullable(Type.String()), excerpt: Type.String(),
  wall: WallT, slot: Type.Integer(),
});
const Tour = Type.Object({
  id: Type.String(), title: Type.String(), intro: Type.String(), unitName: Type.String(), status: Status, publishedAt: Nullable(Type.String()), canManage: Type.Boolean(),
  rooms: Type.Array(Type.Object({
    id: Type.String(), position: Type.Integer(), title: Type.String(), intro: Type.String(), theme: Theme, slotsPerWall: Type.Integer(), years: Years,
    exhibits: Type.Array(TourExhibit),
  })),
});
const EditorExhibit = Type.Object({
  id: Type.String(), roomId: Type.String(), title: Type.String(), text: Type.String(), year: Type.Integer(), month: Nullable(Type.Integer()),
  wall: Nullable(WallT), slot: Nullable(Type.Integer()), placedWall: WallT, placedSlot: Type.Integer(), resourceId: Type.String(), reach: Reach,
  resourceTitle: Nullable(Type.String()), kind: Nullable(Kind), imageUrl: Nullable(Type.String()),
});
const Editor = Type.Object({
  id: Type.String(), title: Type.String(), intro: Type.String(), status: Status, version: Type.Integer(), unit: Type.Object({ id: Type.String(), name: Type.String() }),
  publishedAt: Nullable(Type.String()), updatedAt: Type.String(), outOfOrder: Type.Array(Type.Integer()),
  rooms: Type.Array(Type.Object({
    id: Type.String(), position: Type.Integer(), title: Type.String(), intro: Type.String(), theme: Theme, slotsPerWall: Type.Integer(), years: Years,
    exhibits: Type.Array(EditorExhibit),
  })),
});
const Unit = Type.Object({ id: Type.String(), name: Type.String(), depth: Type.Integer(), kind: Type.String() });

export async function exhibitionRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  // ---------------------------------------------------------------- visitors
  app.get('/api/exhibition/halls', {
    config: { permission: 'exhibition.read' },
    schema: { tags, summary: 'VR 党史展馆列表：本人可参观的（已发布，面向本人所在组织或其上级）和本人布展的', response: { 200: Type.Object({ items: Type.Array(HallItem), canCurate: Type.Boolean() }) } },
  }, async (req) => listHalls(db, actorOf(req)));

  app.get('/api/exhibition/halls/:id', {
    config: { permission: 'exhibition.read' },
    schema: { tags, summary: '参观展馆：按顺序的展厅，每个展厅中本人有权查看的展品（按时间线排列，含墙面位置）', params: HallParams, response: { 200: Tour } },
  }, async (req) => getTour(db, actorOf(req), req.params.id));

  // ---------------------------------------------------------------- curators
  app.get('/api/exhibition/units', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '可主办展馆的组织（布展范围内）', response: { 200: Type.Object({ items: Type.Array(Unit) }) } },
  }, async (req) => ({ items: await unitsInScope(db, actorOf(req), 'exhibition.manage') }));

  app.post('/api/exhibition/halls', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '新建展馆（草稿）', body: Obj(HallFields), response: { 200: Created } },
  }, async (req) => ({ id: await createHall(db, actorOf(req), req.body) }));

  app.get('/api/exhibition/halls/:id/editor', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '布展：展馆的全部展厅和展品，含展品资源的可见范围', params: HallParams, response: { 200: Editor } },
  }, async (req) => getEditor(db, actorOf(req), req.params.id));

  app.patch('/api/exhibition/halls/:id', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '修改展馆名称、前言和主办组织', params: HallParams, body: Obj({ ...HallFields, version: Type.Integer({ minimum: 1 }) }), response: { 200: Ok } },
  }, async (req) => { await updateHall(db, actorOf(req), req.params.id, req.body); return { ok: true as const }; });

  app.delete('/api/exhibition/halls/:id', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '删除展馆（连同展厅和展品；学习资源不受影响）', params: HallParams, response: { 200: Ok } },
  }, async (req) => { await deleteHall(db, actorOf(req), req.params.id); return { ok: true as const }; });

  app.post('/api/exhibition/halls/:id/publish', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '发布展馆（至少一件展品，且每件展品的资源仍已发布）', params: HallParams, response: { 200: Ok } },
  }, async (req) => { await publishHall(db, actorOf(req), req.params.id); return { ok: true as const }; });

  app.post('/api/exhibition/halls/:id/unpublish', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '撤回展馆为草稿', params: HallParams, response: { 200: Ok } },
  }, async (req) => { await unpublishHall(db, actorOf(req), req.params.id); return { ok: true as const }; });

  app.post('/api/exhibition/halls/:id/rooms', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '添加展厅（排在最后）', params: HallParams, body: RoomBody, response: { 200: Created } },
  }, async (req) => ({ id: await addRoom(db, actorOf(req), req.params.id, req.body) }));

  app.patch('/api/exhibition/halls/:id/rooms/:roomId', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '修改展厅', params: RoomParams, body: RoomBody, response: { 200: Ok } },
  }, async (req) => { await updateRoom(db, actorOf(req), req.params.id, req.params.roomId, req.body); return { ok: true as const }; });

  app.delete('/api/exhibition/halls/:id/rooms/:roomId', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '删除展厅（连同其中的展品）', params: RoomParams, response: { 200: Ok } },
  }, async (req) => { await deleteRoom(db, actorOf(req), req.params.id, req.params.roomId); return { ok: true as const }; });

  app.put('/api/exhibition/halls/:id/room-order', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '调整展厅的参观顺序', params: HallParams, body: Obj({ roomIds: Type.Array(Uuid, { minItems: 1, maxItems: LIMITS.roomsPerHall }) }), response: { 200: Ok } },
  }, async (req) => { await reorderRooms(db, actorOf(req), req.params.id, req.body.roomIds); return { ok: true as const }; });

  app.post('/api/exhibition/halls/:id/exhibits', {
    config: { permission: 'exhibition.manage' },
    schema: {
      tags, summary: '从资源库挑选展品（图片或文章），填写时间线日期；可指定墙面和位置，否则按时间自动排列', params: HallParams,
      body: Obj({ resourceId: Uuid, ...ExhibitFields }), response: { 200: Created },
    },
  }, async (req) => ({ id: await addExhibit(db, actorOf(req), req.params.id, req.body) }));

  app.patch('/api/exhibition/halls/:id/exhibits/:exhibitId', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '修改展品（文字、日期、位置，或移到其他展厅）', params: ExhibitParams, body: Obj(ExhibitFields), response: { 200: Ok } },
  }, async (req) => { await updateExhibit(db, actorOf(req), req.params.id, req.params.exhibitId, req.body); return { ok: true as const }; });

  app.delete('/api/exhibition/halls/:id/exhibits/:exhibitId', {
    config: { permission: 'exhibition.manage' },
    schema: { tags, summary: '撤下展品', params: ExhibitParams, response: { 200: Ok } },
  }, async (req) => { await deleteExhibit(db, actorOf(req), req.params.id, req.params.exhibitId); return { ok: true as const }; });
}
