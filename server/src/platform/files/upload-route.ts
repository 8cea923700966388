import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../http/app.js';

/**
 * How the app receives files, one way everywhere: the request body is the file itself (any content type), streamed
 * to the spool by `acceptUpload` (never buffered whole), with the original name in the query string. No multipart:
 * a browser sends a File with `fetch(url, { method: 'POST', body: file })` or XHR (for a progress bar), and the
 * content is judged by its bytes anyway, not by a declared type. Routes registered through `register` get a scope
 * whose body parser hands the raw stream through; size limits are enforced while spooling (413 as soon as the limit
 * is passed).
 */
export async function fileUploadRoutes(app: App, register: (scope: App) => void | Promise<void>): Promise<void> {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    await register(scope);
  });
}
