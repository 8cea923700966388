/**
 * WeChat Pay API v3 (微信支付 APIv3, direct merchant): Native and JSAPI orders, query and close by out_trade_no, the
 * trade bill, and payment notifications. Protocol as documented by WeChat Pay:
 *  - every request carries `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"`,
 *    the signature being SHA256-with-RSA by the merchant API private key over `METHOD\nURL-path?query\ntimestamp\nnonce\nbody\n`;
 *  - every answer and notification is signed by WeChat Pay: `Wechatpay-Signature` over `timestamp\nnonce\nbody\n`, verified
 *    with the platform public key named by `Wechatpay-Serial`, `Wechatpay-Timestamp` within 5 minutes;
 *  - a notification's `resource` is AEAD_AES_256_GCM under the APIv3 key (nonce and associated_data as given, the last
 *    16 bytes of the ciphertext the tag); the decrypted transaction's mchid and appid must be ours.
 */
import crypto from 'node:crypto';
import { exchange, parseJson, type Fetch, type RawResponse } from './http.js';
import {
  beijingTime, headerValue, ProviderError, type CreatePaymentInput, type NotificationAck, type NotificationRequest, type PayAction,
  type PaymentProvider, type Statement, type TradeState, type TradeStatus, type VerifiedNotification,
} from './provider.js';
import { parseWechatTradeBill } from './statements.js';

export interface WechatPayConfig {
  /** 商户号 */
  mchId: string;
  /** 公众号 / 小程序 AppID bound to the merchant */
  appId: string;
  /** Serial number of the merchant API certificate (商户API证书序列号) */
  merchantSerialNo: string;
  /** The merchant API private key (apiclient_key.pem), PEM */
  merchantPrivateKey: string;
  /** APIv3 key: 32 characters */
  apiV3Key: string;
  /** WeChat Pay platform public key (微信支付公钥) or platform certificate, PEM */
  platformPublicKey: string;
  /** Its id: the public key ID (PUB_KEY_ID_…) or the platform certificate serial */
  platformSerial: string;
  baseUrl?: string;
  fetch?: Fetch;
  timeoutMs?: number;
}

export const WECHATPAY_BASE_URL = 'https://api.mch.weixin.qq.com';
/** Notifications and answers older or newer than this are refused (WeChat Pay's guidance: 5 minutes). */
export const WECHATPAY_CLOCK_WINDOW_S = 300;
const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

interface WechatTransaction {
  appid?: string;
  mchid?: string;
  out_trade_no?: string;
  transaction_id?: string;
  trade_state?: string;
  success_time?: string;
  amount?: { total?: number; payer_total?: number; currency?: string };
}

const TRADE_STATES: Record<string, TradeStatus> = {
  SUCCESS: 'paid', REFUND: 'refunded', NOTPAY: 'pending', USERPAYING: 'pending', CLOSED: 'closed', REVOKED: 'closed', PAYERROR: 'closed',
};

/** Signs `message` with an RSA private key (SHA256withRSA, PKCS#1 v1.5), base64. */
export function rsaSign(message: string, privateKeyPem: string): string {
  return crypto.createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64');
}

export function rsaVerify(message: string | Buffer, signatureB64: string, publicKeyPem: string): boolean {
  try {
    return crypto.createVerify('RSA-SHA256').update(message).verify(publicKeyPem, signatureB64, 'base64');
  } catch {
    return false;
  }
}

/** AEAD_AES_256_GCM decryption of a notification resource (or a bill): throws on a wrong key or a changed text. */
export function decryptResource(apiV3Key: string, r: { ciphertext: string; nonce: string; associated_data?: string }): string {
  const data = Buffer.from(r.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const d = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'));
  d.setAuthTag(data.subarray(data.length - 16));
  d.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
  return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8');
}

export class WechatPayClient implements PaymentProvider {
  readonly kind = 'wechatpay' as const;
  readonly channels = ['qr', 'jsapi'] as const;
  private readonly baseUrl: string;
  private readonly fetchFn: Fetch;

  constructor(private readonly cfg: WechatPayConfig) {
    if (Buffer.byteLength(cfg.apiV3Key, 'utf8') !== 32) throw new Error('the WeChat Pay APIv3 key must be 32 bytes');
    this.baseUrl = (cfg.baseUrl ?? WECHATPAY_BASE_URL).replace(/\/+$/, '');
    this.fetchFn = cfg.fetch ?? fetch;
  }

  /** The Authorization header for a request (exported for tests of the canonical string). */
  authorization(method: string, pathAndQuery: string, body: string, timestamp = Math.floor(Date.now() / 1000), nonce = crypto.randomBytes(16).toString('hex').toUpperCase()): string {
    const message = `${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
    const signature = rsaSign(message, this.cfg.merchantPrivateKey);
    return `${AUTH_SCHEMA} mchid="${this.cfg.mchId}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${this.cfg.merchantSerialNo}",signature="${signature}"`;
  }

  /** A signed request; a 2xx answer must carry a valid WeChat Pay signature. */
  private async request(method: 'GET' | 'POST', pathAndQuery: string, payload?: unknown): Promise<RawResponse> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const res = await exchange(this.fetchFn, this.baseUrl + pathAndQuery, {
      method,
      headers: {
        authorization: this.authorization(method, pathAndQuery, body),
        accept: 'application/json',
        'user-agent': 'zhenggong-cloud',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body }),
    }, this.cfg.timeoutMs);
    if (res.status >= 200 && res.status < 300) {
      const refusal = this.checkSignature((n) => res.headers.get(n) ?? undefined, res.body, Date.now() / 1000);
      if (refusal) throw new ProviderError('bad_response_signature', `WeChat Pay answer to ${method} ${pathAndQuery.split('?')[0]} failed verification: ${refusal}`);
    }
    return res;
  }

  private static errorOf(res: RawResponse, what: string): ProviderError {
    let code = `HTTP_${res.status}`;
    let message = '';
    try {
      const e = JSON.parse(res.body.toString('utf8')) as { code?: string; message?: string };
      code = e.code ?? code;
      message = e.message ?? '';
    } catch {
      /* not JSON */
    }
    return new ProviderError('rejected', `WeChat Pay refused ${what}: ${code} ${message}`.trim(), code, res.status);
  }

  /** Checks Wechatpay-* headers over a body; null when it verifies, else why not. */
  private checkSignature(header: (name: string) => string | undefined, body: Buffer, nowSeconds: number): 'unsigned' | 'unknown_key' | 'stale' | 'bad_signature' | null {
    const signature = header('wechatpay-signature');
    const timestamp = header('wechatpay-timestamp');
    const nonce = header('wechatpay-nonce');
    const serial = header('wechatpay-serial');
    if (!signature || !timestamp || !nonce || !serial) return 'unsigned';
    if (serial !== this.cfg.platformSerial) return 'unknown_key';
    const ts = Number(timestamp);
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - ts) > WECHATPAY_CLOCK_WINDOW_S) return 'stale';
    const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), body, Buffer.from('\n', 'utf8')]);
    return rsaVerify(message, signature, this.cfg.platformPublicKey) ? null : 'bad_signature';
  }

  async createPayment(input: CreatePaymentInput): Promise<PayAction> {
    const base = {
      appid: this.cfg.appId,
      mchid: this.cfg.mchId,
      description: input.description.slice(0, 127),
      out_trade_no: input.orderNo,
      time_expire: beijingTime(input.expiresAt, 'rfc3339'),
      notify_url: input.notifyUrl,
      amount: { total: input.amountFen, currency: 'CNY' },
    };
    if (input.channel === 'qr') {
      const res = await this.request('POST', '/v3/pay/transactions/native', base);
      if (res.status !== 200) throw WechatPayClient.errorOf(res, 'the Native order');
      const codeUrl = parseJson<{ code_url?: string }>(res.body, 'Native order answer').code_url;
      if (!codeUrl) throw new ProviderError('bad_response', 'Native order answer without code_url');
      return { kind: 'qr', codeUrl };
    }
    if (input.channel === 'jsapi') {
      if (!input.payerId) throw new ProviderError('rejected', 'a JSAPI order needs the payer openid', 'PARAM_ERROR');
      const res = await this.request('POST', '/v3/pay/transactions/jsapi', { ...base, payer: { openid: input.payerId } });
      if (res.status !== 200) throw WechatPayClient.errorOf(res, 'the JSAPI order');
      const prepayId = parseJson<{ prepay_id?: string }>(res.body, 'JSAPI order answer').prepay_id;
      if (!prepayId) throw new ProviderError('bad_response', 'JSAPI order answer without prepay_id');
      const timeStamp = String(Math.floor(Date.now() / 1000));
      const nonceStr = crypto.randomBytes(16).toString('hex');
      const pkg = `prepay_id=${prepayId}`;
      const paySign = rsaSign(`${this.cfg.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`, this.cfg.merchantPrivateKey);
      return { kind: 'jsapi', params: { appId: this.cfg.appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign } };
    }
    throw new ProviderError('rejected', `WeChat Pay has no ${input.channel} channel here`, 'PARAM_ERROR');
  }

  verifyNotification(req: NotificationRequest, now: Date): VerifiedNotification {
    const refusal = this.checkSignature((n) => headerValue(req.headers, n), req.rawBody, now.getTime() / 1000);
    if (refusal) return { ok: false, refusal, detail: `Wechatpay-Signature: ${refusal}` };
    let envelope: { id?: unknown; event_type?: unknown; resource?: { algorithm?: unknown; ciphertext?: unknown; nonce?: unknown; associated_data?: unknown } };
    try {
      envelope = JSON.parse(req.rawBody.toString('utf8')) as typeof envelope;
    } catch {
      return { ok: false, refusal: 'malformed', detail: 'body is not JSON' };
    }
    const r = envelope.resource;
    if (typeof envelope.id !== 'string' || !r || r.algorithm !== 'AEAD_AES_256_GCM' || typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string') {
      return { ok: false, refusal: 'malformed', detail: 'no AEAD_AES_256_GCM resource' };
    }
    let tx: WechatTransaction;
    try {
      tx = JSON.parse(decryptResource(this.cfg.apiV3Key, { ciphertext: r.ciphertext, nonce: r.nonce, associated_data: typeof r.associated_data === 'string' ? r.associated_data : '' })) as WechatTransaction;
    } catch {
      return { ok: false, refusal: 'undecryptable', detail: 'resource does not decrypt with the APIv3 key' };
    }
    if (tx.mchid !== this.cfg.mchId) return { ok: false, refusal: 'wrong_merchant', detail: `mchid ${String(tx.mchid)}` };
    if (tx.appid !== this.cfg.appId) return { ok: false, refusal: 'wrong_app', detail: `appid ${String(tx.appid)}` };
    if (typeof tx.out_trade_no !== 'string' || typeof tx.trade_state !== 'string') return { ok: false, refusal: 'malformed', detail: 'transaction without out_trade_no or trade_state' };
    return { ok: true, notificationId: envelope.id, trade: this.tradeOf(tx) };
  }

  private tradeOf(tx: WechatTransaction): TradeState {
    const paidAt = tx.success_time ? new Date(tx.success_time) : null;
    return {
      orderNo: tx.out_trade_no ?? '',
      status: TRADE_STATES[tx.trade_state ?? ''] ?? 'pending',
      providerTxnId: tx.transaction_id ?? null,
      amountFen: typeof tx.amount?.total === 'number' && Number.isSafeInteger(tx.amount.total) ? tx.amount.total : null,
      paidAt: paidAt && !Number.isNaN(paidAt.getTime()) ? paidAt : null,
      merchantId: tx.mchid ?? null,
      appId: tx.appid ?? null,
    };
  }

  acknowledge(accepted: boolean): NotificationAck {
    // Success: 200 with no body needed. Failure: 4xx/5xx with code and message; WeChat Pay then retries.
    return accepted
      ? { status: 200, contentType: 'application/json', body: '' }
      : { status: 400, contentType: 'application/json', body: JSON.stringify({ code: 'FAIL', message: '失败' }) };
  }

  async queryPayment(orderNo: string): Promise<TradeState> {
    const res = await this.request('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}?mchid=${encodeURIComponent(this.cfg.mchId)}`);
    if (res.status === 404) return { orderNo, status: 'not_found', providerTxnId: null, amountFen: null, paidAt: null, merchantId: null, appId: null };
    if (res.status !== 200) throw WechatPayClient.errorOf(res, 'the order query');
    const tx = parseJson<WechatTransaction>(res.body, 'order query answer');
    if (tx.mchid !== this.cfg.mchId || tx.out_trade_no !== orderNo) throw new ProviderError('bad_response', `order query answered for ${String(tx.mchid)}/${String(tx.out_trade_no)}`);
    return this.tradeOf(tx);
  }

  async closePayment(orderNo: string): Promise<void> {
    const res = await this.request('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}/close`, { mchid: this.cfg.mchId });
    if (res.status === 204 || res.status === 200) return;
    const err = WechatPayClient.errorOf(res, 'closing the order');
    if (err.providerCode === 'ORDERPAID') throw new ProviderError('already_paid', err.message, err.providerCode, res.status);
    if (err.providerCode === 'ORDER_NOT_EXIST' || err.providerCode === 'ORDERCLOSED') return;
    throw err;
  }

  async downloadStatement(date: string): Promise<Statement> {
    const res = await this.request('GET', `/v3/bill/tradebill?bill_date=${encodeURIComponent(date)}&bill_type=ALL`);
    if (res.status !== 200) throw WechatPayClient.errorOf(res, 'the trade bill');
    const info = parseJson<{ hash_type?: string; hash_value?: string; download_url?: string }>(res.body, 'trade bill answer');
    if (!info.download_url || !info.hash_value) throw new ProviderError('bad_response', 'trade bill answer without download_url');
    const url = new URL(info.download_url);
    const base = new URL(this.baseUrl);
    if (url.origin !== base.origin) throw new ProviderError('bad_response', `trade bill download on another host (${url.host})`);
    // The download is signed like any request; its answer is not signed (the hash from the signed answer covers it).
    const file = await exchange(this.fetchFn, url.toString(), {
      method: 'GET', headers: { authorization: this.authorization('GET', url.pathname + url.search, ''), 'user-agent': 'zhenggong-cloud' },
    }, this.cfg.timeoutMs);
    if (file.status !== 200) throw WechatPayClient.errorOf(file, 'the trade bill download');
    const algo = (info.hash_type ?? 'SHA1').toLowerCase() === 'sha1' ? 'sha1' : null;
    if (!algo) throw new ProviderError('bad_response', `unknown bill hash ${info.hash_type}`);
    const digest = crypto.createHash(algo).update(file.body).digest('hex');
    if (digest.toLowerCase() !== info.hash_value.toLowerCase()) throw new ProviderError('bad_response', 'trade bill does not match its hash');
    return { date, lines: parseWechatTradeBill(file.body.toString('utf8')), fileSha256: crypto.createHash('sha256').update(file.body).digest('hex') };
  }
}
