import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { PLATFORM_TENANT_ID, switchTenant, withTenant, type TxContext } from '../../platform/db/tenancy.js';
import { appendAudit, auditAs } from '../../platform/audit/chain.js';
import { DEFAULT_SECURITY, securitySettings, type SecuritySettings } from '../../platform/auth/policy.js';
import { conflict } from '../../platform/http/errors.js';
import { createAccount, recordGrant } from '../accounts/service.js';

export interface NewTenant {
  code: string;
  name: string;
  isDemo?: boolean;
  admin: { username: string; displayName: string; password?: string };
}

/**
 * Opens an enterprise on the platform with its first system administrator (who must change the
 * temporary password and enrol a second factor at first login). Audited in the platform chain and
 * in the new tenant's own chain.
 */
export async function createTenant(db: Kysely<DB>, ctx: TxContext, input: NewTenant): Promise<{ tenantId: string; adminUserId: string; temporaryPassword: string }> {
  const tenantId = randomUUID();
  const code = input.code.toLowerCase();
  return withTenant(db, { ...ctx, tenantId: PLATFORM_TENANT_ID, platform: true }, async (tx) => {
    const exists = await tx.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst();
    if (exists) throw conflict('code', { zh: `企业代码 ${code} 已被使用`, en: `Enterprise code ${code} is taken` });
    await tx.insertInto('tenants').values({ id: tenantId, code, name: input.name, is_demo: input.isDemo ?? false, settings: JSON.stringify({ security: DEFAULT_SECURITY }) }).execute();
    await appendAudit(tx, PLATFORM_TENANT_ID, { actorId: ctx.actorId, actorName: ctx.actorName, action: 'tenant.create', objectType: 'tenant', objectId: tenantId, sourceIp: ctx.sourceIp, detail: { code, name: input.name } });
    await switchTenant(tx, tenantId);
    const admin = await createAccount(tx, { ...ctx, tenantId }, { username: input.admin.username, displayName: input.admin.displayName, password: input.admin.password });
    await recordGrant(tx, { ...ctx, tenantId }, { userId: admin.userId, role: 'sys_admin', orgUnitId: null }, { role: 'sys_admin', by: 'platform' });
    return { tenantId, adminUserId: admin.userId, temporaryPassword: admin.temporaryPassword };
  });
}

export async function listTenants(db: Kysely<DB>, ctx: TxContext) {
  return withTenant(db, { ...ctx, platform: true }, (tx) =>
    tx.selectFrom('tenants').select(['id', 'code', 'name', 'status', 'created_at', 'is_demo', 'kind']).where('kind', '=', 'enterprise').orderBy('created_at').execute());
}

export async function getSecuritySettings(db: Kysely<DB>, ctx: TxContext): Promise<SecuritySettings> {
  return withTenant(db, ctx, async (tx) => {
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).executeTakeFirstOrThrow();
    return securitySettings(t.settings);
  });
}

export async function updateSecuritySettings(db: Kysely<DB>, ctx: TxContext, next: SecuritySettings): Promise<SecuritySettings> {
  return withTenant(db, ctx, async (tx) => {
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).forUpdate().executeTakeFirstOrThrow();
    const before = securitySettings(t.settings);
    await tx.updateTable('tenants').set({ settings: JSON.stringify({ ...t.settings, security: next }) }).where('id', '=', ctx.tenantId).execute();
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => before[k as keyof SecuritySettings] !== v).map(([k, v]) => [k, { from: before[k as keyof SecuritySettings], to: v }]));
    await auditAs(tx, ctx, { action: 'settings.security', objectType: 'tenant', objectId: ctx.tenantId, detail: { changed } });
    return next;
  });
}
