import { sql, type Kysely } from 'kysely';
import type { DB, SessionStage } from '../db/schema.js';
import type { Tx, TxContext } from '../db/tenancy.js';
import { withTenant } from '../db/tenancy.js';
import { randomToken, sha256 } from '../crypto/hash.js';
import type { Grant } from '../access/actor.js';
import { isIdle, securitySettings, SESSION_MAX_HOURS, type SecuritySettings } from './policy.js';

export const SESSION_COOKIE = 'zg_sid';

/** What a valid session cookie resolves to. */
export interface AuthState {
  sessionId: string;
  tenantId: string;
  tenantCode: string;
  tenantName: string;
  tenantKind: 'enterprise' | 'platform';
  userId: string;
  username: string;
  displayName: string;
  personId: string | null;
  stage: SessionStage;
  csrfToken: string;
  locale: 'zh-CN' | 'en-US';
  largeText: boolean;
  passwordChangedAt: Date;
  settings: SecuritySettings;
  grants: Grant[];
}

/** The transaction context of a signed-in session's own actions (its tenant, its user, the client's address). */
export function ctxOf(auth: AuthState, ip: string): TxContext {
  return { tenantId: auth.tenantId, actorId: auth.userId, actorName: auth.displayName, sourceIp: ip };
}

interface SessionRow {
  sessionId: string; tenantId: string; userId: string; csrfToken: string; stage: SessionStage; lastSeenAt: string;
  username: string; displayName: string; personId: string | null; userStatus: string; locale: 'zh-CN' | 'en-US'; largeText: boolean;
  passwordChangedAt: string; tenantCode: string; tenantName: string; tenantKind: 'enterprise' | 'platform'; tenantStatus: string;
  settings: Record<string, unknown>; grants: Grant[];
}

export type Resolution = { state: AuthState } | { state: null; reason: 'none' | 'idle' };

/** Resolves a cookie token in one round trip; ends the session if it has been idle too long. */
export async function resolveSession(db: Kysely<DB>, token: string, now = new Date()): Promise<Resolution> {
  const id = sha256(token);
  const { rows } = await sql<{ s: SessionRow | null }>`select zg_auth_session(${id}) as s`.execute(db);
  const r = rows[0]?.s;
  if (!r || r.userStatus !== 'active' || r.tenantStatus !== 'active') return { state: null, reason: 'none' };
  const settings = securitySettings(r.settings);
  if (isIdle(new Date(r.lastSeenAt), now, settings)) {
    await withTenant(db, { tenantId: r.tenantId, actorId: r.userId, actorName: r.username, sourceIp: '' }, (tx) =>
      tx.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).execute(),
    );
    return { state: null, reason: 'idle' };
  }
  return {
    state: {
      sessionId: r.sessionId, tenantId: r.tenantId, tenantCode: r.tenantCode, tenantName: r.tenantName, tenantKind: r.tenantKind,
      userId: r.userId, username: r.username, displayName: r.displayName, personId: r.personId, stage: r.stage,
      csrfToken: r.csrfToken, locale: r.locale, largeText: r.largeText, passwordChangedAt: new Date(r.passwordChangedAt),
      settings, grants: r.grants,
    },
  };
}

/** Creates a server-side session; the cookie carries a random token, the table only its hash. */
export async function createSession(tx: Tx, input: { tenantId: string; userId: string; stage: SessionStage; ip: string; userAgent: string }): Promise<{ token: string; csrfToken: string; sessionId: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const sessionId = sha256(token);
  await tx.insertInto('sessions').values({
    id: sessionId, tenant_id: input.tenantId, user_id: input.userId, csrf_token: csrfToken, stage: input.stage,
    pending_totp_secret_enc: null, ip: input.ip, user_agent: input.userAgent.slice(0, 300),
    expires_at: new Date(Date.now() + SESSION_MAX_HOURS * 3_600_000), revoked_at: null,
  }).execute();
  return { token, csrfToken, sessionId };
}

export async function revokeUserSessions(tx: Tx, userId: string, exceptSessionId?: string): Promise<void> {
  let q = tx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}
