import { describe, expect, it } from 'vitest';
import { afterFailedLogin, DEFAULT_SECURITY, isIdle, isLocked, passwordExpired, passwordProblems } from './policy.js';

// RULES.md §7 (等保 2.0 L3): password complexity, lockout after failed logins, idle logout, periodic change.
describe('password policy', () => {
  it('accepts a long password of three classes', () => {
    expect(passwordProblems('Lantern-river-42', 'zhangsan')).toEqual([]);
  });
  it('refuses fewer than 10 characters', () => {
    expect(passwordProblems('Ab1!xyz9', 'zhangsan')).toContain('too_short');
  });
  it('refuses fewer than 3 character classes', () => {
    expect(passwordProblems('lanternriver', 'zhangsan')).toContain('too_few_classes');
  });
  it('refuses a password containing the username, in any case', () => {
    expect(passwordProblems('ZhangSan-2026!', 'zhangsan')).toContain('contains_username');
  });
  it('refuses common passwords and their decorated variants', () => {
    expect(passwordProblems('P@ssw0rd', 'u')).toContain('common');
    expect(passwordProblems('Woaini1314!', 'u')).toContain('common');
    expect(passwordProblems('Qwerty@2024', 'u')).toContain('common');
  });
});

describe('lockout', () => {
  const now = new Date('2026-11-25T08:00:00Z');
  it('locks for 15 minutes on the 5th consecutive failure', () => {
    let state = { failedLogins: 0, lockedUntil: null as Date | null };
    for (let i = 0; i < 4; i++) state = afterFailedLogin(state.failedLogins, now, DEFAULT_SECURITY);
    expect(state.lockedUntil).toBeNull();
    state = afterFailedLogin(state.failedLogins, now, DEFAULT_SECURITY);
    expect(state.lockedUntil?.toISOString()).toBe('2026-11-25T08:15:00.000Z');
    expect(isLocked(state.lockedUntil, new Date('2026-11-25T08:14:59Z'))).toBe(true);
    expect(isLocked(state.lockedUntil, new Date('2026-11-25T08:15:01Z'))).toBe(false);
  });
});

describe('sessions and password age', () => {
  it('ends a session idle for more than 30 minutes', () => {
    const seen = new Date('2026-11-25T08:00:00Z');
    expect(isIdle(seen, new Date('2026-11-25T08:29:00Z'), DEFAULT_SECURITY)).toBe(false);
    expect(isIdle(seen, new Date('2026-11-25T08:31:00Z'), DEFAULT_SECURITY)).toBe(true);
  });
  it('expires administrator passwords after 90 days, not other users', () => {
    const changed = new Date('2026-08-01T00:00:00Z');
    const now = new Date('2026-11-25T00:00:00Z');
    expect(passwordExpired(changed, now, true, DEFAULT_SECURITY)).toBe(true);
    expect(passwordExpired(changed, now, false, DEFAULT_SECURITY)).toBe(false);
  });
});
