// 人员与党员: the branch secretary searches the branch's people by name, opens a record (tabs,
// masked 身份证号 revealed on request), edits a phone and is told which field is wrong; a party member reads 我的档案
// on a phone. Demo data stays as it was (the phone is set back).
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { ensureChinese, openNav, signInDemo } from '../steps/signin.js';

export const name = 'people: search by name, record tabs, ID reveal, field error; 我的档案 on a phone';

export async function run(ctx: JourneyContext): Promise<void> {
  const page = await ctx.newDesktopPage();
  await signInDemo(page, 'zhibu');
  await ensureChinese(page);
  await openNav(page, 'people');
  await page.getByTestId('people-table').waitFor();
  const firstRow = page.getByTestId('person-row').first();
  await firstRow.waitFor();
  assert.ok((await page.getByTestId('person-row').count()) > 0, 'the secretary sees the branch');
  // A demo person with an ID number (people added by the 发展党员 seed have none): masked in the list.
  const withId = page.getByTestId('person-row').filter({ hasText: /\*{8}/ }).first();
  await withId.waitFor();
  await ctx.shot(page, '01-desktop-list');

  // Search by the first two characters of a name.
  const fullName = (await withId.getByTestId('person-link').innerText()).trim();
  const search = page.getByTestId('people-search').locator('input').first();
  await search.fill([...fullName].slice(0, 2).join(''));
  await search.press('Enter');
  await page.getByTestId('person-link').filter({ hasText: fullName }).first().waitFor();
  await search.fill('zz-no-such-person');
  await search.press('Enter');
  await page.getByText(/没有找到符合条件的人员/).waitFor();
  await ctx.shot(page, '02-desktop-no-match');
  await search.fill('');
  await search.press('Enter');

  await page.getByTestId('person-link').filter({ hasText: fullName }).first().click();
  await page.getByTestId('person-detail').waitFor();
  await page.getByTestId('person-basic').waitFor();
  const masked = await page.getByTestId('person-id-number').innerText();
  assert.match(masked, /\*{8}/);
  await page.getByTestId('person-reveal-id').click();
  await page.getByTestId('person-id-number').filter({ hasNotText: '*' }).waitFor();
  assert.match(await page.getByTestId('person-id-number').innerText(), /^\d{17}[\dX]$/, 'the manager sees the full number');
  await ctx.shot(page, '03-desktop-record');
  await page.getByRole('tab', { name: '党员信息' }).click();
  await ctx.shot(page, '04-desktop-party-tab');

  // A wrong phone: the server's message appears under 联系电话.
  await page.getByTestId('person-edit').click();
  const phone = page.getByTestId('person-phone');
  await phone.waitFor();
  const oldPhone = await phone.inputValue();
  await phone.fill('12345');
  await page.getByTestId('person-submit').click();
  await page.getByText(/联系电话应为11位手机号/).waitFor();
  await ctx.shot(page, '05-desktop-field-error');
  await phone.fill(oldPhone === '' ? '13800001234' : oldPhone === '13800001234' ? '13800004321' : '13800001234');
  await page.getByTestId('person-submit').click();
  await page.getByTestId('person-form').waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: '变更记录' }).click();
  await page.getByTestId('person-history').getByText('修改信息').first().waitFor();
  await ctx.shot(page, '06-desktop-history');

  // The list on a phone: cards, filters folded.
  const phonePage = await ctx.newPhonePage();
  await signInDemo(phonePage, 'zhibu');
  await ensureChinese(phonePage);
  await openNav(phonePage, 'people');
  await phonePage.getByTestId('person-row').first().waitFor();
  await ctx.shot(phonePage, '07-phone-list');
  await phonePage.getByTestId('person-row').first().click();
  await phonePage.getByTestId('person-basic').waitFor();
  await ctx.shot(phonePage, '08-phone-record');

  // A party member: only their own record, with a copy to download.
  const member = await ctx.newPhonePage();
  await signInDemo(member, 'dangyuan');
  await ensureChinese(member);
  await openNav(member, 'myRecord');
  await member.getByTestId('my-record').waitFor();
  await member.getByTestId('person-basic').waitFor();
  assert.match(await member.getByTestId('person-id-number').innerText(), /\*{8}/);
  await ctx.shot(member, '09-phone-my-record');
  await member.getByRole('tab', { name: '党员信息' }).click();
  await member.getByTestId('person-party-age').or(member.getByTestId('person-party')).first().waitFor();
  await ctx.shot(member, '10-phone-my-record-party');
}
