// A party member may not see the audit log: the address bar path shows a plain "no access" page, the API
// refuses too, and the navigation never offered it.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { firstLogin, logout } from '../steps/signin.js';

export const name = 'party member: permission-denied path';

export async function run(ctx: JourneyContext): Promise<void> {
  const page = await ctx.newDesktopPage();
  await firstLogin(ctx, page, 'dangyuan');
  assert.equal(await page.getByTestId('nav-audit').count(), 0, 'the navigation does not offer the audit log');
  assert.equal(await page.getByTestId('nav-accounts').count(), 0, 'nor account administration');
  await ctx.shot(page, '01-home-member');

  await page.goto('/audit');
  await page.getByTestId('forbidden-page').waitFor();
  assert.match(await page.getByTestId('forbidden-page').innerText(), /无权|权限/);
  await ctx.shot(page, '02-forbidden');
  const api = await page.evaluate(async () => (await fetch('/api/audit')).status);
  assert.equal(api, 403, 'the API refuses as well');

  await page.getByTestId('back-home').click();
  await page.getByTestId('home-welcome').waitFor();
  await logout(page);
}
