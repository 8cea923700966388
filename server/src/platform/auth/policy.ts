import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * Account security policy (RULES.md §7, 等保 2.0 level 3). The numbers are tenant settings with
 * strict defaults; the bounds stop a tenant from weakening them past what level 3 tolerates.
 */
export interface SecuritySettings {
  passwordMinLength: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleMinutes: number;
  adminPasswordMaxAgeDays: number;
  totpRequiredForAdmins: boolean;
  watermark: boolean;
  fieldAlgorithm: 'aes' | 'sm4';
  auditRetentionDays: number;
}

export const DEFAULT_SECURITY: SecuritySettings = {
  passwordMinLength: 10,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleMinutes: 30,
  adminPasswordMaxAgeDays: 90,
  totpRequiredForAdmins: true,
  watermark: true,
  fieldAlgorithm: 'aes',
  // 网络安全法 art. 21: logs kept at least six months.
  auditRetentionDays: 180,
};

export const SECURITY_BOUNDS = {
  passwordMinLength: { minimum: 10, maximum: 64 },
  lockoutThreshold: { minimum: 3, maximum: 10 },
  lockoutMinutes: { minimum: 15, maximum: 1440 },
  idleMinutes: { minimum: 5, maximum: 30 },
  adminPasswordMaxAgeDays: { minimum: 30, maximum: 90 },
  auditRetentionDays: { minimum: 180, maximum: 3650 },
} as const;

/** Effective settings for a tenant: stored values over the defaults. */
export function securitySettings(stored: Record<string, unknown> | null | undefined): SecuritySettings {
  const s = (stored?.security ?? {}) as Partial<SecuritySettings>;
  return { ...DEFAULT_SECURITY, ...s };
}

export type PasswordProblem = 'too_short' | 'too_few_classes' | 'contains_username' | 'common' | 'too_long';

/** Password complexity (§7): length, at least 3 of 4 character classes, no username, not a common password. */
export function passwordProblems(password: string, username: string, minLength = DEFAULT_SECURITY.passwordMinLength): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < minLength) problems.push('too_short');
  if (password.length > 128) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('too_few_classes');
  const u = username.trim().toLowerCase();
  if (u.length >= 3 && password.toLowerCase().includes(u)) problems.push('contains_username');
  if (isCommonPassword(password)) problems.push('common');
  return problems;
}

function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  // Also catch a common password with the usual decorations ("Password123!", "Qwerty@2024"), also when
  // the common one has symbols of its own ("P@ssw0rd2024!", "Admin@123456", "1qaz@WSX2024").
  const alnum = p.replace(/[^a-z0-9]+/g, '');
  const stripped = alnum.replace(/(19|20)\d\d$/, '').replace(/\d{1,4}$/, '');
  const undecorated = (s: string) => {
    const noSymbols = s.replace(/[^a-z0-9]+$/, '');
    const noDigits = noSymbols.replace(/\d+$/, '');
    return [noSymbols, noDigits, noDigits.replace(/[^a-z0-9]+$/, '')];
  };
  return [p, alnum, stripped, ...undecorated(p), ...undecorated(alnum)].some((c) => c.length >= 4 && COMMON_PASSWORDS.has(c));
}

/** Failed-login bookkeeping: after `lockoutThreshold` consecutive failures the account locks for `lockoutMinutes`. */
export function afterFailedLogin(failedBefore: number, now: Date, s: SecuritySettings): { failedLogins: number; lockedUntil: Date | null } {
  const failed = failedBefore + 1;
  if (failed >= s.lockoutThreshold) return { failedLogins: 0, lockedUntil: new Date(now.getTime() + s.lockoutMinutes * 60_000) };
  return { failedLogins: failed, lockedUntil: null };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

export function isIdle(lastSeenAt: Date, now: Date, s: SecuritySettings): boolean {
  return now.getTime() - lastSeenAt.getTime() > s.idleMinutes * 60_000;
}

/** Administrators must change their password periodically (§7); others are not forced. */
export function passwordExpired(changedAt: Date, now: Date, admin: boolean, s: SecuritySettings): boolean {
  return admin && now.getTime() - changedAt.getTime() > s.adminPasswordMaxAgeDays * 86_400_000;
}

/** Absolute session lifetime, whatever the activity. */
export const SESSION_MAX_HOURS = 12;
