// 民主评议党员 (issue 5; RULES.md §5): last year's round in the demo branch had every member rating (5 and more), so its
// aggregates show; this year the member rates on a phone (anonymous) and the secretary rates too, closes the rating,
// and with only two sheets no member's aggregate is shown (fewer than 5 ratings).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { JourneyContext } from '../harness.js';
import { ensureChinese, signInDemo } from '../steps/signin.js';

export const name = '民主评议: aggregates from 5 ratings, none with fewer; anonymous rating on a phone';

async function openRound(page: Page, year: number): Promise<void> {
  await page.goto('/evaluation');
  await page.getByTestId('ev-row').filter({ hasText: `${year}年度` }).locator('a').click();
  await page.getByTestId('ev-round').waitFor();
}

async function rateAll(page: Page): Promise<void> {
  for (const row of await page.getByTestId('ev-rate-row').all()) await row.getByText('合格', { exact: true }).click();
  await page.getByTestId('ev-rate-submit').click();
  await page.getByTestId('ev-rated').waitFor();
}

export async function run(ctx: JourneyContext): Promise<void> {
  const host = await ctx.newDesktopPage();
  await signInDemo(host, 'zhibu');
  await ensureChinese(host);
  const member = await ctx.newPhonePage();
  await signInDemo(member, 'dangyuan');
  await ensureChinese(member);
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

  // Last year: everyone rated; each member's distribution is shown.
  await openRound(host, year - 1);
  const shown = await host.locator('[data-testid="ev-result-row"][data-shown="yes"]').count();
  assert.ok(shown >= 5, `last year's aggregates are shown (${shown})`);
  await ctx.shot(host, 'last-year-results-desktop');

  // This year: the member's self-assessment and anonymous rating sheet on a phone.
  await openRound(member, year);
  await member.getByTestId('ev-self').fill('一年来认真学习，完成继电保护技改任务，按时参加组织生活。');
  await member.getByTestId('ev-self-save').click();
  await member.getByText('已保存').first().waitFor();
  await ctx.shot(member, 'rating-sheet-phone');
  await rateAll(member);
  await ctx.shot(member, 'rated-phone');

  // The secretary rates too, closes the rating: two sheets, so no aggregate is shown.
  await openRound(host, year);
  await rateAll(host);
  await host.getByTestId('ev-close-rating').click();
  await host.locator('[data-testid="ev-round"][data-status="review"]').waitFor();
  assert.equal(await host.locator('[data-testid="ev-result-row"][data-shown="yes"]').count(), 0, 'fewer than 5 ratings: nothing shown');
  await host.getByText('不足 5 票，不显示').first().waitFor();
  await ctx.shot(host, 'this-year-closed-desktop');
  await host.setViewportSize({ width: 390, height: 844 });
  await ctx.shot(host, 'this-year-closed-phone');
}
