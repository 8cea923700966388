// Take a course and see progress (issue 6): the discipline member opens 我的学习 on a phone, starts the course assigned to
// the whole enterprise, studies its first lesson while the server counts the heartbeats, and sees the time studied and
// the progress bars move. Then the publicity member, on a desktop, looks at the course, its progress over the
// enterprise (aggregates) and the study-hour statistics. Phone and desktop screenshots.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { JourneyContext } from '../harness.js';
import { openNav, signInDemo } from '../steps/signin.js';

export const name = 'take a course on a phone and see progress; the organiser sees progress and study hours';

const COURSE = '学习党章 做合格党员';

/** Seconds shown as studied on the player ("15 秒", "1 分 5 秒"). */
async function studiedSeconds(page: Page): Promise<number> {
  const text = await page.getByTestId('lesson-studied').innerText();
  const m = /(?:(\d+)\s*分)?\s*(\d+)\s*秒/.exec(text);
  return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) : 0;
}

export async function run(ctx: JourneyContext): Promise<void> {
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'jijian');
  await openNav(phone, 'learning');
  const card = phone.getByTestId('my-course-card').filter({ hasText: COURSE });
  await card.waitFor();
  assert.match(await card.innerText(), /已完成 0\/4 节/);
  await ctx.shot(phone, '01-my-learning-phone');

  // The course page, then its first lesson in the player.
  await card.click();
  await phone.getByTestId('my-course').waitFor();
  await ctx.shot(phone, '02-course-phone');
  await phone.getByTestId('my-course-continue').click();
  await phone.getByTestId('lesson-article').waitFor();
  await phone.locator('[data-testid="lesson-counting"][data-state="counting"]').waitFor();
  await ctx.shot(phone, '03-player-counting-phone');

  // The next heartbeat (every 15 s) brings the time the server counted.
  await phone.waitForFunction(() => {
    const el = document.querySelector('[data-testid="lesson-studied"]');
    return !!el && /[1-9]\d*\s*秒|分/.test(el.textContent ?? '') && !/^\s*0\s*秒/.test(el.textContent ?? '');
  }, null, { timeout: 60_000 });
  const studied = await studiedSeconds(phone);
  assert.ok(studied >= 10 && studied <= 60, `the server counted about one heartbeat interval, not more (${studied} s)`);
  const percent = Number(await phone.getByTestId('lesson-progress').getAttribute('data-percent'));
  assert.ok(percent > 0, 'the progress bar moved');
  await ctx.shot(phone, '04-player-progress-phone');

  // Back on the course: the lesson shows the time studied.
  await phone.getByRole('button', { name: COURSE }).click();
  await phone.getByTestId('my-course').waitFor();
  assert.match(await phone.getByTestId('my-lesson-row').first().innerText(), /已学\s*\d+\s*秒/);
  await ctx.shot(phone, '05-course-progress-phone');

  // The organiser: the course, its progress over the enterprise, and study hours.
  const desk = await ctx.newDesktopPage();
  await signInDemo(desk, 'xuanchuan');
  await openNav(desk, 'courses');
  await desk.getByTestId('courses-table').getByText(COURSE).waitFor();
  await ctx.shot(desk, '06-courses-desktop');
  await desk.getByTestId('courses-table').getByText(COURSE).click();
  await desk.getByTestId('course-detail').waitFor();
  await ctx.shot(desk, '07-course-detail-desktop');
  await desk.getByTestId('course-progress').click();
  await desk.getByTestId('progress-view').waitFor();
  const assigned = Number((await desk.getByTestId('progress-assigned').locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
  assert.ok(assigned > 100, `the whole enterprise is assigned (${assigned})`);
  await ctx.shot(desk, '08-progress-desktop');
  await desk.getByTestId('progress-tab-hours').click();
  await desk.getByTestId('hours-total').waitFor();
  await ctx.shot(desk, '09-study-hours-desktop');

  // The same screens a phone-using organiser sees.
  const orgPhone = await ctx.newPhonePage();
  await signInDemo(orgPhone, 'xuanchuan');
  await orgPhone.goto('/learning-progress');
  await orgPhone.getByTestId('progress-view').waitFor();
  await ctx.shot(orgPhone, '10-progress-phone');
}
