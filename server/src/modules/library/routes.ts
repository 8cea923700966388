import { Type } from '@sinclair/typebox';
import { actorOf, txContext, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, Ok, PageQuery, Str, Uuid } from '../../platform/http/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { scopesFor } from '../../platform/access/actor.js';
import { forbidden } from '../../platform/http/errors.js';
import { fileUploadRoutes } from '../../platform/files/upload-route.js';
import { acceptUpload, discardUpload, saveUpload } from '../../platform/files/service.js';
import { sendStoredFile } from '../../platform/files/serve.js';
import { warmSegmenter } from '../../platform/search/segment.js';
import { createResource, deleteResource, IndexRunner, setShared, setStatus, updateResource, type LibraryDeps } from './service.js';
import { getResource, libraryTags, resourceFile, searchLibrary } from './search.js';

const tags = ['library'];
const Kind = Type.Union([Type.Literal('article'), Type.Literal('pdf'), Type.Literal('image'), Type.Literal('audio'), Type.Literal('video')]);
const Category = Type.Union([Type.Literal('general'), Type.Literal('history'), Type.Literal('regulation'), Type.Literal('policy')]);
const Status = Type.Union([Type.Literal('draft'), Type.Literal('published')]);
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Part = Type.Object({ text: Type.String(), hit: Type.Boolean() });
const Card = Type.Object({
  id: Type.String(), kind: Kind, category: Category, title: Type.String(), titleParts: Type.Array(Part), snippet: Type.Array(Part), passageId: Nullable(Type.String()),
  source: Type.String(), tags: Type.Array(Type.String()), status: Status, shared: Type.Boolean(), fromOtherTenant: Type.Boolean(),
  publishedAt: Nullable(Type.String()), updatedAt: Type.String(),
});
const Detail = Type.Object({
  id: Type.String(), kind: Kind, category: Category, title: Type.String(), summary: Type.String(), source: Type.String(), bodyHtml: Type.String(), tags: Type.Array(Type.String()),
  scope: Nullable(Type.Object({ unitId: Type.String(), name: Type.String() })), status: Status, shared: Type.Boolean(), fromOtherTenant: Type.Boolean(), indexing: Type.Boolean(),
  version: Type.Integer(), publishedAt: Nullable(Type.String()), updatedAt: Type.String(),
  file: Nullable(Type.Object({ url: Type.String(), contentType: Type.String(), size: Type.Integer(), name: Type.String(), fileId: Type.String() })),
  passage: Nullable(Type.Object({ id: Type.String(), ordinal: Type.Integer(), text: Type.String() })),
  abilities: Type.Object({ edit: Type.Boolean(), publish: Type.Boolean(), share: Type.Boolean(), delete: Type.Boolean() }),
});
const Fields = {
  title: Str(1, 200), summary: Str(0, 1000), source: Str(0, 200), category: Category,
  tags: Type.Array(Str(1, 20), { maxItems: 10 }), scopeUnitId: Nullable(Uuid),
  bodyHtml: Type.Optional(Str(0, 2_000_000)), fileId: Type.Optional(Uuid),
};

/** The library's background indexers, per app (tests build several apps in one process). */
export const libraryIndexers = new WeakMap<App, IndexRunner>();

export async function libraryRoutes(app: App): Promise<void> {
  warmSegmenter();
  const indexer = new IndexRunner();
  libraryIndexers.set(app, indexer);
  app.addHook('onClose', async () => indexer.stop());
  const deps: LibraryDeps = { db: app.deps.database.db, files: app.files, indexer };

  app.get('/api/library/resources', {
    config: { permission: 'library.read' },
    schema: {
      tags, summary: '学习资源：中文全文检索（分词）、拼音检索标题、筛选，结果带高亮摘要',
      querystring: Obj({
        ...PageQuery, q: Type.Optional(Str(0, 100)), kind: Type.Optional(Kind), category: Type.Optional(Category), tag: Type.Optional(Str(1, 20)),
        unitId: Type.Optional(Uuid), from: Type.Optional(DateStr), to: Type.Optional(DateStr), status: Type.Optional(Status),
      }),
      response: { 200: Type.Object({ items: Type.Array(Card), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), words: Type.Array(Type.String()) }) },
    },
  }, async (req) => searchLibrary(deps.db, actorOf(req), req.query));

  app.get('/api/library/tags', {
    config: { permission: 'library.read' },
    schema: { tags, summary: '常用标签', response: { 200: Type.Object({ items: Type.Array(Type.Object({ tag: Type.String(), count: Type.Integer() })) }) } },
  }, async (req) => libraryTags(deps.db, actorOf(req)));

  app.get('/api/library/resources/:id', {
    config: { permission: 'library.read' },
    schema: { tags, summary: '学习资源详情（可带引用的段落）', params: IdParams, querystring: Obj({ passage: Type.Optional(Uuid) }), response: { 200: Detail } },
  }, async (req) => getResource(deps.db, actorOf(req), req.params.id, req.query.passage));

  app.get('/api/library/resources/:id/file', {
    config: { permission: 'library.read' },
    schema: { tags, summary: '资源文件（支持断点和拖动播放：Range 请求）', params: IdParams, querystring: Obj({ download: Type.Optional(Type.Boolean()) }) },
  }, async (req, reply) => {
    const file = await resourceFile(deps.db, actorOf(req), req.params.id);
    return sendStoredFile(req, reply, deps.files.store, file, { disposition: req.query.download ? 'attachment' : 'inline' });
  });

  await fileUploadRoutes(app, (scope) => {
    scope.post('/api/library/files', {
      config: { permission: 'library.manage' },
      schema: {
        tags, summary: '上传资源文件（请求体为文件本身；按内容识别 PDF、图片、音频、视频并检查大小）', querystring: Obj({ fileName: Str(1, 200) }),
        response: { 200: Type.Object({ id: Type.String(), kind: Type.String(), contentType: Type.String(), size: Type.Integer(), name: Type.String() }) },
      },
    }, async (req) => {
      const actor = actorOf(req);
      if (scopesFor(actor, 'library.manage').length === 0) throw forbidden();
      const upload = await acceptUpload(deps.files, req.raw, { fileName: req.query.fileName, allowed: ['pdf', 'image', 'audio', 'video'] });
      const ctx = txContext(actor);
      try {
        const f = await withTenant(deps.db, ctx, async (tx) => {
          const row = await saveUpload(tx, ctx, deps.files, upload);
          await auditAs(tx, ctx, { action: 'library.file_upload', objectType: 'stored_file', objectId: row.id, detail: { name: row.original_name, kind: row.kind, size: Number(row.size), sha256: row.sha256 } });
          return row;
        });
        return { id: f.id, kind: f.kind, contentType: f.content_type, size: Number(f.size), name: f.original_name };
      } finally {
        await discardUpload(upload);
      }
    });
  });

  app.post('/api/library/resources', {
    config: { permission: 'library.manage' },
    schema: { tags, summary: '新建学习资源（文章或已上传的文件），默认为草稿', body: Obj({ kind: Kind, ...Fields }), response: { 200: Type.Object({ id: Type.String() }) } },
  }, async (req) => createResource(deps, actorOf(req), req.body));

  app.patch('/api/library/resources/:id', {
    config: { permission: 'library.manage' },
    schema: { tags, summary: '修改学习资源', params: IdParams, body: Obj({ ...Fields, version: Type.Integer({ minimum: 1 }) }), response: { 200: Ok } },
  }, async (req) => updateResource(deps, actorOf(req), req.params.id, req.body));

  app.post('/api/library/resources/:id/publish', {
    config: { permission: 'library.manage' },
    schema: { tags, summary: '发布', params: IdParams, response: { 200: Ok } },
  }, async (req) => setStatus(deps, actorOf(req), req.params.id, 'published'));

  app.post('/api/library/resources/:id/unpublish', {
    config: { permission: 'library.manage' },
    schema: { tags, summary: '撤回为草稿', params: IdParams, response: { 200: Ok } },
  }, async (req) => setStatus(deps, actorOf(req), req.params.id, 'draft'));

  app.put('/api/library/resources/:id/sharing', {
    config: { permission: 'library.manage' },
    schema: { tags, summary: '共享到政工云平台（所有企业可读，仅本企业可改）', params: IdParams, body: Obj({ shared: Type.Boolean() }), response: { 200: Ok } },
  }, async (req) => setShared(deps, actorOf(req), req.params.id, req.body.shared));

  app.delete('/api/library/resources/:id', {
    config: { permission: 'library.manage' },
    schema: { tags, summary: '删除学习资源（连同文件）', params: IdParams, response: { 200: Ok } },
  }, async (req) => deleteResource(deps, actorOf(req), req.params.id));
}
