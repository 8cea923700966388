/**
 * Operations CLI: `npm run cli -- <command>` (or the `zg` bin). Uses the same configuration as the
 * server (DATA_DIR / DATABASE_URL). With the embedded database the server must be stopped first:
 * the data directory lock refuses a second process.
 */
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { loadConfig } from './platform/config.js';
import { openDatabase, restoreEmbedded, DataDirLockedError, type Database } from './platform/db/database.js';
import { listMigrations, runMigrations } from './platform/db/migrate.js';
import { PLATFORM_TENANT_ID, withTenant, type TxContext } from './platform/db/tenancy.js';
import { verifyChain } from './platform/audit/chain.js';
import { appendAudit } from './platform/audit/chain.js';
import { hashPassword, temporaryPassword } from './platform/auth/passwords.js';
import { revokeUserSessions } from './platform/auth/sessions.js';
import { createTenant } from './modules/tenants/service.js';
import { createAccount, recordGrant } from './modules/accounts/service.js';
import { hasEnterpriseTenant, seedDemo, DEMO_PASSWORD } from './demo/seed.js';
import { FieldCipher, loadMasterKey } from './platform/crypto/fields.js';

const config = loadConfig();
const cliActor = (tenantId: string): TxContext => ({ tenantId, actorId: null, actorName: `命令行 CLI (${os.userInfo().username})`, sourceIp: 'cli' });

async function withDb<T>(fn: (d: Database) => Promise<T>, migrate = true): Promise<T> {
  const d = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

async function tenantIdOf(d: Database, code: string): Promise<string> {
  const t = await withTenant(d.db, { ...cliActor(PLATFORM_TENANT_ID), platform: true }, (tx) => tx.selectFrom('tenants').select('id').where('code', '=', code.toLowerCase()).executeTakeFirst());
  if (!t) throw new Error(`没有企业代码为 ${code} 的租户 (no tenant with code ${code})`);
  return t.id;
}

const program = new Command().name('zg').description('智慧政工云 operations CLI');

program.command('migrate').description('apply pending database migrations').action(async () => {
  await withDb(async (d) => {
    const applied = await runMigrations(d.connection);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : `up to date (${listMigrations().length} migrations)`);
  }, false);
});

program.command('seed-demo').description('create the demo enterprise (only when no enterprise exists)').action(async () => {
  await withDb(async (d) => {
    if (await hasEnterpriseTenant(d.db)) return console.log('an enterprise tenant already exists; nothing done');
    // The key encrypts the demo people's ID numbers and phones, as the server would.
    const accounts = await seedDemo(d.db, undefined, new FieldCipher(loadMasterKey(config.secretKeyFile)));
    console.log(`demo enterprise created; ${accounts.length} accounts, initial password ${DEMO_PASSWORD}`);
  });
});

program.command('create-tenant').description('open an enterprise and its first system administrator')
  .requiredOption('--code <code>', 'enterprise code used at login, e.g. zhongdian')
  .requiredOption('--name <name>', 'enterprise name')
  .requiredOption('--admin <username>', 'username of the first system administrator')
  .option('--admin-name <name>', 'display name of the administrator', '系统管理员')
  .action(async (o: { code: string; name: string; admin: string; adminName: string }) => {
    await withDb(async (d) => {
      const r = await createTenant(d.db, cliActor(PLATFORM_TENANT_ID), { code: o.code, name: o.name, admin: { username: o.admin, displayName: o.adminName } });
      console.log(`tenant ${o.code} created (${r.tenantId})\nadministrator ${o.admin}, temporary password: ${r.temporaryPassword}\n(must be changed at first login; an authenticator app is set up then)`);
    });
  });

program.command('create-operator').description('create a platform operator account (manages tenants)')
  .requiredOption('--username <username>')
  .option('--name <name>', 'display name', '平台运营')
  .action(async (o: { username: string; name: string }) => {
    await withDb(async (d) => {
      const ctx = { ...cliActor(PLATFORM_TENANT_ID), platform: true };
      const pw = await withTenant(d.db, ctx, async (tx) => {
        const { userId, temporaryPassword: p } = await createAccount(tx, ctx, { username: o.username, displayName: o.name });
        await recordGrant(tx, ctx, { userId, role: 'platform_operator', orgUnitId: null }, { role: 'platform_operator' });
        return p;
      });
      console.log(`operator ${o.username} created (enterprise code: platform), temporary password: ${pw}`);
    });
  });

program.command('reset-password').description("reset an account's password to a temporary one (and unlock it)")
  .requiredOption('--tenant <code>').requiredOption('--user <username>')
  .action(async (o: { tenant: string; user: string }) => {
    await withDb(async (d) => {
      const tenantId = await tenantIdOf(d, o.tenant);
      const password = temporaryPassword();
      const hash = await hashPassword(password);
      await withTenant(d.db, cliActor(tenantId), async (tx) => {
        const u = await tx.selectFrom('users').select('id').where('username', '=', o.user).executeTakeFirst();
        if (!u) throw new Error(`no user ${o.user} in ${o.tenant}`);
        await tx.updateTable('users').set({ password_hash: hash, must_change_password: true, password_changed_at: new Date(), failed_logins: 0, locked_until: null }).where('id', '=', u.id).execute();
        await revokeUserSessions(tx, u.id);
        await appendAudit(tx, tenantId, { actorId: null, actorName: cliActor(tenantId).actorName, action: 'account.reset_password', objectType: 'user', objectId: u.id, sourceIp: 'cli', detail: { username: o.user } });
      });
      console.log(`temporary password for ${o.user}: ${password} (must be changed at next login)`);
    });
  });

program.command('verify-audit').description('verify the SM3 hash chain of the audit log; exit code 1 on the first tampered record')
  .option('--tenant <code>', 'one tenant (default: all)')
  .action(async (o: { tenant?: string }) => {
    const ok = await withDb(async (d) => {
      const tenants = await withTenant(d.db, { ...cliActor(PLATFORM_TENANT_ID), platform: true }, (tx) => {
        let q = tx.selectFrom('tenants').select(['id', 'code']);
        if (o.tenant) q = q.where('code', '=', o.tenant.toLowerCase());
        return q.orderBy('code').execute();
      });
      let allOk = true;
      for (const t of tenants) {
        const r = await withTenant(d.db, cliActor(t.id), (tx) => verifyChain(tx, t.id));
        if (r.ok) console.log(`${t.code}: OK, ${r.checked} records`);
        else {
          allOk = false;
          console.log(`${t.code}: BROKEN at seq ${r.firstBad!.seq} (id ${r.firstBad!.id}, ${r.firstBad!.at}): ${r.firstBad!.reason}; ${r.checked} records verified before it`);
        }
      }
      return allOk;
    });
    process.exitCode = ok ? 0 : 1;
  });

program.command('backup').description('back up the database to a file (PGlite: data-directory tarball; PostgreSQL: pg_dump custom format)')
  .requiredOption('--out <file>')
  .action(async (o: { out: string }) => {
    if (config.databaseUrl) {
      const r = spawnSync('pg_dump', ['--format=custom', `--file=${o.out}`, `--dbname=${config.databaseUrl}`], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('pg_dump failed (is postgresql-client installed?)');
    } else {
      await withDb(async (d) => fs.writeFileSync(o.out, d.dumpDataDir ? await d.dumpDataDir() : new Uint8Array()), false);
    }
    console.log(`backup written to ${o.out}. The encryption key (${config.secretKeyFile} or SECRET_KEY) is NOT in the backup: keep it safe separately.`);
  });

program.command('restore').description('restore the database from a backup file (the server must be stopped)')
  .requiredOption('--in <file>')
  .action(async (o: { in: string }) => {
    if (config.databaseUrl) {
      const r = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, o.in], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('pg_restore failed');
    } else {
      const aside = await restoreEmbedded(config.dataDir, fs.readFileSync(o.in));
      console.log(`previous data kept at ${aside}`);
    }
    await withDb(async () => undefined);
    console.log('restored; migrations checked. Run `verify-audit` to check the audit chain.');
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof DataDirLockedError ? err.message : `error: ${(err as Error).message}`);
  process.exit(1);
});
