import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../http/app.js';
import { AppError, badField, type Msg } from '../http/errors.js';
import { PLATFORM_TENANT_ID, withTenant, type Tx } from '../db/tenancy.js';
import { appendAudit } from '../audit/chain.js';
import { isAdmin, type Grant } from '../access/actor.js';
import type { SessionStage } from '../db/schema.js';
import { afterFailedLogin, isLocked, passwordProblems, securitySettings, type PasswordProblem, type SecuritySettings } from './policy.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { createSession, ctxOf, revokeUserSessions, type AuthState } from './sessions.js';
import { nextStage } from './stages.js';
import { checkTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpEnrollment } from './totp.js';

export interface ClientInfo { ip: string; userAgent: string }

const BAD_CREDENTIALS: Msg = { zh: '企业代码、账号或密码不正确', en: 'Enterprise code, username or password is incorrect' };

async function loadGrants(tx: Tx, userId: string): Promise<Grant[]> {
  const rows = await tx.selectFrom('role_grants as g').leftJoin('org_units as o', 'o.id', 'g.org_unit_id')
    .select(['g.role', 'g.org_unit_id', 'o.path']).where('g.user_id', '=', userId).execute();
  return rows.map((r) => ({ role: r.role, orgUnitId: r.org_unit_id, path: r.path ?? '' }));
}

async function tenantSettings(tx: Tx, tenantId: string): Promise<SecuritySettings> {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return securitySettings(t.settings);
}

export interface LoginResult { stage: SessionStage; token: string; csrfToken: string }

/**
 * Password login. Every outcome is audited; failures count towards the lockout (RULES.md §7). The
 * argon2 check runs outside any transaction so it never holds a database connection.
 */
export async function login(deps: AppDeps, input: { tenant: string; username: string; password: string }, client: ClientInfo): Promise<LoginResult> {
  const db = deps.database.db;
  const { rows } = await sql<{ tenant_id: string; user_id: string | null }>`select * from zg_auth_find_user(${input.tenant}, ${input.username})`.execute(db);
  const found = rows[0];
  const fail = async (tenantId: string, userId: string | null, reason: string, extra?: (tx: Tx) => Promise<void>) => {
    await withTenant(db, { tenantId, actorId: userId, actorName: input.username, sourceIp: client.ip }, async (tx) => {
      await extra?.(tx);
      await appendAudit(tx, tenantId, { actorId: userId, actorName: input.username, action: 'auth.login', objectType: 'user', objectId: userId ?? '', result: 'failure', sourceIp: client.ip, detail: { reason, tenant: input.tenant } });
    });
  };
  if (!found || !found.user_id) {
    await verifyPassword(await dummyHash(), input.password);
    await fail(found?.tenant_id ?? PLATFORM_TENANT_ID, null, found ? 'unknown_user' : 'unknown_tenant');
    throw new AppError(401, 'bad_credentials', BAD_CREDENTIALS);
  }
  const tenantId = found.tenant_id;
  const userId = found.user_id;
  const ctx = { tenantId, actorId: userId, actorName: input.username, sourceIp: client.ip };
  const user = await withTenant(db, ctx, (tx) => tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow());
  const now = new Date();
  if (isLocked(user.locked_until, now)) {
    await fail(tenantId, userId, 'locked');
    throw lockedError(user.locked_until!, now);
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (!passwordOk) {
    let lockedUntil: Date | null = null;
    await fail(tenantId, userId, 'bad_password', async (tx) => {
      const cur = await tx.selectFrom('users').select(['failed_logins']).where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
      const next = afterFailedLogin(cur.failed_logins, now, await tenantSettings(tx, tenantId));
      lockedUntil = next.lockedUntil;
      await tx.updateTable('users').set({ failed_logins: next.failedLogins, locked_until: next.lockedUntil }).where('id', '=', userId).execute();
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw new AppError(401, 'bad_credentials', BAD_CREDENTIALS);
  }
  if (user.status !== 'active') {
    await fail(tenantId, userId, 'disabled');
    throw new AppError(403, 'account_disabled', { zh: '该账号已停用，请联系系统管理员', en: 'This account is disabled; contact your system administrator' });
  }
  return withTenant(db, ctx, async (tx) => {
    const settings = await tenantSettings(tx, tenantId);
    const grants = await loadGrants(tx, userId);
    const stage = nextStage({ totp: false }, { totpEnabled: user.totp_enabled, mustChangePassword: user.must_change_password, passwordChangedAt: user.password_changed_at }, isAdmin(grants), settings, now);
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', userId).execute();
    const s = await createSession(tx, { tenantId, userId, stage, ip: client.ip, userAgent: client.userAgent });
    await appendAudit(tx, tenantId, { actorId: userId, actorName: user.display_name, action: 'auth.login', objectType: 'user', objectId: userId, sourceIp: client.ip, detail: { stage } });
    return { stage, token: s.token, csrfToken: s.csrfToken };
  });
}

function lockedError(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(423, 'account_locked', { zh: `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`, en: `Too many failed attempts; the account is locked for ${minutes} more minute(s)` });
}

async function advance(tx: Tx, auth: AuthState, done: { totp: boolean }): Promise<SessionStage> {
  const u = await tx.selectFrom('users').select(['totp_enabled', 'must_change_password', 'password_changed_at']).where('id', '=', auth.userId).executeTakeFirstOrThrow();
  const grants = await loadGrants(tx, auth.userId);
  const stage = nextStage(done, { totpEnabled: u.totp_enabled, mustChangePassword: u.must_change_password, passwordChangedAt: u.password_changed_at }, isAdmin(grants), auth.settings, new Date());
  await tx.updateTable('sessions').set({ stage }).where('id', '=', auth.sessionId).execute();
  return stage;
}

/** Second factor at login: a TOTP code, or a single-use recovery code. */
export async function completeTotp(deps: AppDeps, auth: AuthState, input: { code?: string; recoveryCode?: string }, ip: string): Promise<SessionStage> {
  if (auth.stage !== 'totp') throw new AppError(409, 'wrong_stage', { zh: '当前不需要输入动态口令', en: 'No code is expected now' });
  if (!input.code && !input.recoveryCode) throw badField('code', { zh: '请填写验证码（code）', en: 'Code (code) is required' });
  const failed = { value: false };
  const stage = await withTenant(deps.database.db, ctxOf(auth, ip), async (tx) => {
    const u = await tx.selectFrom('users').select(['totp_secret_enc', 'totp_last_step', 'failed_logins']).where('id', '=', auth.userId).forUpdate().executeTakeFirstOrThrow();
    let ok = false;
    if (input.code && u.totp_secret_enc) {
      const step = checkTotp(deps.cipher.decrypt(u.totp_secret_enc), input.code, u.totp_last_step);
      if (step !== null) {
        ok = true;
        await tx.updateTable('users').set({ totp_last_step: step }).where('id', '=', auth.userId).execute();
      }
    } else if (input.recoveryCode) {
      const used = await tx.updateTable('recovery_codes').set({ used_at: new Date() })
        .where('user_id', '=', auth.userId).where('code_hash', '=', deps.cipher.lookupHash(normaliseRecoveryCode(input.recoveryCode))).where('used_at', 'is', null)
        .returning('id').executeTakeFirst();
      ok = !!used;
    }
    if (!ok) {
      failed.value = true;
      const next = afterFailedLogin(u.failed_logins, new Date(), auth.settings);
      await tx.updateTable('users').set({ failed_logins: next.failedLogins, locked_until: next.lockedUntil }).where('id', '=', auth.userId).execute();
      if (next.lockedUntil) await revokeUserSessions(tx, auth.userId);
      await appendAudit(tx, auth.tenantId, { actorId: auth.userId, actorName: auth.displayName, action: 'auth.totp', objectType: 'user', objectId: auth.userId, result: 'failure', sourceIp: ip, detail: { recovery: !!input.recoveryCode } });
      return auth.stage;
    }
    await tx.updateTable('users').set({ failed_logins: 0 }).where('id', '=', auth.userId).execute();
    await appendAudit(tx, auth.tenantId, { actorId: auth.userId, actorName: auth.displayName, action: 'auth.totp', objectType: 'user', objectId: auth.userId, sourceIp: ip, detail: { recovery: !!input.recoveryCode } });
    return advance(tx, auth, { totp: true });
  });
  if (failed.value) throw new AppError(401, 'bad_code', { zh: '动态口令或恢复码不正确', en: 'The code is incorrect' }, input.code ? 'code' : 'recoveryCode');
  return stage;
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, Msg> = {
  too_short: { zh: '新密码至少需要 10 个字符', en: 'The new password needs at least 10 characters' },
  too_long: { zh: '新密码不能超过 128 个字符', en: 'The new password may have at most 128 characters' },
  too_few_classes: { zh: '新密码需包含大写字母、小写字母、数字、符号中的至少三类', en: 'The new password needs at least three of: upper case, lower case, digits, symbols' },
  contains_username: { zh: '新密码不能包含账号', en: 'The new password must not contain the username' },
  common: { zh: '新密码过于常见，容易被猜到，请换一个', en: 'The new password is too common; choose another' },
};

export function checkNewPassword(password: string, username: string, s: SecuritySettings): void {
  const problems = passwordProblems(password, username, s.passwordMinLength);
  const first = problems[0];
  if (!first) return;
  const msg = first === 'too_short' ? { zh: `新密码至少需要 ${s.passwordMinLength} 个字符`, en: `The new password needs at least ${s.passwordMinLength} characters` } : PASSWORD_PROBLEM_MESSAGES[first];
  throw badField('newPassword', msg);
}

/** Password change: forced at first login and after expiry, or by choice. Ends the user's other sessions. */
export async function changePassword(deps: AppDeps, auth: AuthState, input: { currentPassword: string; newPassword: string }, ip: string): Promise<SessionStage> {
  if (auth.stage !== 'active' && auth.stage !== 'password_change') throw new AppError(409, 'wrong_stage', { zh: '请先完成前一步登录验证', en: 'Finish the previous sign-in step first' });
  checkNewPassword(input.newPassword, auth.username, auth.settings);
  const db = deps.database.db;
  const user = await withTenant(db, ctxOf(auth, ip), (tx) => tx.selectFrom('users').select(['password_hash']).where('id', '=', auth.userId).executeTakeFirstOrThrow());
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await withTenant(db, ctxOf(auth, ip), (tx) => appendAudit(tx, auth.tenantId, { actorId: auth.userId, actorName: auth.displayName, action: 'auth.password_change', objectType: 'user', objectId: auth.userId, result: 'failure', sourceIp: ip, detail: { reason: 'bad_current_password' } }));
    throw badField('currentPassword', { zh: '当前密码不正确', en: 'The current password is incorrect' });
  }
  if (await verifyPassword(user.password_hash, input.newPassword)) throw badField('newPassword', { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' });
  const hash = await hashPassword(input.newPassword);
  return withTenant(db, ctxOf(auth, ip), async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash, password_changed_at: new Date(), must_change_password: false }).where('id', '=', auth.userId).execute();
    await revokeUserSessions(tx, auth.userId, auth.sessionId);
    await appendAudit(tx, auth.tenantId, { actorId: auth.userId, actorName: auth.displayName, action: 'auth.password_change', objectType: 'user', objectId: auth.userId, sourceIp: ip });
    return auth.stage === 'password_change' ? advance(tx, auth, { totp: true }) : auth.stage;
  });
}

/** Starts authenticator enrolment: the secret waits on the session until a code confirms it. */
export async function startTotpSetup(deps: AppDeps, auth: AuthState, ip: string) {
  if (auth.stage !== 'active' && auth.stage !== 'totp_setup') throw new AppError(409, 'wrong_stage', { zh: '请先完成前一步登录验证', en: 'Finish the previous sign-in step first' });
  const secret = newTotpSecret();
  await withTenant(deps.database.db, ctxOf(auth, ip), (tx) =>
    tx.updateTable('sessions').set({ pending_totp_secret_enc: deps.cipher.encrypt(secret, auth.settings.fieldAlgorithm) }).where('id', '=', auth.sessionId).execute());
  return totpEnrollment(secret, `${auth.tenantCode}:${auth.username}`);
}

export async function confirmTotpSetup(deps: AppDeps, auth: AuthState, code: string, ip: string): Promise<{ recoveryCodes: string[]; stage: SessionStage }> {
  return withTenant(deps.database.db, ctxOf(auth, ip), async (tx) => {
    const s = await tx.selectFrom('sessions').select('pending_totp_secret_enc').where('id', '=', auth.sessionId).executeTakeFirstOrThrow();
    if (!s.pending_totp_secret_enc) throw new AppError(409, 'no_pending_setup', { zh: '请先生成二维码再输入验证码', en: 'Start the setup first' });
    const secret = deps.cipher.decrypt(s.pending_totp_secret_enc);
    const step = checkTotp(secret, code, 0);
    if (step === null) throw badField('code', { zh: '验证码不正确，请确认手机时间准确后重试', en: 'The code is incorrect; check the phone clock and try again' });
    const codes = newRecoveryCodes();
    await tx.updateTable('users').set({ totp_secret_enc: deps.cipher.encrypt(secret, auth.settings.fieldAlgorithm), totp_enabled: true, totp_last_step: step }).where('id', '=', auth.userId).execute();
    await tx.updateTable('sessions').set({ pending_totp_secret_enc: null }).where('id', '=', auth.sessionId).execute();
    await tx.deleteFrom('recovery_codes').where('user_id', '=', auth.userId).execute();
    await tx.insertInto('recovery_codes').values(codes.map((c) => ({ id: randomUUID(), tenant_id: auth.tenantId, user_id: auth.userId, code_hash: deps.cipher.lookupHash(normaliseRecoveryCode(c)), used_at: null }))).execute();
    await appendAudit(tx, auth.tenantId, { actorId: auth.userId, actorName: auth.displayName, action: 'auth.totp_enrol', objectType: 'user', objectId: auth.userId, sourceIp: ip });
    const stage = auth.stage === 'totp_setup' ? await advance(tx, auth, { totp: true }) : auth.stage;
    return { recoveryCodes: codes, stage };
  });
}

export async function logout(deps: AppDeps, auth: AuthState, ip: string): Promise<void> {
  await withTenant(deps.database.db, ctxOf(auth, ip), async (tx) => {
    await tx.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', auth.sessionId).execute();
    await appendAudit(tx, auth.tenantId, { actorId: auth.userId, actorName: auth.displayName, action: 'auth.logout', objectType: 'user', objectId: auth.userId, sourceIp: ip });
  });
}
