// 困难免交 (RULES.md §4): the member applies on a phone, the branch secretary reviews, the 党委书记 approves; the
// member's request reads 已批准 and the month no longer counts as owed.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { ensureChinese, openNav, signInDemo } from '../steps/signin.js';
import { chooseOption } from '../steps/select.js';

export const name = 'dues: a hardship exemption goes through application, branch review and committee approval';

export async function run(ctx: JourneyContext): Promise<void> {
  const member = await ctx.newPhonePage();
  await signInDemo(member, 'dangyuan');
  await ensureChinese(member);
  await openNav(member, 'myDues');
  await member.getByTestId('my-dues-summary').waitFor();
  await member.getByTestId('my-dues-apply').click();
  // From 7 months ahead to 8 months ahead: months no other journey pays.
  await chooseOption(member, 'dues-req-from', 13);
  await chooseOption(member, 'dues-req-to', 14);
  await member.getByTestId('dues-req-reason').fill('家人重病住院，收入微薄，申请免交（演示）');
  await ctx.shot(member, '01-apply-phone');
  await member.getByTestId('dues-req-submit').click();
  await member.getByText('申请已提交').first().waitFor();
  await member.getByTestId('dues-req-state').filter({ hasText: '待支部审核' }).first().waitFor();
  await ctx.shot(member, '02-applied-phone');

  const branch = await ctx.newDesktopPage();
  await signInDemo(branch, 'zhibu');
  await ensureChinese(branch);
  await branch.goto('/dues?tab=requests');
  const mine = branch.getByTestId('dues-request').filter({ hasText: '收入微薄' });
  await mine.first().waitFor();
  await ctx.shot(branch, '03-review-desktop');
  await mine.first().getByTestId('dues-req-review').click();
  await branch.getByTestId('dues-req-confirm').click();
  await branch.getByText('已办理').first().waitFor();

  const committee = await ctx.newDesktopPage();
  await signInDemo(committee, 'shuji');
  await ensureChinese(committee);
  await openNav(committee, 'dues');
  await committee.getByTestId('dues-tab-requests').click();
  const pending = committee.getByTestId('dues-request').filter({ hasText: '收入微薄' });
  await pending.first().waitFor();
  assert.match(await pending.first().innerText(), /待党委审批/);
  await ctx.shot(committee, '04-approve-desktop');
  await pending.first().getByTestId('dues-req-approve').click();
  await committee.getByTestId('dues-req-confirm').click();
  await committee.getByText('已办理').first().waitFor();

  await member.reload();
  await member.getByTestId('dues-req-state').filter({ hasText: '已批准' }).first().waitFor();
  await member.getByTestId('dues-req-state').first().scrollIntoViewIfNeeded();
  await ctx.shot(member, '05-approved-phone');
}
