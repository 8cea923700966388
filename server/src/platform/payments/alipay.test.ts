// Alipay OpenAPI client (RSA2) against a local fake gateway that speaks the documented protocol
// (fakes/alipay-fake.ts): signed requests, signed answers, asynchronous notifications verified with the Alipay public
// key after removing sign and sign_type, app_id and seller checked, the bill read from its zip.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAlipay } from './fakes/alipay-fake.js';
import { AlipayClient, alipaySignContent, rawJsonNode, readAlipayBillFile, type AlipayConfig } from './alipay.js';

const keys = () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { pub: publicKey.export({ type: 'spki', format: 'pem' }).toString(), priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};
const app = keys();
let fake: FakeAlipay;
let client: AlipayClient;
let cfg: AlipayConfig;

beforeAll(async () => {
  fake = await FakeAlipay.start({ appId: '2021000123456789', appPublicKey: app.pub, sellerId: '2088102147948060' });
  cfg = { appId: '2021000123456789', appPrivateKey: app.priv, alipayPublicKey: fake.alipayPublicKey, sellerId: '2088102147948060', gateway: fake.gateway };
  client = new AlipayClient(cfg);
});
afterAll(async () => fake?.stop());

const order = (no: string, channel: 'qr' | 'redirect' = 'qr') => ({
  orderNo: no, amountFen: 12030, description: '党费 2026年1月–3月', notifyUrl: 'https://dues.example.cn/api/notify', expiresAt: new Date(Date.now() + 1_800_000), channel,
});
const req = (m: { headers: Record<string, string>; body: string }) => ({ headers: m.headers, rawBody: Buffer.from(m.body) });

describe('signing as the Alipay gateway protocol requires', () => {
  it('signs the sorted non-empty parameters except sign, values as they are (not URL-encoded)', () => {
    expect(alipaySignContent({ method: 'alipay.trade.query', app_id: '2021', biz_content: '{"a":"b c"}', sign: 'x', empty: '' })).toBe('app_id=2021&biz_content={"a":"b c"}&method=alipay.trade.query');
    const p = client.signedParams('alipay.trade.query', { out_trade_no: 'X1' }, {}, new Date('2026-01-02T03:04:05Z'));
    expect(p).toMatchObject({ app_id: '2021000123456789', charset: 'utf-8', sign_type: 'RSA2', format: 'JSON', version: '1.0', timestamp: '2026-01-02 11:04:05' });
    const content = Object.keys(p).filter((k) => k !== 'sign').sort().map((k) => `${k}=${p[k]}`).join('&');
    expect(crypto.createVerify('RSA-SHA256').update(content).verify(app.pub, p.sign!, 'base64')).toBe(true);
  });

  it('takes the signed response node exactly as sent, braces inside strings included', () => {
    const raw = '{"alipay_trade_query_response":{"code":"10000","msg":"a}b{\\"c","x":{"y":1}},"sign":"S"}';
    expect(rawJsonNode(raw, 'alipay_trade_query_response')).toBe('{"code":"10000","msg":"a}b{\\"c","x":{"y":1}}');
    expect(rawJsonNode(raw, 'missing')).toBeNull();
  });

  it('precreates a QR order with total_amount in yuan from 分; the fake accepts our signature', async () => {
    const action = await client.createPayment(order('ZGA0001A'));
    expect(action).toMatchObject({ kind: 'qr', codeUrl: expect.stringMatching(/^https:\/\/qr\.alipay\.com\//) });
    expect(fake.trades.get('ZGA0001A')).toMatchObject({ totalAmount: '120.30', notifyUrl: 'https://dues.example.cn/api/notify' });
    expect(fake.requests.at(-1)).toEqual({ method: 'alipay.trade.precreate', signed: true });
  });

  it('builds a signed wap-pay redirect to the gateway', async () => {
    const action = await client.createPayment(order('ZGA0002A', 'redirect'));
    if (action.kind !== 'redirect') throw new Error('expected redirect');
    const u = new URL(action.url);
    const params = Object.fromEntries(u.searchParams);
    expect(params).toMatchObject({ method: 'alipay.trade.wap.pay', notify_url: 'https://dues.example.cn/api/notify' });
    expect(JSON.parse(params.biz_content!)).toMatchObject({ out_trade_no: 'ZGA0002A', total_amount: '120.30', product_code: 'QUICK_WAP_WAY' });
    expect(crypto.createVerify('RSA-SHA256').update(alipaySignContent(params)).verify(app.pub, params.sign!, 'base64')).toBe(true);
  });

  it('is refused by the gateway when signed with another key, and refuses an answer signed by another key', async () => {
    await expect(new AlipayClient({ ...cfg, appPrivateKey: keys().priv }).createPayment(order('ZGA0003A'))).rejects.toMatchObject({ code: 'rejected', providerCode: 'isv.invalid-signature' });
    await expect(new AlipayClient({ ...cfg, alipayPublicKey: keys().pub }).createPayment(order('ZGA0004A'))).rejects.toMatchObject({ code: 'bad_response_signature' });
  });
});

describe('query, close and the bill', () => {
  it('queries: never scanned → not_found; paid → trade_no, amount in 分, time', async () => {
    await client.createPayment(order('ZGA0010A'));
    expect(await client.queryPayment('ZGA0010A')).toMatchObject({ status: 'not_found' });
    fake.scan('ZGA0010A');
    expect(await client.queryPayment('ZGA0010A')).toMatchObject({ status: 'pending', amountFen: 12030 });
    fake.pay('ZGA0010A');
    const paid = await client.queryPayment('ZGA0010A');
    expect(paid).toMatchObject({ status: 'paid', amountFen: 12030, providerTxnId: fake.trades.get('ZGA0010A')!.tradeNo });
    expect(paid.paidAt).toBeInstanceOf(Date);
  });

  it('closes an unscanned or waiting trade; a paid one says already_paid', async () => {
    await client.createPayment(order('ZGA0011A'));
    await client.closePayment('ZGA0011A');
    await client.createPayment(order('ZGA0012A'));
    fake.scan('ZGA0012A');
    await client.closePayment('ZGA0012A');
    expect(fake.trades.get('ZGA0012A')?.status).toBe('TRADE_CLOSED');
    await expect(client.closePayment('ZGA0010A')).rejects.toMatchObject({ code: 'already_paid' });
  });

  it('downloads the bill zip and reads the 业务明细 lines in 分', async () => {
    const at = new Date();
    const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const s = await client.downloadStatement(day);
    expect(s.lines.find((l) => l.orderNo === 'ZGA0010A')).toMatchObject({ kind: 'payment', amountFen: 12030, providerTxnId: fake.trades.get('ZGA0010A')!.tradeNo });
  });

  it('reads a bill saved as GBK CSV (Alipay’s encoding)', async () => {
    // "支付宝交易号,商户订单号,业务类型,完成时间,订单金额（元）" in GBK, then one row.
    const gbkHeader = Buffer.from('d6a7b8b6b1a6bdbbd2d7bac52cc9ccbba7b6a9b5a5bac52cd2b5cef1c0e0d0cd2ccdeab3c9cab1bce42cb6a9b5a5bdf0b6eea3a8d4aaa3a9', 'hex');
    const row = Buffer.from('\r\n2026010122001,ZGA0099A,', 'ascii');
    const trade = Buffer.from('bdbbd2d7', 'hex');
    const rest = Buffer.from(',2026-01-01 10:00:00,36.50\r\n', 'ascii');
    const lines = await readAlipayBillFile(Buffer.concat([gbkHeader, row, trade, rest]));
    expect(lines).toEqual([{ lineNo: 1, providerTxnId: '2026010122001', orderNo: 'ZGA0099A', kind: 'payment', amountFen: 3650, at: new Date('2026-01-01T02:00:00Z') }]);
  });
});

describe('asynchronous notifications', () => {
  it('accepts a genuine notification (sign and sign_type removed, sorted, verified)', async () => {
    await client.createPayment(order('ZGA0020A'));
    const v = client.verifyNotification(req(fake.pay('ZGA0020A')), new Date());
    expect(v).toMatchObject({ ok: true, trade: { orderNo: 'ZGA0020A', status: 'paid', amountFen: 12030, merchantId: '2088102147948060', appId: '2021000123456789' } });
  });

  it('refuses each kind of wrong notification', async () => {
    const t = fake.trades.get('ZGA0020A')!;
    const cases: [string, { headers: Record<string, string>; body: string }, string][] = [
      ['no sign', fake.notification(t, { afterSigning: { sign: '' } }), 'unsigned'],
      ['RSA (SHA1) instead of RSA2', fake.notification(t, { afterSigning: { sign_type: 'RSA' } }), 'unknown_key'],
      ['signed by someone else', fake.notification(t, { signingKey: keys().priv }), 'bad_signature'],
      ['amount changed after signing', fake.notification(t, { afterSigning: { total_amount: '0.01' } }), 'bad_signature'],
      ['for another app', fake.notification(t, { over: { app_id: '2021999999999999' } }), 'wrong_app'],
      ['for another seller', fake.notification(t, { over: { seller_id: '2088000000000000' } }), 'wrong_merchant'],
    ];
    for (const [name, m, refusal] of cases) expect(client.verifyNotification(req(m), new Date()), name).toMatchObject({ ok: false, refusal });
    const dup = fake.notification(t);
    expect(client.verifyNotification(req({ ...dup, body: `${dup.body}&trade_status=TRADE_CLOSED` }), new Date())).toMatchObject({ ok: false, refusal: 'malformed' });
  });

  it('answers "success" to accept and "fail" to make Alipay retry', () => {
    expect(client.acknowledge(true).body).toBe('success');
    expect(client.acknowledge(false).body).toBe('fail');
  });
});
