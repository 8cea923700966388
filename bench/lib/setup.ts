import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database, type DatabaseKind } from '../../server/src/platform/db/database.js';
import { FieldCipher } from '../../server/src/platform/crypto/fields.js';
import { buildApp, type App } from '../../server/src/platform/http/app.js';
import { registerRoutes } from '../../server/src/routes.js';
import { DEMO_PASSWORD, DEMO_TENANT_CODE, seedDemo } from '../../server/src/demo/seed.js';
import { version } from '../../server/src/version.js';

/** Admin URL of a PostgreSQL server on which the benchmark may create and drop its own database. */
export const DEFAULT_ADMIN_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  kind: DatabaseKind;
  database: Database;
  /** e.g. "PostgreSQL 18.6 (PGlite 0.5.14)" or "PostgreSQL 15.18". */
  serverVersion: string;
  /** PostgreSQL only: the benchmark's own database on the server. */
  pgDatabaseName?: string;
  close(): Promise<void>;
}

/**
 * A fresh database with the migrations applied and the demo enterprise seeded: PGlite in a
 * temporary data directory (on disk, as in production), or a new database on a PostgreSQL server
 * (dropped again by close()).
 */
export async function openBenchDatabase(kind: DatabaseKind, opts: { seed?: boolean; adminUrl?: string } = {}): Promise<BenchDatabase> {
  const adminUrl = opts.adminUrl ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  let database: Database;
  let cleanup: () => Promise<void>;
  let pgDatabaseName: string | undefined;
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zg-bench-'));
    database = await openDatabase({ dataDir });
    cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  } else {
    const name = `zg_bench_${process.pid}_${Date.now()}`;
    pgDatabaseName = name;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try { await admin.query(`CREATE DATABASE ${name}`); } finally { await admin.end(); }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try { await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await c.end(); }
    };
  }
  try {
    if (opts.seed !== false) await seedDemo(database.db);
    const serverVersion = await versionOf(database);
    return {
      kind, database, serverVersion, ...(pgDatabaseName ? { pgDatabaseName } : {}),
      async close() { await database.close(); await cleanup(); },
    };
  } catch (err) {
    await database.close();
    await cleanup();
    throw err;
  }
}

/** Through the pool: PGlite serves one connection at a time, so a second client would be refused. */
async function versionOf(database: Database): Promise<string> {
  const { rows } = await sql<{ v: string }>`select version() as v`.execute(database.db);
  const v = rows[0]?.v ?? '';
  const pglite = /\(PGlite ([\d.]+)\)/.exec(v)?.[1];
  const pgv = /^PostgreSQL ([\d.]+)/.exec(v)?.[1] ?? v;
  return pglite ? `PostgreSQL ${pgv} (PGlite ${pglite})` : `PostgreSQL ${pgv}`;
}

/** The real application (every plugin, hook and route), listening on a loopback port. */
export async function startApp(database: Database): Promise<{ app: App; baseUrl: string }> {
  process.env.LOG_LEVEL = 'silent';
  const app = await buildApp({ database, cipher: new FieldCipher(crypto.randomBytes(32)), secureCookies: false, version, webDist: null }, registerRoutes);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

export interface Session {
  cookie: string;
  userId: string;
  tenantId: string;
  displayName: string;
  /** The org unit the role is granted on. */
  unitId: string;
}

/**
 * Signs a demo account in through HTTP as a user would: password login, then the forced password
 * change of the first login, ending with a full ('active') session.
 */
export async function signIn(baseUrl: string, username: string, role: string): Promise<Session> {
  const post = async (p: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(baseUrl + p, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`POST ${p} answered ${res.status}: ${JSON.stringify(json)}`);
    return { res, json };
  };
  const login = await post('/api/auth/login', { tenant: DEMO_TENANT_CODE, username, password: DEMO_PASSWORD });
  const token = /zg_sid=([^;]+)/.exec(login.res.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('login set no session cookie');
  const cookie = `zg_sid=${token}`;
  let stage = login.json.stage as string;
  if (stage === 'password_change') {
    const changed = await post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Bench#Load-2026x' }, { cookie, 'x-csrf-token': String(login.json.csrfToken) });
    stage = changed.json.stage as string;
  }
  if (stage !== 'active') throw new Error(`${username} ended sign-in at stage ${stage}, not active`);
  const res = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } });
  const view = (await res.json()) as { user: { id: string; displayName: string }; tenant: { id: string }; roles: { role: string; orgUnitId: string | null }[] };
  const grant = view.roles.find((r) => r.role === role && r.orgUnitId);
  if (!grant?.orgUnitId) throw new Error(`${username} holds no ${role} grant on an org unit`);
  return { cookie, userId: view.user.id, tenantId: view.tenant.id, displayName: view.user.displayName, unitId: grant.orgUnitId };
}
