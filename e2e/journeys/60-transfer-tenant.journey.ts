// 组织关系转接 between two enterprises on the platform (RULES.md §3): the 组织委员 of demo issues a letter to demo2
// (the member stays with the sender, 转出中); demo2's 组织委员 signs in for the first time, finds it under 转入, and
// receives the member into a unit; back in demo the transfer reads 已接收. Phone and desktop screenshots.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { logout, openNav, signInDemo } from '../steps/signin.js';
import { chooseOption } from '../steps/select.js';

export const name = 'transfer a member to another tenant: issue in demo, receive in demo2, 已接收 in demo';

export async function run(ctx: JourneyContext): Promise<void> {
  // 1. demo's 组织委员 on a desktop: the form, the draft, the issued letter and its print view.
  const desk = await ctx.newDesktopPage();
  await signInDemo(desk, 'zuzhi', 'demo');
  await openNav(desk, 'transfers');
  await desk.getByTestId('transfer-row').first().waitFor();
  await desk.locator('.ant-spin-blur').waitFor({ state: 'detached' }); // the list has settled, not a refetch in progress
  await ctx.shot(desk, '01-outgoing-desktop');
  await desk.getByTestId('transfer-create').click();
  const picked = await chooseOption(desk, 'transfer-person');
  const personName = picked.replace(/（.*$/, '');
  await desk.getByText('转往平台上其他企业').click();
  await desk.getByTestId('transfer-to-org').waitFor();
  await chooseOption(desk, 'transfer-to-tenant', /华北能源集团/);
  await desk.getByTestId('transfer-to-org').fill('中共华北电力有限公司运维检修党支部');
  await desk.getByTestId('transfer-reason').fill('工作调动');
  // 党费交至 comes from the member's dues ledger (the demo has one for every member) and is not typed.
  const fromLedger = desk.getByTestId('transfer-dues-ledger');
  await fromLedger.waitFor();
  const paidUntil = /^(\d{4})-(\d{2})$/.exec(await fromLedger.inputValue());
  await ctx.shot(desk, '02-create-form-desktop');
  await desk.getByTestId('transfer-submit').click();
  await desk.getByTestId('transfer-detail').waitFor();
  assert.equal(await desk.getByTestId('transfer-state').getAttribute('data-state'), 'draft');
  await desk.getByTestId('transfer-issue').click();
  await desk.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
  await desk.getByTestId('transfer-detail').locator('[data-testid="transfer-state"][data-state="issued"]').waitFor();
  await ctx.shot(desk, '03-issued-desktop');
  await desk.getByTestId('transfer-letter').click();
  await desk.getByTestId('transfer-letter-sheet').waitFor();
  const sheet = await desk.getByTestId('transfer-letter-sheet').innerText();
  assert.match(sheet, /存根/);
  assert.match(sheet, /回执/);
  if (paidUntil) assert.match(sheet, new RegExp(`党费已交到 ${paidUntil[1]}年${Number(paidUntil[2])}月`));
  assert.ok(sheet.includes(personName), 'the letter names the member');
  await ctx.shot(desk, '04-letter-desktop');
  // The desktop session stays open (sign-ins are rate limited per address, and journeys share one server).

  // 2. demo2's 组织委员 on a phone, first login: 转入, open the letter, receive into a unit.
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'zuzhi', 'demo2');
  await openNav(phone, 'transfers');
  await phone.getByTestId('transfer-tab-incoming').click();
  const row = phone.getByTestId('transfer-row').filter({ hasText: personName }).first();
  await row.waitFor();
  // Let the tab switch finish its animation before the screenshot.
  await phone.waitForTimeout(500);
  await ctx.shot(phone, '05-incoming-phone');
  await row.getByTestId('transfer-open').click();
  await phone.getByTestId('transfer-detail').waitFor();
  await ctx.shot(phone, '06-incoming-detail-phone');
  await phone.getByTestId('transfer-receive').click();
  await chooseOption(phone, 'transfer-receive-unit', /运维检修党支部/);
  await ctx.shot(phone, '07-receive-phone');
  await phone.getByTestId('transfer-receive-ok').click();
  await phone.getByTestId('transfer-detail').locator('[data-testid="transfer-state"][data-state="received"]').waitFor();
  await ctx.shot(phone, '08-received-phone');
  await logout(phone);

  // 3. Back in demo: the sender reads 已接收 (the member is no longer the sender's).
  await desk.goto('/transfers?box=outgoing');
  const sent = desk.getByTestId('transfer-row').filter({ hasText: personName }).first();
  await sent.waitFor();
  assert.match(await sent.innerText(), /已接收/);
  await ctx.shot(desk, '09-received-in-demo-desktop');
  await sent.getByTestId('transfer-open').click();
  await desk.getByTestId('transfer-detail').locator('[data-testid="transfer-state"][data-state="received"]').waitFor();
  await ctx.shot(desk, '10-received-detail-desktop');
  // The same list at phone width (one layout tree: the page switches to cards without signing in again).
  await desk.goto('/transfers?box=outgoing');
  await desk.setViewportSize({ width: 390, height: 844 });
  await desk.getByTestId('nav-drawer-toggle').waitFor();
  await desk.getByTestId('transfer-row').first().waitFor();
  await desk.locator('.ant-spin-blur').waitFor({ state: 'detached' });
  await ctx.shot(desk, '11-outgoing-phone');
}
