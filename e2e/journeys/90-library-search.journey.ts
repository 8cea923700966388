// The library in Chinese (issue 6): a union staff member searches "党费交纳" and sees highlighted snippets, filters to
// regulations, finds 红船精神 by typing its pinyin, and opens it in the reader. Phone first, then desktop.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { JourneyContext } from '../harness.js';
import { openNav, signInDemo } from '../steps/signin.js';
import { chooseOption } from '../steps/select.js';

export const name = 'search the library in Chinese and by pinyin, open a result';

/** Types a query as a person does and waits until a result titled like `expect` shows (not the list from before). */
async function search(page: Page, text: string, expect: string): Promise<void> {
  const box = page.getByTestId('library-search').locator('input');
  await box.fill(text);
  await box.press('Enter');
  await page.locator('[data-testid="library-result-title"]', { hasText: expect }).first().waitFor();
  await page.locator('[data-testid="library-results"] .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {});
}

export async function run(ctx: JourneyContext): Promise<void> {
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'gonghui');
  await openNav(phone, 'library');
  await phone.getByTestId('library-result').first().waitFor();
  await ctx.shot(phone, '01-library-phone');

  await search(phone, '党费交纳', '党费');
  const first = phone.getByTestId('library-result').first();
  assert.match(await first.getByTestId('library-result-title').innerText(), /党费/);
  const marks = await phone.locator('[data-testid="library-results"] mark.zg-hit').allInnerTexts();
  assert.ok(marks.includes('党费') && marks.includes('交纳'), `the words are highlighted: ${marks.join(',')}`);
  await ctx.shot(phone, '02-search-dues-phone');

  await search(phone, 'hongchuan', '红船精神');
  const titles = await phone.getByTestId('library-result-title').allInnerTexts();
  // Every title found holds 红船 (the demo hall's picture 南湖红船 too), the exact title first.
  assert.equal(titles[0], '红船精神', 'pinyin finds the title, first');
  assert.ok(titles.every((x) => x.includes('红船')), `pinyin finds only titles with 红船: ${titles.join('、')}`);
  await ctx.shot(phone, '03-search-pinyin-phone');
  await phone.getByTestId('library-result-open').first().click();
  await phone.getByTestId('resource-title').waitFor();
  assert.equal(await phone.getByTestId('resource-title').innerText(), '红船精神');
  assert.match(await phone.getByTestId('resource-body').innerText(), /嘉兴南湖/);
  await ctx.shot(phone, '04-reader-phone');

  const desk = await ctx.newDesktopPage();
  await signInDemo(desk, 'gonghui');
  await desk.goto('/library?q=%E4%B8%89%E4%BC%9A%E4%B8%80%E8%AF%BE');
  await desk.getByTestId('library-result').first().waitFor();
  await chooseOption(desk, 'library-filter-category', '法规制度');
  await desk.waitForURL(/category=regulation/);
  await desk.getByTestId('library-result').first().waitFor();
  assert.match(await desk.getByTestId('library-result-title').first().innerText(), /三会一课/);
  await ctx.shot(desk, '05-search-filtered-desktop');
  await desk.getByTestId('library-result-open').first().click();
  await desk.getByTestId('resource-passage').waitFor();
  await ctx.shot(desk, '06-reader-desktop');
}
