import type { SessionStage } from '../db/schema.js';
import { passwordExpired, type SecuritySettings } from './policy.js';

/**
 * The steps of signing in, in order: second factor (when enrolled), forced password change (first
 * login, reset, or an expired administrator password), authenticator enrolment (administrators
 * when the tenant requires it), then a full session.
 */
export function nextStage(
  done: { totp: boolean },
  user: { totpEnabled: boolean; mustChangePassword: boolean; passwordChangedAt: Date },
  admin: boolean,
  s: SecuritySettings,
  now: Date,
): SessionStage {
  if (user.totpEnabled && !done.totp) return 'totp';
  if (user.mustChangePassword || passwordExpired(user.passwordChangedAt, now, admin, s)) return 'password_change';
  if (admin && s.totpRequiredForAdmins && !user.totpEnabled) return 'totp_setup';
  return 'active';
}
