// 发展党员 (RULES.md §2): the branch secretary opens the board with its reminders, tries to make the demo's 8-month
// 积极分子 a 发展对象 and is refused with the one-year rule named (no exception offered: no override); the 组织委员
// then records an exception with a reason and the timeline shows it. Phone and desktop.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { JourneyContext } from '../harness.js';
import { changeForcedPassword, DEMO_PASSWORD, fillLogin, openNav } from '../steps/signin.js';

export const name = 'member development: board, refusal naming the rule, exception by the 组织委员';

/** Passwords the accounts may already have (journey 10 changes zhibu's); the first is what this journey sets. */
const KNOWN = { zhibu: ['Qingshan-lushui-51', 'Hetang-yuese-58'], zuzhi: ['Baiyun-changjiang-52'] } as const;

/** Signs in whatever earlier journeys did to the account: first login (forced change) or a password set before. */
async function signIn(page: Page, username: keyof typeof KNOWN): Promise<void> {
  for (const password of [DEMO_PASSWORD, ...KNOWN[username]]) {
    await fillLogin(page, 'demo', username, password);
    const outcome = await Promise.race([
      page.waitForURL(/\/login\/password/).then(() => 'change' as const),
      page.getByTestId('home-welcome').waitFor().then(() => 'home' as const),
      page.getByTestId('login-error').waitFor().then(() => 'error' as const),
    ]);
    if (outcome === 'home') return;
    if (outcome === 'change') {
      await changeForcedPassword(page, password, KNOWN[username][0]);
      await page.getByTestId('home-welcome').waitFor();
      return;
    }
  }
  throw new Error(`cannot sign in as ${username}`);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86_400_000));

/** Opens the 8-month 积极分子 from the board and asks for 确定发展对象 with a finished 公示. */
async function tryCandidate(page: Page): Promise<void> {
  await page.getByTestId('dev-board-person').filter({ hasText: '黄浩然' }).first().click();
  await page.getByTestId('dev-step-form').waitFor();
  await page.getByTestId('dev-form-publicity-from').fill(daysAgo(14));
  await page.getByTestId('dev-form-publicity-to').fill(daysAgo(7));
  await page.getByTestId('dev-form-submit').click();
  await page.getByTestId('dev-refusal').waitFor();
  const rule = page.locator('[data-testid="dev-violation"][data-code="activist_period_short"]');
  await rule.waitFor();
  assert.match(await rule.innerText(), /RULES\.md §2/, 'the refusal names the rule');
}

export async function run(ctx: JourneyContext): Promise<void> {
  // The branch secretary on a phone.
  const phone = await ctx.newPhonePage();
  await signIn(phone, 'zhibu');
  await openNav(phone, 'development');
  await phone.getByTestId('dev-board').waitFor();
  await phone.getByTestId('dev-reminder').first().waitFor();
  assert.ok((await phone.getByTestId('dev-board-person').count()) >= 8, 'people at every stage are on the board');
  await ctx.shot(phone, '01-phone-board');
  await tryCandidate(phone);
  assert.equal(await phone.getByTestId('dev-exception').count(), 0, 'no exception is offered without development.override');
  await ctx.shot(phone, '02-phone-refused');

  // The same on a desktop: columns by status.
  const desk = await ctx.newDesktopPage();
  await signIn(desk, 'zhibu');
  await desk.goto('/development');
  await desk.getByTestId('dev-column-candidate').waitFor();
  await ctx.shot(desk, '03-desktop-board');
  await tryCandidate(desk);
  await ctx.shot(desk, '04-desktop-refused');

  // The 组织委员 may record an exception, with a reason; it shows in the timeline.
  const zu = await ctx.newDesktopPage();
  await signIn(zu, 'zuzhi');
  await zu.goto('/development');
  await zu.getByTestId('dev-board').waitFor();
  await tryCandidate(zu);
  await zu.getByTestId('dev-exception').waitFor();
  await zu.getByTestId('dev-exception-reason').fill('上级党委批准提前确定为发展对象（演示）');
  await ctx.shot(zu, '05-exception-form');
  await zu.getByTestId('dev-exception-submit').click();
  await zu.getByTestId('dev-timeline-exception').waitFor();
  assert.match(await zu.getByTestId('dev-timeline-exception').innerText(), /上级党委批准提前确定为发展对象/);
  await ctx.shot(zu, '06-timeline-exception');

  // The annual plan and the holiday calendar.
  await zu.goto('/development/quotas');
  await zu.getByTestId('dev-quota-row').first().waitFor();
  await zu.getByTestId('dev-quota-input').first().fill('12');
  await zu.getByTestId('dev-quota-save').first().click();
  await zu.getByText(/已发展 \d+ \/ 计划 12|Admitted \d+ of 12/).first().waitFor();
  await ctx.shot(zu, '07-quotas');
  await zu.goto('/development/calendar');
  await zu.getByTestId('dev-calendar-row').first().waitFor();
  await ctx.shot(zu, '08-calendar');
}
