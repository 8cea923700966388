/**
 * Test databases. `TEST_DB=postgresql` (with `TEST_DATABASE_URL`, an admin URL) creates a fresh,
 * uniquely named database on that server for each call and drops it on close; otherwise an
 * in-memory PGlite. Migrations are applied either way. Share one per test file (beforeAll): a PGlite
 * start plus migrations costs a few seconds.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql, type Transaction } from 'kysely';
import { openDatabase, type Database } from '../platform/db/database.js';
import type { DB } from '../platform/db/schema.js';

export type TestDbKind = 'pglite' | 'postgresql';

export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === 'postgresql' ? 'postgresql' : 'pglite';
}

const PREFIX = 'zg_test_';
/** Databases of crashed runs older than this are dropped when the next run starts. */
const STALE_MS = 3 * 3_600_000;

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DB=postgresql needs TEST_DATABASE_URL, an admin URL such as postgres://zg_test:zg_test@127.0.0.1:5432/postgres');
  }
  return url;
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function dropStale(c: pg.Client): Promise<void> {
  const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREFIX}%`]);
  for (const { datname } of rows) {
    const born = parseInt(datname.slice(PREFIX.length).split('_')[0] ?? '', 36);
    if (Number.isFinite(born) && Date.now() - born > STALE_MS) {
      await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`).catch(() => undefined);
    }
  }
}

export async function testDatabase(): Promise<Database> {
  if (testDbKind() === 'pglite') return openDatabase({ dataDir: null });
  const name = `${PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (c) => {
    await dropStale(c);
    await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
  const drop = () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url.toString() });
  } catch (err) {
    await drop();
    throw err;
  }
  return {
    ...database,
    async close() {
      await database.close();
      await drop();
    },
  };
}

/**
 * Runs `fn` as the database owner (the user that ran the migrations; row-level security and the
 * application role's grants do not apply) in one transaction. `SET LOCAL ROLE NONE` returns the
 * pooled connection to its session user for this transaction only. PGlite serves one connection,
 * so the owner shares the application's pool rather than opening a second connection.
 */
export async function asOwner<T>(database: Database, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    return fn(tx);
  });
}

/**
 * Row counts of the given tables across all tenants, read as the owner. The audit log is counted without its
 * `access.denied` records: a request refused for want of permission is recorded as a security event in a transaction
 * of its own (platform/audit/denied.ts, tested there); the request itself must still write nothing.
 */
export async function rowCounts<T extends string>(database: Database, tables: readonly T[]): Promise<Record<T, number>> {
  return asOwner(database, async (tx) => {
    const out = {} as Record<T, number>;
    for (const t of tables) {
      const { rows } = t === 'audit_log'
        ? await sql<{ n: number }>`select count(*)::int as n from audit_log where action <> 'access.denied'`.execute(tx)
        : await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(tx);
      out[t] = rows[0]?.n ?? 0;
    }
    return out;
  });
}

/** The tables whose rows a rejected request must leave untouched. */
export const WRITE_TABLES = ['users', 'role_grants', 'org_units', 'audit_log', 'tenants', 'people', 'person_events', 'person_honours', 'development_steps', 'development_step_people', 'development_quotas', 'org_unit_events', 'org_terms', 'org_positions', 'transfers', 'transfer_inbox', 'import_jobs', 'import_job_rows', 'development_documents',
  // dues (issue 4)
  'dues_bases', 'dues_payments', 'dues_entries', 'dues_requests', 'dues_runs', 'dues_alerts',
  // meetings (issue 5)
  'meetings', 'meeting_agenda_items', 'meeting_attendees', 'meeting_materials', 'meeting_resolutions',
  'notifications', 'notification_contacts', 'email_outbox', 'evaluation_rounds', 'evaluation_participants', 'evaluation_tallies', 'evaluation_raters',
  // the live meeting room and platform/realtime (issue 5)
  'meeting_rooms', 'meeting_speakers', 'meeting_messages', 'meeting_votes', 'meeting_vote_voters', 'meeting_vote_ballots', 'realtime_channels', 'realtime_events',
  // library and assistant (issue 6)
  'stored_files', 'library_resources', 'library_passages', 'assistant_conversations', 'assistant_messages', 'assistant_usage',
  // courses and exams (issue 6)
  'question_categories', 'questions', 'question_versions', 'exams', 'exam_paper_items', 'exam_audience', 'exam_attempts', 'exam_gradings',
  'courses', 'course_lessons', 'course_assignments', 'study_sessions', 'lesson_progress', 'learning_points',
  // VR 党史展馆 (issue 6)
  'exhibition_halls', 'exhibition_rooms', 'exhibition_exhibits',
  // meetings (issue 5): the compliance view's marks, kept by a trigger on meetings (migration 0039)
  'meeting_marks',
  // 党内统计 (issue 3): the counts kept by triggers on people (migration 0050)
  'people_stat_cells'] as const;
