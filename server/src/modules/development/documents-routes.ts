import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Obj, Str } from '../../platform/http/schema.js';
import {
  DOCUMENT_CONTENT_TYPES, downloadDocument, MAX_DOCUMENT_BYTES, tooLarge, unsupportedType, uploadDocument,
} from './documents.js';
import type { DocumentContentType } from './tables.js';
import { attachmentDisposition } from '../../platform/files/disposition.js';

const tags = ['development'];
const ContentType = Type.Union([Type.Literal('application/pdf'), Type.Literal('image/jpeg'), Type.Literal('image/png')]) satisfies { static: DocumentContentType };
/** A file of the record as listed (no content): `url` downloads it. */
export const DocumentFile = Type.Object({
  id: Type.String(), stepId: Type.Union([Type.String(), Type.Null()]), title: Type.String(), fileName: Type.String(), contentType: ContentType,
  size: Type.Integer(), uploadedByName: Type.String(), uploadedAt: Type.String(), url: Type.String(),
});

const isDocumentType = (t: string): t is DocumentContentType => (DOCUMENT_CONTENT_TYPES as readonly string[]).includes(t);

export async function documentRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  // The upload is the raw file (no multipart dependency), as in imports/routes.ts: its own scope holds the binary
  // parsers, the 5 MB limit, and plain messages for a file too large or of another type.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    for (const type of DOCUMENT_CONTENT_TYPES) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_req, body, done) => done(null, body));
    }
    scope.setErrorHandler((err, _req, _reply) => {
      // Rethrown errors reach the app's handler, which answers in the request's language.
      const code = (err as { code?: string }).code;
      if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge();
      if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw unsupportedType();
      throw err;
    });
    scope.post('/api/development/people/:id/documents', {
      config: { permission: 'development.manage' },
      bodyLimit: MAX_DOCUMENT_BYTES,
      schema: {
        tags, summary: '上传发展党员材料（PDF、JPEG 或 PNG，不超过 5 MB；请求体为文件本身）',
        params: IdParams, querystring: Obj({ title: Str(1, 100), fileName: Str(1, 200) }),
        response: { 200: Type.Object({ id: Type.String(), title: Type.String(), fileName: Type.String(), contentType: ContentType, size: Type.Integer(), sha256: Type.String() }) },
      },
    }, async (req) => {
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!isDocumentType(contentType) || !Buffer.isBuffer(req.body)) throw unsupportedType();
      return uploadDocument(db, actorOf(req), req.params.id, { title: req.query.title, fileName: req.query.fileName, contentType, data: req.body });
    });
  });

  app.get('/api/development/documents/:id', {
    config: { permission: 'development.manage' },
    schema: { tags, summary: '下载发展党员材料（记入审计日志）', params: IdParams },
  }, async (req, reply) => {
    const d = await downloadDocument(db, actorOf(req), req.params.id);
    return reply
      .header('content-type', d.contentType)
      .header('content-disposition', attachmentDisposition(d.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(d.content);
  });
}
