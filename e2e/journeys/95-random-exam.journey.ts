// Sit a random exam and see the result (issue 6): the committee secretary opens 我的学习 → 考试 on a phone, starts the
// random 党章党史 test (20 questions drawn for them), answers with the countdown and autosave showing, hands in after
// the confirmation and reads the score with the correct answers. They also sit the short 三会一课 quiz, whose short answer
// waits for a grader; the publicity member grades it blind on a desktop and looks at the exam's results and the bank.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { SCREENSHOTS, type JourneyContext } from '../harness.js';
import { openNav, signInDemo } from '../steps/signin.js';

export const name = 'sit a random exam on a phone and see the result; grade a short answer; the organiser sees results';

/** Answers every question on the page: the first option, "true", "1921" in blanks, a sentence in text boxes. */
async function answerAll(page: Page): Promise<number> {
  const questions = page.getByTestId('exam-question');
  const n = await questions.count();
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    if (await q.getByTestId('answer-option').count()) await q.getByTestId('answer-option').first().click();
    else if (await q.getByTestId('answer-true').count()) await q.getByTestId('answer-true').click();
    else if (await q.getByTestId('answer-blank').count()) {
      const blanks = q.getByTestId('answer-blank');
      for (let b = 0; b < (await blanks.count()); b++) await blanks.nth(b).fill('1921');
    } else await q.getByTestId('answer-text').fill('按时召开支部党员大会、支部委员会会议和党小组会，按时上好党课。');
  }
  return n;
}

/** The phone's screen as the taker sees it (the harness's shots are full pages; an exam page is long). */
async function screen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, '95-random-exam', `${name}.png`) });
}

async function startExam(page: Page, title: string): Promise<void> {
  const card = page.getByTestId('my-exam-card').filter({ hasText: title });
  await card.waitFor();
  await card.getByTestId('my-exam-start').click();
  await page.locator('.ant-modal-confirm .ant-btn-primary').click();
  await page.getByTestId('exam-taking').waitFor();
}

async function submit(page: Page): Promise<void> {
  await page.getByTestId('exam-submit').click();
  await page.getByTestId('exam-submit-ok').click();
  await page.getByTestId('exam-result').waitFor();
}

export async function run(ctx: JourneyContext): Promise<void> {
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'shuji');
  await openNav(phone, 'learning');
  await phone.getByTestId('learning-tab-exams').click();
  await phone.getByTestId('my-exams').waitFor();
  await ctx.shot(phone, '01-my-exams-phone');

  await startExam(phone, '党章党史知识测试');
  assert.match(await phone.getByTestId('exam-timer').innerText(), /^(29|30):\d\d$/, 'the countdown starts from the 30-minute limit');
  assert.equal(await phone.getByTestId('exam-question').count(), 20, 'twenty questions were drawn');
  await ctx.shot(phone, '02-exam-start-phone');
  await screen(phone, '02-exam-start-phone-screen');
  await answerAll(phone);
  await phone.locator('[data-testid="exam-autosave"][data-state="saved"]').waitFor({ timeout: 20_000 });
  assert.match(await phone.getByTestId('exam-sheet').innerText(), /20\/20/);
  await phone.getByTestId('exam-bar').scrollIntoViewIfNeeded();
  await ctx.shot(phone, '03-exam-answered-phone');
  await screen(phone, '03-exam-answered-phone-screen');
  await phone.getByTestId('exam-submit').click();
  await phone.getByTestId('exam-submit-ok').waitFor();
  await screen(phone, '04-exam-confirm-phone');
  await phone.getByTestId('exam-submit-ok').click();
  await phone.getByTestId('exam-result').waitFor();
  const score = await phone.getByTestId('exam-score').innerText();
  assert.match(score, /^\d+ \/ 100 分$/, `a score out of 100 (${score})`);
  assert.equal(await phone.getByTestId('exam-solution').count(), 20, 'the correct answers are shown (reveal: answers)');
  await ctx.shot(phone, '05-exam-result-phone');
  await screen(phone, '05-exam-result-phone-screen');

  // The quiz with a short answer: handed in, the score waits for a grader.
  await phone.getByTestId('exam-back').click();
  await startExam(phone, '“三会一课”小测验');
  await answerAll(phone);
  await submit(phone);
  assert.match(await phone.getByTestId('exam-result').innerText(), /等待阅卷/);
  await ctx.shot(phone, '06-quiz-pending-phone');

  // The organiser: blind grading, then the results of the random exam and the question bank.
  const desk = await ctx.newDesktopPage();
  await signInDemo(desk, 'xuanchuan');
  await openNav(desk, 'grading');
  await desk.getByTestId('grading-row').first().waitFor();
  assert.doesNotMatch(await desk.getByTestId('grading-table').innerText(), /李|王|张|刘|陈/, 'no taker names on the sheets list');
  await ctx.shot(desk, '07-grading-list-desktop');
  await desk.getByTestId('grading-open').first().click();
  await desk.getByTestId('grading-sheet').waitFor();
  await desk.getByTestId('grading-score').fill('8');
  await ctx.shot(desk, '08-grading-sheet-desktop');
  await desk.getByTestId('grading-save').click();
  await desk.getByTestId('grading-table').waitFor();

  await openNav(desk, 'exams');
  await desk.getByTestId('exams-table').getByText('党章党史知识测试').click();
  await desk.getByTestId('exam-results').waitFor();
  assert.match(await desk.getByTestId('exam-results-takers').innerText(), /[1-9]/);
  await ctx.shot(desk, '09-exam-results-desktop');
  await desk.getByTestId('exam-edit').click();
  await desk.getByTestId('exam-rule').first().waitFor();
  await ctx.shot(desk, '10-exam-setup-desktop');
  await desk.goto('/exams?tab=bank');
  await desk.getByTestId('questions-table').waitFor();
  await ctx.shot(desk, '11-question-bank-desktop');
  await desk.getByTestId('question-open').first().click();
  await desk.getByTestId('question-stem').waitFor();
  await ctx.shot(desk, '12-question-edit-desktop');

  // The phone taker now sees the graded quiz.
  await phone.goto('/learning?tab=exams');
  const quiz = phone.getByTestId('my-exam-card').filter({ hasText: '三会一课' });
  await quiz.getByTestId('my-exam-best').waitFor();
  assert.match(await quiz.innerText(), /最好成绩 \d+\/30 分/);
  await ctx.shot(phone, '13-my-exams-after-phone');
}
