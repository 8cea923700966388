import type { FastifyReply, FastifyRequest } from 'fastify';
import { langOf, pick } from '../http/lang.js';
import { contentDisposition } from './disposition.js';
import type { ByteRange, FileStore } from './store.js';
import type { StoredFileRow } from './service.js';

/**
 * What to send for a request's Range header (RFC 9110 §14): the whole file, one range (206), or 416. Only single
 * ranges are served; a multi-range or malformed header is ignored (the whole file, as the RFC allows), and so is a
 * Range whose If-Range no longer matches the file.
 */
export function rangeOf(header: string | undefined, size: number, ifRange: string | undefined, etag: string, lastModified: Date): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  if (ifRange !== undefined) {
    const sameTag = ifRange === etag;
    const sameDate = !ifRange.startsWith('"') && !ifRange.startsWith('W/') && Date.parse(ifRange) === Math.floor(lastModified.getTime() / 1000) * 1000;
    if (!sameTag && !sameDate) return null;
  }
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/**
 * Sends a stored file with range support (audio/video seeking, PDF page fetches): Accept-Ranges, ETag (the SHA-256:
 * the bytes under an id never change), 304 for a matching If-None-Match, 206 with Content-Range, 416 for a range past
 * the end; nosniff and private caching (the browser revalidates, so each fetch is authorised again).
 */
export async function sendStoredFile(req: FastifyRequest, reply: FastifyReply, store: FileStore, file: Pick<StoredFileRow, 'sha256' | 'size' | 'content_type' | 'original_name' | 'storage_key' | 'created_at'>, opts: { disposition: 'inline' | 'attachment' }) {
  const etag = `"${file.sha256}"`;
  const size = Number(file.size);
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('last-modified', file.created_at.toUTCString())
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('content-type', file.content_type)
    .header('content-disposition', contentDisposition(opts.disposition, file.original_name));
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').map((s) => s.trim()).some((t) => t === etag || t === `W/${etag}` || t === '*')) return reply.status(304).send();
  const ifRange = typeof req.headers['if-range'] === 'string' ? req.headers['if-range'] : undefined;
  const range = rangeOf(req.headers.range, size, ifRange, etag, file.created_at);
  if (range === 'unsatisfiable') {
    const message = pick({ zh: `请求的范围超出文件大小（${size} 字节）`, en: `The requested range is beyond the file's ${size} bytes` }, langOf(req));
    return reply.status(416).header('content-range', `bytes */${size}`).header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ statusCode: 416, error: 'range_not_satisfiable', message }));
  }
  if (req.method === 'HEAD') {
    return reply.status(range ? 206 : 200).header('content-length', range ? range.end - range.start + 1 : size).send();
  }
  if (range) {
    const body = await store.read(file.storage_key, range);
    return reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', range.end - range.start + 1).send(body);
  }
  const body = await store.read(file.storage_key);
  return reply.status(200).header('content-length', size).send(body);
}
