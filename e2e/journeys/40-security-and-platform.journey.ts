// The security administrator sets policy and sees accounts; the platform operator opens an enterprise whose
// first administrator can then sign in; a member's own account page on a phone.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { changeForcedPassword, fillLogin, firstLogin, logout, openNav } from '../steps/signin.js';

export const name = 'security administrator, platform operator, my account';

export async function run(ctx: JourneyContext): Promise<void> {
  const sec = await ctx.newDesktopPage();
  await firstLogin(ctx, sec, 'secadmin', { admin: true });
  await openNav(sec, 'security');
  const idle = sec.getByTestId('security-idleMinutes');
  await idle.waitFor();
  await ctx.shot(sec, '01-security-settings');
  // Bounds keep level 3: more than 30 idle minutes is refused by the server, naming the field.
  await idle.fill('45');
  await sec.getByTestId('security-save').click();
  await sec.getByText(/不能大于|at most/).first().waitFor();
  await ctx.shot(sec, '02-security-bound-refused');
  await idle.fill('20');
  await sec.getByTestId('security-save').click();
  await sec.getByText(/已保存|保存成功|Saved/).first().waitFor();
  await openNav(sec, 'accounts');
  await sec.getByTestId('accounts-table').waitFor();
  assert.equal(await sec.getByTestId('account-create').count(), 0, 'the security administrator cannot create accounts');
  await ctx.shot(sec, '03-accounts-as-security-admin');
  await logout(sec);

  const op = await ctx.newDesktopPage();
  await firstLogin(ctx, op, 'operator', { admin: true, tenant: 'platform' });
  await openNav(op, 'platform');
  await op.getByTestId('tenant-create').click();
  await op.getByTestId('tenant-code').fill('huadong');
  await op.getByTestId('tenant-name').fill('华东示范电力有限公司');
  await op.getByTestId('tenant-admin-username').fill('admin');
  await op.getByTestId('tenant-admin-display-name').fill('系统管理员');
  await op.getByRole('button', { name: /保\s*存|开\s*通|Save|Create/ }).last().click();
  const secret = op.getByTestId('one-time-secret');
  await secret.waitFor();
  const tempPassword = (await secret.innerText()).match(/[A-Za-z]{7}-\d{4}[a-z]{2}/)?.[0];
  assert.ok(tempPassword, 'the first administrator’s temporary password is shown once');
  await ctx.shot(op, '04-tenant-created');
  await op.getByTestId('secret-done').click();
  await logout(op);

  const admin = await ctx.newPhonePage();
  await fillLogin(admin, 'huadong', 'admin', tempPassword);
  await changeForcedPassword(admin, tempPassword, 'Dongfang-hong-66');
  await admin.waitForURL(/\/login\/totp-setup/);
  await ctx.shot(admin, '05-new-tenant-admin-totp-setup-phone');

  const member = await ctx.newPhonePage();
  await firstLogin(ctx, member, 'zhigong');
  await openNav(member, 'me');
  await member.getByTestId('me-sessions').waitFor();
  await ctx.shot(member, '06-my-account-phone');
}
