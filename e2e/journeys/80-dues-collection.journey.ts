// 党费 (RULES.md §4): the branch secretary sees the branch's collection rate, opens a member on the 未交 list, records a
// cash payment for the months owed, and sees the rate go up; the member's 我的党费 and the calculator on a phone.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { ensureChinese, openNav, signInDemo } from '../steps/signin.js';
import { rateChangedFrom, rateText } from '../steps/dues.js';

export const name = 'dues: the organizer sees the collection rate change after a cash payment; 我的党费 and the calculator on a phone';

export async function run(ctx: JourneyContext): Promise<void> {
  const desk = await ctx.newDesktopPage();
  await signInDemo(desk, 'zhibu');
  await ensureChinese(desk);
  await openNav(desk, 'dues');
  const before = await rateText(desk);
  await desk.getByTestId('dues-unpaid-row').first().waitFor();
  await ctx.shot(desk, '01-report-desktop');

  // The first member on the 未交 list: their ledger, then the cash confirmation.
  await desk.getByTestId('dues-unpaid-row').first().locator('a').first().click();
  await desk.getByTestId('dues-ledger-summary').waitFor();
  await desk.getByTestId('dues-entry').first().waitFor();
  await ctx.shot(desk, '02-ledger-desktop');
  const owedBefore = (await desk.getByTestId('dues-ledger-owed').innerText()).trim();
  await desk.getByTestId('dues-cash-open').click();
  const boxes = desk.getByTestId('dues-cash-months').locator('input[type=checkbox]');
  await boxes.first().waitFor();
  const n = await boxes.count();
  for (let i = 0; i < n; i++) await boxes.nth(i).check();
  await ctx.shot(desk, '03-cash-desktop');
  await desk.getByTestId('dues-cash-confirm').click();
  await desk.getByText('已登记').first().waitFor();
  await desk.getByTestId('dues-cash-open').waitFor();
  await desk.waitForFunction((b) => document.querySelector('[data-testid="dues-ledger-owed"]')?.textContent?.includes(b) === false, owedBefore.replace(/\s+/g, '').slice(-6));
  await ctx.shot(desk, '04-ledger-paid-desktop');

  // Back on the report the rate is higher.
  await desk.goBack();
  await desk.getByTestId('dues-report').waitFor();
  const after = await rateChangedFrom(desk, before);
  assert.ok(parseFloat(after) > parseFloat(before), `the collection rate went up (${before} → ${after})`);
  await ctx.shot(desk, '05-report-after-desktop');
  for (const tab of ['runs', 'bases', 'alerts', 'settings'] as const) {
    await desk.getByTestId(`dues-tab-${tab}`).click();
    await desk.waitForTimeout(300);
    await desk.locator('.ant-card').first().waitFor();
    await ctx.shot(desk, `06-tab-${tab}-desktop`);
  }

  // The same report on a phone.
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'zhibu');
  await openNav(phone, 'dues');
  await rateText(phone);
  await phone.getByTestId('dues-unpaid-row').first().waitFor();
  await ctx.shot(phone, '07-report-phone');
  await phone.getByTestId('dues-tab-bases').click();
  await phone.getByTestId('dues-base-row').first().waitFor();
  await ctx.shot(phone, '08-bases-phone');

  // 我的党费 of the demo 党员 on a phone: owed months, the 缴纳 hand-off, the calculator.
  const member = await ctx.newPhonePage();
  await signInDemo(member, 'dangyuan');
  await ensureChinese(member);
  await openNav(member, 'myDues');
  await member.getByTestId('my-dues-summary').waitFor();
  await member.getByTestId('my-dues-owed-list').waitFor();
  // 我的减免申请 loads on its own: wait for it so the screenshot shows the page, not a spinner.
  await member.locator('[data-testid="dues-requests"] .ant-spin-spinning').waitFor({ state: 'detached' });
  await ctx.shot(member, '09-my-dues-phone');
  await member.getByTestId('dues-calc-base').fill('3000.01');
  await member.getByTestId('dues-calc-submit').click();
  const rule = await member.getByTestId('dues-calc-rule').innerText();
  assert.match(rule, /1%/, 'a base just above 3000 元 pays 1 % of the whole base');
  assert.match(rule, /30\.00元/);
  await member.getByTestId('dues-calculator').scrollIntoViewIfNeeded();
  await ctx.shot(member, '10-calculator-phone');
  const pay = member.getByTestId('my-dues-pay');
  assert.ok(await pay.isEnabled(), 'the 缴纳 button is there for the months owed');
}
