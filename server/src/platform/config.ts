import path from 'node:path';

/** Process configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Key for field encryption and keyed hashes; outside the database by design. */
  secretKeyFile: string;
  secureCookies: boolean;
  demo: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    secretKeyFile: path.resolve(env.SECRET_KEY_FILE ?? path.join(dataDir, 'secret.key')),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    demo: env.DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
