// The Q&A assistant (issue 6): an HR staff member asks how much dues a 5000 yuan salary pays, gets an answer quoted
// from the 2008 dues rules with a numbered citation, follows the citation to the cited passage, asks something the
// library cannot answer and is told so, and deletes the conversation. Phone, then desktop.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { openNav, signInDemo } from '../steps/signin.js';

export const name = 'ask the assistant and follow a citation';

export async function run(ctx: JourneyContext): Promise<void> {
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'renli');
  await openNav(phone, 'assistant');
  await phone.getByTestId('assistant-chat').waitFor();
  await ctx.shot(phone, '01-assistant-empty-phone');

  await phone.getByTestId('assistant-input').fill('党员每月工资5000元交多少党费？');
  await phone.getByTestId('assistant-send').click();
  const answer = phone.getByTestId('assistant-answer').last();
  await answer.waitFor();
  assert.match(await answer.getByTestId('assistant-answer-text').innerText(), /1%|0\.5%|计算基数/);
  assert.ok((await answer.getByTestId('assistant-source').count()) >= 1, 'the answer names its sources');
  await ctx.shot(phone, '02-answer-phone');

  await answer.getByTestId('assistant-cite').first().click();
  await phone.getByTestId('resource-passage').waitFor();
  assert.match(await phone.getByTestId('resource-title').innerText(), /党费/);
  await ctx.shot(phone, '03-cited-passage-phone');

  const desk = await ctx.newDesktopPage();
  await signInDemo(desk, 'renli');
  await openNav(desk, 'assistant');
  await desk.getByTestId('assistant-history-item').first().waitFor();
  await desk.getByTestId('assistant-history-item').first().click();
  await desk.getByTestId('assistant-answer').first().waitFor();
  await desk.getByTestId('assistant-input').fill('火星上的天气怎么样？');
  await desk.getByTestId('assistant-send').click();
  await desk.getByTestId('assistant-answer').nth(1).waitFor();
  assert.match(await desk.getByTestId('assistant-answer').nth(1).innerText(), /资料库中没有找到/);
  await ctx.shot(desk, '04-conversation-desktop');

  await desk.getByTestId('assistant-delete').first().click();
  await desk.locator('.ant-popconfirm .ant-btn-primary').click();
  await desk.getByTestId('assistant-empty').waitFor();
}
