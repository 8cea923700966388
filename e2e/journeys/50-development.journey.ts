// 发展党员 (RULES.md §2): the branch secretary opens the board with its reminders, tries to make the demo's 8-month
// 积极分子 a 发展对象 and is refused with the one-year rule named (no exception offered: no override); the 组织委员
// then records an exception with a reason and the timeline shows it, records the 政治审查 with a scan uploaded in the
// step form (a renamed file refused by the server under the field first), and sees the file on the timeline and in
// 材料; the secretary sees it on a phone. 规则设置: the 组织委员 sets 公示 to 7 working days, the secretary reads 7
// (read-only), the 组织委员 resets to the defaults. Phone and desktop.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { JourneyContext } from '../harness.js';
import { openNav, signInDemo } from '../steps/signin.js';

export const name = 'member development: board, refusal naming the rule, exception by the 组织委员, files of a step, rule settings';

/** A small real PDF (the server checks the first bytes), and a PNG named .pdf that it must refuse. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG_AS_PDF = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

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
  // The regulation by name, in the user's language; the exact citation (RULES.md §2: …) is the tag's title.
  assert.match(await rule.innerText(), /依据：《中国共产党发展党员工作细则》/, 'the refusal names the regulation');
  assert.match(await rule.getByTestId('dev-violation-basis').getAttribute('title') ?? '', /^RULES\.md §2: /);
}

export async function run(ctx: JourneyContext): Promise<void> {
  // The branch secretary on a phone.
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'zhibu');
  // The home page counts what is due or overdue; the card opens the board.
  await phone.getByTestId('home-development-card').waitFor();
  assert.match(await phone.getByTestId('home-development-card').innerText(), /\d+\s*项/);
  await openNav(phone, 'development');
  await phone.getByTestId('dev-board').waitFor();
  await phone.getByTestId('dev-reminder').first().waitFor();
  assert.ok((await phone.getByTestId('dev-board-person').count()) >= 8, 'people at every stage are on the board');
  await ctx.shot(phone, '01-phone-board');
  await tryCandidate(phone);
  assert.equal(await phone.getByTestId('dev-exception').count(), 0, 'no exception is offered without development.override');
  await ctx.shot(phone, '02-phone-refused');
  // No files yet: the 材料 section says so.
  await phone.getByTestId('dev-documents-empty').scrollIntoViewIfNeeded();
  await ctx.shot(phone, '02b-phone-no-documents', { fullPage: false });

  // The same on a desktop: columns by status.
  const desk = await ctx.newDesktopPage();
  await signInDemo(desk, 'zhibu');
  await desk.goto('/development');
  await desk.getByTestId('dev-column-candidate').waitFor();
  await ctx.shot(desk, '03-desktop-board');
  await tryCandidate(desk);
  await ctx.shot(desk, '04-desktop-refused');

  // The 组织委员 may record an exception, with a reason; it shows in the timeline.
  const zu = await ctx.newDesktopPage();
  await signInDemo(zu, 'zuzhi');
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

  // The next step (政治审查) with its scan: a PNG renamed .pdf is refused under the field, the real PDF uploads.
  await zu.getByTestId('dev-form-add-document').click();
  const row = zu.getByTestId('dev-form-document-row').first();
  await row.getByTestId('dev-form-document-title').fill('政审材料');
  await row.locator('input[type=file]').setInputFiles({ name: '政审材料.pdf', mimeType: 'application/pdf', buffer: PNG_AS_PDF });
  // The server's refusal, under the file field.
  const fileError = row.getByTestId('dev-form-document-file').getByText(/文件（file）的内容不是 PDF/);
  await fileError.waitFor();
  await ctx.shot(zu, '06b-upload-refused');
  await row.locator('input[type=file]').setInputFiles({ name: '政审材料.pdf', mimeType: 'application/pdf', buffer: PDF });
  await row.locator('.ant-upload-list-item-done').waitFor();
  await fileError.waitFor({ state: 'detached' });
  await ctx.shot(zu, '06c-uploaded');
  await zu.getByTestId('dev-form-submit').click();
  const cited = zu.getByTestId('dev-timeline-document').filter({ hasText: '政审材料' });
  await cited.waitFor();
  const listed = zu.getByTestId('dev-document').filter({ hasText: '政审材料' });
  await listed.waitFor();
  assert.match(await listed.innerText(), /政治审查/, 'the 材料 section names the step the file belongs to');
  assert.match(await listed.innerText(), /政审材料\.pdf/);
  const download = zu.waitForEvent('download');
  await listed.getByTestId('dev-document-download').click();
  assert.equal((await download).suggestedFilename(), '政审材料.pdf');
  await ctx.shot(zu, '06d-documents');

  // The branch secretary sees the file on a phone.
  await phone.goto('/development');
  await phone.getByTestId('dev-board-person').filter({ hasText: '黄浩然' }).first().click();
  await phone.getByTestId('dev-document').filter({ hasText: '政审材料' }).waitFor();
  await phone.getByTestId('dev-documents').scrollIntoViewIfNeeded();
  await ctx.shot(phone, '06e-phone-documents', { fullPage: false });

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

  // 规则设置: the 组织委员 (top unit) sets 公示 to 7 working days; the secretary reads it; back to the defaults.
  await zu.getByTestId('dev-tab-settings').click();
  const publicity = zu.getByTestId('dev-settings-input-publicityWorkingDays');
  await publicity.fill('7');
  await zu.getByTestId('dev-settings-save').click();
  await zu.getByText(/规则设置已保存|Rule settings saved/).first().waitFor();
  await zu.reload();
  await zu.getByTestId('dev-settings').waitFor();
  assert.equal(await zu.getByTestId('dev-settings-input-publicityWorkingDays').inputValue(), '7');
  await ctx.shot(zu, '09-settings-edit');
  await phone.goto('/development/settings');
  await phone.getByTestId('dev-settings-readonly').waitFor();
  assert.match(await phone.getByTestId('dev-settings-value-publicityWorkingDays').innerText(), /^7/, 'the secretary reads the new number');
  await ctx.shot(phone, '10-phone-settings-readonly', { fullPage: false });
  await zu.getByTestId('dev-settings-reset').click();
  assert.equal(await zu.getByTestId('dev-settings-input-publicityWorkingDays').inputValue(), '5');
  await zu.getByTestId('dev-settings-save').click();
  await zu.getByText(/规则设置已保存|Rule settings saved/).first().waitFor();
  await phone.reload();
  await phone.getByTestId('dev-settings-readonly').waitFor();
  assert.match(await phone.getByTestId('dev-settings-value-publicityWorkingDays').innerText(), /^5/);

  // The §3 settings in their dialog on the transfers page: read-only for the secretary.
  await phone.goto('/transfers');
  await phone.getByTestId('transfer-settings').click();
  await phone.getByTestId('tr-settings-readonly').waitFor();
  assert.match(await phone.getByTestId('tr-settings-value-maxValidityMonths').innerText(), /^3/);
  await ctx.shot(phone, '11-phone-transfer-settings', { fullPage: false });
}
