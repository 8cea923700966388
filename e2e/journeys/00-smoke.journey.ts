// Smoke: the server is up on the embedded database and the SPA's login page renders in Chinese on a phone.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';

export const name = 'smoke: health and the login page on a phone';

export async function run(ctx: JourneyContext): Promise<void> {
  const res = await ctx.api('/api/health');
  assert.equal(res.status, 200, 'GET /api/health answers 200');
  const health = (await res.json()) as { status?: string; database?: string };
  assert.equal(health.status, 'ok', 'health status is ok');
  assert.equal(health.database, 'pglite', 'the e2e server runs on the embedded PGlite database');

  const page = await ctx.newPhonePage();
  await page.goto('/');
  // An unauthenticated visitor lands on the login form, wherever the SPA routes them.
  await page.locator('[data-testid="login-username"]').waitFor({ state: 'visible' });
  for (const id of ['login-password', 'login-submit']) {
    assert.ok(await page.locator(`[data-testid="${id}"]`).isVisible(), `[data-testid="${id}"] is visible`);
  }
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(text.includes('登录'), `the login page shows 登录 (body text: ${JSON.stringify(text.slice(0, 200))})`);
  await ctx.shot(page, 'login-phone');

  const demo = await ctx.server.demoAccounts();
  ctx.log(`the server printed ${demo.accounts.length} demo accounts`);

  // Phones first: report (not fail) a page wider than the phone.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) ctx.log(`warning: the login page is ${width}px wide at a 390px viewport (horizontal scrolling)`);
}
