// Sign-in steps shared by journeys, done the way a person does them: through the pages.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { JourneyContext } from '../harness.js';

export const DEMO_PASSWORD = 'Hongqi#2026zg';

export async function fillLogin(page: Page, tenant: string, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-tenant').fill(tenant);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The forced password change of a first login. */
export async function changeForcedPassword(page: Page, current: string, next: string): Promise<void> {
  await page.waitForURL(/\/login\/password/);
  await page.getByTestId('pwd-current').fill(current);
  await page.getByTestId('pwd-new').fill(next);
  await page.getByTestId('pwd-confirm').fill(next);
  await page.getByTestId('pwd-submit').click();
}

/** Authenticator enrolment for administrators: read the secret off the page, type a code, keep the recovery codes. */
export async function enrolTotp(ctx: JourneyContext, page: Page): Promise<{ secret: string; recoveryCodes: string[]; usedCode: string }> {
  await page.waitForURL(/\/login\/totp-setup/);
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]{16,}$/, 'the TOTP secret is shown as base32 text');
  const usedCode = await ctx.freshTotp(secret);
  await page.getByTestId('totp-setup-code').fill(usedCode);
  await page.getByTestId('totp-setup-confirm').click();
  const codesBox = page.getByTestId('recovery-codes');
  await codesBox.waitFor();
  const recoveryCodes = (await codesBox.innerText()).match(/[0-9a-f]{5}-[0-9a-f]{5}/g) ?? [];
  assert.equal(recoveryCodes.length, 10, 'ten recovery codes are shown once');
  await ctx.shot(page, 'recovery-codes');
  await page.getByTestId('recovery-saved').click();
  await page.getByTestId('recovery-continue').click();
  return { secret, recoveryCodes, usedCode };
}

/** First login of a demo account up to the home page. Returns the new password (and TOTP secret for admins). */
export async function firstLogin(ctx: JourneyContext, page: Page, username: string, opts: { admin?: boolean; tenant?: string } = {}): Promise<{ password: string; secret?: string; usedCode?: string }> {
  const password = `Qiushi-${username}-7x`.replace(username, username.split('').reverse().join(''));
  await fillLogin(page, opts.tenant ?? 'demo', username, DEMO_PASSWORD);
  await changeForcedPassword(page, DEMO_PASSWORD, password);
  const enrolled = opts.admin ? await enrolTotp(ctx, page) : null;
  await page.getByTestId('home-welcome').waitFor();
  return { password, ...(enrolled ? { secret: enrolled.secret, usedCode: enrolled.usedCode } : {}) };
}

/** Opens a navigation entry on a phone (drawer) or a desktop (side menu). */
export async function openNav(page: Page, key: string): Promise<void> {
  const toggle = page.getByTestId('nav-drawer-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.getByTestId(`nav-${key}`).first().click();
  // On a phone the drawer slides away; wait so screenshots show the page, not the animation.
  if (await toggle.isVisible()) await page.getByTestId('nav-drawer').waitFor({ state: 'hidden' }).catch(() => {});
}

export async function logout(page: Page): Promise<void> {
  const toggle = page.getByTestId('nav-drawer-toggle');
  if (!(await page.getByTestId('logout').first().isVisible()) && (await toggle.isVisible())) await toggle.click();
  await page.getByTestId('logout').first().click();
  await page.getByTestId('login-username').waitFor();
}

/**
 * Passwords the demo accounts may already have from other journeys (10, 15, 25, 50, 60, 70, 80–88, 95), by
 * `tenant/username`; the first is what a first login here sets. One list for every journey: the journeys share one
 * server, in any order. Accounts not listed get `firstPassword()` on their first login.
 */
export const KNOWN: Record<string, string[]> = {
  'demo/zhibu': ['Qingshan-lushui-51', 'Hetang-yuese-58'],
  'demo/dangyuan': ['Qiushi-nauygnad-7x', 'Songbai-changqing-25'],
  'demo/shuji': ['Dangfei-shenpi-80'],
  'demo/zuzhi': ['Baiyun-changjiang-52', 'Qiushi-ihzuz-7x'],
  'demo2/zuzhi': ['Qiushi-ihzuz-7x'],
};

/** The password a first login sets for an account without one in KNOWN (distinct per account, policy-conform). */
export const firstPassword = (username: string) => `Xuexi-${[...username].reverse().join('')}-2026x`;

/** The password that worked last for each account, tried first: every failed attempt counts toward lockout. */
const WORKED = new Map<string, string>();
const RATE_WAITED = new WeakSet<Page>();

/**
 * Signs in as a demo account whatever an earlier journey did to it: its first login (the forced change to the first
 * known password) or a password set before. Sign-ins are limited per address per minute and the journeys share one
 * address: when the limit answers, it waits the minute out once.
 */
export async function signInDemo(page: Page, username: string, tenant = 'demo'): Promise<void> {
  const key = `${tenant}/${username}`;
  const known = KNOWN[key] ?? [firstPassword(username)];
  const worked = WORKED.get(key);
  const attempts = [...new Set([...(worked ? [worked] : []), DEMO_PASSWORD, ...known])];
  // A branch of the race that loses must not throw later (the page moves on).
  const quiet = <T>(p: Promise<T>) => p.catch(() => new Promise<T>(() => {}));
  for (let i = 0; i < attempts.length; i++) {
    const password = attempts[i]!;
    await fillLogin(page, tenant, username, password);
    const outcome = await Promise.race([
      quiet(page.waitForURL(/\/login\/password/).then(() => 'change' as const)),
      quiet(page.getByTestId('home-welcome').waitFor().then(() => 'home' as const)),
      quiet(page.getByTestId('login-error').waitFor().then(() => 'error' as const)),
    ]);
    if (outcome === 'error' && /频繁|Too many/.test(await page.getByTestId('login-error').innerText()) && !RATE_WAITED.has(page)) {
      RATE_WAITED.add(page);
      await page.waitForTimeout(61_000);
      i--;
      continue;
    }
    if (outcome === 'home') {
      WORKED.set(key, password);
      return;
    }
    if (outcome === 'change') {
      await changeForcedPassword(page, password, known[0]!);
      await page.getByTestId('home-welcome').waitFor();
      WORKED.set(key, known[0]!);
      return;
    }
  }
  throw new Error(`cannot sign in as ${key}`);
}

/** Journey 10 leaves zhibu in English (with large text): journeys that read Chinese wording switch back. */
export async function ensureChinese(page: Page): Promise<void> {
  const sw = page.getByTestId('lang-switch').first();
  await sw.waitFor();
  if (/中文/.test(await sw.innerText())) {
    await sw.click();
    await page.getByTestId('lang-switch').first().filter({ hasText: /English|EN/ }).waitFor();
  }
}
