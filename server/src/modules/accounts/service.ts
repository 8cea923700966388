import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { hashPassword, temporaryPassword } from '../../platform/auth/passwords.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';
import { isLocked } from '../../platform/auth/policy.js';
import { permissionsOf, type Actor } from '../../platform/access/actor.js';
import { grantRefusal, isTenantWideRole, roleDef } from '../../platform/access/roles.js';
import { AppError, badField, conflict, forbidden, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';

const ACCOUNT: Msg = { zh: '账号', en: 'Account' };

/** Creates an account with a temporary password that must be changed at first login. */
export async function createAccount(tx: Tx, ctx: TxContext, input: { username: string; displayName: string; password?: string | undefined; personId?: string | null; mustChangePassword?: boolean }): Promise<{ userId: string; temporaryPassword: string }> {
  const taken = await tx.selectFrom('users').select('id').where(sql`lower(username)`, '=', input.username.toLowerCase()).executeTakeFirst();
  if (taken) throw conflict('username', { zh: `账号 ${input.username} 已存在`, en: `Username ${input.username} is taken` });
  const password = input.password ?? temporaryPassword();
  const userId = randomUUID();
  await tx.insertInto('users').values({
    id: userId, tenant_id: ctx.tenantId, username: input.username, display_name: input.displayName, person_id: input.personId ?? null,
    password_hash: await hashPassword(password), must_change_password: input.mustChangePassword ?? true, locked_until: null, totp_secret_enc: null, last_login_at: null,
  }).execute();
  await auditAs(tx, ctx, { action: 'account.create', objectType: 'user', objectId: userId, detail: { username: input.username } });
  return { userId, temporaryPassword: password };
}

/** Inserts a role grant for the tenant in `ctx` and audits it; every path that grants a role goes through here. */
export async function recordGrant(tx: Tx, ctx: TxContext, grant: { userId: string; role: string; orgUnitId: string | null }, detail: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  await tx.insertInto('role_grants').values({ id, tenant_id: ctx.tenantId, user_id: grant.userId, role: grant.role, org_unit_id: grant.orgUnitId, granted_by: ctx.actorId }).execute();
  await auditAs(tx, ctx, { action: 'role.grant', objectType: 'user', objectId: grant.userId, detail });
  return id;
}

export interface AccountAbilities { edit: boolean; resetPassword: boolean; unlock: boolean; grantRoles: boolean }

function abilitiesOn(actor: Actor, userId: string): AccountAbilities {
  const p = permissionsOf(actor);
  const self = actor.userId === userId;
  return { edit: p.has('accounts.manage') && !self, resetPassword: p.has('accounts.manage') && !self, unlock: p.has('accounts.manage'), grantRoles: p.has('roles.grant') && !self };
}

export async function listAccounts(db: Kysely<DB>, actor: Actor, q: { page: number; pageSize: number; q?: string | undefined }) {
  return withTenant(db, txContext(actor), async (tx) => {
    let base = tx.selectFrom('users');
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where((eb) => eb.or([eb('username', 'ilike', like), eb('display_name', 'ilike', like)]));
    }
    const total = (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const users = await base.selectAll().orderBy('username').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    const ids = users.map((u) => u.id);
    const grants = ids.length
      ? await tx.selectFrom('role_grants as g').leftJoin('org_units as o', 'o.id', 'g.org_unit_id').select(['g.id', 'g.user_id', 'g.role', 'g.org_unit_id', 'o.name']).where('g.user_id', 'in', ids).orderBy('g.granted_at').execute()
      : [];
    const now = new Date();
    return {
      total: Number(total),
      items: users.map((u) => ({
        id: u.id, username: u.username, displayName: u.display_name, status: u.status, locked: isLocked(u.locked_until, now), totpEnabled: u.totp_enabled,
        lastLoginAt: u.last_login_at ? u.last_login_at.toISOString() : null,
        roles: grants.filter((g) => g.user_id === u.id).map((g) => ({ grantId: g.id, role: g.role, roleName: roleDef(g.role)?.zh ?? g.role, orgUnitId: g.org_unit_id, orgUnitName: g.name })),
        abilities: abilitiesOn(actor, u.id),
      })),
    };
  });
}

async function lockUser(tx: Tx, id: string) {
  const u = await tx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!u) throw notFound(ACCOUNT);
  return u;
}

export async function updateAccount(db: Kysely<DB>, actor: Actor, id: string, patch: { displayName?: string | undefined; status?: 'active' | 'disabled' | undefined }) {
  if (!abilitiesOn(actor, id).edit) throw forbidden({ zh: '不能修改自己的账号状态', en: 'You cannot change your own account this way' });
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const u = await lockUser(tx, id);
    const set: { display_name?: string; status?: 'active' | 'disabled' } = {};
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.status !== undefined) set.status = patch.status;
    if (Object.keys(set).length === 0) throw badField('(body)', { zh: '没有要修改的内容', en: 'Nothing to change' });
    await tx.updateTable('users').set(set).where('id', '=', id).execute();
    if (patch.status === 'disabled') await revokeUserSessions(tx, id);
    await auditAs(tx, ctx, { action: 'account.update', objectType: 'user', objectId: id, detail: { username: u.username, ...patch } });
  });
}

export async function resetPassword(db: Kysely<DB>, actor: Actor, id: string): Promise<string> {
  if (!abilitiesOn(actor, id).resetPassword) throw forbidden({ zh: '请在“我的账号”中修改自己的密码', en: 'Change your own password under My account' });
  const ctx = txContext(actor);
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await withTenant(db, ctx, async (tx) => {
    const u = await lockUser(tx, id);
    await tx.updateTable('users').set({ password_hash: hash, must_change_password: true, password_changed_at: new Date(), failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
    await revokeUserSessions(tx, id);
    await auditAs(tx, ctx, { action: 'account.reset_password', objectType: 'user', objectId: id, detail: { username: u.username } });
  });
  return password;
}

export async function unlockAccount(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const u = await lockUser(tx, id);
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'account.unlock', objectType: 'user', objectId: id, detail: { username: u.username } });
  });
}

const REFUSALS: Record<NonNullable<ReturnType<typeof grantRefusal>>, Msg> = {
  unknown_role: { zh: '没有这个角色', en: 'No such role' },
  self_grant: { zh: '不能修改自己的角色', en: 'You cannot change your own roles' },
  separation_of_duties: { zh: '系统管理员、安全管理员、审计管理员须由不同的人担任（三员分立）', en: 'System, security and audit administrators must be different people' },
  platform_only: { zh: '该角色只属于平台', en: 'This role belongs to the platform only' },
};

export async function grantRole(db: Kysely<DB>, actor: Actor, userId: string, input: { role: string; orgUnitId: string | null }) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const u = await lockUser(tx, userId);
    const existing = await tx.selectFrom('role_grants').select('role').where('user_id', '=', userId).execute();
    const refusal = grantRefusal({ granterId: actor.userId, granteeId: userId, role: input.role, granteeRoles: existing.map((g) => g.role), tenantKind: actor.tenantKind });
    if (refusal) throw new AppError(refusal === 'unknown_role' ? 400 : 403, refusal, REFUSALS[refusal], 'role');
    const wide = isTenantWideRole(input.role);
    if (wide && input.orgUnitId) throw badField('orgUnitId', { zh: '管理员角色作用于整个企业，不能选择组织', en: 'Administrator roles apply to the whole enterprise; leave the org unit empty' });
    if (!wide && !input.orgUnitId) throw badField('orgUnitId', { zh: '请选择该角色所管辖的组织', en: 'Choose the org unit this role covers' });
    if (input.orgUnitId) {
      const unit = await tx.selectFrom('org_units').select('id').where('id', '=', input.orgUnitId).executeTakeFirst();
      if (!unit) throw notFound({ zh: '组织', en: 'Org unit' });
    }
    const dup = await tx.selectFrom('role_grants').select('id').where('user_id', '=', userId).where('role', '=', input.role)
      .where((eb) => (input.orgUnitId ? eb('org_unit_id', '=', input.orgUnitId) : eb('org_unit_id', 'is', null))).executeTakeFirst();
    if (dup) throw conflict('role', { zh: '该账号已有这个角色', en: 'The account already has this role' });
    const grantId = await recordGrant(tx, ctx, { userId, role: input.role, orgUnitId: input.orgUnitId }, { username: u.username, role: input.role, orgUnitId: input.orgUnitId });
    return { grantId };
  });
}

export async function revokeRole(db: Kysely<DB>, actor: Actor, userId: string, grantId: string): Promise<void> {
  if (actor.userId === userId) throw forbidden(REFUSALS.self_grant);
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const g = await tx.deleteFrom('role_grants').where('id', '=', grantId).where('user_id', '=', userId).returning(['role', 'org_unit_id']).executeTakeFirst();
    if (!g) throw notFound({ zh: '授权', en: 'Grant' });
    await auditAs(tx, ctx, { action: 'role.revoke', objectType: 'user', objectId: userId, detail: { role: g.role, orgUnitId: g.org_unit_id } });
  });
}
