// Org management (RULES.md §1): the 组织委员 sees the 换届 count on the home page (phone), opens the overdue branch and
// reads its term, positions and findings; on a desktop creates a branch, moves it to another committee, reads its
// history, and dissolves it (empty). Demo data stays as it was.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { signInDemo } from '../steps/signin.js';
import { chooseOption } from '../steps/select.js';

export const name = 'org management: 换届 reminders, leadership tab, move with history, dissolve';

export async function run(ctx: JourneyContext): Promise<void> {
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'zuzhi');
  const card = phone.getByTestId('home-renewal-card');
  await card.waitFor();
  assert.match(await card.innerText(), /需要换届的组织[\s\S]*4/, 'four demo branches are due or overdue');
  await ctx.shot(phone, '01-phone-home-renewal');
  await card.click();
  await phone.getByTestId('org-unit-detail').waitFor();
  await phone.getByTestId('org-finding').first().or(phone.getByTestId('org-finding-none')).waitFor();
  await ctx.shot(phone, '02-phone-overview');
  await phone.getByTestId('org-tab-leadership').click();
  await phone.getByTestId('org-term').waitFor();
  assert.equal(await phone.getByTestId('org-term-state').first().innerText(), '已届满', 'the first reminder is the overdue branch');
  assert.ok((await phone.getByTestId('org-position-row').count()) >= 1, 'the branch has a secretary');
  await ctx.shot(phone, '03-phone-leadership');
  await phone.getByTestId('org-reminders').scrollIntoViewIfNeeded();
  assert.equal(await phone.getByTestId('org-reminder-row').count(), 4);
  await ctx.shot(phone, '04-phone-reminders');

  const page = await ctx.newDesktopPage();
  await signInDemo(page, 'zuzhi');
  await page.goto(`${ctx.baseURL}/org`);
  await page.getByTestId('org-unit-detail').waitFor();
  // The top unit: create a branch under it, to move and dissolve without touching the demo's own units.
  await page.getByTestId('org-create-child').click();
  await page.getByTestId('org-create-name').fill('旅程测试支部');
  await chooseOption(page, 'org-create-kind', '党支部');
  await page.getByTestId('org-create-submit').click();
  await page.getByTestId('org-unit-name').filter({ hasText: '旅程测试支部' }).waitFor();
  await page.getByTestId('org-move').click();
  const targetLabel = await chooseOption(page, 'org-move-target', '党委');
  await ctx.shot(page, '05-desktop-move');
  await page.getByTestId('org-move-submit').click();
  await page.getByTestId('org-breadcrumbs').filter({ hasText: targetLabel.split('（')[0]!.split(' / ').pop()! }).waitFor();
  await page.getByTestId('org-tab-history').click();
  const first = page.getByTestId('org-history-item').first();
  await first.waitFor();
  assert.match(await first.innerText(), /上级组织由/, 'the move is in the history');
  await ctx.shot(page, '06-desktop-history');
  await page.getByTestId('org-tab-leadership').click();
  await page.getByTestId('org-elect').waitFor();
  await ctx.shot(page, '07-desktop-leadership-empty');
  await page.getByTestId('org-dissolve').click();
  await page.getByTestId('org-dissolve-reason').fill('旅程测试，撤销');
  await page.getByTestId('org-dissolve-submit').click();
  await page.getByTestId('org-unit-name').filter({ hasNotText: '旅程测试支部' }).waitFor();
  await ctx.shot(page, '08-desktop-after-dissolve');
  assert.deepEqual(ctx.consoleErrors.filter((e) => /404/.test(e)), [], 'no view of a unit that is gone');
}
