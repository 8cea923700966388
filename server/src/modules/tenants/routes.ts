import { Type } from '@sinclair/typebox';
import { actorOf, txContext, type App } from '../../platform/http/app.js';
import { Obj, Str } from '../../platform/http/schema.js';
import { SECURITY_BOUNDS } from '../../platform/auth/policy.js';
import { createTenant, getSecuritySettings, listTenants, updateSecuritySettings } from './service.js';

const b = SECURITY_BOUNDS;
const SecuritySettingsSchema = Obj({
  passwordMinLength: Type.Integer(b.passwordMinLength),
  lockoutThreshold: Type.Integer(b.lockoutThreshold),
  lockoutMinutes: Type.Integer(b.lockoutMinutes),
  idleMinutes: Type.Integer(b.idleMinutes),
  adminPasswordMaxAgeDays: Type.Integer(b.adminPasswordMaxAgeDays),
  totpRequiredForAdmins: Type.Boolean(),
  watermark: Type.Boolean(),
  fieldAlgorithm: Type.Union([Type.Literal('aes'), Type.Literal('sm4')]),
  auditRetentionDays: Type.Integer(b.auditRetentionDays),
});

const TenantItem = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), status: Type.String(), createdAt: Type.String(), isDemo: Type.Boolean() });

export async function tenantRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/settings/security', { config: { permission: 'security.manage' }, schema: { tags: ['settings'], summary: '安全策略', response: { 200: SecuritySettingsSchema } } }, async (req) =>
    getSecuritySettings(db, txContext(actorOf(req))));

  app.put('/api/settings/security', { config: { permission: 'security.manage' }, schema: { tags: ['settings'], summary: '修改安全策略（不低于等保三级的下限）', body: SecuritySettingsSchema, response: { 200: SecuritySettingsSchema } } }, async (req) =>
    updateSecuritySettings(db, txContext(actorOf(req)), req.body));

  app.get('/api/platform/tenants', { config: { permission: 'platform.tenants' }, schema: { tags: ['platform'], summary: '平台上的企业租户', response: { 200: Type.Object({ items: Type.Array(TenantItem) }) } } }, async (req) => {
    const rows = await listTenants(db, txContext(actorOf(req)));
    return { items: rows.map((t) => ({ id: t.id, code: t.code, name: t.name, status: t.status, createdAt: t.created_at.toISOString(), isDemo: t.is_demo })) };
  });

  app.post('/api/platform/tenants', {
    config: { permission: 'platform.tenants' },
    schema: {
      tags: ['platform'], summary: '开通企业租户及其首个系统管理员',
      body: Obj({ code: Str(2, 32, { pattern: '^[a-zA-Z][a-zA-Z0-9-]*$' }), name: Str(2, 100), adminUsername: Str(3, 64, { pattern: '^[a-zA-Z0-9._-]+$' }), adminDisplayName: Str(1, 50) }),
      response: { 200: Type.Object({ tenant: TenantItem, adminUsername: Type.String(), temporaryPassword: Type.String() }) },
    },
  }, async (req) => {
    const ctx = txContext(actorOf(req));
    const r = await createTenant(db, ctx, { code: req.body.code, name: req.body.name, admin: { username: req.body.adminUsername, displayName: req.body.adminDisplayName } });
    const t = (await listTenants(db, ctx)).find((x) => x.id === r.tenantId)!;
    return { tenant: { id: t.id, code: t.code, name: t.name, status: t.status, createdAt: t.created_at.toISOString(), isDemo: t.is_demo }, adminUsername: req.body.adminUsername, temporaryPassword: r.temporaryPassword };
  });
}
