// The separated administrators (三员分立): the system administrator enrols an authenticator and creates an
// account; the security administrator grants it a role; the audit administrator sees those actions in the
// audit log and verifies the SM3 chain.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { fillLogin, firstLogin, logout, openNav } from '../steps/signin.js';

export const name = 'administrators: TOTP enrolment, accounts, audit chain';

export async function run(ctx: JourneyContext): Promise<void> {
  const page = await ctx.newDesktopPage();
  const sys = await firstLogin(ctx, page, 'sysadmin', { admin: true });
  assert.ok(sys.secret, 'the system administrator enrolled a second factor');
  assert.equal(await page.getByTestId('nav-audit').count(), 0, 'the system administrator has no audit log');
  await openNav(page, 'accounts');
  await page.getByTestId('accounts-table').waitFor();
  await page.locator('[data-testid="account-row"], [data-testid="accounts-table"] tr.ant-table-row').first().waitFor();
  await ctx.shot(page, '01-accounts');
  await page.getByTestId('account-create').click();
  await page.getByTestId('account-username').fill('wanglei');
  await page.getByTestId('account-display-name').fill('王磊');
  await page.getByRole('button', { name: /保\s*存|Save/ }).last().click();
  await page.getByTestId('one-time-secret').waitFor();
  await ctx.shot(page, '02-temporary-password');
  // Crossing the phone breakpoint (a tablet rotated) must not remount the page and lose the shown-once password.
  await page.setViewportSize({ width: 700, height: 900 });
  await page.getByTestId('nav-drawer-toggle').waitFor();
  assert.ok(await page.getByTestId('one-time-secret').isVisible(), 'the temporary password survives a layout switch');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByTestId('secret-done').click();
  await logout(page);

  // Second login of the system administrator: the TOTP step.
  await fillLogin(page, 'demo', 'sysadmin', sys.password);
  await page.waitForURL(/\/login\/totp/);
  await ctx.shot(page, '03-totp-step');
  // A code is accepted once (RULES.md §7, no replay): the next one comes from a later 30-second window.
  await page.getByTestId('totp-code').fill(await ctx.freshTotp(sys.secret!, { notThis: sys.usedCode! }));
  await page.getByTestId('totp-submit').click();
  await page.getByTestId('home-welcome').waitFor();
  await logout(page);

  const audit = await ctx.newDesktopPage();
  await firstLogin(ctx, audit, 'auditor', { admin: true });
  await openNav(audit, 'audit');
  await audit.getByTestId('audit-table').waitFor();
  await audit.locator('[data-testid="audit-row"], [data-testid="audit-table"] tr.ant-table-row').first().waitFor();
  const text = await audit.getByTestId('audit-table').innerText();
  assert.match(text, /account\.create|新建账号|创建账号/, 'the account creation is in the audit log');
  await audit.getByTestId('audit-verify').click();
  const result = audit.getByTestId('audit-verify-result');
  await result.waitFor();
  assert.match(await result.innerText(), /完整|通过|OK|未被篡改/, 'the chain verifies');
  await ctx.shot(audit, '04-audit-verified');
}
