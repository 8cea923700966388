/**
 * TEST SUPPORT ONLY — never imported by product code (a test checks). A local Alipay OpenAPI gateway speaking the
 * documented protocol: form posts to /gateway.do whose RSA2 `sign` it checks with the app's public key (40002
 * isv.invalid-signature otherwise), answers `{"<method>_response": {…}, "sign": "…"}` signed with its own Alipay key
 * (generated here) over the node's text, keeps trades, serves the bill as a zip, and builds signed asynchronous
 * notifications. Written from the protocol, not from our client.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';

export interface FakeAlipayOptions {
  appId: string;
  appPublicKey: string;
  sellerId: string;
}

export interface FakeAlipayTrade {
  outTradeNo: string;
  totalAmount: string;
  subject: string;
  notifyUrl: string | null;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
  tradeNo: string | null;
  paidAt: Date | null;
  scanned: boolean;
}

const bj = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** What Alipay signs: non-empty parameters except `exclude`, sorted, k=v joined with '&' (written here independently). */
function content(params: Record<string, string>, exclude: string[]): string {
  return Object.entries(params).filter(([k, v]) => !exclude.includes(k) && v !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
}

export class FakeAlipay {
  readonly alipayPublicKey: string;
  private readonly alipayPrivateKey: string;
  readonly trades = new Map<string, FakeAlipayTrade>();
  readonly requests: { method: string; signed: boolean }[] = [];
  url = '';
  gateway = '';
  private server: http.Server | null = null;
  private bills = new Map<string, Buffer>();

  constructor(readonly opts: FakeAlipayOptions) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.alipayPublicKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.alipayPrivateKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  static async start(opts: FakeAlipayOptions): Promise<FakeAlipay> {
    const fake = new FakeAlipay(opts);
    fake.server = http.createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    fake.gateway = `${fake.url}/gateway.do`;
    return fake;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /**
   * The asynchronous notification Alipay posts (application/x-www-form-urlencoded), signed over the sorted
   * parameters without sign and sign_type. `over` changes or removes (undefined) parameters after signing when
   * `afterSigning` is set, to build tampered notices.
   */
  notification(t: FakeAlipayTrade, opts: { over?: Record<string, string>; afterSigning?: Record<string, string>; signingKey?: string } = {}): { headers: Record<string, string>; body: string } {
    const params: Record<string, string> = {
      notify_time: bj(new Date()), notify_type: 'trade_status_sync', notify_id: crypto.randomBytes(16).toString('hex'), app_id: this.opts.appId,
      charset: 'utf-8', version: '1.0', sign_type: 'RSA2', trade_no: t.tradeNo ?? '', out_trade_no: t.outTradeNo, buyer_id: '2088102122524333',
      buyer_logon_id: '159****5620', seller_id: this.opts.sellerId, seller_email: 'dues@example.cn', trade_status: t.status,
      total_amount: t.totalAmount, receipt_amount: t.totalAmount, buyer_pay_amount: t.totalAmount, subject: t.subject,
      gmt_create: bj(new Date()), gmt_payment: t.paidAt ? bj(t.paidAt) : '', ...opts.over,
    };
    params.sign = crypto.createSign('RSA-SHA256').update(content(params, ['sign', 'sign_type']), 'utf8').sign(opts.signingKey ?? this.alipayPrivateKey, 'base64');
    Object.assign(params, opts.afterSigning ?? {});
    return { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(params).toString() };
  }

  /** The payer scans and pays: the trade turns TRADE_SUCCESS; returns the notification Alipay would post. */
  pay(outTradeNo: string, at = new Date()): { headers: Record<string, string>; body: string } {
    const t = this.trades.get(outTradeNo);
    if (!t) throw new Error(`fake Alipay: no trade ${outTradeNo}`);
    if (t.status === 'WAIT_BUYER_PAY') {
      t.status = 'TRADE_SUCCESS';
      t.tradeNo = `2026${Date.now()}${crypto.randomInt(1e6)}`.slice(0, 28);
      t.paidAt = at;
      t.scanned = true;
    }
    return this.notification(t);
  }

  /** The 业务明细 CSV of a day as Alipay lays it out. */
  billCsv(date: string): string {
    const paid = [...this.trades.values()].filter((t) => t.paidAt && bj(t.paidAt).slice(0, 10) === date);
    const lines = [
      '#支付宝业务明细查询', `#账号：[${this.opts.sellerId}0156]`, `#起始日期：[${date} 00:00:00]   终止日期：[${date} 23:59:59]`,
      '#-----------------------------------------业务明细列表----------------------------------------',
      '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注',
      ...paid.map((t) => [t.tradeNo, t.outTradeNo, '交易', t.subject, bj(t.paidAt!), bj(t.paidAt!), '', '', '', '', '159****5620', t.totalAmount, t.totalAmount, '0.00', '0.00', '0.00', '0.00', '0.00', '', '0.00', '0.00', '', '0.00', '0.00', ''].map((v) => `${v}\t`).join(',')),
      '#-----------------------------------------业务明细列表结束------------------------------------', `#交易合计：${paid.length}笔`,
      `#导出时间：[${bj(new Date())}]`,
    ];
    return lines.join('\r\n') + '\r\n';
  }

  private answer(method: string, node: Record<string, unknown>, signed = true): string {
    const text = JSON.stringify(node);
    const key = `${method.replace(/\./g, '_')}_response`;
    if (!signed) return `{"${key}":${text}}`;
    const sign = crypto.createSign('RSA-SHA256').update(text, 'utf8').sign(this.alipayPrivateKey, 'base64');
    return `{"${key}":${text},"sign":"${sign}"}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    const bill = /^\/bill\/([0-9a-f]+)\.zip$/.exec(url.pathname);
    if (req.method === 'GET' && bill) {
      const file = this.bills.get(bill[1]!);
      if (!file) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'application/zip' }).end(file);
    }
    if (req.method !== 'POST' || url.pathname !== '/gateway.do') return void res.writeHead(404).end();
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const method = params.method ?? '';
    const reply = (node: Record<string, unknown>, signed = true) => void res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' }).end(this.answer(method, node, signed));
    const verified = !!params.sign && params.sign_type === 'RSA2' &&
      crypto.createVerify('RSA-SHA256').update(content(params, ['sign']), 'utf8').verify(this.opts.appPublicKey, params.sign, 'base64');
    this.requests.push({ method, signed: verified });
    if (params.app_id !== this.opts.appId) return reply({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-app-id', sub_msg: '无效的AppID参数' }, false);
    if (!verified) return reply({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' }, false);
    if (params.charset !== 'utf-8' || params.version !== '1.0' || params.format !== 'JSON') return reply({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter' }, false);
    const sent = new Date(`${(params.timestamp ?? '').replace(' ', 'T')}+08:00`).getTime();
    if (!Number.isFinite(sent) || Math.abs(Date.now() - sent) > 15 * 60_000) return reply({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-timestamp' }, false);
    let biz: Record<string, string>;
    try {
      biz = JSON.parse(params.biz_content ?? '') as Record<string, string>;
    } catch {
      return reply({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-biz-content' }, false);
    }
    const notExist = { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' };
    switch (method) {
      case 'alipay.trade.precreate': {
        if (!biz.out_trade_no || !/^\d+(\.\d{1,2})?$/.test(biz.total_amount ?? '') || !biz.subject) return reply({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.missing-parameter' });
        const existing = this.trades.get(biz.out_trade_no);
        if (existing && existing.totalAmount !== biz.total_amount) return reply({ code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_HAS_SUCCESS' });
        const t = existing ?? { outTradeNo: biz.out_trade_no, totalAmount: biz.total_amount!, subject: biz.subject, notifyUrl: params.notify_url ?? null, status: 'WAIT_BUYER_PAY' as const, tradeNo: null, paidAt: null, scanned: false };
        this.trades.set(t.outTradeNo, t);
        return reply({ code: '10000', msg: 'Success', out_trade_no: t.outTradeNo, qr_code: `https://qr.alipay.com/bax0${crypto.createHash('sha1').update(t.outTradeNo).digest('hex').slice(0, 20)}` });
      }
      case 'alipay.trade.query': {
        const t = this.trades.get(biz.out_trade_no ?? '');
        if (!t || !t.scanned) return reply(notExist);
        return reply({ code: '10000', msg: 'Success', out_trade_no: t.outTradeNo, trade_no: t.tradeNo ?? undefined, trade_status: t.status, total_amount: t.totalAmount, buyer_logon_id: '159****5620', send_pay_date: t.paidAt ? bj(t.paidAt) : undefined });
      }
      case 'alipay.trade.close': {
        const t = this.trades.get(biz.out_trade_no ?? '');
        if (!t || !t.scanned) {
          if (t) t.status = 'TRADE_CLOSED';
          return reply(notExist);
        }
        if (t.status !== 'WAIT_BUYER_PAY') return reply({ code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_STATUS_ERROR', sub_msg: '交易状态不合法' });
        t.status = 'TRADE_CLOSED';
        return reply({ code: '10000', msg: 'Success', out_trade_no: t.outTradeNo, trade_no: t.tradeNo ?? undefined });
      }
      case 'alipay.data.dataservice.bill.downloadurl.query': {
        if (biz.bill_type !== 'trade' || !/^\d{4}-\d{2}-\d{2}$/.test(biz.bill_date ?? '')) return reply({ code: '40004', msg: 'Business Failed', sub_code: 'isp.bill_not_exist' });
        const zip = new JSZip();
        zip.file(`${this.opts.sellerId}0156_${biz.bill_date!.replace(/-/g, '')}_业务明细.csv`, this.billCsv(biz.bill_date!));
        zip.file(`${this.opts.sellerId}0156_${biz.bill_date!.replace(/-/g, '')}_业务明细(汇总).csv`, '#支付宝业务汇总查询\r\n门店编号,门店名称,交易订单总笔数\r\n');
        const token = crypto.randomBytes(8).toString('hex');
        this.bills.set(token, await zip.generateAsync({ type: 'nodebuffer' }));
        return reply({ code: '10000', msg: 'Success', bill_download_url: `${this.url}/bill/${token}.zip` });
      }
      default:
        return reply({ code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method' }, false);
    }
  }

  /** Marks a trade as scanned (the payer opened it), as Alipay only knows a precreated trade once it is scanned. */
  scan(outTradeNo: string): void {
    const t = this.trades.get(outTradeNo);
    if (t) t.scanned = true;
  }
}
