// 组织生活 (issue 5; RULES.md §5): the branch secretary plans a 支部党员大会 on a desktop and notifies; the member finds the
// notice on a phone and asks for leave with a reason; the secretary approves, records the attendance of the meeting
// held, writes and signs the minutes; the compliance view shows the quarter's 支部党员大会 green.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { ensureChinese, signInDemo } from '../steps/signin.js';
import { chooseOption } from '../steps/select.js';

export const name = 'meetings: plan → notify → leave → attendance and minutes → signed → compliance green';

const shanghai = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);

export async function run(ctx: JourneyContext): Promise<void> {
  const host = await ctx.newDesktopPage();
  await signInDemo(host, 'zhibu');
  await ensureChinese(host);
  const member = await ctx.newPhonePage();
  await signInDemo(member, 'dangyuan');
  await ensureChinese(member);
  const now = new Date();
  const [y, m] = shanghai(now).split('-').map(Number) as [number, number];
  const quarter = `${y}-Q${Math.ceil(m / 3)}`;

  // Before: the compliance view of the secretary's branch for this quarter.
  await host.goto(`/meetings/compliance?period=${quarter}`);
  const assembly = host.getByTestId('compliance-kind').and(host.locator('[data-kind="branch_assembly"]')).first();
  await assembly.waitFor();
  // Usually not green yet (the demo holds the quarter's 支部党员大会 in its last fortnight).
  await ctx.shot(host, 'compliance-before-desktop');

  // Plan: a 支部党员大会 that began two hours ago (it is recorded after it was held), notified on saving.
  await host.goto('/meetings/new');
  await host.getByTestId('plan-form').waitFor();
  await chooseOption(host, 'plan-unit');
  await chooseOption(host, 'plan-kind', '支部党员大会');
  const startInput = host.locator('[data-testid="plan-form"] .ant-picker input').first();
  await startInput.click();
  await host.keyboard.press('Control+A');
  await host.keyboard.type(shanghai(new Date(now.getTime() - 2 * 3_600_000)));
  await host.keyboard.press('Enter');
  await host.locator('[data-testid="plan-place"]').fill('检修部三楼会议室');
  await host.getByTestId('plan-agenda-add').click();
  await host.getByTestId('plan-agenda-item').first().fill('传达学习上级党委会议精神');
  await ctx.shot(host, 'plan-desktop');
  await host.getByTestId('plan-submit').click();
  await host.getByTestId('meeting-detail').waitFor();
  assert.equal((await host.getByTestId('meeting-status').innerText()).trim(), '已通知');
  const meetingUrl = host.url();

  // 编辑: the same form with the meeting's values; a new title and a second agenda item, saved with its version.
  await host.getByTestId('meeting-edit').click();
  await host.getByTestId('plan-form').waitFor();
  assert.equal(await host.getByTestId('plan-place').inputValue(), '检修部三楼会议室');
  assert.equal(await host.getByTestId('plan-agenda-item').first().inputValue(), '传达学习上级党委会议精神');
  await host.getByTestId('plan-renotify').waitFor();
  await host.getByTestId('plan-title').fill('支部党员大会：学习上级党委会议精神');
  await host.getByTestId('plan-agenda-add').click();
  await host.getByTestId('plan-agenda-item').nth(1).fill('研究发展党员工作');
  await ctx.shot(host, 'edit-desktop');
  await host.setViewportSize({ width: 390, height: 844 });
  await ctx.shot(host, 'edit-phone');
  await host.setViewportSize({ width: 1366, height: 900 });
  await host.getByTestId('plan-submit').click();
  await host.getByTestId('meeting-detail').waitFor();
  assert.equal(host.url(), meetingUrl);
  await host.getByText('支部党员大会：学习上级党委会议精神').first().waitFor();
  assert.match(await host.getByTestId('meeting-agenda').innerText(), /研究发展党员工作/);

  // The member: the notice in 我的消息, the meeting page, leave with a reason.
  await member.goto('/notifications');
  const notice = member.getByTestId('notification-row').filter({ hasText: '支部党员大会' }).first();
  await notice.waitFor();
  await ctx.shot(member, 'notifications-phone');
  await notice.click();
  await member.getByTestId('meeting-detail').waitFor();
  await member.getByTestId('meeting-leave').click();
  await member.getByTestId('meeting-leave-text').fill('在外地参加技术培训');
  await member.getByTestId('meeting-leave-ok').click();
  await member.getByText('请假待批').first().waitFor();
  await ctx.shot(member, 'meeting-leave-phone');

  // The secretary approves, records the meeting held, writes and signs the minutes.
  await host.goto(meetingUrl);
  await host.getByTestId('leave-approve').first().click();
  await host.getByText('已准假').first().waitFor();
  await host.getByTestId('meeting-record').click();
  await host.getByTestId('record-save').click();
  await host.locator('[data-testid="meeting-detail"][data-status="held"]').waitFor();
  await host.getByTestId('minutes-text').fill('一、传达学习上级党委会议精神\n与会党员结合检修工作谈了体会。\n二、研究发展党员工作');
  await host.getByTestId('minutes-save').click();
  await host.getByText('已保存').first().waitFor();
  await host.getByTestId('minutes-sign').click();
  await host.locator('.ant-popconfirm .ant-btn-primary').click();
  await host.getByTestId('minutes-signed').waitFor();
  await ctx.shot(host, 'meeting-signed-desktop');

  // After: the quarter's 支部党员大会 is green.
  await host.goto(`/meetings/compliance?period=${quarter}`);
  await host.locator('[data-testid="compliance-kind"][data-kind="branch_assembly"][data-light="green"]').first().waitFor();
  await ctx.shot(host, 'compliance-after-desktop');
  await host.setViewportSize({ width: 390, height: 844 });
  await ctx.shot(host, 'compliance-after-phone');

  // The member's view of the held meeting on a phone.
  await member.goto('/meetings?tab=past');
  await member.getByTestId('meeting-row').first().waitFor();
  await ctx.shot(member, 'my-meetings-phone');

  // 规则设置 (§5): the secretary reads them (phone, then desktop); the top unit's 组织委员 changes the theme day and
  // puts the regulation's numbers back.
  await host.goto('/meetings');
  await host.getByTestId('meeting-settings').click();
  await host.getByTestId('mt-settings-readonly').waitFor();
  assert.match(await host.getByTestId('mt-settings-value-branch_assembly').innerText(), /每季度/);
  await ctx.shot(host, 'settings-readonly-phone');
  await host.setViewportSize({ width: 1366, height: 900 });
  await ctx.shot(host, 'settings-readonly-desktop');
  const top = await ctx.newDesktopPage();
  await signInDemo(top, 'zuzhi');
  await ensureChinese(top);
  await top.goto('/meetings/settings');
  const themeDay = top.getByTestId('mt-settings-input-themeDayOfMonth');
  await themeDay.fill('10');
  await top.evaluate(() => window.scrollTo(0, 0));
  await ctx.shot(top, 'settings-edit-desktop');
  await top.getByTestId('mt-settings-save').click();
  await top.getByText(/规则设置已保存/).first().waitFor();
  await host.reload();
  assert.match(await host.getByTestId('mt-settings-value-themeDayOfMonth').innerText(), /^10/);
  await top.getByTestId('mt-settings-reset').click();
  assert.equal(await themeDay.inputValue(), '15');
  await top.getByTestId('mt-settings-save').click();
  await top.getByText(/规则设置已保存/).first().waitFor();
  await top.setViewportSize({ width: 390, height: 844 });
  await top.evaluate(() => window.scrollTo(0, 0));
  await ctx.shot(top, 'settings-edit-phone');
}
