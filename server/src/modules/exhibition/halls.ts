/**
 * 展馆管理: halls, organised by an org unit. Curating a hall needs exhibition.manage on its unit; a published hall is
 * open to everyone whose unit lies in that unit's subtree (a group committee's hall reaches the whole group).
 * Publishing checks that the hall has something to show and that every exhibit's resource is still there to show.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { readerOf } from '../library/access.js';
import { exhibitResources } from './resources.js';
import { reachOf } from './rules.js';
import type { ExhibitionHallsTable } from './tables.js';

export const HALL: Msg = { zh: '展馆', en: 'Exhibition hall' };

export type HallRow = Selectable<ExhibitionHallsTable> & { unit_path: string; unit_name: string };

export interface HallBody { title: string; intro?: string | undefined; orgUnitId: string }

/** A hall the actor curates (exhibition.manage on its unit), optionally locked for a change; 404 otherwise. */
export async function managedHall(tx: Tx, actor: Actor, id: string, lock = false): Promise<HallRow> {
  let q = tx.selectFrom('exhibition_halls as h').innerJoin('org_units as u', 'u.id', 'h.org_unit_id').selectAll('h').select(['u.path as unit_path', 'u.name as unit_name']).where('h.id', '=', id);
  if (lock) q = q.forUpdate('h');
  const h = await q.executeTakeFirst();
  if (!h || !can(actor, 'exhibition.manage', h.unit_path)) throw notFound(HALL);
  return h;
}

async function unitInScope(tx: Tx, actor: Actor, unitId: string) {
  const u = await tx.selectFrom('org_units').select(['id', 'path']).where('id', '=', unitId).where('dissolved_at', 'is', null).executeTakeFirst();
  if (!u || !can(actor, 'exhibition.manage', u.path)) throw badField('orgUnitId', { zh: '该组织不存在或不在您的管理范围内', en: 'The unit does not exist or is outside your scope' });
  return u;
}

export async function createHall(db: Kysely<DB>, actor: Actor, body: HallBody): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    await unitInScope(tx, actor, body.orgUnitId);
    const id = randomUUID();
    const title = body.title.trim();
    if (title === '') throw badField('title', { zh: '请填写展馆名称', en: 'Name the hall' });
    await tx.insertInto('exhibition_halls').values({ id, tenant_id: ctx.tenantId, org_unit_id: body.orgUnitId, title, intro: (body.intro ?? '').trim(), created_by: ctx.actorId, updated_at: new Date() }).execute();
    await auditAs(tx, ctx, { action: 'exhibition.hall_create', objectType: 'exhibition_hall', objectId: id, detail: { title } });
    return id;
  });
}

export async function updateHall(db: Kysely<DB>, actor: Actor, id: string, body: HallBody & { version: number }): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const h = await managedHall(tx, actor, id, true);
    if (h.version !== body.version) throw conflict('version', { zh: '展馆已被他人修改，请刷新后再改', en: 'Someone else changed this hall; reload and try again' });
    const title = body.title.trim();
    if (title === '') throw badField('title', { zh: '请填写展馆名称', en: 'Name the hall' });
    await unitInScope(tx, actor, body.orgUnitId);
    const intro = (body.intro ?? '').trim();
    await tx.updateTable('exhibition_halls').set({ title, intro, org_unit_id: body.orgUnitId, version: h.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
    const changed = [title !== h.title && 'title', intro !== h.intro && 'intro', body.orgUnitId !== h.org_unit_id && 'orgUnitId'].filter(Boolean);
    await auditAs(tx, ctx, { action: 'exhibition.hall_update', objectType: 'exhibition_hall', objectId: id, detail: { title, changed } });
  });
}

export async function deleteHall(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const h = await managedHall(tx, actor, id, true);
    const n = await tx.selectFrom('exhibition_exhibits').select((eb) => eb.fn.countAll<number>().as('n')).where('hall_id', '=', id).executeTakeFirstOrThrow();
    await tx.deleteFrom('exhibition_halls').where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'exhibition.hall_delete', objectType: 'exhibition_hall', objectId: id, detail: { title: h.title, status: h.status, exhibits: Number(n.n) } });
  });
}

/**
 * What keeps a hall from being open to visitors, or null: it needs at least one exhibit, and every exhibit's resource
 * must still be published and readable by some of the hall's visitors.
 */
export async function publishBlocker(tx: Tx, actor: Actor, h: HallRow): Promise<Msg | null> {
  const exhibits = await tx.selectFrom('exhibition_exhibits as e').innerJoin('exhibition_rooms as r', 'r.id', 'e.room_id')
    .select(['e.title', 'e.resource_id', 'r.title as room_title']).where('e.hall_id', '=', h.id).orderBy('r.position').execute();
  if (exhibits.length === 0) return { zh: '展馆还没有展品：请先添加展厅并从资源库挑选展品', en: 'The hall has no exhibits yet: add a room and pick exhibits from the library' };
  const resources = await exhibitResources(tx, actor, await readerOf(tx, actor), exhibits.map((e) => e.resource_id));
  for (const e of exhibits) {
    const reach = reachOf(resources.get(e.resource_id), h.unit_path);
    if (reach === 'unavailable') return { zh: `展厅“${e.room_title}”中的展品“${e.title}”引用的学习资源已删除或撤回，请替换或移除它`, en: `The exhibit “${e.title}” in “${e.room_title}” refers to a resource that was deleted or withdrawn; replace or remove it` };
    if (reach === 'none') return { zh: `展品“${e.title}”的资源不在本展馆观众的可见范围内，请移除它或在资源库中放宽可见范围`, en: `No visitor of this hall may read the resource of “${e.title}”; remove it or widen its scope in the library` };
  }
  return null;
}

export async function publishHall(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const h = await managedHall(tx, actor, id, true);
    if (h.status === 'published') throw conflict(undefined, { zh: '展馆已经发布', en: 'The hall is already published' });
    const blocker = await publishBlocker(tx, actor, h);
    if (blocker) throw conflict(undefined, blocker);
    await tx.updateTable('exhibition_halls').set({ status: 'published', published_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'exhibition.publish', objectType: 'exhibition_hall', objectId: id, detail: { title: h.title } });
  });
}

export async function unpublishHall(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const h = await managedHall(tx, actor, id, true);
    if (h.status !== 'published') throw conflict(undefined, { zh: '展馆尚未发布', en: 'The hall is not published' });
    await tx.updateTable('exhibition_halls').set({ status: 'draft', updated_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'exhibition.unpublish', objectType: 'exhibition_hall', objectId: id, detail: { title: h.title } });
  });
}
