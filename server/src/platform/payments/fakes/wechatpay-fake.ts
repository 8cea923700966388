/**
 * TEST SUPPORT ONLY — never imported by product code (a test checks). A local WeChat Pay API v3 that speaks the
 * documented protocol: it checks our Authorization signatures with the merchant's public key (401 SIGN_ERROR
 * otherwise), signs its answers and notifications with its own platform key (generated here), encrypts notification
 * resources with the APIv3 key, keeps orders, and serves the trade bill. Written from the protocol, not from our
 * client, so a mistake in the client's canonical strings fails the tests.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechatOptions {
  mchId: string;
  appId: string;
  merchantSerialNo: string;
  merchantPublicKey: string;
  apiV3Key: string;
}

export interface FakeWechatOrder {
  outTradeNo: string;
  description: string;
  total: number;
  notifyUrl: string;
  timeExpire: string | null;
  kind: 'native' | 'jsapi';
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transactionId: string | null;
  successTime: Date | null;
  openid: string | null;
}

export interface SignedMessage {
  headers: Record<string, string>;
  body: string;
}

const bj = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);

export class FakeWechatPay {
  readonly platformSerial = `PUB_KEY_ID_${crypto.randomBytes(12).toString('hex').toUpperCase()}`;
  readonly platformPublicKey: string;
  private readonly platformPrivateKey: string;
  readonly orders = new Map<string, FakeWechatOrder>();
  /** Every request received: what was asked and whether its signature verified. */
  readonly requests: { method: string; path: string; signed: boolean }[] = [];
  url = '';
  private server: http.Server | null = null;
  private bills = new Map<string, string>();
  /** When set, answers are signed with this key instead (a man in the middle). */
  forgeAnswersWith: string | null = null;

  constructor(readonly opts: FakeWechatOptions) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.platformPublicKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.platformPrivateKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  static async start(opts: FakeWechatOptions): Promise<FakeWechatPay> {
    const fake = new FakeWechatPay(opts);
    fake.server = http.createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Headers signing a body as WeChat Pay does: SHA256withRSA over `timestamp\nnonce\nbody\n`. */
  sign(body: string, at = new Date(), key = this.platformPrivateKey, serial = this.platformSerial): Record<string, string> {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const nonce = crypto.randomBytes(16).toString('hex');
    const signature = crypto.createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(key, 'base64');
    return { 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': nonce, 'wechatpay-signature': signature, 'wechatpay-serial': serial, 'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048' };
  }

  /** The transaction resource of an order, as the query API and notifications give it. */
  transaction(o: FakeWechatOrder, over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      appid: this.opts.appId, mchid: this.opts.mchId, out_trade_no: o.outTradeNo, transaction_id: o.transactionId ?? undefined,
      trade_type: o.kind === 'native' ? 'NATIVE' : 'JSAPI', trade_state: o.state, trade_state_desc: o.state,
      success_time: o.successTime ? `${bj(o.successTime)}+08:00` : undefined, payer: o.openid ? { openid: o.openid } : undefined,
      amount: { total: o.total, payer_total: o.total, currency: 'CNY', payer_currency: 'CNY' }, ...over,
    };
  }

  /**
   * A payment notification, encrypted with the APIv3 key and signed. Options make it wrong in one way each:
   * another key, another serial, an old timestamp, another merchant, a changed amount.
   */
  notification(o: FakeWechatOrder, opts: { at?: Date; resource?: Record<string, unknown>; apiV3Key?: string; signingKey?: string; serial?: string; eventType?: string } = {}): SignedMessage {
    const plain = JSON.stringify(this.transaction(o, opts.resource));
    const nonce = crypto.randomBytes(6).toString('hex');
    const c = crypto.createCipheriv('aes-256-gcm', Buffer.from(opts.apiV3Key ?? this.opts.apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
    c.setAAD(Buffer.from('transaction', 'utf8'));
    const ciphertext = Buffer.concat([c.update(plain, 'utf8'), c.final(), c.getAuthTag()]).toString('base64');
    const at = opts.at ?? new Date();
    const body = JSON.stringify({
      id: crypto.randomUUID(), create_time: `${bj(at)}+08:00`, resource_type: 'encrypt-resource',
      event_type: opts.eventType ?? (o.state === 'SUCCESS' ? 'TRANSACTION.SUCCESS' : 'TRANSACTION.CLOSED'),
      summary: '支付成功', resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: 'transaction', nonce },
    });
    return { headers: { 'content-type': 'application/json', ...this.sign(body, at, opts.signingKey ?? this.platformPrivateKey, opts.serial ?? this.platformSerial) }, body };
  }

  /** The payer pays: the order turns SUCCESS and the notification WeChat Pay would send is returned. */
  pay(outTradeNo: string, at = new Date()): SignedMessage {
    const o = this.orders.get(outTradeNo);
    if (!o) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
    if (o.state === 'NOTPAY') {
      o.state = 'SUCCESS';
      o.transactionId = `4200${Date.now()}${crypto.randomInt(1e9)}`.slice(0, 28);
      o.successTime = at;
    }
    return this.notification(o, { at });
  }

  /** The trade bill of a day, in WeChat Pay's text format. */
  bill(date: string): string {
    const head = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
    const y = (fen: number) => (fen / 100).toFixed(2);
    const rows = [...this.orders.values()].filter((o) => o.successTime && bj(o.successTime).slice(0, 10) === date).map((o) =>
      [bj(o.successTime!).replace('T', ' '), this.opts.appId, this.opts.mchId, '0', '', o.transactionId, o.outTradeNo, o.openid ?? 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
        o.kind === 'native' ? 'NATIVE' : 'JSAPI', 'SUCCESS', 'OTHERS', 'CNY', y(o.total), '0.00', '0', '0', '0.00', '0.00', '', '', o.description, '', '0.00', '0.60%', y(o.total), '0.00', '']
        .map((v) => `\`${v ?? ''}`).join(','));
    const total = [...this.orders.values()].filter((o) => o.successTime && bj(o.successTime).slice(0, 10) === date).reduce((s, o) => s + o.total, 0);
    return [head, ...rows, '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额', `\`${rows.length},\`${y(total)},\`0.00,\`0.00,\`0.00,\`${y(total)},\`0.00`].join('\r\n') + '\r\n';
  }

  private checkAuthorization(method: string, path: string, body: string, auth: string | undefined): string | null {
    if (!auth?.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return 'no WECHATPAY2-SHA256-RSA2048 Authorization';
    const fields = Object.fromEntries([...auth.slice(26).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (fields.mchid !== this.opts.mchId) return 'mchid';
    if (fields.serial_no !== this.opts.merchantSerialNo) return 'serial_no';
    if (!fields.nonce_str || !fields.timestamp || !fields.signature) return 'missing fields';
    if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300) return 'timestamp';
    const message = `${method}\n${path}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    const ok = crypto.createVerify('RSA-SHA256').update(message).verify(this.opts.merchantPublicKey, fields.signature, 'base64');
    return ok ? null : 'signature';
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const url = new URL(path, this.url);
    const send = (status: number, payload: unknown, signed = true) => {
      const text = payload === undefined ? '' : JSON.stringify(payload);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': crypto.randomUUID() };
      if (signed && status < 300) Object.assign(headers, this.sign(text, new Date(), this.forgeAnswersWith ?? this.platformPrivateKey));
      res.writeHead(status, headers).end(text);
    };
    const problem = this.checkAuthorization(method, path, body, req.headers.authorization);
    this.requests.push({ method, path, signed: problem === null });
    if (problem) return send(401, { code: 'SIGN_ERROR', message: `签名错误 (${problem})` }, false);

    if (method === 'POST' && (url.pathname === '/v3/pay/transactions/native' || url.pathname === '/v3/pay/transactions/jsapi')) {
      const b = JSON.parse(body) as { appid?: string; mchid?: string; description?: string; out_trade_no?: string; notify_url?: string; time_expire?: string; amount?: { total?: number; currency?: string }; payer?: { openid?: string } };
      const kind = url.pathname.endsWith('native') ? 'native' : 'jsapi';
      if (b.appid !== this.opts.appId || b.mchid !== this.opts.mchId) return send(400, { code: 'PARAM_ERROR', message: 'appid和mch_id不匹配' }, false);
      if (!b.out_trade_no || !/^[0-9A-Za-z_\-|*]{6,32}$/.test(b.out_trade_no)) return send(400, { code: 'PARAM_ERROR', message: 'out_trade_no' }, false);
      if (!Number.isSafeInteger(b.amount?.total) || (b.amount?.total ?? 0) < 1 || b.amount?.currency !== 'CNY') return send(400, { code: 'PARAM_ERROR', message: 'amount' }, false);
      if (!b.notify_url || !b.description) return send(400, { code: 'PARAM_ERROR', message: 'notify_url/description' }, false);
      if (kind === 'jsapi' && !b.payer?.openid) return send(400, { code: 'PARAM_ERROR', message: 'payer.openid' }, false);
      const existing = this.orders.get(b.out_trade_no);
      if (existing && (existing.total !== b.amount!.total || existing.kind !== kind)) return send(400, { code: 'INVALID_REQUEST', message: '201 商户订单号重复' }, false);
      if (existing?.state === 'SUCCESS') return send(400, { code: 'ORDERPAID', message: '订单已支付' }, false);
      const o = existing ?? {
        outTradeNo: b.out_trade_no, description: b.description, total: b.amount!.total!, notifyUrl: b.notify_url, timeExpire: b.time_expire ?? null,
        kind, state: 'NOTPAY' as const, transactionId: null, successTime: null, openid: b.payer?.openid ?? null,
      };
      this.orders.set(o.outTradeNo, o);
      return send(200, kind === 'native' ? { code_url: `weixin://wxpay/bizpayurl?pr=${crypto.createHash('sha1').update(o.outTradeNo).digest('hex').slice(0, 7)}` } : { prepay_id: `wx${crypto.createHash('sha1').update(o.outTradeNo).digest('hex').slice(0, 30)}` });
    }
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && query) {
      if (url.searchParams.get('mchid') !== this.opts.mchId) return send(400, { code: 'PARAM_ERROR', message: 'mchid' }, false);
      const o = this.orders.get(decodeURIComponent(query[1]!));
      if (!o) return send(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }, false);
      return send(200, this.transaction(o));
    }
    const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(url.pathname);
    if (method === 'POST' && close) {
      const o = this.orders.get(decodeURIComponent(close[1]!));
      if (o?.state === 'SUCCESS') return send(400, { code: 'ORDERPAID', message: '订单已支付' }, false);
      if (o) o.state = 'CLOSED';
      res.writeHead(204, this.sign('')).end();
      return;
    }
    if (method === 'GET' && url.pathname === '/v3/bill/tradebill') {
      const date = url.searchParams.get('bill_date') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return send(400, { code: 'PARAM_ERROR', message: 'bill_date' }, false);
      const text = this.bill(date);
      const token = crypto.randomBytes(8).toString('hex');
      this.bills.set(token, text);
      return send(200, { hash_type: 'SHA1', hash_value: crypto.createHash('sha1').update(text).digest('hex'), download_url: `${this.url}/v3/billdownload/file?token=${token}` });
    }
    if (method === 'GET' && url.pathname === '/v3/billdownload/file') {
      const text = this.bills.get(url.searchParams.get('token') ?? '');
      if (text === undefined) return send(404, { code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' }, false);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
      return;
    }
    send(404, { code: 'NOT_FOUND', message: path }, false);
  }
}
