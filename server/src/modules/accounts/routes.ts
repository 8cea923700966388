import { Type } from '@sinclair/typebox';
import { actorOf, txContext, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, Ok, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { isTenantWideRole, ROLES } from '../../platform/access/roles.js';
import { langOf } from '../../platform/http/lang.js';
import { grantRole, listAccounts, resetPassword, revokeRole, unlockAccount, updateAccount, createAccount } from './service.js';
import { withTenant } from '../../platform/db/tenancy.js';

const tags = ['accounts'];
const Username = Str(3, 64, { pattern: '^[a-zA-Z0-9._-]+$' });
const AccountItem = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  locked: Type.Boolean(), totpEnabled: Type.Boolean(), lastLoginAt: Nullable(Type.String()),
  roles: Type.Array(Type.Object({ grantId: Type.String(), role: Type.String(), roleName: Type.String(), orgUnitId: Nullable(Type.String()), orgUnitName: Nullable(Type.String()) })),
  abilities: Type.Object({ edit: Type.Boolean(), resetPassword: Type.Boolean(), unlock: Type.Boolean(), grantRoles: Type.Boolean() }),
});
const TempPassword = Type.Object({ temporaryPassword: Type.String() });

export async function accountRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/roles', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '角色目录', response: { 200: Type.Object({ items: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), description: Type.String(), admin: Type.Boolean(), tenantWide: Type.Boolean(), permissions: Type.Array(Type.String()) })) }) } },
  }, async (req) => {
    const en = langOf(req) === 'en-US';
    const platform = req.auth?.tenantKind === 'platform';
    return {
      items: ROLES.filter((r) => (r.key === 'platform_operator') === platform).map((r) => ({
        key: r.key, name: en ? r.en : r.zh, description: r.descZh, admin: r.admin, tenantWide: isTenantWideRole(r.key), permissions: [...r.permissions],
      })),
    };
  });

  app.get('/api/accounts', {
    config: { permission: 'accounts.read' },
    schema: { tags, summary: '账号列表', querystring: Obj({ ...PageQuery, q: Type.Optional(Str(0, 64)) }), response: { 200: Paged(AccountItem) } },
  }, async (req) => {
    const r = await listAccounts(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/api/accounts', {
    config: { permission: 'accounts.manage' },
    schema: { tags, summary: '新建账号（返回一次性临时密码）', body: Obj({ username: Username, displayName: Str(1, 50) }), response: { 200: Type.Object({ account: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }), temporaryPassword: Type.String() }) } },
  }, async (req) => {
    const actor = actorOf(req);
    const r = await withTenant(db, txContext(actor), (tx) => createAccount(tx, txContext(actor), req.body));
    return { account: { id: r.userId, username: req.body.username, displayName: req.body.displayName }, temporaryPassword: r.temporaryPassword };
  });

  app.patch('/api/accounts/:id', {
    config: { permission: 'accounts.manage' },
    schema: { tags, summary: '修改姓名或启用/停用', params: IdParams, body: Obj({ displayName: Type.Optional(Str(1, 50)), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])) }, { minProperties: 1 }), response: { 200: Ok } },
  }, async (req) => {
    await updateAccount(db, actorOf(req), req.params.id, req.body);
    return { ok: true as const };
  });

  app.post('/api/accounts/:id/reset-password', {
    config: { permission: 'accounts.manage' },
    schema: { tags, summary: '重置密码（返回一次性临时密码）', params: IdParams, response: { 200: TempPassword } },
  }, async (req) => ({ temporaryPassword: await resetPassword(db, actorOf(req), req.params.id) }));

  app.post('/api/accounts/:id/unlock', {
    config: { permission: 'accounts.manage' },
    schema: { tags, summary: '解除锁定', params: IdParams, response: { 200: Ok } },
  }, async (req) => {
    await unlockAccount(db, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  app.post('/api/accounts/:id/roles', {
    config: { permission: 'roles.grant' },
    schema: { tags, summary: '授予角色（作用于所选组织及其下级）', params: IdParams, body: Obj({ role: Str(1, 40), orgUnitId: Nullable(Uuid) }), response: { 200: Type.Object({ grantId: Type.String() }) } },
  }, async (req) => grantRole(db, actorOf(req), req.params.id, req.body));

  app.delete('/api/accounts/:id/roles/:grantId', {
    config: { permission: 'roles.grant' },
    schema: { tags, summary: '收回角色', params: Obj({ id: Uuid, grantId: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    await revokeRole(db, actorOf(req), req.params.id, req.params.grantId);
    return { ok: true as const };
  });
}
