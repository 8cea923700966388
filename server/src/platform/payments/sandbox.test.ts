// The sandbox provider: an in-app checkout, its own record of each trade, and a signed (HMAC-SHA256) notification
// delivered to the notify URL — refused when unsigned, changed, stale or for another merchant. Also: the statement
// readers, and the rule that product code never imports the protocol fakes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SandboxProvider, SANDBOX_SIGNATURE_HEADER, type Delivery, type SandboxStore, type SandboxTrade } from './sandbox.js';
import { parseWechatTradeBill, splitCsvLine } from './statements.js';
import { fenFromYuan, yuanFromFen } from './provider.js';

function memoryStore(): SandboxStore & { trades: Map<string, SandboxTrade> } {
  const trades = new Map<string, SandboxTrade>();
  return {
    trades,
    async open(t) { if (!trades.has(t.orderNo)) trades.set(t.orderNo, { ...t, status: 'pending', txnId: null, paidAt: null }); },
    async get(no) { return trades.get(no) ?? null; },
    async pay(no, txnId, at) { const t = trades.get(no); if (t?.status === 'pending') Object.assign(t, { status: 'paid', txnId, paidAt: at }); return t ?? null; },
    async close(no) { const t = trades.get(no); if (t?.status === 'pending') t.status = 'closed'; return t ?? null; },
    async paidOn() { return [...trades.values()].filter((t) => t.status === 'paid'); },
  };
}

function sandbox() {
  const store = memoryStore();
  const delivered: { url: string; delivery: Delivery }[] = [];
  const p = new SandboxProvider({ merchantId: 'tenant-1', secret: crypto.randomBytes(32), store, deliver: async (url, delivery) => { delivered.push({ url, delivery }); return 200; } });
  return { p, store, delivered };
}
const input = (orderNo: string, expiresAt = new Date(Date.now() + 600_000)) => ({ orderNo, amountFen: 1500, description: '党费', notifyUrl: '/api/notify/sandbox/t1', expiresAt, channel: 'checkout' as const });
const asReq = (d: Delivery) => ({ headers: d.headers, rawBody: Buffer.from(d.body) });

describe('sandbox provider', () => {
  it('opens a trade for the checkout page, and on confirm pays it and delivers a notification that verifies', async () => {
    const { p, store, delivered } = sandbox();
    expect(await p.createPayment(input('SBT001'))).toEqual({ kind: 'checkout' });
    expect(await p.queryPayment('SBT001')).toMatchObject({ status: 'pending', amountFen: 1500 });
    const { trade, status } = await p.confirm('SBT001');
    expect(status).toBe(200);
    expect(trade).toMatchObject({ status: 'paid', txnId: expect.stringMatching(/^SBX/) });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.url).toBe('/api/notify/sandbox/t1');
    expect(p.verifyNotification(asReq(delivered[0]!.delivery), new Date())).toMatchObject({ ok: true, trade: { orderNo: 'SBT001', status: 'paid', amountFen: 1500, providerTxnId: trade.txnId } });
    // Confirming again re-sends the same payment (same transaction id), as a provider retry would.
    const again = await p.confirm('SBT001');
    expect(again.trade.txnId).toBe(trade.txnId);
    expect(store.trades.size).toBe(1);
  });

  it('refuses to pay an expired or closed trade; closing a paid one says already_paid', async () => {
    const { p } = sandbox();
    await p.createPayment(input('SBT002', new Date(Date.now() - 1000)));
    await expect(p.confirm('SBT002')).rejects.toMatchObject({ providerCode: 'ORDER_EXPIRED' });
    await p.createPayment(input('SBT003'));
    await p.closePayment('SBT003');
    await expect(p.confirm('SBT003')).rejects.toMatchObject({ providerCode: 'ORDER_CLOSED' });
    await p.createPayment(input('SBT004'));
    await p.confirm('SBT004');
    await expect(p.closePayment('SBT004')).rejects.toMatchObject({ code: 'already_paid' });
  });

  it('refuses unsigned, changed, stale, foreign-key and foreign-merchant notifications', () => {
    const { p } = sandbox();
    const paid = { orderNo: 'SBT005', amountFen: 1500, txnId: 'SBX1', paidAt: new Date(), status: 'paid' as const };
    const good = p.notification(paid);
    const other = sandbox().p.notification(paid);
    const cases: [string, Delivery, string][] = [
      ['unsigned', { ...good, headers: { 'content-type': 'application/json' } }, 'unsigned'],
      ['amount changed', { ...good, body: good.body.replace('"amount_fen":1500', '"amount_fen":1') }, 'bad_signature'],
      ['another key', other, 'bad_signature'],
      ['stale', p.notification(paid, new Date(Date.now() - 3_600_000)), 'stale'],
      ['another merchant', p.notification(paid, new Date(), 'tenant-2'), 'wrong_merchant'],
      ['garbled header', { ...good, headers: { ...good.headers, [SANDBOX_SIGNATURE_HEADER]: 'v1=abc' } }, 'malformed'],
    ];
    for (const [name, d, refusal] of cases) expect(p.verifyNotification(asReq(d), new Date()), name).toMatchObject({ ok: false, refusal });
  });
});

describe('statement readers and amounts', () => {
  it('converts yuan and 分 exactly, refusing what is not an amount', () => {
    expect(fenFromYuan('120.30')).toBe(12030);
    expect(fenFromYuan('0.5')).toBe(50);
    expect(fenFromYuan('8')).toBe(800);
    for (const bad of ['1.234', '-1', 'abc', '', '1e3', null]) expect(fenFromYuan(bad)).toBeNull();
    expect(yuanFromFen(12030)).toBe('120.30');
    expect(yuanFromFen(5)).toBe('0.05');
    expect(() => yuanFromFen(1.5)).toThrow();
  });

  it('reads a WeChat Pay trade bill with a comma inside a product name, skipping the summary', () => {
    const text = [
      '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注',
      '`2026-01-05 09:30:00,`wx1,`1900009191,`0,`,`4200001,`ZG001,`o1,`NATIVE,`SUCCESS,`OTHERS,`CNY,`36.50,`0.00,`0,`0,`0.00,`0.00,`,`,`党费,1月,`,`0.22,`0.60%,`36.50,`0.00,`',
      '`2026-01-05 10:00:00,`wx1,`1900009191,`0,`,`4200002,`ZG002,`o1,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50001,`R1,`10.00,`0.00,`ORIGINAL,`SUCCESS,`党费,`,`0.00,`0.60%,`10.00,`10.00,`',
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      '`2,`36.50,`10.00,`0.00,`0.22,`46.50,`10.00',
    ].join('\r\n');
    expect(parseWechatTradeBill(text)).toEqual([
      { lineNo: 1, providerTxnId: '4200001', orderNo: 'ZG001', kind: 'payment', amountFen: 3650, at: new Date('2026-01-05T01:30:00Z') },
      { lineNo: 2, providerTxnId: '4200002', orderNo: 'ZG002', kind: 'refund', amountFen: 1000, at: new Date('2026-01-05T02:00:00Z') },
    ]);
    expect(splitCsvLine('a,"b,c","d""e"')).toEqual(['a', 'b,c', 'd"e']);
  });
});

describe('the protocol fakes are test support only', () => {
  it('no product source file imports from platform/payments/fakes (tests and *testing.ts helpers may)', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!p.endsWith(path.join('payments', 'fakes')) && e.name !== 'testing') walk(p);
        } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !/(^|-)testing\.ts$/.test(e.name) && /from\s+['"][^'"]*\/fakes\//.test(fs.readFileSync(p, 'utf8'))) {
          offenders.push(path.relative(src, p));
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
