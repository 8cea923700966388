import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, badField, conflict, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { personOrThrow, recordPersonEvent } from '../members/person-access.js';
import type { DocumentContentType, StepDocument } from './tables.js';

/**
 * The files of a person's development record (入党申请书, 思想汇报, 政审材料 ... as scans): uploaded as the raw request
 * body, kept in the database (bytea) beside the record they belong to, attached to a step when the step cites them.
 * Upload and download need `development.manage` on the person's unit; both are audited (never the content).
 */

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_CONTENT_TYPES: readonly DocumentContentType[] = ['application/pdf', 'image/jpeg', 'image/png'];

const TYPE_NAMES: Record<DocumentContentType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };
const DOCUMENT = { zh: '材料', en: 'Document' };

/** What the first bytes say the file is. The declared content type must agree, so a renamed file is refused. */
export function sniffContentType(data: Buffer): DocumentContentType | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export const tooLarge = () => new AppError(413, 'too_large', { zh: `文件（file）超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`, en: `The file (file) is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` }, 'file');
export const unsupportedType = () => new AppError(415, 'unsupported_type', { zh: '文件（file）只能是 PDF、JPEG 或 PNG', en: 'The file (file) must be a PDF, JPEG or PNG' }, 'file');

/** The name as the user's computer had it, without a path (some browsers send one) or control characters. */
function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (base === '') throw badField('fileName', { zh: '文件名不能为空', en: 'The file name is empty' });
  return base;
}

export interface DocumentUpload { title: string; fileName: string; contentType: DocumentContentType; data: Buffer }

export async function uploadDocument(db: Kysely<DB>, actor: Actor, personId: string, file: DocumentUpload) {
  const ctx = txContext(actor);
  const title = file.title.trim();
  if (title === '') throw badField('title', { zh: '请填写材料名称', en: 'Enter the document title' });
  const fileName = cleanFileName(file.fileName);
  if (file.data.length === 0) throw badField('file', { zh: '文件（file）是空的', en: 'The file (file) is empty' });
  if (file.data.length > MAX_DOCUMENT_BYTES) throw tooLarge();
  const actual = sniffContentType(file.data);
  if (actual !== file.contentType) {
    const declared = TYPE_NAMES[file.contentType];
    throw badField('file', {
      zh: `文件（file）的内容不是 ${declared}${actual ? `，而是 ${TYPE_NAMES[actual]}` : ''}，请上传真实的 PDF、JPEG 或 PNG 文件`,
      en: `The file (file) is not a ${declared}${actual ? ` but a ${TYPE_NAMES[actual]}` : ''}; upload a real PDF, JPEG or PNG`,
    });
  }
  return withTenant(db, ctx, async (tx) => {
    const person = await personOrThrow(tx, actor, personId, 'development.manage');
    if (person.archived_at) throw conflict(undefined, { zh: '此人已归档，不能再上传发展党员材料', en: 'This person is archived; no more documents can be uploaded' });
    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    await tx.insertInto('development_documents').values({
      id, tenant_id: ctx.tenantId, person_id: personId, step_id: null, title, file_name: fileName, content_type: file.contentType,
      size: file.data.length, sha256, content: file.data, uploaded_by: actor.userId,
    }).execute();
    const detail = { documentId: id, title, fileName, contentType: file.contentType, size: file.data.length, sha256 };
    await recordPersonEvent(tx, ctx, personId, 'development.document', { documentId: id, title, fileName });
    await auditAs(tx, ctx, { action: 'development.document_upload', objectType: 'person', objectId: personId, detail });
    return { id, title, fileName, contentType: file.contentType, size: file.data.length, sha256 };
  });
}

/** A document's file, for someone who manages the person; reading it is audited as a read of personal data. */
export async function downloadDocument(db: Kysely<DB>, actor: Actor, id: string) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const d = await tx.selectFrom('development_documents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!d) throw notFound(DOCUMENT);
    try {
      await personOrThrow(tx, actor, d.person_id, 'development.manage');
    } catch {
      // Out of scope answers like a missing document, not like a missing person.
      throw notFound(DOCUMENT);
    }
    await auditAs(tx, ctx, {
      action: 'development.document_download', objectType: 'person', objectId: d.person_id,
      detail: { documentId: d.id, title: d.title, fileName: d.file_name, sha256: d.sha256 },
    });
    return { fileName: d.file_name, contentType: d.content_type, content: d.content };
  });
}

/**
 * Checks the uploaded files a new step cites: each must be this person's and not yet attached to another step.
 * Call before the step is written; `attachDocuments` then links them.
 */
export async function checkStepDocuments(tx: Tx, personId: string, documents: readonly StepDocument[]): Promise<string[]> {
  const ids = documents.map((d) => d.documentId).filter((x): x is string => x !== undefined);
  if (ids.length === 0) return [];
  if (new Set(ids).size !== ids.length) throw badField('documentId', { zh: '同一份文件不能引用两次', en: 'The same file is cited twice' });
  const found = await tx.selectFrom('development_documents').select(['id', 'step_id']).where('id', 'in', ids).where('person_id', '=', personId).execute();
  if (found.length !== ids.length) throw badField('documentId', { zh: '所引用的文件不存在或不属于此人', en: 'A cited file does not exist or belongs to someone else' });
  if (found.some((d) => d.step_id !== null)) throw conflict('documentId', { zh: '所引用的文件已属于另一个步骤', en: 'A cited file already belongs to another step' });
  return ids;
}

export async function attachDocuments(tx: Tx, stepId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('development_documents').set({ step_id: stepId }).where('id', 'in', ids).where('step_id', 'is', null).execute();
}

/** The files of a person's record, newest first, without their content. */
export async function listDocuments(tx: Tx, personId: string) {
  const rows = await tx.selectFrom('development_documents as d').leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .select(['d.id', 'd.step_id', 'd.title', 'd.file_name', 'd.content_type', 'd.size', 'd.uploaded_at', 'u.display_name as uploaded_by_name'])
    .where('d.person_id', '=', personId)
    .orderBy('d.uploaded_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id, stepId: r.step_id, title: r.title, fileName: r.file_name, contentType: r.content_type, size: r.size,
    uploadedByName: r.uploaded_by_name ?? '', uploadedAt: r.uploaded_at.toISOString(), url: `/api/development/documents/${r.id}`,
  }));
}
