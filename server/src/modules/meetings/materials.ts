/**
 * A meeting's materials (会议材料): a titled link (http/https), a reference into the learning library, or a file
 * uploaded to the app's file store (platform/files: type judged by content, per-kind size limits, streamed to the
 * spool). Added and removed by the host or a manager until the minutes are signed; every change reaches the live room
 * (room/broadcast.ts). A file is read by whoever may see the meeting (its attendees, meetings.read on its unit).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import { badField, conflict, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import type { FileKind } from '../../platform/files/content.js';
import {
  acceptUpload, discardUpload, findStoredFile, purgeIfUnreferenced, removeStoredFile, saveUpload, type Files, type StoredFileRow,
} from '../../platform/files/service.js';
import { loadMeetingInScope, MEETING, type MeetingInScope } from './api.js';
import { broadcastMeeting } from './room/broadcast.js';
import type { MaterialKind } from './tables.js';

/** What storing and removing a file needs: the database, the realtime hub (the room hears of it), the file store. */
export interface MaterialDeps { db: Kysely<DB>; hub: RealtimeHub; files: Files }

const MATERIAL = { zh: '材料', en: 'Material' };
const MAX_MATERIALS = 30;
/** What a meeting's material may be: documents, spreadsheets, scans and photos, plain text. */
export const MATERIAL_FILE_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'image', 'text'];

/** The meeting, if the actor may change its materials now (404 when they may not see or run it). */
async function editable(tx: Tx, actor: Actor, id: string): Promise<MeetingInScope> {
  const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
  if (!m.viewer.manage) throw notFound(MEETING);
  if (m.meeting.minutesSignedAt || m.meeting.status === 'cancelled') throw conflict('status', { zh: '会议记录已签发或会议已取消', en: 'The minutes are signed or the meeting was cancelled' });
  const count = await tx.selectFrom('meeting_materials').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', id).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_MATERIALS) throw conflict('ref', { zh: `一次会议最多 ${MAX_MATERIALS} 份材料`, en: `At most ${MAX_MATERIALS} materials per meeting` });
  return m;
}

/** A link or a library reference. */
export async function addMaterial(hub: RealtimeHub, actor: Actor, id: string, input: { title: string; kind: Exclude<MaterialKind, 'file'>; ref: string }): Promise<string> {
  const ctx = txContext(actor);
  const title = input.title.trim();
  if (!title) throw badField('title', { zh: '请填写材料名称', en: 'Enter the material’s title' });
  return hub.withEvents(ctx, async (tx, emit) => {
    await editable(tx, actor, id);
    const ref = input.ref.trim();
    if (input.kind === 'link' && !/^https?:\/\/\S+$/i.test(ref)) throw badField('ref', { zh: '链接须是完整的网址（以 https:// 开头）', en: 'The link must be a full URL (https://…)' });
    const mid = randomUUID();
    await tx.insertInto('meeting_materials').values({ id: mid, tenant_id: ctx.tenantId, meeting_id: id, title, kind: input.kind, ref, added_by: ctx.actorId }).execute();
    await auditAs(tx, ctx, { action: 'meeting.material_add', objectType: 'meeting', objectId: id, detail: { materialId: mid, kind: input.kind } });
    await broadcastMeeting(tx, emit, id, ['details']);
    return mid;
  });
}

/**
 * An uploaded file (the request body, streamed): checked by content and size before anything is written; stored and
 * recorded with the material in one transaction. The title defaults to the file's name.
 */
export async function addMaterialFile({ db, hub, files }: MaterialDeps, actor: Actor, id: string, input: { fileName: string; title?: string | undefined }, body: unknown): Promise<string> {
  const ctx = txContext(actor);
  // Scope first, so a caller who may not see the meeting learns nothing from a refused file.
  await withTenant(db, ctx, (tx) => editable(tx, actor, id));
  const upload = await acceptUpload(files, body, { fileName: input.fileName, allowed: MATERIAL_FILE_KINDS });
  try {
    return await hub.withEvents(ctx, async (tx, emit) => {
      await editable(tx, actor, id);
      const file = await saveUpload(tx, ctx, files, upload);
      const mid = randomUUID();
      const title = (input.title ?? '').trim() || file.original_name.slice(0, 100);
      await tx.insertInto('meeting_materials').values({ id: mid, tenant_id: ctx.tenantId, meeting_id: id, title, kind: 'file', ref: file.original_name.slice(0, 500), file_id: file.id, added_by: ctx.actorId }).execute();
      await auditAs(tx, ctx, { action: 'meeting.material_add', objectType: 'meeting', objectId: id, detail: { materialId: mid, kind: 'file', fileId: file.id, size: Number(file.size), contentType: file.content_type } });
      await broadcastMeeting(tx, emit, id, ['details']);
      return mid;
    });
  } finally {
    await discardUpload(upload);
  }
}

export async function removeMaterial({ db, hub, files }: MaterialDeps, actor: Actor, id: string, materialId: string): Promise<void> {
  const ctx = txContext(actor);
  const removed = await hub.withEvents(ctx, async (tx, emit) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (!m.viewer.manage) throw notFound(MEETING);
    if (m.meeting.minutesSignedAt) throw conflict('status', { zh: '会议记录已签发', en: 'The minutes are signed' });
    const row = await tx.deleteFrom('meeting_materials').where('id', '=', materialId).where('meeting_id', '=', id).returning(['file_id']).executeTakeFirst();
    if (!row) throw notFound(MATERIAL);
    const file = row.file_id ? await removeStoredFile(tx, row.file_id) : undefined;
    await auditAs(tx, ctx, { action: 'meeting.material_remove', objectType: 'meeting', objectId: id, detail: { materialId } });
    await broadcastMeeting(tx, emit, id, ['details']);
    return file;
  });
  // The bytes go once the delete has committed, unless the tenant keeps the same content under another record.
  if (removed) await purgeIfUnreferenced(db, ctx, files, removed);
}

/** A material's file, for whoever may see the meeting (404 otherwise, and for a material that is not a file). */
export async function materialFile(db: Kysely<DB>, actor: Actor, id: string, materialId: string): Promise<StoredFileRow> {
  return withTenant(db, txContext(actor), async (tx) => {
    await loadMeetingInScope(tx, actor, id);
    const row = await tx.selectFrom('meeting_materials').select('file_id').where('id', '=', materialId).where('meeting_id', '=', id).executeTakeFirst();
    const file = row?.file_id ? await findStoredFile(tx, row.file_id) : undefined;
    if (!file) throw notFound(MATERIAL);
    return file;
  });
}
