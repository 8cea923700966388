/**
 * 布展: the rooms of a hall and the exhibits hung in them. Every change locks the hall row first, so two curators
 * working on one hall take turns (room numbering, room capacity and fixed places stay consistent), and a published
 * hall is never left with nothing to show.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField, conflict, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { readerOf } from '../library/access.js';
import { managedHall, type HallRow } from './halls.js';
import { EXHIBIT_KINDS, exhibitResources } from './resources.js';
import { LIMITS, reachOf, validDate, type RoomTheme, type Wall } from './rules.js';

const ROOM: Msg = { zh: '展厅', en: 'Room' };
const EXHIBIT: Msg = { zh: '展品', en: 'Exhibit' };

export interface RoomBody { title: string; intro?: string | undefined; theme: RoomTheme }
export interface ExhibitBody { roomId: string; title: string; text?: string | undefined; year: number; month: number | null; wall: Wall | null; slot: number | null }

/** Runs a change of a hall the actor curates, with the hall locked; marks the hall changed. */
async function inHall<T>(db: Kysely<DB>, actor: Actor, hallId: string, fn: (tx: Tx, ctx: TxContext, h: HallRow) => Promise<T>): Promise<T> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const h = await managedHall(tx, actor, hallId, true);
    const out = await fn(tx, ctx, h);
    await tx.updateTable('exhibition_halls').set({ updated_at: new Date() }).where('id', '=', hallId).execute();
    return out;
  });
}

/** A published hall keeps at least one exhibit: to empty it, withdraw it first. */
async function keepsExhibits(tx: Tx, h: HallRow): Promise<void> {
  if (h.status !== 'published') return;
  const any = await tx.selectFrom('exhibition_exhibits').select('id').where('hall_id', '=', h.id).limit(1).executeTakeFirst();
  if (!any) throw conflict(undefined, { zh: '已发布的展馆至少要保留一件展品；要清空展馆，请先撤回发布', en: 'A published hall keeps at least one exhibit; withdraw it before emptying it' });
}

/** A room of the hall: named in the path (404 when not there) or chosen in the body (a field error). */
async function roomOf(tx: Tx, hallId: string, roomId: string, from: 'path' | 'body') {
  const r = await tx.selectFrom('exhibition_rooms').selectAll().where('id', '=', roomId).where('hall_id', '=', hallId).executeTakeFirst();
  if (r) return r;
  throw from === 'path' ? notFound(ROOM) : badField('roomId', { zh: '所选展厅不在这个展馆中', en: 'The room is not in this hall' });
}

function cleanTitle(title: string, what: Msg): string {
  const t = title.trim();
  if (t === '') throw badField('title', { zh: `请填写${what.zh}名称`, en: `Name the ${what.en.toLowerCase()}` });
  return t;
}

export async function addRoom(db: Kysely<DB>, actor: Actor, hallId: string, body: RoomBody): Promise<string> {
  return inHall(db, actor, hallId, async (tx, ctx) => {
    const rooms = await tx.selectFrom('exhibition_rooms').select('position').where('hall_id', '=', hallId).execute();
    if (rooms.length >= LIMITS.roomsPerHall) throw conflict(undefined, { zh: `一个展馆最多 ${LIMITS.roomsPerHall} 个展厅`, en: `A hall has at most ${LIMITS.roomsPerHall} rooms` });
    const id = randomUUID();
    const title = cleanTitle(body.title, ROOM);
    await tx.insertInto('exhibition_rooms').values({ id, tenant_id: ctx.tenantId, hall_id: hallId, position: rooms.length + 1, title, intro: (body.intro ?? '').trim(), theme: body.theme }).execute();
    await auditAs(tx, ctx, { action: 'exhibition.room_create', objectType: 'exhibition_hall', objectId: hallId, detail: { roomId: id, title } });
    return id;
  });
}

export async function updateRoom(db: Kysely<DB>, actor: Actor, hallId: string, roomId: string, body: RoomBody): Promise<void> {
  await inHall(db, actor, hallId, async (tx, ctx) => {
    await roomOf(tx, hallId, roomId, 'path');
    const title = cleanTitle(body.title, ROOM);
    await tx.updateTable('exhibition_rooms').set({ title, intro: (body.intro ?? '').trim(), theme: body.theme }).where('id', '=', roomId).execute();
    await auditAs(tx, ctx, { action: 'exhibition.room_update', objectType: 'exhibition_hall', objectId: hallId, detail: { roomId, title } });
  });
}

/** Removes a room with its exhibits; the rooms after it move up. */
export async function deleteRoom(db: Kysely<DB>, actor: Actor, hallId: string, roomId: string): Promise<void> {
  await inHall(db, actor, hallId, async (tx, ctx, h) => {
    const room = await roomOf(tx, hallId, roomId, 'path');
    const removed = await tx.deleteFrom('exhibition_exhibits').where('room_id', '=', roomId).returning('id').execute();
    await tx.deleteFrom('exhibition_rooms').where('id', '=', roomId).execute();
    await renumber(tx, hallId);
    await keepsExhibits(tx, h);
    await auditAs(tx, ctx, { action: 'exhibition.room_delete', objectType: 'exhibition_hall', objectId: hallId, detail: { roomId, title: room.title, exhibits: removed.length } });
  });
}

async function renumber(tx: Tx, hallId: string, order?: readonly string[]): Promise<void> {
  const rooms = await tx.selectFrom('exhibition_rooms').select(['id', 'position']).where('hall_id', '=', hallId).orderBy('position').orderBy('created_at').execute();
  const ids = order ?? rooms.map((r) => r.id);
  const at = new Map(rooms.map((r) => [r.id, r.position]));
  for (const [i, id] of ids.entries()) if (at.get(id) !== i + 1) await tx.updateTable('exhibition_rooms').set({ position: i + 1 }).where('id', '=', id).execute();
}

/** The walking order of the rooms: every room of the hall, each once. */
export async function reorderRooms(db: Kysely<DB>, actor: Actor, hallId: string, roomIds: readonly string[]): Promise<void> {
  await inHall(db, actor, hallId, async (tx, ctx) => {
    const rooms = await tx.selectFrom('exhibition_rooms').select('id').where('hall_id', '=', hallId).execute();
    const known = new Set(rooms.map((r) => r.id));
    if (roomIds.length !== known.size || new Set(roomIds).size !== roomIds.length || roomIds.some((id) => !known.has(id))) {
      throw badField('roomIds', { zh: '展厅顺序应列出本展馆的每个展厅各一次', en: 'The order must list every room of the hall exactly once' });
    }
    await renumber(tx, hallId, roomIds);
    await auditAs(tx, ctx, { action: 'exhibition.room_order', objectType: 'exhibition_hall', objectId: hallId, detail: { roomIds } });
  });
}

function checkPlace(body: Pick<ExhibitBody, 'wall' | 'slot' | 'year' | 'month'>): void {
  if ((body.wall === null) !== (body.slot === null)) throw badField('slot', { zh: '固定位置要同时选择墙面和位置序号；自动排列时两者都不选', en: 'A fixed place needs both a wall and a slot; leave both empty for the automatic layout' });
  if (!validDate(body.year, body.month)) throw badField('year', { zh: `年份应在 ${LIMITS.yearMin} 到 ${LIMITS.yearMax} 之间`, en: `The year must be between ${LIMITS.yearMin} and ${LIMITS.yearMax}` });
}

/** The room has space, and the fixed place (if any) is free; `self` is the exhibit being moved. */
async function checkRoomSpace(tx: Tx, roomId: string, body: Pick<ExhibitBody, 'wall' | 'slot'>, self?: string): Promise<void> {
  let q = tx.selectFrom('exhibition_exhibits').select(['id', 'wall', 'slot', 'title']).where('room_id', '=', roomId);
  if (self) q = q.where('id', '!=', self);
  const others = await q.execute();
  if (others.length >= LIMITS.exhibitsPerRoom) throw conflict('roomId', { zh: `一个展厅最多陈列 ${LIMITS.exhibitsPerRoom} 件展品，请选择其他展厅或新建展厅`, en: `A room holds at most ${LIMITS.exhibitsPerRoom} exhibits; choose or add another room` });
  const taken = body.wall !== null ? others.find((o) => o.wall === body.wall && o.slot === body.slot) : undefined;
  if (taken) throw conflict('slot', { zh: `这个位置已经挂着“${taken.title}”，请换一个位置或选择自动排列`, en: `“${taken.title}” already hangs there; choose another place or the automatic layout` });
}

export async function addExhibit(db: Kysely<DB>, actor: Actor, hallId: string, body: ExhibitBody & { resourceId: string }): Promise<string> {
  checkPlace(body);
  return inHall(db, actor, hallId, async (tx, ctx, h) => {
    await roomOf(tx, hallId, body.roomId, 'body');
    const reader = await readerOf(tx, actor);
    const r = (await exhibitResources(tx, actor, reader, [body.resourceId])).get(body.resourceId);
    if (!r || !r.readable) throw badField('resourceId', { zh: '所选学习资源不存在、尚未发布或您无权查看', en: 'The resource does not exist, is not published, or you may not read it' });
    if (!EXHIBIT_KINDS.includes(r.kind)) throw badField('resourceId', { zh: '展品只能是图片或文章', en: 'An exhibit is an image or an article' });
    if (r.kind === 'image' && !r.hasFile) throw badField('resourceId', { zh: '这张图片没有文件', en: 'The image has no file' });
    if (reachOf(r, h.unit_path) === 'none') throw badField('resourceId', { zh: '该资源的可见范围不包括本展馆的任何观众，请在资源库中放宽它的可见范围', en: 'No visitor of this hall may read that resource; widen its scope in the library' });
    await checkRoomSpace(tx, body.roomId, body);
    const id = randomUUID();
    const title = cleanTitle(body.title, EXHIBIT);
    await tx.insertInto('exhibition_exhibits').values({
      id, tenant_id: ctx.tenantId, hall_id: hallId, room_id: body.roomId, resource_id: r.id, title, body: (body.text ?? '').trim(),
      year: body.year, month: body.month, wall: body.wall, slot: body.slot, created_by: ctx.actorId, updated_at: new Date(),
    }).execute();
    await auditAs(tx, ctx, { action: 'exhibition.exhibit_create', objectType: 'exhibition_hall', objectId: hallId, detail: { exhibitId: id, roomId: body.roomId, resourceId: r.id, title } });
    return id;
  });
}

async function exhibitOf(tx: Tx, hallId: string, exhibitId: string) {
  const e = await tx.selectFrom('exhibition_exhibits').selectAll().where('id', '=', exhibitId).where('hall_id', '=', hallId).executeTakeFirst();
  if (!e) throw notFound(EXHIBIT);
  return e;
}

/** Changes an exhibit's words, date or place, or moves it to another room of the hall. */
export async function updateExhibit(db: Kysely<DB>, actor: Actor, hallId: string, exhibitId: string, body: ExhibitBody): Promise<void> {
  checkPlace(body);
  await inHall(db, actor, hallId, async (tx, ctx) => {
    const e = await exhibitOf(tx, hallId, exhibitId);
    await roomOf(tx, hallId, body.roomId, 'body');
    await checkRoomSpace(tx, body.roomId, body, exhibitId);
    const title = cleanTitle(body.title, EXHIBIT);
    const text = (body.text ?? '').trim();
    await tx.updateTable('exhibition_exhibits').set({ room_id: body.roomId, title, body: text, year: body.year, month: body.month, wall: body.wall, slot: body.slot, updated_at: new Date() })
      .where('id', '=', exhibitId).execute();
    const changed = [
      e.room_id !== body.roomId && 'roomId', e.title !== title && 'title', e.body !== text && 'text', (e.year !== body.year || e.month !== body.month) && 'date',
      (e.wall !== body.wall || e.slot !== body.slot) && 'place',
    ].filter(Boolean);
    await auditAs(tx, ctx, { action: 'exhibition.exhibit_update', objectType: 'exhibition_hall', objectId: hallId, detail: { exhibitId, title, changed } });
  });
}

export async function deleteExhibit(db: Kysely<DB>, actor: Actor, hallId: string, exhibitId: string): Promise<void> {
  await inHall(db, actor, hallId, async (tx, ctx, h) => {
    const e = await exhibitOf(tx, hallId, exhibitId);
    await tx.deleteFrom('exhibition_exhibits').where('id', '=', exhibitId).execute();
    await keepsExhibits(tx, h);
    await auditAs(tx, ctx, { action: 'exhibition.exhibit_delete', objectType: 'exhibition_hall', objectId: hallId, detail: { exhibitId, title: e.title, resourceId: e.resource_id } });
  });
}
