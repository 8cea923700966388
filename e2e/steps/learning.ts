// Sign-in for the learning journeys (90–93): a demo account's first login, or its changed password on a re-run.
import type { Page } from 'playwright-core';
import { changeForcedPassword, DEMO_PASSWORD, fillLogin, KNOWN } from './signin.js';

export async function signInAs(page: Page, username: string): Promise<void> {
  const changed = `Xuexi-${[...username].reverse().join("")}-2026x`;
  // Other journeys (81 signs in shuji) may have set their own password first.
  for (const password of [DEMO_PASSWORD, changed, ...(KNOWN[username] ?? [])]) {
    await fillLogin(page, 'demo', username, password);
    const quiet = <T>(p: Promise<T>) => p.catch(() => new Promise<T>(() => {}));
    const outcome = await Promise.race([
      quiet(page.waitForURL(/\/login\/password/).then(() => 'change' as const)),
      quiet(page.getByTestId('home-welcome').waitFor().then(() => 'home' as const)),
      quiet(page.getByTestId('login-error').waitFor().then(() => 'error' as const)),
    ]);
    if (outcome === 'home') return;
    if (outcome === 'change') {
      await changeForcedPassword(page, password, changed);
      await page.getByTestId('home-welcome').waitFor();
      return;
    }
  }
  throw new Error(`cannot sign in as ${username}`);
}
