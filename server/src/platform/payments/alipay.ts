/**
 * Alipay OpenAPI (支付宝开放平台, gateway protocol, RSA2 with the public-key mode): alipay.trade.precreate (a QR code),
 * alipay.trade.wap.pay / page.pay (the web cashier), alipay.trade.query, alipay.trade.close, the bill download URL, and
 * asynchronous notifications. Protocol as documented by Alipay:
 *  - a request is the common parameters (app_id, method, format=JSON, charset=utf-8, sign_type=RSA2, timestamp in
 *    Beijing time, version=1.0, notify_url…) plus biz_content (JSON); `sign` is SHA256withRSA by the app private key over
 *    every non-empty parameter except sign, sorted by name, joined as k=v with '&', values not URL-encoded;
 *  - an answer `{"<method>_response": {…}, "sign": "…"}` is signed by Alipay over the exact text of the response node;
 *  - a notification is a form post: remove sign and sign_type, sort, join the decoded values the same way, verify
 *    with the Alipay public key; app_id (and seller_id when configured) must be ours; answer "success".
 */
import crypto from 'node:crypto';
import JSZip from 'jszip';
import { exchange, parseJson, type Fetch } from './http.js';
import {
  beijingTime, fenFromYuan, ProviderError, parseBeijingPlain, yuanFromFen, type CreatePaymentInput, type NotificationAck, type NotificationRequest,
  type PayAction, type PaymentProvider, type Statement, type TradeState, type TradeStatus, type VerifiedNotification,
} from './provider.js';
import { rsaSign, rsaVerify } from './wechatpay.js';
import { decodeStatementText, parseAlipayTradeBill } from './statements.js';

export interface AlipayConfig {
  appId: string;
  /** The app private key (应用私钥), PEM (PKCS#8 or PKCS#1). */
  appPrivateKey: string;
  /** The Alipay public key (支付宝公钥), PEM. */
  alipayPublicKey: string;
  /** The merchant's Alipay user id (2088…): when set, notifications and queries for another seller are refused. */
  sellerId?: string;
  gateway?: string;
  fetch?: Fetch;
  timeoutMs?: number;
}

export const ALIPAY_GATEWAY = 'https://openapi.alipay.com/gateway.do';

const TRADE_STATES: Record<string, TradeStatus> = {
  WAIT_BUYER_PAY: 'pending', TRADE_SUCCESS: 'paid', TRADE_FINISHED: 'paid', TRADE_CLOSED: 'closed',
};

/** The string Alipay signs: non-empty parameters except the excluded ones, sorted by name, k=v joined with '&'. */
export function alipaySignContent(params: Record<string, string | undefined>, exclude: readonly string[] = ['sign']): string {
  return Object.keys(params)
    .filter((k) => !exclude.includes(k) && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

/**
 * The raw text of the JSON object under `key` in `raw`, exactly as sent (Alipay signs those bytes, not a
 * re-serialisation). Null when the key is not there.
 */
export function rawJsonNode(raw: string, key: string): string | null {
  const at = raw.indexOf(`"${key}"`);
  if (at < 0) return null;
  let i = raw.indexOf(':', at + key.length + 2);
  if (i < 0) return null;
  i++;
  while (i < raw.length && /\s/.test(raw[i]!)) i++;
  if (raw[i] !== '{') return null;
  let depth = 0;
  let inString = false;
  for (let j = i; j < raw.length; j++) {
    const ch = raw[j]!;
    if (inString) {
      if (ch === '\\') j++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return raw.slice(i, j + 1);
    }
  }
  return null;
}

interface AlipayAnswer {
  code?: string;
  msg?: string;
  sub_code?: string;
  sub_msg?: string;
  [k: string]: unknown;
}

export class AlipayClient implements PaymentProvider {
  readonly kind = 'alipay' as const;
  readonly channels = ['qr', 'redirect'] as const;
  private readonly gateway: string;
  private readonly fetchFn: Fetch;

  constructor(private readonly cfg: AlipayConfig) {
    this.gateway = cfg.gateway ?? ALIPAY_GATEWAY;
    this.fetchFn = cfg.fetch ?? fetch;
  }

  /** The signed parameters of a call (exported for tests of the canonical string). */
  signedParams(method: string, biz: Record<string, unknown>, extra: Record<string, string> = {}, now = new Date()): Record<string, string> {
    const params: Record<string, string> = {
      app_id: this.cfg.appId, method, format: 'JSON', charset: 'utf-8', sign_type: 'RSA2', timestamp: beijingTime(now, 'plain'), version: '1.0',
      ...extra, biz_content: JSON.stringify(biz),
    };
    params.sign = rsaSign(alipaySignContent(params), this.cfg.appPrivateKey);
    return params;
  }

  /** One gateway call; the answer's response node must be signed by Alipay, and its code must be 10000. */
  private async call(method: string, biz: Record<string, unknown>, extra: Record<string, string> = {}): Promise<AlipayAnswer> {
    const params = this.signedParams(method, biz, extra);
    const res = await exchange(this.fetchFn, `${this.gateway}?charset=utf-8`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', 'user-agent': 'zhenggong-cloud' },
      body: new URLSearchParams(params).toString(),
    }, this.cfg.timeoutMs);
    if (res.status !== 200) throw new ProviderError('rejected', `Alipay answered HTTP ${res.status} to ${method}`, `HTTP_${res.status}`, res.status);
    const raw = res.body.toString('utf8');
    const nodeKey = `${method.replace(/\./g, '_')}_response`;
    const node = rawJsonNode(raw, nodeKey);
    const whole = parseJson<Record<string, unknown>>(raw, `${method} answer`);
    if (node === null) {
      // A gateway-level refusal (bad app_id, bad signature of ours) comes back as error_response, often unsigned.
      const e = (whole.error_response ?? {}) as AlipayAnswer;
      throw new ProviderError('rejected', `Alipay refused ${method}: ${e.code ?? '?'} ${e.sub_code ?? ''} ${e.sub_msg ?? e.msg ?? ''}`.trim(), e.sub_code ?? e.code);
    }
    const answer = JSON.parse(node) as AlipayAnswer;
    // Success (10000) and business answers (40004: trade not found, wrong state) are acted on, so they must be
    // Alipay's; a gateway refusal (40002 bad parameter or signature…) may come unsigned and changes nothing.
    const sign = whole.sign;
    const mustBeSigned = answer.code === '10000' || answer.code === '40004';
    if (mustBeSigned && (typeof sign !== 'string' || !rsaVerify(Buffer.from(node, 'utf8'), sign, this.cfg.alipayPublicKey))) {
      throw new ProviderError('bad_response_signature', `Alipay answer to ${method} failed verification`);
    }
    if (answer.code !== '10000') {
      throw new ProviderError('rejected', `Alipay refused ${method}: ${answer.code ?? '?'} ${answer.sub_code ?? ''} ${answer.sub_msg ?? answer.msg ?? ''}`.trim(), answer.sub_code ?? answer.code);
    }
    return answer;
  }

  async createPayment(input: CreatePaymentInput): Promise<PayAction> {
    const biz = {
      out_trade_no: input.orderNo,
      total_amount: yuanFromFen(input.amountFen),
      subject: input.description.slice(0, 256),
      time_expire: beijingTime(input.expiresAt, 'plain'),
    };
    if (input.channel === 'qr') {
      const answer = await this.call('alipay.trade.precreate', biz, { notify_url: input.notifyUrl });
      if (typeof answer.qr_code !== 'string' || answer.out_trade_no !== input.orderNo) throw new ProviderError('bad_response', 'precreate answer without qr_code');
      return { kind: 'qr', codeUrl: answer.qr_code };
    }
    if (input.channel === 'redirect') {
      // The phone cashier (wap pay): a signed GET to the gateway, no server call; Alipay checks the signature.
      const params = this.signedParams('alipay.trade.wap.pay', { ...biz, product_code: 'QUICK_WAP_WAY' }, {
        notify_url: input.notifyUrl, ...(input.returnUrl ? { return_url: input.returnUrl } : {}),
      });
      return { kind: 'redirect', url: `${this.gateway}?${new URLSearchParams(params).toString()}` };
    }
    throw new ProviderError('rejected', `Alipay has no ${input.channel} channel here`, 'INVALID_PARAMETER');
  }

  verifyNotification(req: NotificationRequest, _now: Date): VerifiedNotification {
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(req.rawBody.toString('utf8'));
    } catch {
      return { ok: false, refusal: 'malformed', detail: 'body is not a form' };
    }
    const params: Record<string, string> = {};
    for (const [k, v] of form) {
      // A repeated parameter makes the signed string ambiguous: refuse it.
      if (k in params) return { ok: false, refusal: 'malformed', detail: `parameter ${k} repeated` };
      params[k] = v;
    }
    const sign = params.sign;
    if (!sign) return { ok: false, refusal: 'unsigned', detail: 'no sign parameter' };
    if (params.sign_type !== 'RSA2') return { ok: false, refusal: 'unknown_key', detail: `sign_type ${params.sign_type ?? ''}` };
    if (!rsaVerify(Buffer.from(alipaySignContent(params, ['sign', 'sign_type']), 'utf8'), sign, this.cfg.alipayPublicKey)) {
      return { ok: false, refusal: 'bad_signature', detail: 'sign does not verify with the Alipay public key' };
    }
    if (params.app_id !== this.cfg.appId) return { ok: false, refusal: 'wrong_app', detail: `app_id ${params.app_id ?? ''}` };
    if (this.cfg.sellerId && params.seller_id !== this.cfg.sellerId) return { ok: false, refusal: 'wrong_merchant', detail: `seller_id ${params.seller_id ?? ''}` };
    if (!params.out_trade_no || !params.notify_id || !params.trade_status) return { ok: false, refusal: 'malformed', detail: 'no out_trade_no, notify_id or trade_status' };
    return {
      ok: true,
      notificationId: params.notify_id,
      trade: {
        orderNo: params.out_trade_no,
        status: TRADE_STATES[params.trade_status] ?? 'pending',
        providerTxnId: params.trade_no ?? null,
        amountFen: fenFromYuan(params.total_amount),
        paidAt: parseBeijingPlain(params.gmt_payment),
        merchantId: params.seller_id ?? null,
        appId: params.app_id,
      },
    };
  }

  acknowledge(accepted: boolean): NotificationAck {
    // Anything but "success" makes Alipay retry (over about 25 hours).
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: accepted ? 'success' : 'fail' };
  }

  async queryPayment(orderNo: string): Promise<TradeState> {
    let answer: AlipayAnswer;
    try {
      answer = await this.call('alipay.trade.query', { out_trade_no: orderNo });
    } catch (err) {
      if (err instanceof ProviderError && err.providerCode === 'ACQ.TRADE_NOT_EXIST') {
        return { orderNo, status: 'not_found', providerTxnId: null, amountFen: null, paidAt: null, merchantId: null, appId: null };
      }
      throw err;
    }
    if (answer.out_trade_no !== orderNo) throw new ProviderError('bad_response', `query answered for ${String(answer.out_trade_no)}`);
    return {
      orderNo,
      status: TRADE_STATES[String(answer.trade_status)] ?? 'pending',
      providerTxnId: typeof answer.trade_no === 'string' ? answer.trade_no : null,
      amountFen: fenFromYuan(typeof answer.total_amount === 'string' ? answer.total_amount : null),
      paidAt: parseBeijingPlain(typeof answer.send_pay_date === 'string' ? answer.send_pay_date : null),
      merchantId: this.cfg.sellerId ?? null,
      appId: this.cfg.appId,
    };
  }

  async closePayment(orderNo: string): Promise<void> {
    try {
      await this.call('alipay.trade.close', { out_trade_no: orderNo });
    } catch (err) {
      // An order never scanned does not exist at Alipay yet: nothing to close.
      if (err instanceof ProviderError && err.providerCode === 'ACQ.TRADE_NOT_EXIST') return;
      if (err instanceof ProviderError && err.providerCode === 'ACQ.TRADE_STATUS_ERROR') {
        const state = await this.queryPayment(orderNo);
        if (state.status === 'paid') throw new ProviderError('already_paid', `order ${orderNo} was paid`, err.providerCode);
        return;
      }
      throw err;
    }
  }

  async downloadStatement(date: string): Promise<Statement> {
    const answer = await this.call('alipay.data.dataservice.bill.downloadurl.query', { bill_type: 'trade', bill_date: date });
    const url = answer.bill_download_url;
    if (typeof url !== 'string') throw new ProviderError('bad_response', 'bill answer without bill_download_url');
    const file = await exchange(this.fetchFn, url, { method: 'GET' }, this.cfg.timeoutMs);
    if (file.status !== 200) throw new ProviderError('rejected', `bill download answered HTTP ${file.status}`, `HTTP_${file.status}`, file.status);
    return { date, lines: await readAlipayBillFile(file.body), fileSha256: crypto.createHash('sha256').update(file.body).digest('hex') };
  }
}

/** The lines of an Alipay bill: the zip as downloaded (its 业务明细 CSV, not the 汇总), or the CSV itself. */
export async function readAlipayBillFile(data: Buffer): Promise<ReturnType<typeof parseAlipayTradeBill>> {
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(data);
    } catch {
      throw new ProviderError('bad_response', 'bill archive cannot be opened');
    }
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir && /\.csv$/i.test(n));
    // File names are GBK in Alipay's archives; pick the details by content rather than by name.
    for (const n of names) {
      const text = decodeStatementText(Buffer.from(await zip.files[n]!.async('uint8array')));
      if (text.includes('支付宝交易号') && !text.includes('汇总')) return parseAlipayTradeBill(text);
    }
    for (const n of names) {
      const text = decodeStatementText(Buffer.from(await zip.files[n]!.async('uint8array')));
      if (text.includes('支付宝交易号')) return parseAlipayTradeBill(text);
    }
    throw new ProviderError('bad_response', 'bill archive has no 业务明细 file');
  }
  return parseAlipayTradeBill(decodeStatementText(data));
}
