import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface MigrationFile { version: string; file: string }

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), file: path.join(dir, f) }));
}

/**
 * Applies pending SQL migrations in order, each in its own transaction, as the database owner.
 * The same files run on PGlite (PostgreSQL 18) and PostgreSQL 15+, so they use SQL both accept.
 * An advisory lock keeps two server processes from migrating the same PostgreSQL database at once.
 */
export async function runMigrations(connection: pg.ClientConfig, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client(connection);
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(7234001)');
    await client.query(`CREATE TABLE IF NOT EXISTS zg_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: string }>('SELECT version FROM zg_migrations')).rows.map((r) => r.version));
    for (const m of listMigrations(dir)) {
      if (done.has(m.version)) continue;
      const text = fs.readFileSync(m.file, 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(text);
        await client.query('INSERT INTO zg_migrations(version) VALUES ($1)', [m.version]);
        await client.query('COMMIT');
        applied.push(m.version);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version} failed: ${(err as Error).message}`);
      }
    }
    await client.query('SELECT pg_advisory_unlock(7234001)');
  } finally {
    await client.end();
  }
  return applied;
}
