import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ByteRange, FileStore } from './store.js';

/**
 * Files on local disk under `<root>/objects/<key>`. A file is written to `<root>/spool` first (same filesystem), then
 * renamed into place: rename is atomic, so a reader sees the whole file or none, and a crash leaves only spool debris.
 */
export class LocalDiskStore implements FileStore {
  readonly kind = 'local' as const;
  readonly spoolDir: string;
  private readonly objects: string;

  constructor(readonly root: string) {
    this.spoolDir = path.join(root, 'spool');
    this.objects = path.join(root, 'objects');
    fs.mkdirSync(this.spoolDir, { recursive: true, mode: 0o700 });
    fs.mkdirSync(this.objects, { recursive: true, mode: 0o700 });
  }

  private pathOf(key: string): string {
    const p = path.join(this.objects, key);
    if (!p.startsWith(this.objects + path.sep)) throw new Error('storage key escapes the store');
    return p;
  }

  async putFile(key: string, tempPath: string): Promise<void> {
    const target = this.pathOf(key);
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      if (await this.has(key)) return; // the same bytes are already there (content-addressed)
      await fsp.rename(tempPath, target);
    } finally {
      await fsp.rm(tempPath, { force: true });
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const p = this.pathOf(key);
    // Open first so a missing file is an error here, not a stream that fails after the headers went out.
    const handle = await fsp.open(p, 'r');
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async has(key: string): Promise<boolean> {
    return fsp.access(this.pathOf(key)).then(() => true, () => false);
  }

  async remove(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }
}
