// Steps shared by the 党费 journeys (80-84): signing in demo accounts whatever earlier journeys did to their passwords.
import type { Page } from 'playwright-core';
import { changeForcedPassword, DEMO_PASSWORD, fillLogin, KNOWN } from './signin.js';

const WORKED = new Map<string, string>();

export async function signInDemo(page: Page, username: string): Promise<void> {
  const known = KNOWN[username] ?? [];
  const worked = WORKED.get(username);
  const quiet = <T>(p: Promise<T>) => p.catch(() => new Promise<T>(() => {}));
  for (const password of worked ? [worked] : [DEMO_PASSWORD, ...known]) {
    await fillLogin(page, 'demo', username, password);
    const outcome = await Promise.race([
      quiet(page.waitForURL(/\/login\/password/).then(() => 'change' as const)),
      quiet(page.getByTestId('home-welcome').waitFor().then(() => 'home' as const)),
      quiet(page.getByTestId('login-error').waitFor().then(() => 'error' as const)),
    ]);
    if (outcome === 'home') {
      WORKED.set(username, password);
      return;
    }
    if (outcome === 'change') {
      await changeForcedPassword(page, password, known[0]!);
      await page.getByTestId('home-welcome').waitFor();
      WORKED.set(username, known[0]!);
      return;
    }
  }
  throw new Error(`cannot sign in as demo/${username}`);
}

/** Journey 10 may leave an account in English: the 党费 journeys read Chinese wording. */
export async function ensureChinese(page: Page): Promise<void> {
  const sw = page.getByTestId('lang-switch').first();
  await sw.waitFor();
  if (/中文/.test(await sw.innerText())) {
    await sw.click();
    await page.getByTestId('lang-switch').first().filter({ hasText: /English|EN/ }).waitFor();
  }
}

export async function rateText(page: Page): Promise<string> {
  const el = page.getByTestId('dues-report-rate');
  await el.waitFor();
  return (await el.innerText()).trim();
}
