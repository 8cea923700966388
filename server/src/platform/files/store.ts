import type { Readable } from 'node:stream';

/** Bytes `start`..`end` of an object, both inclusive (as in an HTTP Range). */
export interface ByteRange { start: number; end: number }

/**
 * Where file contents live. Objects are content-addressed (`<tenant>/<sha256[0..2]>/<sha256>`): the same bytes
 * uploaded twice in one tenant are stored once, and a key never changes meaning, so a write is idempotent.
 * The database records which key a file has (`stored_files`); the store knows nothing of tenants or permissions.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Directory where uploads are spooled before they are checked (on the local store's filesystem, so commit is a rename). */
  readonly spoolDir: string;
  /** Takes the spooled file at `tempPath` and stores it under `key` (the temp file is gone afterwards, stored or not). */
  putFile(key: string, tempPath: string, size: number, contentType: string): Promise<void>;
  /** The object's bytes, or one range of them, as a stream (never the whole file in memory). */
  read(key: string, range?: ByteRange): Promise<Readable>;
  has(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

/** The object key of a tenant's file with these bytes. */
export function storageKey(tenantId: string, sha256: string): string {
  if (!/^[0-9a-f-]{36}$/.test(tenantId) || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid storage key parts');
  return `${tenantId}/${sha256.slice(0, 2)}/${sha256}`;
}
