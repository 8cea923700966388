// A branch secretary on a phone: first login with the forced password change (a weak password is refused
// with a message naming the rule), the org tree and the branch's members, English, large text, logout.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { changeForcedPassword, DEMO_PASSWORD, fillLogin, logout, openNav } from '../steps/signin.js';

export const name = 'branch secretary on a phone: forced password change, org tree, language, logout';

export async function run(ctx: JourneyContext): Promise<void> {
  const page = await ctx.newPhonePage();
  await fillLogin(page, 'demo', 'zhibu', DEMO_PASSWORD);

  // RULES.md §7: the first login forces a password change, under the complexity policy.
  await page.waitForURL(/\/login\/password/);
  await ctx.shot(page, '01-forced-password-change');
  await changeForcedPassword(page, DEMO_PASSWORD, 'abcdefghijk');
  // The server names the field; the form shows its message under 新密码.
  await page.getByText(/至少三类/).first().waitFor();
  await ctx.shot(page, '02-weak-password-refused');
  await page.getByTestId('pwd-new').fill('Hetang-yuese-58');
  await page.getByTestId('pwd-confirm').fill('Hetang-yuese-58');
  await page.getByTestId('pwd-submit').click();

  await page.getByTestId('home-welcome').waitFor();
  await ctx.shot(page, '03-home');

  await openNav(page, 'org');
  const tree = page.getByTestId('org-tree');
  await tree.waitFor();
  const node = page.getByTestId('org-node').first();
  await node.waitFor();
  await ctx.shot(page, '04-org-tree');
  await node.click();
  await page.getByTestId('org-unit-detail').waitFor();
  const rows = page.getByTestId('member-row');
  await rows.first().waitFor();
  const count = await rows.count();
  assert.ok(count > 0, 'the branch secretary sees the members of the branch');
  await ctx.shot(page, '05-branch-members');

  // Search by pinyin initials of the first member's name (张慧娟 → zhj).
  const search = page.getByTestId('members-search').locator('input').first();
  if (await search.count()) {
    await search.fill('zz-no-such-name');
    await search.press('Enter');
    await page.getByText(/没有找到/).first().waitFor();
    await ctx.shot(page, '06-members-empty-search');
    await search.fill('');
    await search.press('Enter');
  }

  await page.getByTestId('lang-switch').first().click();
  await page.getByText(/Organization|Org/).first().waitFor();
  await ctx.shot(page, '07-english');
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(/[A-Za-z]{4,}/.test(text), 'the page switched to English');

  const large = page.getByTestId('large-text-switch').first();
  if (await large.isVisible()) {
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await large.click();
    await page.waitForTimeout(300);
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(after > before, `large-text mode enlarges the text (${before}px → ${after}px)`);
    await ctx.shot(page, '08-large-text');
  }

  await logout(page);
  await ctx.shot(page, '09-logged-out');
  const me = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
  assert.equal(me, 401, 'after logout the session is gone');
}
