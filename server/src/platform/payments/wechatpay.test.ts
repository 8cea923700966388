// WeChat Pay API v3 client against a local fake that speaks the documented protocol (fakes/wechatpay-fake.ts):
// our requests must carry a valid WECHATPAY2-SHA256-RSA2048 signature, answers and notifications are verified with
// the platform key, notification resources decrypt with the APIv3 key, and mchid/appid must be ours.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeWechatPay } from './fakes/wechatpay-fake.js';
import { WechatPayClient, type WechatPayConfig } from './wechatpay.js';
import { ProviderError } from './provider.js';

const keys = () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { pub: publicKey.export({ type: 'spki', format: 'pem' }).toString(), priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};
const merchant = keys();
const APIV3 = 'Zg3v9Kq2Lr8Wm4Tx7Np1Hc6Bd5Fs0Jab';
let fake: FakeWechatPay;
let client: WechatPayClient;
let cfg: WechatPayConfig;

beforeAll(async () => {
  fake = await FakeWechatPay.start({ mchId: '1900009191', appId: 'wxd678efh567hg6787', merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A72', merchantPublicKey: merchant.pub, apiV3Key: APIV3 });
  cfg = {
    mchId: '1900009191', appId: 'wxd678efh567hg6787', merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A72', merchantPrivateKey: merchant.priv,
    apiV3Key: APIV3, platformPublicKey: fake.platformPublicKey, platformSerial: fake.platformSerial, baseUrl: fake.url,
  };
  client = new WechatPayClient(cfg);
});
afterAll(async () => fake?.stop());

const order = (no: string, channel: 'qr' | 'jsapi' = 'qr') => ({
  orderNo: no, amountFen: 3650, description: '党费 2026年1月', notifyUrl: 'https://dues.example.cn/api/notify', expiresAt: new Date(Date.now() + 1_800_000), channel,
  ...(channel === 'jsapi' ? { payerId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } : {}),
});

describe('requests are signed as WeChat Pay API v3 requires', () => {
  it('builds the Authorization header over METHOD\\nURL\\ntimestamp\\nnonce\\nbody\\n', () => {
    const h = client.authorization('GET', '/v3/certificates', '', 1554208460, '593BEC0C930BF1AFEB40B4A08C8FB242');
    expect(h).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",timestamp="1554208460",serial_no="5157F09EFDC096DE15EBE81A47057A72",signature="[A-Za-z0-9+/=]+"$/);
    const sig = /signature="([^"]+)"/.exec(h)![1]!;
    expect(crypto.createVerify('RSA-SHA256').update('GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n').verify(merchant.pub, sig, 'base64')).toBe(true);
  });

  it('creates a Native order (code_url) the fake accepts as signed, with the amount in 分 and our out_trade_no', async () => {
    const action = await client.createPayment(order('ZGT0001A'));
    expect(action).toMatchObject({ kind: 'qr', codeUrl: expect.stringMatching(/^weixin:\/\/wxpay\/bizpayurl\?pr=/) });
    expect(fake.orders.get('ZGT0001A')).toMatchObject({ total: 3650, kind: 'native', state: 'NOTPAY', notifyUrl: 'https://dues.example.cn/api/notify' });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v3/pay/transactions/native', signed: true });
  });

  it('creates a JSAPI order and signs the client parameters (appId\\ntimeStamp\\nnonceStr\\npackage\\n)', async () => {
    const action = await client.createPayment(order('ZGT0002A', 'jsapi'));
    if (action.kind !== 'jsapi') throw new Error('expected jsapi');
    expect(action.params.package).toMatch(/^prepay_id=wx/);
    const p = action.params;
    expect(crypto.createVerify('RSA-SHA256').update(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`).verify(merchant.pub, p.paySign, 'base64')).toBe(true);
  });

  it('is refused by the provider when signed with another key (401 SIGN_ERROR → rejected)', async () => {
    const other = new WechatPayClient({ ...cfg, merchantPrivateKey: keys().priv });
    await expect(other.createPayment(order('ZGT0003A'))).rejects.toMatchObject({ code: 'rejected', providerCode: 'SIGN_ERROR', status: 401 });
    expect(fake.orders.has('ZGT0003A')).toBe(false);
  });

  it('refuses an answer not signed by the platform key (a man in the middle)', async () => {
    fake.forgeAnswersWith = keys().priv;
    try {
      await expect(client.createPayment(order('ZGT0004A'))).rejects.toMatchObject({ code: 'bad_response_signature' });
    } finally {
      fake.forgeAnswersWith = null;
    }
  });

  it('reports an unreachable provider as a network error, not a crash', async () => {
    const down = new WechatPayClient({ ...cfg, baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    await expect(down.queryPayment('ZGT0001A')).rejects.toBeInstanceOf(ProviderError);
  });
});

describe('query, close and the trade bill', () => {
  it('queries by out_trade_no: pending, then paid with the transaction id, amount and time; unknown → not_found', async () => {
    await client.createPayment(order('ZGT0010A'));
    expect(await client.queryPayment('ZGT0010A')).toMatchObject({ status: 'pending', providerTxnId: null, amountFen: 3650 });
    fake.pay('ZGT0010A');
    const paid = await client.queryPayment('ZGT0010A');
    expect(paid).toMatchObject({ status: 'paid', amountFen: 3650, merchantId: '1900009191', appId: 'wxd678efh567hg6787' });
    expect(paid.providerTxnId).toMatch(/^4200/);
    expect(paid.paidAt).toBeInstanceOf(Date);
    expect(await client.queryPayment('ZGT9999Z')).toMatchObject({ status: 'not_found' });
  });

  it('closes an unpaid order; closing a paid one says already_paid', async () => {
    await client.createPayment(order('ZGT0011A'));
    await client.closePayment('ZGT0011A');
    expect(fake.orders.get('ZGT0011A')?.state).toBe('CLOSED');
    await expect(client.closePayment('ZGT0010A')).rejects.toMatchObject({ code: 'already_paid' });
  });

  it('downloads the day’s trade bill (hash checked) and reads each payment in 分', async () => {
    await client.createPayment(order('ZGT0012A'));
    const at = new Date();
    fake.pay('ZGT0012A', at);
    const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const s = await client.downloadStatement(day);
    const line = s.lines.find((l) => l.orderNo === 'ZGT0012A');
    expect(line).toMatchObject({ kind: 'payment', amountFen: 3650, providerTxnId: fake.orders.get('ZGT0012A')!.transactionId });
    expect(s.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('notifications: verified, decrypted, checked — or refused with the reason', () => {
  const now = () => new Date();
  const req = (m: { headers: Record<string, string>; body: string }) => ({ headers: m.headers, rawBody: Buffer.from(m.body) });

  it('accepts a genuine payment notification and reads the transaction', async () => {
    await client.createPayment(order('ZGT0020A'));
    const v = client.verifyNotification(req(fake.pay('ZGT0020A')), now());
    expect(v).toMatchObject({ ok: true, trade: { orderNo: 'ZGT0020A', status: 'paid', amountFen: 3650, merchantId: '1900009191' } });
  });

  it('refuses each kind of wrong notification', async () => {
    await client.createPayment(order('ZGT0021A'));
    fake.pay('ZGT0021A');
    const o = fake.orders.get('ZGT0021A')!;
    const genuine = fake.notification(o);
    const noSig = { ...genuine, headers: { ...genuine.headers, 'wechatpay-signature': '' } };
    const cases: [string, { headers: Record<string, string>; body: string }, string][] = [
      ['unsigned', noSig, 'unsigned'],
      ['another serial', fake.notification(o, { serial: 'PUB_KEY_ID_0000' }), 'unknown_key'],
      ['signed by someone else', fake.notification(o, { signingKey: keys().priv }), 'bad_signature'],
      ['ten minutes old', fake.notification(o, { at: new Date(Date.now() - 600_000) }), 'stale'],
      ['body changed after signing', { ...genuine, body: genuine.body.replace('"summary":"支付成功"', '"summary":"x"') }, 'bad_signature'],
      ['encrypted with another APIv3 key', fake.notification(o, { apiV3Key: 'x'.repeat(32) }), 'undecryptable'],
      ['for another merchant', fake.notification(o, { resource: { mchid: '1230000109' } }), 'wrong_merchant'],
      ['for another app', fake.notification(o, { resource: { appid: 'wx0000000000000000' } }), 'wrong_app'],
    ];
    for (const [name, m, refusal] of cases) expect(client.verifyNotification(req(m), now()), name).toMatchObject({ ok: false, refusal });
  });

  it('answers WeChat Pay in its protocol: 200 to accept, 4xx with code FAIL to make it retry', () => {
    expect(client.acknowledge(true).status).toBe(200);
    expect(client.acknowledge(false)).toMatchObject({ status: 400, body: expect.stringContaining('"code":"FAIL"') });
  });
});
