import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField, conflict, forbidden, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { findStoredFile, purgeIfUnreferenced, removeStoredFile, setFilesShared, type Files } from '../../platform/files/service.js';
import type { FileKind } from '../../platform/files/content.js';
import { managesScope, readerOf, visibleTo } from './access.js';
import { INLINE_INDEX_CHARS, writePassages } from './indexing.js';
import { articleText, sanitizeArticle } from './sanitize.js';
import type { LibraryResourcesTable, ResourceCategory, ResourceKind } from './tables.js';

export const RESOURCE: Msg = { zh: '学习资源', en: 'Resource' };

/** Long bodies are indexed after the answer, one at a time per process; shutdown waits for the one in hand. */
export class IndexRunner {
  private readonly active = new Map<string, Promise<void>>();
  launch(id: string, work: () => Promise<void>): void {
    const p = work().catch((err: unknown) => console.error('library indexing failed', id, err)).finally(() => this.active.delete(id));
    this.active.set(id, p);
  }
  async settled(id: string): Promise<void> { await this.active.get(id); }
  async stop(): Promise<void> { await Promise.allSettled([...this.active.values()]); }
}

export interface LibraryDeps { db: Kysely<DB>; files: Files; indexer: IndexRunner }

export interface ResourceInput {
  kind: ResourceKind;
  title: string;
  summary: string;
  source: string;
  category: ResourceCategory;
  tags: string[];
  scopeUnitId: string | null;
  bodyHtml?: string | undefined;
  fileId?: string | undefined;
}

const FILE_KIND: Record<Exclude<ResourceKind, 'article'>, FileKind> = { pdf: 'pdf', image: 'image', audio: 'audio', video: 'video' };

function cleanTags(tags: readonly string[]): string[] {
  const out = [...new Set(tags.map((t) => t.normalize('NFKC').trim()).filter((t) => t !== ''))];
  if (out.length > 10) throw badField('tags', { zh: '标签最多 10 个', en: 'At most 10 tags' });
  return out;
}

/** The scope's path: a unit the actor manages, or '' (the whole enterprise) for a tenant-wide manager. */
async function scopeOf(tx: Tx, actor: Actor, unitId: string | null): Promise<string> {
  const reader = await readerOf(tx, actor);
  if (unitId === null) {
    if (!managesScope(reader, '')) throw badField('scopeUnitId', { zh: '您只能为自己管理的组织发布资源，请选择可见范围', en: 'Choose a scope you manage' });
    return '';
  }
  const u = await tx.selectFrom('org_units').select(['path', 'dissolved_at']).where('id', '=', unitId).executeTakeFirst();
  if (!u || u.dissolved_at) throw badField('scopeUnitId', { zh: '所选组织不存在', en: 'The chosen unit does not exist' });
  if (!managesScope(reader, u.path)) throw badField('scopeUnitId', { zh: '您不能为该组织发布资源', en: 'You do not manage resources of that unit' });
  return u.path;
}

/** Body HTML and text of an article, or the stored file of a PDF, image, audio or video: checked against the kind. */
async function contentOf(tx: Tx, input: ResourceInput): Promise<{ bodyHtml: string; bodyText: string; fileId: string | null }> {
  if (input.kind === 'article') {
    const bodyHtml = sanitizeArticle(input.bodyHtml ?? '');
    const bodyText = articleText(bodyHtml);
    if (bodyText === '') throw badField('bodyHtml', { zh: '请填写文章正文', en: 'Write the article text' });
    return { bodyHtml, bodyText, fileId: null };
  }
  if (!input.fileId) throw badField('fileId', { zh: '请先上传文件', en: 'Upload the file first' });
  const f = await findStoredFile(tx, input.fileId);
  if (!f || f.tenant_id !== (await tenantOfTx(tx))) throw badField('fileId', { zh: '文件不存在', en: 'The file does not exist' });
  if (f.kind !== FILE_KIND[input.kind]) throw badField('fileId', { zh: '上传的文件与资源类型不符', en: 'The uploaded file does not match the resource type' });
  // A description typed with a file is indexed like a body; the summary holds it.
  return { bodyHtml: '', bodyText: '', fileId: f.id };
}

async function tenantOfTx(tx: Tx): Promise<string> {
  const r = await tx.selectNoFrom((eb) => eb.fn<string>('zg_tenant').as('t')).executeTakeFirstOrThrow();
  return r.t;
}

function indexSource(r: Selectable<LibraryResourcesTable>) {
  return { id: r.id, tenantId: r.tenant_id, title: r.title, summary: r.summary, bodyText: r.body_text, tags: r.tags, shared: r.shared && r.status === 'published' };
}

/** Writes the passages now, or marks the resource pending and indexes it after the commit (long bodies). */
async function index(deps: LibraryDeps, tx: Tx, ctx: TxContext, r: Selectable<LibraryResourcesTable>): Promise<(() => void) | null> {
  if (r.body_text.length <= INLINE_INDEX_CHARS) {
    await writePassages(tx, indexSource(r));
    if (r.index_state !== 'done') await tx.updateTable('library_resources').set({ index_state: 'done' }).where('id', '=', r.id).execute();
    return null;
  }
  await tx.updateTable('library_resources').set({ index_state: 'pending' }).where('id', '=', r.id).execute();
  return () => deps.indexer.launch(r.id, () => withTenant(deps.db, ctx, async (t2) => {
    const cur = await t2.selectFrom('library_resources').selectAll().where('id', '=', r.id).forUpdate().executeTakeFirst();
    if (!cur || cur.version !== r.version) return; // changed again since: that change indexes it
    await writePassages(t2, indexSource(cur));
    await t2.updateTable('library_resources').set({ index_state: 'done' }).where('id', '=', r.id).execute();
  }));
}

export async function createResource(deps: LibraryDeps, actor: Actor, input: ResourceInput): Promise<{ id: string }> {
  const ctx = txContext(actor);
  let after: (() => void) | null = null;
  const id = randomUUID();
  await withTenant(deps.db, ctx, async (tx) => {
    const scopePath = await scopeOf(tx, actor, input.scopeUnitId);
    const content = await contentOf(tx, input);
    const r = await tx.insertInto('library_resources').values({
      id, tenant_id: ctx.tenantId, kind: input.kind, category: input.category, title: input.title.trim(), summary: input.summary.trim(), source: input.source.trim(),
      body_html: content.bodyHtml, body_text: content.bodyText, tags: cleanTags(input.tags), file_id: content.fileId, scope_unit_id: input.scopeUnitId, scope_path: scopePath,
      created_by: actor.userId,
    }).returningAll().executeTakeFirstOrThrow();
    after = await index(deps, tx, ctx, r);
    await auditAs(tx, ctx, { action: 'library.create', objectType: 'library_resource', objectId: id, detail: { kind: input.kind, title: r.title, scopePath, fileId: content.fileId } });
  });
  (after as (() => void) | null)?.();
  return { id };
}

/** A resource of the actor's own tenant that the actor manages, locked for a change; 404 otherwise (also for another tenant's shared one). */
async function managed(tx: Tx, actor: Actor, id: string): Promise<Selectable<LibraryResourcesTable>> {
  const r = await tx.selectFrom('library_resources').selectAll().where('id', '=', id).where('tenant_id', '=', actor.tenantId).forUpdate().executeTakeFirst();
  if (!r) throw notFound(RESOURCE);
  const reader = await readerOf(tx, actor);
  if (!managesScope(reader, r.scope_path)) {
    const visible = await tx.selectFrom('library_resources as r').select('r.id').where('r.id', '=', id).where(visibleTo(reader)).executeTakeFirst();
    if (!visible) throw notFound(RESOURCE);
    throw forbidden({ zh: '您不能管理该学习资源', en: 'You may not manage this resource' });
  }
  return r;
}

export async function updateResource(deps: LibraryDeps, actor: Actor, id: string, input: Omit<ResourceInput, 'kind'> & { version: number }) {
  const ctx = txContext(actor);
  let after: (() => void) | null = null;
  await withTenant(deps.db, ctx, async (tx) => {
    const before = await managed(tx, actor, id);
    if (before.version !== input.version) throw conflict('version', { zh: '该资源已被他人修改，请刷新后再改', en: 'Someone else changed this resource; reload and try again' });
    const scopePath = await scopeOf(tx, actor, input.scopeUnitId);
    const content = await contentOf(tx, { ...input, kind: before.kind, fileId: input.fileId ?? before.file_id ?? undefined });
    const r = await tx.updateTable('library_resources').set({
      title: input.title.trim(), summary: input.summary.trim(), source: input.source.trim(), category: input.category, tags: cleanTags(input.tags),
      body_html: content.bodyHtml, body_text: content.bodyText, file_id: content.fileId, scope_unit_id: input.scopeUnitId, scope_path: scopePath,
      version: before.version + 1, updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    if (r.shared && content.fileId) await setFilesShared(tx, [content.fileId], r.status === 'published');
    after = await index(deps, tx, ctx, r);
    const changed = (['title', 'summary', 'source', 'category', 'scope_path', 'file_id', 'body_text'] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(r[k]));
    if (JSON.stringify(before.tags) !== JSON.stringify(r.tags)) changed.push('tags' as never);
    await auditAs(tx, ctx, { action: 'library.update', objectType: 'library_resource', objectId: id, detail: { title: r.title, changed, version: r.version } });
  });
  (after as (() => void) | null)?.();
  return { ok: true as const };
}

/** Publish or unpublish; sharing follows (a shared resource is readable elsewhere only while published). */
export async function setStatus(deps: LibraryDeps, actor: Actor, id: string, status: 'draft' | 'published') {
  const ctx = txContext(actor);
  return withTenant(deps.db, ctx, async (tx) => {
    const r = await managed(tx, actor, id);
    if (r.status === status) return { ok: true as const };
    await tx.updateTable('library_resources').set({ status, published_at: status === 'published' ? new Date() : r.published_at, updated_at: new Date() }).where('id', '=', id).execute();
    await syncSharing(tx, r.id, r.file_id, r.shared && status === 'published');
    await auditAs(tx, ctx, { action: status === 'published' ? 'library.publish' : 'library.unpublish', objectType: 'library_resource', objectId: id, detail: { title: r.title } });
    return { ok: true as const };
  });
}

async function syncSharing(tx: Tx, resourceId: string, fileId: string | null, readableElsewhere: boolean): Promise<void> {
  await tx.updateTable('library_passages').set({ shared: readableElsewhere }).where('resource_id', '=', resourceId).execute();
  if (fileId) await setFilesShared(tx, [fileId], readableElsewhere);
}

/** Share with every enterprise of the platform (政工云), or stop sharing. */
export async function setShared(deps: LibraryDeps, actor: Actor, id: string, shared: boolean) {
  const ctx = txContext(actor);
  return withTenant(deps.db, ctx, async (tx) => {
    const r = await managed(tx, actor, id);
    if (r.shared === shared) return { ok: true as const };
    await tx.updateTable('library_resources').set({ shared, updated_at: new Date() }).where('id', '=', id).execute();
    await syncSharing(tx, r.id, r.file_id, shared && r.status === 'published');
    await auditAs(tx, ctx, { action: shared ? 'library.share' : 'library.unshare', objectType: 'library_resource', objectId: id, detail: { title: r.title } });
    return { ok: true as const };
  });
}

export async function deleteResource(deps: LibraryDeps, actor: Actor, id: string) {
  const ctx = txContext(actor);
  const removed = await withTenant(deps.db, ctx, async (tx) => {
    const r = await managed(tx, actor, id);
    await tx.deleteFrom('library_resources').where('id', '=', id).execute();
    const still = r.file_id ? await tx.selectFrom('library_resources').select('id').where('file_id', '=', r.file_id).executeTakeFirst() : undefined;
    const file = r.file_id && !still ? await removeStoredFile(tx, r.file_id) : undefined;
    await auditAs(tx, ctx, { action: 'library.delete', objectType: 'library_resource', objectId: id, detail: { title: r.title, kind: r.kind, fileId: r.file_id } });
    return file;
  });
  if (removed) await purgeIfUnreferenced(deps.db, ctx, deps.files, removed);
  return { ok: true as const };
}
