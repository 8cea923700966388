// Excel import with errors (issue 3): the 组织委员 downloads the template, fills it (here: exceljs, as a spreadsheet
// program would) with 6 people of whom 2 are wrong — a mistyped 身份证号 and a 转正日期 inside the 预备期 — uploads it,
// watches the progress, and reads the report naming each bad row and its column. Then 党内统计 for the same scope.
// Phone and desktop screenshots.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { JourneyContext } from '../harness.js';
import { openNav, signInDemo } from '../steps/signin.js';

export const name = 'import a spreadsheet with errors and read the report; 党内统计';

/** GB 11643 check digit. */
function checkDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

/** A valid ID number, different on every run (a journey may run again against the same server). */
function idNumber(n: number, male: boolean): string {
  const day = String(1 + ((Date.now() / 1000 + n) % 28 | 0)).padStart(2, '0');
  const seq = (Math.floor(Math.random() * 400) + n * 2) % 998;
  const first17 = `110105199003${day}${String(seq - (seq % 2) + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

export async function run(ctx: JourneyContext): Promise<void> {
  const desk = await ctx.newDesktopPage({ acceptDownloads: true });
  await signInDemo(desk, 'zuzhi');
  await openNav(desk, 'imports');
  await desk.getByTestId('import-upload').waitFor();
  await ctx.shot(desk, '01-imports-empty-desktop');

  // The template, downloaded as a user would: its header row is what we fill.
  const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('import-template').click()]);
  const templatePath = await download.path();
  const template = new ExcelJS.Workbook();
  await template.xlsx.readFile(templatePath);
  const sheet = template.getWorksheet('人员信息');
  assert.ok(sheet, 'the template has the 人员信息 sheet');
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  assert.ok(headers.includes('身份证号') && headers.includes('所在组织'), 'the template names its columns');
  assert.ok(template.getWorksheet('填写说明'), 'the template explains how to fill it');

  // A unit in zuzhi's scope, by its full path of names.
  const scope = (await (await desk.request.get('/api/stats/units')).json()) as { items: { id: string; fullName: string }[] };
  const top = scope.items[0]!;
  const children = (await (await desk.request.get(`/api/org/tree?parentId=${top.id}`)).json()) as { items: { name: string }[] };
  const unit = `${top.fullName}/${children.items[0]!.name}`;

  const stamp = Date.now().toString(36).slice(-4);
  const person = (n: number, over: Record<string, string> = {}): Record<string, string> => ({
    姓名: `导入${stamp}${'甲乙丙丁戊己'[n - 1]}`, 性别: n % 2 ? '男' : '女', 民族: '汉族', 身份证号: idNumber(n, n % 2 === 1), 所在组织: unit,
    政治面貌: '正式党员', 入党日期: '2015-07-01', 转正日期: '2016-07-01', 学历: '大学本科', 手机号: '13800138000', ...over,
  });
  const good = [person(1), person(2), person(3, { 政治面貌: '群众', 入党日期: '', 转正日期: '' }), person(4)];
  const badId = person(5);
  badId['身份证号'] = badId['身份证号']!.slice(0, 17) + (badId['身份证号']!.endsWith('0') ? '1' : '0');
  const badDate = person(6, { 转正日期: '2015-12-01' });
  const rows = [good[0]!, badId, good[1]!, good[2]!, badDate, good[3]!]; // bad ones on sheet rows 3 and 6
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员信息');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ''));
  const file = Buffer.from(await wb.xlsx.writeBuffer());

  await desk.locator('[data-testid="import-upload"] input[type=file]').setInputFiles({ name: `党员名册-${stamp}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await desk.getByTestId('import-progress').waitFor();
  await ctx.shot(desk, '02-progress-desktop');
  await desk.locator('[data-testid="import-job"] [data-testid="import-status"]', { hasText: '已完成' }).waitFor({ timeout: 60_000 });
  assert.equal(await desk.getByTestId('import-count-total').locator('.ant-statistic-content').innerText(), '6');
  assert.equal(await desk.getByTestId('import-count-inserted').locator('.ant-statistic-content').innerText(), '4');
  assert.equal(await desk.getByTestId('import-count-failed').locator('.ant-statistic-content').innerText(), '2');
  const report = desk.getByTestId('import-report');
  await report.getByTestId('import-report-row').first().waitFor();
  const lines = await report.getByTestId('import-report-row').allInnerTexts();
  assert.equal(lines.length, 2, `two report lines: ${lines.join(' | ')}`);
  assert.match(lines[0]!, /^3\s[\s\S]*身份证号[\s\S]*校验码/, 'row 3: the ID number’s check digit');
  assert.match(lines[1]!, /^6\s[\s\S]*转正日期[\s\S]*预备期/, 'row 6: 转正 before the 预备期 ends');
  await desk.locator('[data-testid="import-history-row"]', { hasText: '已完成' }).first().waitFor();
  await ctx.shot(desk, '03-report-desktop');

  // The report as a workbook.
  const [reportFile] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('import-report-download').click()]);
  const rep = new ExcelJS.Workbook();
  await rep.xlsx.readFile(await reportFile.path());
  assert.equal(rep.getWorksheet('导入报告')!.getRow(2).getCell(1).value, 3);

  // On a phone: the same job from the history, as cards.
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'zuzhi');
  await openNav(phone, 'imports');
  await phone.getByTestId('import-history-row').first().click();
  await phone.getByTestId('import-report-row').first().waitFor();
  const phoneLines = await phone.getByTestId('import-report-row').allInnerTexts();
  assert.match(phoneLines[0]!, /第 3 行[\s\S]*身份证号/);
  await phone.locator('.ant-spin-blur').waitFor({ state: 'detached' });
  await ctx.shot(phone, '04-report-phone');

  // 党内统计 of the same scope: the tables and the export.
  await openNav(phone, 'stats');
  await phone.getByTestId('stats-report').waitFor();
  await phone.getByTestId('stats-table-age').locator('canvas').first().waitFor();
  assert.notEqual(await phone.getByTestId('stats-summary-members').locator('.ant-statistic-content').innerText(), '0');
  await ctx.shot(phone, '05-stats-phone');
  await openNav(desk, 'stats');
  await desk.getByTestId('stats-report').waitFor();
  await desk.getByTestId('stats-table-education').locator('canvas').first().waitFor();
  await ctx.shot(desk, '06-stats-desktop');
  const [statsFile] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('stats-export').click()]);
  const st = new ExcelJS.Workbook();
  await st.xlsx.readFile(await statsFile.path());
  assert.ok(st.getWorksheet('性别') && st.getWorksheet('学历'), 'one sheet per table');
}
