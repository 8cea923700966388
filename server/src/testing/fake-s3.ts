/**
 * A local fake of an S3-compatible server for tests (never used by the product): path-style PUT / GET (with Range) /
 * HEAD / DELETE of objects in one bucket, S3's XML errors, and real AWS Signature V4 checking of every request,
 * verified here independently of the SDK that signs it, so a wrong secret, a tampered header or a wrong payload hash
 * is refused with 403 as a real server would.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Requests seen, as 'METHOD /bucket/key → status'. */
  log: string[];
  close(): Promise<void>;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function xmlError(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/** Checks the Authorization header (AWS4-HMAC-SHA256) against the request as received. */
function signatureOk(req: http.IncomingMessage, body: Buffer, accessKeyId: string, secret: string): boolean {
  const auth = req.headers.authorization ?? '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m || m[1] !== accessKeyId) return false;
  const [, , date, region, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (!amzDate.startsWith(date)) return false;
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body)) return false;
  const url = new URL(req.url ?? '/', 'http://x');
  const query = [...url.searchParams.entries()].map(([k, v]) => [enc(k), enc(v)] as const).sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
  const names = signedHeaders.split(';');
  if (!names.includes('host')) return false;
  const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [req.method, url.pathname, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
  const expected = Buffer.from(hmac(key, toSign).toString('hex'));
  return expected.length === signature.length && timingSafeEqual(expected, Buffer.from(signature));
}

export async function startFakeS3(opts: { bucket?: string; accessKeyId?: string; secretAccessKey?: string } = {}): Promise<FakeS3> {
  const bucket = opts.bucket ?? 'zg-files';
  const accessKeyId = opts.accessKeyId ?? 'ZGTESTKEY';
  const secretAccessKey = opts.secretAccessKey ?? 'zg-test-secret-0123456789';
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const done = (status: number) => log.push(`${req.method} ${path} → ${status}`);
      if (!signatureOk(req, body, accessKeyId, secretAccessKey)) { done(403); return xmlError(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'); }
      const [, b, ...rest] = path.split('/');
      const key = rest.join('/');
      if (b !== bucket) { done(404); return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist'); }
      const obj = objects.get(key);
      switch (req.method) {
        case 'PUT': {
          if (req.headers['content-length'] !== undefined && Number(req.headers['content-length']) !== body.length) { done(400); return xmlError(res, 400, 'IncompleteBody', 'length mismatch'); }
          objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') });
          res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
          done(200);
          return res.end();
        }
        case 'HEAD':
          if (!obj) { done(404); res.writeHead(404); return res.end(); }
          res.writeHead(200, { 'content-length': obj.body.length, 'content-type': obj.contentType });
          done(200);
          return res.end();
        case 'GET': {
          if (!obj) { done(404); return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.'); }
          const r = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
          if (r) {
            const start = Number(r[1]);
            const end = Math.min(Number(r[2]), obj.body.length - 1);
            res.writeHead(206, { 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${obj.body.length}`, 'content-type': obj.contentType });
            done(206);
            return res.end(obj.body.subarray(start, end + 1));
          }
          res.writeHead(200, { 'content-length': obj.body.length, 'content-type': obj.contentType });
          done(200);
          return res.end(obj.body);
        }
        case 'DELETE':
          objects.delete(key);
          res.writeHead(204);
          done(204);
          return res.end();
        default:
          done(405);
          return xmlError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`, bucket, accessKeyId, secretAccessKey, objects, log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
