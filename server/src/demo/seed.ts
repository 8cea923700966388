import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { PLATFORM_TENANT_ID, withTenant, type TxContext } from '../platform/db/tenancy.js';
import { roleDef } from '../platform/access/roles.js';
import { createAccount, recordGrant } from '../modules/accounts/service.js';
import { createTenant } from '../modules/tenants/service.js';
import { DEFAULT_DEMO_SEED, generateDemoOrg } from './generate.js';
import { insertDemoOrg } from './insert.js';
import type { FieldCipher } from '../platform/crypto/fields.js';
import { seedOrg } from './seed-org.js';
import { seedDevelopment } from './seed-development.js';
// meetings (issue 5)
import { seedMeetings } from './seed-meetings.js';
import { DEMO2_ORGANIZER, DEMO2_TENANT_CODE, seedTransfers } from './seed-transfers.js';
// dues (issue 4)
import { seedDues } from './seed-dues.js';
// dues online payments (issue 4)
import { seedDuesPayments } from './seed-dues-payments.js';
// 学习教育: the demo library
import { seedLibrary } from './seed-library.js';
import { seedLearning } from './seed-learning.js';
import { seedExhibition } from './seed-exhibition.js';
import type { Files } from '../platform/files/service.js';

/** The demo's initial password for every account; each account must change it at first login. */
export const DEMO_PASSWORD = 'Hongqi#2026zg';
export const DEMO_TENANT_CODE = 'demo';
export const PLATFORM_OPERATOR = 'operator';

export interface DemoAccountInfo { tenant: string; username: string; role: string; roleName: string; displayName: string }

const SEED_CTX: TxContext = { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: '系统初始化', sourceIp: '127.0.0.1', platform: true };

export async function hasEnterpriseTenant(db: Kysely<DB>): Promise<boolean> {
  const t = await withTenant(db, SEED_CTX, (tx) => tx.selectFrom('tenants').select('id').where('kind', '=', 'enterprise').limit(1).executeTakeFirst());
  return !!t;
}

/**
 * Creates the demo enterprise (a group with 3 subsidiaries, ~30 branches, ~600 generated people),
 * one account per role, and the platform operator. Generated data; no real person.
 */
export async function seedDemo(db: Kysely<DB>, referenceDate = new Date().toISOString().slice(0, 10), cipher?: FieldCipher, files?: Files): Promise<DemoAccountInfo[]> {
  const data = generateDemoOrg({ seed: DEFAULT_DEMO_SEED, referenceDate });
  const sysadmin = data.accounts.find((a) => a.role === 'sys_admin');
  if (!sysadmin) throw new Error('demo data has no system administrator');
  const { tenantId, adminUserId } = await createTenant(db, SEED_CTX, {
    code: DEMO_TENANT_CODE, name: '中电示范能源集团（演示）', isDemo: true,
    admin: { username: sysadmin.username, displayName: sysadmin.displayName, password: DEMO_PASSWORD },
  });
  const ctx: TxContext = { tenantId, actorId: null, actorName: '系统初始化', sourceIp: '127.0.0.1' };
  await withTenant(db, ctx, async (tx) => {
    await insertDemoOrg(tx, tenantId, data, cipher);
    await tx.updateTable('users').set({ person_id: sysadmin.personId }).where('id', '=', adminUserId).execute();
    for (const a of data.accounts) {
      if (a === sysadmin) continue;
      const { userId } = await createAccount(tx, ctx, { username: a.username, displayName: a.displayName, password: DEMO_PASSWORD, personId: a.personId });
      await recordGrant(tx, ctx, { userId, role: a.role, orgUnitId: a.orgUnitId }, { role: a.role, orgUnitId: a.orgUnitId });
    }
    await seedOrg(tx, ctx, referenceDate);
    await seedDevelopment(tx, ctx, referenceDate);
    // meetings (issue 5)
    await seedMeetings(tx, ctx, referenceDate);
  });
  await seedTransfers(db, tenantId, DEMO_PASSWORD);
  // dues (issue 4): after transfers, so members transferred out are not given dues.
  await withTenant(db, ctx, (tx) => seedDues(tx, ctx, referenceDate));
  // dues online payments (issue 4): the sandbox provider, so the demo can pay online.
  await withTenant(db, ctx, (tx) => seedDuesPayments(tx, ctx));
  // 学习教育: the library (images only when the server's file store is given)
  await seedLibrary(db, ctx, referenceDate, files);
  // 学习教育: courses and exams over the demo library
  await seedLearning(db, ctx, referenceDate);
  // 学习教育: the VR 党史展馆 (its pictures only when the server's file store is given)
  await seedExhibition(db, ctx, referenceDate, files);
  await withTenant(db, SEED_CTX, async (tx) => {
    const exists = await tx.selectFrom('users').select('id').where('username', '=', PLATFORM_OPERATOR).executeTakeFirst();
    if (exists) return;
    const { userId } = await createAccount(tx, SEED_CTX, { username: PLATFORM_OPERATOR, displayName: '平台运营', password: DEMO_PASSWORD });
    await recordGrant(tx, SEED_CTX, { userId, role: 'platform_operator', orgUnitId: null }, { role: 'platform_operator' });
  });
  return demoAccounts(data.accounts);
}

export function demoAccounts(accounts = generateDemoOrg({ seed: DEFAULT_DEMO_SEED, referenceDate: '2026-01-01' }).accounts): DemoAccountInfo[] {
  return [
    ...accounts.map((a) => ({ tenant: DEMO_TENANT_CODE, username: a.username, role: a.role, roleName: roleDef(a.role)?.zh ?? a.role, displayName: a.displayName })),
    // The second demo enterprise, for transfers between tenants (seed-transfers.ts).
    { tenant: DEMO2_TENANT_CODE, username: 'sysadmin', role: 'sys_admin', roleName: roleDef('sys_admin')?.zh ?? 'sys_admin', displayName: '系统管理员' },
    { tenant: DEMO2_TENANT_CODE, username: DEMO2_ORGANIZER, role: 'organization_member', roleName: roleDef('organization_member')?.zh ?? 'organization_member', displayName: '周建华' },
    { tenant: 'platform', username: PLATFORM_OPERATOR, role: 'platform_operator', roleName: '平台运营', displayName: '平台运营' },
  ];
}
