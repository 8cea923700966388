import fs from 'node:fs';
import { loadConfig } from './platform/config.js';
import { DataDirLockedError, openDatabase } from './platform/db/database.js';
import { FieldCipher, loadMasterKey } from './platform/crypto/fields.js';
import { buildApp, defaultWebDist } from './platform/http/app.js';
import { registerRoutes } from './routes.js';
import { DEMO_PASSWORD, demoAccounts, hasEnterpriseTenant, seedDemo } from './demo/seed.js';
import { version } from './version.js';
import { fileLimitsFromEnv, fileStoreFromEnv } from './platform/files/config.js';

const config = loadConfig();

async function main(): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const cipher = new FieldCipher(loadMasterKey(config.secretKeyFile));
  const files = { store: fileStoreFromEnv(config.dataDir), limits: fileLimitsFromEnv() };
  if (config.demo && !(await hasEnterpriseTenant(database.db))) {
    process.stdout.write('首次启动：正在创建演示企业… (seeding the demo enterprise)\n');
    await seedDemo(database.db, undefined, cipher, files);
  }
  const webDist = defaultWebDist();
  const app = await buildApp({ database, cipher, secureCookies: config.secureCookies, version, webDist: fs.existsSync(webDist) ? webDist : null, files }, registerRoutes);
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `智慧政工云已启动  Zhenggong Cloud is running: ${url}`,
    `数据库 database: ${database.kind}${database.kind === 'pglite' ? ` (${config.dataDir})` : ''}`,
    `接口文档 API docs: ${url}/api/docs`,
  ];
  if (config.demo) {
    lines.push('', `演示账号（初始密码均为 ${DEMO_PASSWORD}，首次登录须修改；管理员还须绑定动态口令）`, `Demo accounts (initial password ${DEMO_PASSWORD}; change it at first login; administrators also set up an authenticator app):`);
    for (const a of demoAccounts()) lines.push(`  企业代码 ${a.tenant.padEnd(8)} 账号 ${a.username.padEnd(10)} ${a.roleName}（${a.displayName}）`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof DataDirLockedError) {
    process.stderr.write(`\n${err.message}\n\n`);
    process.exit(2);
  }
  process.stderr.write(`启动失败 failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
