import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_LIMITS, type FileKind, type FileLimits } from './content.js';
import { LocalDiskStore } from './local-store.js';
import { S3Store, type S3Config } from './s3-store.js';
import type { FileStore } from './store.js';

/**
 * The file store of this process: S3-compatible storage when S3_ENDPOINT and S3_BUCKET are set, otherwise local disk
 * under DATA_DIR/files. Uploads are spooled under DATA_DIR/files/spool either way.
 */
export function fileStoreFromEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): FileStore {
  const root = path.join(dataDir, 'files');
  const s3 = s3ConfigFromEnv(env);
  return s3 ? new S3Store(s3, root) : new LocalDiskStore(root);
}

export function s3ConfigFromEnv(env: NodeJS.ProcessEnv): S3Config | null {
  if (!env.S3_ENDPOINT || !env.S3_BUCKET) return null;
  if (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) throw new Error('S3_ENDPOINT is set: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are needed too');
  return {
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE !== '0',
    prefix: env.S3_PREFIX ?? '',
  };
}

/** Size limits per kind: the defaults, each overridable by FILES_MAX_MB_<KIND> (e.g. FILES_MAX_MB_VIDEO=2048). */
export function fileLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): FileLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const kind of Object.keys(out) as FileKind[]) {
    const v = Number(env[`FILES_MAX_MB_${kind.toUpperCase()}`]);
    if (Number.isFinite(v) && v > 0) out[kind] = Math.round(v * 1024 * 1024);
  }
  return out;
}

/** A store in a fresh temp directory: for tools and tests that serve no real files. */
export function temporaryFileStore(): LocalDiskStore {
  return new LocalDiskStore(path.join(os.tmpdir(), `zg-files-${randomBytes(6).toString('hex')}`));
}
