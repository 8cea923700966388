// Reconciliation (issue 4): provider statements matched against the ledger — matched, missing in the ledger, missing
// in the statement, amount mismatch — listed, exported to .xlsx, and resolved by a recorded decision, never by editing
// the ledger. Statements come from the provider's client (WeChat Pay's trade bill via the protocol fake) or an upload
// with a row report.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { asOwner, rowCounts } from '../../testing/db.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { writeWorkbook } from '../../platform/office/xlsx.js';
import type { FakeWechatPay } from '../../platform/payments/fakes/wechatpay-fake.js';
import { memberAccount } from './testing.js';
import { enableSandbox, postNotice, wechatForTenant } from './payments-testing.js';
import { linesFromSheet, matchStatement } from './reconciliation-rules.js';
import { beijingDate } from './payments-time.js';
import type { OrderView } from './payments.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let wechat: FakeWechatPay;
let reconciler: Agent;
const today = () => beijingDate(new Date());

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId);
  await enableSandbox(t, tenant.tenantId);
  wechat = await wechatForTenant(t, tenant.tenantId);
  reconciler = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id }));
});
afterAll(async () => {
  await wechat?.stop();
  await t?.close();
});

/** A member who pays one month through WeChat Pay (the notice arrives). */
async function paidWithWechat(name: string): Promise<OrderView> {
  const { user } = await memberAccount(t, tenant.tenantId, root.id, { name });
  const a = await loginActive(t.app, user);
  const month = (await a.get('/api/dues/pay/checkout')).json<{ owed: { month: string }[] }>().owed[0]!.month;
  const o = (await a.post('/api/dues/pay/orders', { months: [month], provider: 'wechatpay', channel: 'qr' })).json<OrderView>();
  expect((await postNotice(t, 'wechatpay', tenant.tenantId, wechat.pay(o.orderNo))).statusCode).toBe(200);
  return o;
}

describe('matching (pure)', () => {
  const at = new Date('2026-01-05T02:00:00Z');
  const pay = (ref: string, fen: number, over: Partial<Parameters<typeof matchStatement>[1][number]> = {}) =>
    ({ paymentId: `p-${ref}`, providerRef: ref, amountFen: fen, paidAt: at, personId: 'x', orderId: null, orderNo: `O-${ref}`, paidTwice: false, ...over });
  const line = (ref: string, fen: number, kind: 'payment' | 'refund' = 'payment', lineNo = 1) => ({ lineNo, providerTxnId: ref, orderNo: `O-${ref}`, kind, amountFen: fen, at });

  it('sorts every line and payment into exactly one result', () => {
    const items = matchStatement(
      [line('A', 4000), line('B', 4000), line('C', 999), line('R', 4000, 'refund'), line('T', 4000)],
      [pay('A', 4000), pay('C', 1000), pay('D', 4000), pay('T', 4000, { paidTwice: true })],
    );
    expect(items.map((i) => [i.kind, i.line?.providerTxnId ?? i.payment?.providerRef])).toEqual([
      ['matched', 'A'], ['missing_in_ledger', 'B'], ['amount_mismatch', 'C'], ['refund', 'R'], ['paid_twice', 'T'], ['missing_in_statement', 'D'],
    ]);
  });

  it('reads an uploaded sheet by column names, with one report line per unreadable row', () => {
    const r = linesFromSheet(['交易号', '商户订单号', '金额（元）', '交易时间', '类型'], [
      { rowNumber: 2, cells: ['T1', 'O1', '36.50', '2026-01-05 10:00:00', '交易'] },
      { rowNumber: 3, cells: ['T2', 'O2', '三十', '2026-01-05 10:00:00', '交易'] },
      { rowNumber: 4, cells: ['', '', '1.00', '', ''] },
      { rowNumber: 5, cells: ['T4', 'O4', '-10.00', '2026-01-05 11:00:00', ''] },
    ]);
    expect(r.lines).toEqual([
      { lineNo: 2, providerTxnId: 'T1', orderNo: 'O1', kind: 'payment', amountFen: 3650, at: new Date('2026-01-05T02:00:00Z') },
      { lineNo: 5, providerTxnId: 'T4', orderNo: 'O4', kind: 'refund', amountFen: 1000, at: new Date('2026-01-05T03:00:00Z') },
    ]);
    expect(r.problems.map((p) => p.lineNo)).toEqual([3, 4]);
    expect(r.problems[0]!.message.zh).toContain('第3行');
    expect(linesFromSheet(['姓名', '备注'], []).missing).toEqual(['金额', '交易号或商户订单号']);
  });
});

describe('statements over HTTP', () => {
  it('downloads WeChat Pay’s trade bill through the client and matches it; a lost notice shows as missing in the ledger and is taken in after a query', async () => {
    const paid = await paidWithWechat('对账甲');
    // A second member pays at WeChat Pay, but the notice never reaches us.
    const { user } = await memberAccount(t, tenant.tenantId, root.id, { name: '对账乙' });
    const b = await loginActive(t.app, user);
    const month = (await b.get('/api/dues/pay/checkout')).json<{ owed: { month: string }[] }>().owed[0]!.month;
    const lost = (await b.post('/api/dues/pay/orders', { months: [month], provider: 'wechatpay', channel: 'qr' })).json<OrderView>();
    wechat.pay(lost.orderNo);
    // Statements are for past days: move today's payments to yesterday on both sides.
    const yesterday = beijingDate(new Date(Date.now() - 86_400_000));
    const back = (d: Date) => new Date(d.getTime() - 86_400_000);
    for (const o of wechat.orders.values()) if (o.successTime) o.successTime = back(o.successTime);
    await asOwner(t.database, async (tx) => {
      const { sql } = await import('kysely');
      await sql`alter table dues_payments disable trigger dues_payments_append_only`.execute(tx);
      await sql`update dues_payments set paid_at = paid_at - interval '1 day' where method = 'wechatpay'`.execute(tx);
      await sql`alter table dues_payments enable trigger dues_payments_append_only`.execute(tx);
    });

    const r = await reconciler.post('/api/dues/reconciliation/statements/fetch', { provider: 'wechatpay', date: yesterday });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json<{ id: string; counts: Record<string, number>; lines: number }>();
    expect(s.lines).toBe(2);
    expect(s.counts).toMatchObject({ matched: 1, missingInLedger: 1, missingInStatement: 0, amountMismatch: 0 });
    const diffs = (await reconciler.get(`/api/dues/reconciliation/statements/${s.id}/items?kind=differences`)).json<{ items: { id: string; kind: string; orderNo: string; message: { zh: string }; personName: string | null }[] }>().items;
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatchObject({ kind: 'missing_in_ledger', orderNo: lost.orderNo, personName: '对账乙' });
    expect(diffs[0]!.message.zh).toContain('查询');
    const matched = (await reconciler.get(`/api/dues/reconciliation/statements/${s.id}/items?kind=matched`)).json<{ items: { orderNo: string }[] }>().items;
    expect(matched.map((m) => m.orderNo)).toEqual([paid.orderNo]);

    // The decision: ask WeChat Pay, which confirms the payment; it enters the ledger through the normal path.
    const d = await reconciler.post(`/api/dues/reconciliation/items/${diffs[0]!.id}/decision`, { decision: 'recorded_after_query', note: '查询微信支付确认已付款' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json<{ decision: { decision: string } }>().decision.decision).toBe('recorded_after_query');
    expect((await b.get(`/api/dues/pay/orders/${lost.id}`)).json<OrderView>().state).toBe('paid');

    const x = await reconciler.get(`/api/dues/reconciliation/statements/${s.id}/export.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('对账结果')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('结果');
    const kinds = [2, 3].map((n) => sheet.getRow(n).getCell(2).value);
    expect(kinds.sort()).toEqual(['一致', '台账缺少']);
  });

  it('takes an uploaded .xlsx with a row report; a bad upload writes nothing', async () => {
    const file = await writeWorkbook([{ name: '对账单', columns: [{ header: '交易号', key: 'a' }, { header: '商户订单号', key: 'b' }, { header: '金额', key: 'c' }, { header: '交易时间', key: 'd' }], rows: [
      { a: 'SBXNOPE1', b: 'DF20260101000000ZZZZZZZZ', c: '25.00', d: `${today()} 09:00:00` },
      { a: 'SBXNOPE2', b: '', c: 'abc', d: `${today()} 09:00:00` },
    ] }]);
    const upload = (data: Buffer, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') =>
      reconciler.inject({ method: 'POST', url: `/api/dues/reconciliation/statements/upload?provider=sandbox&fileName=${encodeURIComponent('银行流水.xlsx')}`, payload: data, headers: { 'content-type': type } });
    const r = await upload(file);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ counts: Record<string, number> }>().counts).toMatchObject({ missingInLedger: 1, rowErrors: 1 });
    const tables = ['dues_statements', 'dues_statement_items', 'audit_log'] as const;
    const before = await rowCounts(t.database, tables);
    const bad = await upload(Buffer.from('姓名,备注\n张三,无\n'), 'text/csv');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ field: string; message: string }>()).toMatchObject({ field: 'file', message: expect.stringContaining('金额') });
    expect(await rowCounts(t.database, tables)).toEqual(before);
  });

  it('is a tenant-wide task: a branch-level organizer is refused (403), a member gets 403 from the route', async () => {
    const branch = await makeUnit(t, tenant.tenantId, { parentId: root.id });
    const narrow = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: branch.id }));
    expect((await narrow.get('/api/dues/reconciliation/statements')).statusCode).toBe(403);
    const { user } = await memberAccount(t, tenant.tenantId, root.id, { name: '对账丙' });
    expect((await (await loginActive(t.app, user)).get('/api/dues/reconciliation/statements')).statusCode).toBe(403);
  });
});
