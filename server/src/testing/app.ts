/**
 * The real HTTP app on a test database, for `app.inject`. One per test file (beforeAll).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/db/database.js';
import { FieldCipher } from '../platform/crypto/fields.js';
import { buildApp, type App } from '../platform/http/app.js';
import { registerRoutes } from '../routes.js';
import { testDatabase } from './db.js';
import type { Files } from '../platform/files/service.js';
import { fileLimitsFromEnv, temporaryFileStore } from '../platform/files/config.js';

export interface Fixture {
  database: Database;
  cipher: FieldCipher;
}

export interface TestApp extends Fixture {
  app: App;
  files: Files;
  close(): Promise<void>;
}

/** A cipher with a random key, as the server's would be (the key lives outside the database). */
export function testCipher(): FieldCipher {
  return new FieldCipher(randomBytes(32));
}

export async function testApp(opts: { database?: Database; files?: Files } = {}): Promise<TestApp> {
  // buildApp reads LOG_LEVEL; tests are quiet unless asked (TEST_LOG_LEVEL=debug).
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  const database = opts.database ?? (await testDatabase());
  const cipher = testCipher();
  try {
    const files = opts.files ?? { store: temporaryFileStore(), limits: fileLimitsFromEnv({}) };
    const app = await buildApp({ database, cipher, secureCookies: false, version: '0.0.0-test', webDist: null, files }, registerRoutes);
    await app.ready();
    return {
      app,
      files,
      database,
      cipher,
      async close() {
        await app.close();
        if (!opts.database) await database.close();
      },
    };
  } catch (err) {
    if (!opts.database) await database.close();
    throw err;
  }
}
