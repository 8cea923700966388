import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import './types.js';
import lockfile from 'proper-lockfile';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DB } from './schema.js';
import { runMigrations } from './migrate.js';

export type DatabaseKind = 'pglite' | 'postgresql';

/** The application role: owns no table, so row-level security always applies to it. */
export const APP_ROLE = 'zg_app';

export interface Database {
  kind: DatabaseKind;
  /** Queries run as APP_ROLE (row-level security applies). */
  db: Kysely<DB>;
  /** Connection settings for a raw client (migrations, CLI backup). Runs as the owner. */
  connection: pg.ClientConfig;
  /** PGlite only: a gzipped tarball of the data directory (PGlite's own backup format). */
  dumpDataDir?: () => Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; null for an in-memory database (tests). */
  dataDir?: string | null;
  /** Run pending migrations before returning (default true). */
  migrate?: boolean;
  poolSize?: number;
}

export class DataDirLockedError extends Error {
  constructor(dir: string) {
    super(
      `数据目录 ${dir} 正被另一个进程使用，拒绝启动以免丢失写入。` +
        `请先停止那个进程，或用 DATA_DIR 指定另一个目录。\n` +
        `The data directory ${dir} is in use by another process; refusing to start so no writes are lost.`,
    );
    this.name = 'DataDirLockedError';
  }
}

interface EmbeddedHost {
  worker: Worker;
  socketDir: string;
  release: (() => Promise<void>) | null;
}

async function startEmbedded(dataDir: string | null): Promise<EmbeddedHost> {
  let release: (() => Promise<void>) | null = null;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      // proper-lockfile refreshes the lock's mtime; a crashed holder's lock goes stale and is reclaimed.
      release = await lockfile.lock(dataDir, { lockfilePath: path.join(dataDir, 'zhenggong.lock'), stale: 15_000, update: 5_000 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
      throw err;
    }
  }
  // Unix socket paths are limited to ~107 bytes, so the socket lives in a short temp directory.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zg-'));
  const worker = new Worker(new URL('./pglite-host.mjs', import.meta.url), {
    workerData: { dataDir: dataDir ? path.join(dataDir, 'pgdata') : null, socketPath: path.join(socketDir, '.s.PGSQL.5432') },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { type: string }) => { if (m.type === 'ready') resolve(); });
    worker.once('exit', (code) => reject(new Error(`PGlite host exited early (code ${code})`)));
  });
  return { worker, socketDir, release };
}

async function stopEmbedded(host: EmbeddedHost): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => resolve(), 5_000);
    host.worker.on('message', (m: { type: string }) => { if (m.type === 'closed') { clearTimeout(timer); resolve(); } });
    host.worker.postMessage({ type: 'close' });
  });
  await host.worker.terminate();
  fs.rmSync(host.socketDir, { recursive: true, force: true });
  if (host.release) await host.release();
}

function dumpEmbedded(host: EmbeddedHost): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string; bytes?: Uint8Array }) => {
      if (m.type !== 'dumped' || !m.bytes) return;
      host.worker.off('message', onMessage);
      resolve(m.bytes);
    };
    host.worker.on('message', onMessage);
    host.worker.postMessage({ type: 'dump' });
  });
}

/**
 * Replaces a PGlite data directory with a backup made by `dumpDataDir`. The old directory is kept
 * beside it (pgdata.before-restore-<time>) until the operator removes it.
 */
export async function restoreEmbedded(dataDir: string, backup: Uint8Array): Promise<string> {
  fs.mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { lockfilePath: path.join(dataDir, 'zhenggong.lock'), stale: 15_000, update: 5_000 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw err;
  }
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    const aside = `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    if (fs.existsSync(pgdata)) fs.renameSync(pgdata, aside);
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(pgdata, { loadDataDir: new Blob([backup]) });
    await db.query('select 1');
    await db.close();
    return aside;
  } finally {
    await release();
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  let host: EmbeddedHost | null = null;
  let connection: pg.ClientConfig;
  let kind: DatabaseKind;
  if (opts.databaseUrl) {
    kind = 'postgresql';
    connection = { connectionString: opts.databaseUrl };
  } else {
    kind = 'pglite';
    host = await startEmbedded(opts.dataDir ?? null);
    connection = { host: host.socketDir, port: 5432, user: 'postgres', database: 'postgres' };
  }
  try {
    if (opts.migrate !== false) await runMigrations(connection);
  } catch (err) {
    if (host) await stopEmbedded(host);
    throw err;
  }
  // PGlite serves one connection at a time: a pool of one serialises access, as PGlite itself would.
  const pool = new pg.Pool({ ...connection, max: kind === 'pglite' ? 1 : (opts.poolSize ?? 10) });
  pool.on('connect', (client) => { void client.query(`SET ROLE ${APP_ROLE}`); });
  pool.on('error', () => { /* a broken idle connection is dropped and replaced by the pool */ });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const embedded = host;
  return {
    kind,
    db,
    connection,
    ...(embedded ? { dumpDataDir: () => dumpEmbedded(embedded) } : {}),
    async close() {
      await db.destroy();
      if (host) await stopEmbedded(host);
    },
  };
}

/** Cheap liveness check used by /api/health. */
export async function ping(db: Kysely<DB>): Promise<boolean> {
  await sql`select 1`.execute(db);
  return true;
}
