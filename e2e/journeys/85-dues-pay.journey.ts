// Online payment of 党费 (issue 4): the demo 党员 pays the months owed on a phone through the sandbox provider (its
// signed notice goes through the same route as WeChat Pay's and Alipay's) and sees the payment in 我的党费; the branch
// secretary's collection rate goes up; the 组织委员 reconciles a statement with the payment and one line the ledger
// lacks, and records a decision. Phone and desktop screenshots.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { ensureChinese, openNav, signInDemo } from '../steps/signin.js';
import { rateChangedFrom, rateText } from '../steps/dues.js';
import { chooseOption } from '../steps/select.js';

export const name = 'dues: a member pays online through the sandbox, sees it in 我的党费; the collection rate changes; reconciliation';

export async function run(ctx: JourneyContext): Promise<void> {
  // The branch secretary's collection rate before.
  const desk = await ctx.newDesktopPage();
  await signInDemo(desk, 'zhibu');
  await ensureChinese(desk);
  await openNav(desk, 'dues');
  const before = await rateText(desk);

  // The member, on a phone: 我的党费 → 缴纳 → the checkout with the owed months chosen.
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'dangyuan');
  await ensureChinese(phone);
  await openNav(phone, 'myDues');
  await phone.getByTestId('my-dues-summary').waitFor();
  await phone.getByTestId('my-dues-owed-list').waitFor();
  await ctx.shot(phone, '01-my-dues-phone');
  await phone.getByTestId('my-dues-pay').click();
  await phone.waitForURL(/\/dues\/pay\?months=/);
  await phone.getByTestId('pay-page').waitFor();
  const sandbox = phone.getByTestId('pay-method-sandbox-checkout');
  await sandbox.waitFor();
  assert.ok(await sandbox.isChecked(), 'the sandbox is the demo enterprise’s way to pay, chosen by default');
  const total = (await phone.getByTestId('pay-total').innerText()).trim();
  assert.match(total, /¥ \d+\.\d\d/);
  assert.notEqual(total, '¥ 0.00', 'the months owed are chosen');
  await ctx.shot(phone, '02-pay-phone');

  await phone.getByTestId('pay-submit').click();
  await phone.waitForURL(/\/dues\/pay\/orders\//);
  await phone.getByTestId('checkout-sandbox-confirm').waitFor();
  assert.equal((await phone.getByTestId('checkout-amount').innerText()).trim(), total, 'the order is for the amount shown');
  await ctx.shot(phone, '03-checkout-phone');
  await phone.getByTestId('checkout-sandbox-confirm').click();
  await phone.getByTestId('checkout-paid').waitFor();
  const lines = await phone.getByTestId('checkout-receipt-line').count();
  assert.ok(lines >= 1, 'the receipt lists the months paid');
  await ctx.shot(phone, '04-paid-phone');
  const orderId = phone.url().split('/').pop()!;
  const order = await phone.evaluate(async (id) => (await fetch(`/api/dues/pay/orders/${id}`)).json() as Promise<{ orderNo: string; providerTxnId: string; amountFen: number; paidAt: string }>, orderId);
  assert.match(order.providerTxnId, /^SBX/);

  // 我的党费: nothing owed now, and the payment at the top of the history.
  await phone.getByTestId('checkout-my-dues').click();
  await phone.getByTestId('my-dues-summary').waitFor();
  await phone.waitForFunction(() => /0\.00/.test(document.querySelector('[data-testid="my-dues-owed"]')?.textContent ?? ''));
  await phone.getByTestId('dues-entry').first().waitFor();
  const history = await phone.getByTestId('dues-entries').innerText();
  assert.match(history, /演示支付|沙箱|sandbox/i, 'the history names the online payment');
  await phone.getByTestId('dues-entries').scrollIntoViewIfNeeded();
  await ctx.shot(phone, '05-history-phone');

  // The branch secretary's rate went up.
  await desk.reload();
  await desk.getByTestId('dues-report').waitFor();
  const after = await rateChangedFrom(desk, before);
  assert.ok(parseFloat(after) > parseFloat(before), `the collection rate went up (${before} → ${after})`);
  await ctx.shot(desk, '06-report-after-desktop');

  // Reconciliation by the 组织委员: a statement with this payment and one the ledger lacks.
  const recon = await ctx.newDesktopPage();
  await signInDemo(recon, 'zuzhi');
  await ensureChinese(recon);
  await openNav(recon, 'duesReconcile');
  await recon.getByTestId('recon-page').waitFor();
  await ctx.shot(recon, '07-reconciliation-empty-desktop');
  const at = new Date(new Date(order.paidAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  const csv = `交易号,商户订单号,金额,时间,类型\n${order.providerTxnId},${order.orderNo},${(order.amountFen / 100).toFixed(2)},${at},交易\nSBXNOTOURS0001,DF20990101000000ZZZZZZZZ,12.00,${at},交易\n`;
  await chooseOption(recon, 'recon-provider', '演示支付');
  await recon.getByTestId('recon-upload').locator('input[type=file]').setInputFiles({ name: '对账单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await recon.getByTestId('recon-statement').waitFor();
  await recon.getByTestId('recon-item').first().waitFor();
  assert.equal((await recon.getByTestId('recon-count-matched').innerText()).match(/\d+/)?.[0], '1', 'the payment matches the ledger');
  assert.equal((await recon.getByTestId('recon-count-missingInLedger').innerText()).match(/\d+/)?.[0], '1', 'the unknown line is missing in the ledger');
  await ctx.shot(recon, '08-reconciliation-desktop');
  await recon.getByTestId('recon-decide').first().click();
  await chooseOption(recon, 'recon-decide-decision', '支付渠道差错');
  await recon.getByTestId('recon-decide-note').fill('非本系统订单，已联系支付渠道核实');
  await ctx.shot(recon, '09-decision-desktop');
  await recon.getByTestId('recon-decide-submit').click();
  await recon.getByTestId('recon-decided').first().waitFor();
  await ctx.shot(recon, '10-decided-desktop');

  // The same screen on a phone.
  const reconPhone = await ctx.newPhonePage();
  await signInDemo(reconPhone, 'zuzhi');
  await openNav(reconPhone, 'duesReconcile');
  await reconPhone.getByTestId('recon-history-open').first().click();
  await reconPhone.getByTestId('recon-statement').waitFor();
  await reconPhone.getByTestId('recon-filter').getByText('全部').click();
  await reconPhone.getByTestId('recon-item').first().waitFor();
  await reconPhone.getByTestId('recon-statement').scrollIntoViewIfNeeded();
  await ctx.shot(reconPhone, '11-reconciliation-phone');
}
