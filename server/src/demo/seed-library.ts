import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { withTenant, type TxContext } from '../platform/db/tenancy.js';
import { acceptUpload, saveUpload, type Files } from '../platform/files/service.js';
import { writePassages } from '../modules/library/indexing.js';
import { articleText, paragraphsToHtml } from '../modules/library/sanitize.js';
import { DEMO_ARTICLES, DEMO_IMAGES } from './library-content.js';

/** A PNG of vertical bands in the given colours (an uncompressed-looking but valid deflated image, made in code). */
export function bandsPng(width: number, height: number, palette: readonly [number, number, number][]): Buffer {
  return paintPng(width, height, (x, y) => {
    const [r, g, b] = palette[Math.floor((x / width) * palette.length)]!;
    const shade = 0.85 + 0.15 * (1 - y / height);
    return [Math.round(r * shade), Math.round(g * shade), Math.round(b * shade)];
  });
}

/** A truecolour PNG whose every pixel is given by `pixel` (demo pictures drawn in code: no image files in the repo). */
export function paintPng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) raw.set(pixel(x, y).map((c) => Math.max(0, Math.min(255, Math.round(c)))), row + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The demo library: regulation excerpts and party-history summaries (published, tenant-wide; a few shared with the
 * whole platform so the second demo enterprise reads them), and two drawn images when a file store is given.
 * Written by the publicity member (宣传委员) of the top unit.
 */
export async function seedLibrary(db: Kysely<DB>, ctx: TxContext, referenceDate: string, files?: Files): Promise<number> {
  const author = await withTenant(db, ctx, (tx) => tx.selectFrom('users').select('id').where('username', '=', 'xuanchuan').executeTakeFirst());
  const base = new Date(`${referenceDate}T08:00:00Z`).getTime();
  let n = 0;
  await withTenant(db, ctx, async (tx) => {
    for (const [i, a] of DEMO_ARTICLES.entries()) {
      const id = randomUUID();
      const bodyHtml = paragraphsToHtml(a.body);
      const at = new Date(base - (DEMO_ARTICLES.length - i) * 3 * 86_400_000);
      const shared = a.shared === true;
      await tx.insertInto('library_resources').values({
        id, tenant_id: ctx.tenantId, kind: 'article', category: a.category, title: a.title, summary: '', source: a.source, body_html: bodyHtml, body_text: articleText(bodyHtml),
        tags: a.tags, file_id: null, scope_unit_id: null, scope_path: '', status: 'published', shared, published_at: at, created_by: author?.id ?? null, created_at: at, updated_at: at,
      }).execute();
      await writePassages(tx, { id, tenantId: ctx.tenantId, title: a.title, summary: '', bodyText: articleText(bodyHtml), tags: a.tags, shared });
      n++;
    }
  });
  if (!files) return n;
  for (const img of DEMO_IMAGES) {
    const upload = await acceptUpload(files, Readable.from([bandsPng(480, 270, img.palette)]), { fileName: img.fileName, allowed: ['image'] });
    await withTenant(db, { ...ctx, actorId: author?.id ?? null }, async (tx) => {
      const f = await saveUpload(tx, { ...ctx, actorId: author?.id ?? null }, files, upload);
      const id = randomUUID();
      await tx.insertInto('library_resources').values({
        id, tenant_id: ctx.tenantId, kind: 'image', category: 'general', title: img.title, summary: img.summary, source: '集团党委宣传部', tags: img.tags,
        file_id: f.id, scope_unit_id: null, scope_path: '', status: 'published', shared: false, published_at: new Date(base), created_by: author?.id ?? null,
      }).execute();
      await writePassages(tx, { id, tenantId: ctx.tenantId, title: img.title, summary: img.summary, bodyText: '', tags: img.tags, shared: false });
    });
    n++;
  }
  return n;
}
