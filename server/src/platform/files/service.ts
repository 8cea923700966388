import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant, type Tx, type TxContext } from '../db/tenancy.js';
import { AppError, badField, type Msg } from '../http/errors.js';
import { detectFile, KIND_NAMES, type Detected, type FileKind, type FileLimits } from './content.js';
import { cleanFileName } from './disposition.js';
import { discard, spool, SpoolTooLarge, type Spooled } from './spool.js';
import { storageKey, type FileStore } from './store.js';
import type { StoredFilesTable } from './tables.js';

/** The file store and the size limits of one app (decorated as `app.files`). */
export interface Files { store: FileStore; limits: FileLimits }

/** An upload that was received and checked but is not stored yet: `saveUpload` stores it, `discardUpload` drops it. */
export interface AcceptedUpload extends Detected { spooled: Spooled; originalName: string }

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
const kindList = (kinds: readonly FileKind[], lang: 'zh' | 'en') => kinds.map((k) => KIND_NAMES[k][lang]).join(lang === 'zh' ? '、' : ', ');

export const fileTooLarge = (limit: number, what?: FileKind) => new AppError(413, 'too_large', {
  zh: `文件（file）超过 ${mb(limit)}${what ? `（${KIND_NAMES[what].zh}的上限）` : ''}`,
  en: `The file (file) is larger than ${mb(limit)}${what ? ` (the limit for ${KIND_NAMES[what].en})` : ''}`,
}, 'file');

export const fileTypeRefused = (allowed: readonly FileKind[]) => new AppError(415, 'unsupported_type', {
  zh: `文件（file）的内容不是可接受的类型，只能上传：${kindList(allowed, 'zh')}`,
  en: `The file (file) is not of an accepted type; upload one of: ${kindList(allowed, 'en')}`,
}, 'file');

/**
 * Receives an upload body (a stream) into the spool, detects its kind by content and checks it against the kinds
 * the caller accepts and their size limits. Nothing is stored and nothing written to the database; on refusal the
 * spooled bytes are gone.
 */
export async function acceptUpload(files: Files, body: unknown, opts: { fileName: string; allowed: readonly FileKind[] }): Promise<AcceptedUpload> {
  const originalName = cleanFileName(opts.fileName);
  if (originalName === '') throw badField('fileName', { zh: '文件名不能为空', en: 'The file name is empty' });
  const stream = toStream(body);
  const max = Math.max(...opts.allowed.map((k) => files.limits[k]));
  let spooled: Spooled;
  try {
    spooled = await spool(stream, files.store.spoolDir, max);
  } catch (err) {
    if (err instanceof SpoolTooLarge) throw fileTooLarge(max);
    throw err;
  }
  try {
    if (spooled.size === 0) throw badField('file', { zh: '文件（file）是空的', en: 'The file (file) is empty' });
    const detected = await detectFile(spooled.path, spooled.head, spooled.size, () => fsp.readFile(spooled.path));
    if (!detected || !opts.allowed.includes(detected.kind)) throw fileTypeRefused(opts.allowed);
    if (spooled.size > files.limits[detected.kind]) throw fileTooLarge(files.limits[detected.kind], detected.kind);
    return { ...detected, spooled, originalName };
  } catch (err) {
    await discard(spooled);
    throw err;
  }
}

export function discardUpload(u: AcceptedUpload): Promise<void> {
  return discard(u.spooled);
}

function toStream(body: unknown): Readable {
  if (body && typeof (body as Readable).pipe === 'function') return body as Readable;
  throw badField('file', { zh: '请求体应为文件本身', en: 'The request body must be the file itself' });
}

export type StoredFileRow = Selectable<StoredFilesTable>;

/**
 * Stores the bytes (content-addressed: once per tenant) and records the file in the caller's transaction. The bytes
 * go first: if the transaction then rolls back, what remains is an unreferenced object, never a row without bytes.
 */
export async function saveUpload(tx: Tx, ctx: TxContext, files: Files, u: AcceptedUpload): Promise<StoredFileRow> {
  const key = storageKey(ctx.tenantId, u.spooled.sha256);
  await files.store.putFile(key, u.spooled.path, u.spooled.size, u.contentType);
  return tx.insertInto('stored_files').values({
    id: randomUUID(), tenant_id: ctx.tenantId, sha256: u.spooled.sha256, size: u.spooled.size, kind: u.kind, content_type: u.contentType,
    original_name: u.originalName, storage: files.store.kind, storage_key: key, uploaded_by: ctx.actorId,
  }).returningAll().executeTakeFirstOrThrow();
}

/** A file readable in the current tenant context (its own, or shared by another tenant), or undefined. */
export function findStoredFile(tx: Tx, id: string): Promise<StoredFileRow | undefined> {
  return tx.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks files readable by every tenant, or not (only the owning tenant's rows change: row-level security). */
export async function setFilesShared(tx: Tx, ids: readonly string[], shared: boolean): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('stored_files').set({ shared }).where('id', 'in', ids).execute();
}

/**
 * Deletes a file record in the caller's transaction. Its bytes stay until `purgeIfUnreferenced` runs after the commit
 * (a rolled-back delete must still find them).
 */
export async function removeStoredFile(tx: Tx, id: string): Promise<StoredFileRow | undefined> {
  return tx.deleteFrom('stored_files').where('id', '=', id).returningAll().executeTakeFirst();
}

/** Removes the bytes of a deleted record when no record of its tenant has the same content any more. */
export async function purgeIfUnreferenced(db: Kysely<DB>, ctx: TxContext, files: Files, removed: Pick<StoredFileRow, 'sha256' | 'storage_key'>): Promise<void> {
  const other = await withTenant(db, ctx, (tx) => tx.selectFrom('stored_files').select('id').where('tenant_id', '=', ctx.tenantId).where('sha256', '=', removed.sha256).limit(1).executeTakeFirst());
  if (!other) await files.store.remove(removed.storage_key);
}

export const FILE_MSG: Msg = { zh: '文件', en: 'File' };
