import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ByteRange, FileStore } from './store.js';

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle: boolean;
  /** Prefix of every key in the bucket (e.g. `zg/`), so one bucket can serve several deployments. */
  prefix: string;
}

/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, OSS/COS in S3 mode) through the AWS SDK's SigV4
 * client. Uploads are still spooled to local disk first: the content is checked before anything is stored, and the
 * PUT then streams from the spooled file with a known length. Checksums are sent only when an operation requires
 * them: the SDK's default trailing checksums (aws-chunked bodies) are not understood by many compatible servers.
 */
export class S3Store implements FileStore {
  readonly kind = 's3' as const;
  readonly spoolDir: string;
  private readonly client: S3Client;

  constructor(private readonly cfg: S3Config, spoolRoot: string) {
    this.spoolDir = path.join(spoolRoot, 'spool');
    fs.mkdirSync(this.spoolDir, { recursive: true, mode: 0o700 });
    this.client = new S3Client({
      endpoint: cfg.endpoint,
      region: cfg.region,
      forcePathStyle: cfg.forcePathStyle,
      credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private k(key: string): string {
    return this.cfg.prefix + key;
  }

  async putFile(key: string, tempPath: string, size: number, contentType: string): Promise<void> {
    try {
      if (await this.has(key)) return;
      await this.client.send(new PutObjectCommand({
        Bucket: this.cfg.bucket, Key: this.k(key), Body: fs.createReadStream(tempPath), ContentLength: size, ContentType: contentType,
      }));
    } finally {
      await fsp.rm(tempPath, { force: true });
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const r = await this.client.send(new GetObjectCommand({ Bucket: this.cfg.bucket, Key: this.k(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
    if (!(r.Body instanceof Readable)) throw new Error('S3 GetObject returned no stream');
    return r.Body;
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.cfg.bucket, Key: this.k(key) }));
      return true;
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return false;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.cfg.bucket, Key: this.k(key) }));
  }

  close(): void {
    this.client.destroy();
  }
}
