// The file store (platform/files): type by content, streamed spooling with size limits, the local disk store
// (content-addressed, atomic), the S3 store against a local fake that checks SigV4 signatures, and serving with
// HTTP ranges (RFC 9110: 206, 416, If-Range, ETag/304), RFC 5987 names, nosniff and private caching.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, detectFile, sniffHead, type FileKind } from './content.js';
import { attachmentDisposition, cleanFileName, contentDisposition } from './disposition.js';
import { LocalDiskStore } from './local-store.js';
import { S3Store } from './s3-store.js';
import { rangeOf, sendStoredFile } from './serve.js';
import { acceptUpload, discardUpload, type Files } from './service.js';
import { storageKey, type FileStore } from './store.js';
import { fileUploadRoutes } from './upload-route.js';
import { SAMPLE } from './testing.js';
import { startFakeS3, type FakeS3 } from '../../testing/fake-s3.js';
import type { App } from '../http/app.js';

const TENANT = '6f1d2c3b-4a5e-4f60-8a7b-1c2d3e4f5a6b';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'zg-files-test-'));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const text = async (r: Readable) => { const c: Buffer[] = []; for await (const x of r) c.push(x as Buffer); return Buffer.concat(c); };

async function detect(buf: Buffer) {
  const dir = tmp();
  const f = path.join(dir, 'f');
  fs.writeFileSync(f, buf);
  return detectFile(f, buf.subarray(0, 4096), buf.length, async () => buf);
}

describe('type by content, not by name', () => {
  it('recognises each accepted kind by its bytes', async () => {
    const cases: [Buffer, FileKind, string][] = [
      [SAMPLE.pdf, 'pdf', 'application/pdf'], [SAMPLE.png, 'image', 'image/png'], [SAMPLE.jpeg, 'image', 'image/jpeg'],
      [SAMPLE.webp, 'image', 'image/webp'], [SAMPLE.mp4, 'video', 'video/mp4'], [SAMPLE.m4a, 'audio', 'audio/mp4'],
      [SAMPLE.mp3, 'audio', 'audio/mpeg'], [SAMPLE.mp3Frame, 'audio', 'audio/mpeg'], [SAMPLE.text, 'text', 'text/plain; charset=utf-8'],
      [SAMPLE.docx, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [SAMPLE.xlsx, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ];
    for (const [buf, kind, type] of cases) expect(await detect(buf), type).toEqual({ kind, contentType: type });
  });

  it('refuses an executable, a plain zip, binary noise, and text that is not UTF-8 further in', async () => {
    expect(await detect(SAMPLE.exe)).toBeNull();
    expect(await detect(SAMPLE.zip)).toBeNull();
    expect(await detect(Buffer.from([0, 1, 2, 3, 4, 5]))).toBeNull();
    const badTail = Buffer.concat([Buffer.alloc(5000, 0x61), Buffer.from([0xff, 0xfe, 0x00])]);
    expect(sniffHead(badTail.subarray(0, 4096))).toMatchObject({ kind: 'text' });
    expect(await detect(badTail)).toBeNull();
    // A character cut at the end of the head is not held against the head.
    const cjk = Buffer.from('党'.repeat(2000));
    expect(sniffHead(cjk.subarray(0, 4096))).toMatchObject({ kind: 'text' });
  });

  it('names files for download with an RFC 5987 filename* and an ASCII fallback', () => {
    expect(attachmentDisposition('入党申请书 (扫描).pdf')).toBe(`attachment; filename="_____ (__).pdf"; filename*=UTF-8''%E5%85%A5%E5%85%9A%E7%94%B3%E8%AF%B7%E4%B9%A6%20%28%E6%89%AB%E6%8F%8F%29.pdf`);
    expect(contentDisposition('inline', 'a"b;c.txt')).toBe(`inline; filename="a_b_c.txt"; filename*=UTF-8''a%22b%3Bc.txt`);
    expect(cleanFileName('C:\\Users\\张三\\党章.pdf')).toBe('党章.pdf');
    expect(cleanFileName('../../etc/passwd\u0000')).toBe('passwd');
  });
});

function storeContract(name: string, make: () => Promise<{ store: FileStore; done?: () => Promise<void> }>) {
  describe(`${name} store`, () => {
    let store: FileStore;
    let done: (() => Promise<void>) | undefined;
    beforeAll(async () => ({ store, done } = await make()));
    afterAll(async () => { await done?.(); });

    const put = async (key: string, data: Buffer) => {
      const f = path.join(store.spoolDir, `t-${Math.random()}`);
      fs.writeFileSync(f, data);
      await store.putFile(key, f, data.length, 'application/pdf');
      expect(fs.existsSync(f), 'spooled file is consumed').toBe(false);
    };

    it('stores, reads whole and by range, knows what it has, removes', async () => {
      const key = storageKey(TENANT, sha(SAMPLE.pdf));
      expect(key).toBe(`${TENANT}/${sha(SAMPLE.pdf).slice(0, 2)}/${sha(SAMPLE.pdf)}`);
      expect(await store.has(key)).toBe(false);
      await put(key, SAMPLE.pdf);
      expect(await store.has(key)).toBe(true);
      expect((await text(await store.read(key))).equals(SAMPLE.pdf)).toBe(true);
      expect((await text(await store.read(key, { start: 1, end: 4 }))).toString()).toBe('PDF-');
      await put(key, SAMPLE.pdf); // content-addressed: the same bytes again is a no-op
      await store.remove(key);
      expect(await store.has(key)).toBe(false);
      await expect(store.read(key)).rejects.toThrow();
    });
  });
}

storeContract('local disk', async () => {
  const root = tmp();
  return { store: new LocalDiskStore(root), done: async () => fs.rmSync(root, { recursive: true, force: true }) };
});

let fake: FakeS3;
storeContract('S3 (fake server checking SigV4)', async () => {
  fake = await startFakeS3();
  const store = new S3Store({ endpoint: fake.endpoint, bucket: fake.bucket, region: 'cn-north-1', accessKeyId: fake.accessKeyId, secretAccessKey: fake.secretAccessKey, forcePathStyle: true, prefix: 'zg/' }, tmp());
  return { store, done: async () => { store.close(); await fake.close(); } };
});

describe('S3 signatures', () => {
  it('keeps objects under the prefix, and a wrong secret is refused by the server', async () => {
    const s = await startFakeS3();
    try {
      const good = new S3Store({ endpoint: s.endpoint, bucket: s.bucket, region: 'us-east-1', accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, forcePathStyle: true, prefix: 'zg/' }, tmp());
      const f = path.join(good.spoolDir, 'x');
      fs.writeFileSync(f, SAMPLE.text);
      await good.putFile('k/1', f, SAMPLE.text.length, 'text/plain; charset=utf-8');
      expect([...s.objects.keys()]).toEqual(['zg/k/1']);
      expect(s.objects.get('zg/k/1')?.contentType).toBe('text/plain; charset=utf-8');
      const bad = new S3Store({ endpoint: s.endpoint, bucket: s.bucket, region: 'us-east-1', accessKeyId: s.accessKeyId, secretAccessKey: 'wrong', forcePathStyle: true, prefix: 'zg/' }, tmp());
      await expect(bad.read('k/1')).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
      expect(s.log.at(-1)).toBe('GET /zg-files/zg/k/1 → 403');
      good.close(); bad.close();
    } finally {
      await s.close();
    }
  });
});

describe('ranges (RFC 9110)', () => {
  const etag = '"abc"';
  const at = new Date('2026-03-01T08:00:00Z');
  it('parses single ranges, suffixes, open ends; ignores multi-ranges and stale If-Range', () => {
    expect(rangeOf(undefined, 100, undefined, etag, at)).toBeNull();
    expect(rangeOf('bytes=0-9', 100, undefined, etag, at)).toEqual({ start: 0, end: 9 });
    expect(rangeOf('bytes=90-', 100, undefined, etag, at)).toEqual({ start: 90, end: 99 });
    expect(rangeOf('bytes=-10', 100, undefined, etag, at)).toEqual({ start: 90, end: 99 });
    expect(rangeOf('bytes=-500', 100, undefined, etag, at)).toEqual({ start: 0, end: 99 });
    expect(rangeOf('bytes=50-5000', 100, undefined, etag, at)).toEqual({ start: 50, end: 99 });
    expect(rangeOf('bytes=100-', 100, undefined, etag, at)).toBe('unsatisfiable');
    expect(rangeOf('bytes=-0', 100, undefined, etag, at)).toBe('unsatisfiable');
    expect(rangeOf('bytes=0-1,5-6', 100, undefined, etag, at)).toBeNull();
    expect(rangeOf('items=0-1', 100, undefined, etag, at)).toBeNull();
    expect(rangeOf('bytes=9-3', 100, undefined, etag, at)).toBeNull();
    expect(rangeOf('bytes=0-9', 100, '"other"', etag, at)).toBeNull();
    expect(rangeOf('bytes=0-9', 100, etag, etag, at)).toEqual({ start: 0, end: 9 });
    expect(rangeOf('bytes=0-9', 100, at.toUTCString(), etag, at)).toEqual({ start: 0, end: 9 });
  });
});

describe('upload and serve over HTTP', () => {
  let app: FastifyInstance;
  let files: Files;
  const saved = new Map<string, { sha256: string; size: number; content_type: string; original_name: string; storage_key: string; created_at: Date }>();

  beforeAll(async () => {
    const root = tmp();
    files = { store: new LocalDiskStore(root), limits: { ...DEFAULT_LIMITS, image: 1000, pdf: 10_000, text: 100_000 } };
    app = Fastify();
    app.setErrorHandler((err: Error & { statusCode?: number; field?: string }, _req, reply) => reply.status(err.statusCode ?? 500).send({ message: err.message, field: err.field }));
    await fileUploadRoutes(app as unknown as App, (scope) => {
      scope.post<{ Querystring: { fileName: string } }>('/up', async (req) => {
        const u = await acceptUpload(files, req.raw, { fileName: req.query.fileName, allowed: ['pdf', 'image', 'text'] });
        const key = storageKey(TENANT, u.spooled.sha256);
        await files.store.putFile(key, u.spooled.path, u.spooled.size, u.contentType);
        saved.set(key, { sha256: u.spooled.sha256, size: u.spooled.size, content_type: u.contentType, original_name: u.originalName, storage_key: key, created_at: new Date('2026-03-01T08:00:00Z') });
        return { key, kind: u.kind, contentType: u.contentType, size: u.spooled.size };
      });
      scope.post('/discard', async (req) => {
        const u = await acceptUpload(files, req.raw, { fileName: 'x.pdf', allowed: ['pdf'] });
        await discardUpload(u);
        return { ok: true };
      });
    });
    app.get<{ Params: { '*': string } }>('/f/*', async (req, reply) => {
      const f = saved.get(req.params['*']);
      if (!f) return reply.status(404).send();
      return sendStoredFile(req, reply, files.store, f, { disposition: 'inline' });
    });
  });
  afterAll(async () => { await app.close(); });

  const spoolLeft = () => fs.readdirSync(files.store.spoolDir).length;

  it('stores a PDF sent as the raw body whatever type the browser declared, and serves it with ranges', async () => {
    const up = await app.inject({ method: 'POST', url: `/up?fileName=${encodeURIComponent('党章.pdf')}`, payload: SAMPLE.pdf, headers: { 'content-type': 'image/png' } });
    expect(up.statusCode, up.body).toBe(200);
    const { key } = up.json<{ key: string }>();
    expect(up.json()).toMatchObject({ kind: 'pdf', contentType: 'application/pdf', size: SAMPLE.pdf.length });
    expect(spoolLeft()).toBe(0);

    const whole = await app.inject({ method: 'GET', url: `/f/${key}` });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(SAMPLE.pdf)).toBe(true);
    expect(whole.headers).toMatchObject({
      'accept-ranges': 'bytes', etag: `"${sha(SAMPLE.pdf)}"`, 'content-type': 'application/pdf', 'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache', 'content-length': String(SAMPLE.pdf.length),
    });
    expect(whole.headers['content-disposition']).toBe(`inline; filename="__.pdf"; filename*=UTF-8''%E5%85%9A%E7%AB%A0.pdf`);

    const part = await app.inject({ method: 'GET', url: `/f/${key}`, headers: { range: 'bytes=1-4' } });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('PDF-');
    expect(part.headers['content-range']).toBe(`bytes 1-4/${SAMPLE.pdf.length}`);
    expect(part.headers['content-length']).toBe('4');

    const tail = await app.inject({ method: 'GET', url: `/f/${key}`, headers: { range: 'bytes=-7' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.body).toBe('\n%%EOF\n');

    const past = await app.inject({ method: 'GET', url: `/f/${key}`, headers: { range: `bytes=${SAMPLE.pdf.length}-` } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${SAMPLE.pdf.length}`);

    const stale = await app.inject({ method: 'GET', url: `/f/${key}`, headers: { range: 'bytes=1-4', 'if-range': '"changed"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(SAMPLE.pdf.length);
    const fresh = await app.inject({ method: 'GET', url: `/f/${key}`, headers: { range: 'bytes=1-4', 'if-range': `"${sha(SAMPLE.pdf)}"` } });
    expect(fresh.statusCode).toBe(206);

    const cached = await app.inject({ method: 'GET', url: `/f/${key}`, headers: { 'if-none-match': `"${sha(SAMPLE.pdf)}"` } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
  });

  it('refuses a file of a kind not accepted (415), by content, and leaves nothing in the spool', async () => {
    const exe = await app.inject({ method: 'POST', url: '/up?fileName=report.pdf', payload: SAMPLE.exe, headers: { 'content-type': 'application/pdf' } });
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({ field: 'file' });
    const video = await app.inject({ method: 'POST', url: '/up?fileName=a.mp4', payload: SAMPLE.mp4, headers: { 'content-type': 'video/mp4' } });
    expect(video.statusCode).toBe(415);
    const empty = await app.inject({ method: 'POST', url: '/up?fileName=a.txt', payload: Buffer.alloc(0), headers: { 'content-type': 'text/plain' } });
    expect(empty.statusCode).toBe(400);
    expect(spoolLeft()).toBe(0);
  });

  it('stops reading at the largest limit (413) and applies the limit of the detected kind', async () => {
    let sent = 0;
    const endless = new Readable({ read() { sent += 1000; this.push(sent > 1_000_000 ? null : Buffer.alloc(1000, 0x41)); } });
    const big = await app.inject({ method: 'POST', url: '/up?fileName=big.txt', payload: endless, headers: { 'content-type': 'text/plain' } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ field: 'file' });
    const bigImage = await app.inject({ method: 'POST', url: '/up?fileName=a.png', payload: Buffer.concat([SAMPLE.png, Buffer.alloc(2000)]), headers: { 'content-type': 'image/png' } });
    expect(bigImage.statusCode).toBe(413);
    expect(bigImage.json<{ message: string }>().message).toContain('image');
    expect(spoolLeft()).toBe(0);
    const dropped = await app.inject({ method: 'POST', url: '/discard', payload: SAMPLE.pdf });
    expect(dropped.statusCode).toBe(200);
    expect(spoolLeft()).toBe(0);
  });
});
