// Signing in as a demo account whatever an earlier journey changed its password to.
import type { Page } from 'playwright-core';
import { changeForcedPassword, DEMO_PASSWORD, fillLogin } from './signin.js';

/** Passwords the accounts may already have from other journeys (10, 25, 50, 87); the first is what a first login sets here. */
const KNOWN: Record<string, string[]> = { zhibu: ['Qingshan-lushui-51', 'Hetang-yuese-58'], dangyuan: ['Qiushi-nauygnad-7x', 'Songbai-changqing-25'] };

export async function signInDemo(page: Page, username: string): Promise<void> {
  const known = KNOWN[username] ?? [];
  for (const password of [DEMO_PASSWORD, ...known]) {
    await fillLogin(page, 'demo', username, password);
    const outcome = await Promise.race([
      page.waitForURL(/\/login\/password/).then(() => 'change' as const),
      page.getByTestId('home-welcome').waitFor().then(() => 'home' as const),
      page.getByTestId('login-error').waitFor().then(() => 'error' as const),
    ]);
    if (outcome === 'home') return;
    if (outcome === 'change') {
      await changeForcedPassword(page, password, known[0]!);
      await page.getByTestId('home-welcome').waitFor();
      return;
    }
  }
  throw new Error(`cannot sign in as ${username}`);
}

/** Journey 10 leaves zhibu in English: journeys that read Chinese wording switch back. */
export async function ensureChinese(page: Page): Promise<void> {
  const sw = page.getByTestId('lang-switch').first();
  await sw.waitFor();
  if (/中文/.test(await sw.innerText())) {
    await sw.click();
    await page.getByTestId('lang-switch').first().filter({ hasText: /English|EN/ }).waitFor();
  }
}
