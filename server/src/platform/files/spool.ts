import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HEAD_BYTES } from './content.js';

/** An upload written to a temp file while its SHA-256, size and first bytes were taken on the way. */
export interface Spooled { path: string; sha256: string; size: number; head: Buffer }

export class SpoolTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`upload larger than ${limit} bytes`);
  }
}

/**
 * Streams `source` into a new file in `dir`, stopping (and deleting it) as soon as it passes `maxBytes`: a 2 GB
 * upload to a 50 MB limit reads 50 MB, and nothing is held in memory but one chunk and the head.
 */
export async function spool(source: Readable, dir: string, maxBytes: number): Promise<Spooled> {
  const file = path.join(dir, `${Date.now().toString(36)}-${randomUUID()}.part`);
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: unknown) => {
        if (failed) return;
        failed = true;
        // Stop writing, but let the rest of the request body drain (not destroy it), so the client gets the answer
        // (413) instead of a reset connection.
        source.removeListener('data', onData);
        source.resume();
        out.destroy();
        reject(err);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return fail(new SpoolTooLarge(maxBytes));
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        if (!out.write(chunk)) {
          source.pause();
          out.once('drain', () => source.resume());
        }
      };
      source.on('data', onData);
      source.once('end', () => { if (!failed) out.end(); });
      source.once('error', fail);
      out.once('error', fail);
      out.once('finish', () => { if (!failed) resolve(); });
    });
  } catch (err) {
    await new Promise<void>((r) => (out.closed ? r() : out.once('close', () => r())));
    await fsp.rm(file, { force: true });
    throw err;
  }
  return { path: file, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks) };
}

export async function discard(s: Spooled): Promise<void> {
  await fsp.rm(s.path, { force: true });
}
