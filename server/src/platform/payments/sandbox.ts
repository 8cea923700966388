/**
 * The sandbox provider, for the demo and for trying the product without a merchant account. It behaves like a real
 * provider seen from outside: it keeps its own record of each trade (a store the module gives it), the payer confirms
 * on our checkout page, and the sandbox then delivers a signed notification to the order's notify URL — through the
 * same route, verification and idempotency code as WeChat Pay and Alipay. Signature: HMAC-SHA256 with a per-tenant key
 * derived from the server's secret, over `timestamp.body`, in `Zg-Sandbox-Signature: t=<unix>,v1=<hex>`; a
 * timestamp outside 5 minutes is refused. Nothing leaves the server; no money moves.
 */
import crypto from 'node:crypto';
import {
  headerValue, ProviderError, type CreatePaymentInput, type NotificationAck, type NotificationRequest, type PayAction, type PaymentProvider,
  type Statement, type TradeState, type VerifiedNotification,
} from './provider.js';

export interface SandboxTrade {
  orderNo: string;
  amountFen: number;
  status: 'pending' | 'paid' | 'closed';
  txnId: string | null;
  paidAt: Date | null;
  notifyUrl: string;
  expiresAt: Date;
}

/** Where the sandbox keeps its side of each trade (the module's table, tenant-scoped). */
export interface SandboxStore {
  open(t: Pick<SandboxTrade, 'orderNo' | 'amountFen' | 'notifyUrl' | 'expiresAt'>): Promise<void>;
  get(orderNo: string): Promise<SandboxTrade | null>;
  /** Pending and not expired → paid with this id; returns the trade as it now is (unchanged if it was not pending). */
  pay(orderNo: string, txnId: string, at: Date): Promise<SandboxTrade | null>;
  /** Pending → closed; returns the trade as it now is. */
  close(orderNo: string): Promise<SandboxTrade | null>;
  /** Paid trades whose payment time falls on the day (Asia/Shanghai). */
  paidOn(date: string): Promise<SandboxTrade[]>;
}

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

export interface SandboxConfig {
  /** The sandbox merchant: notifications for any other are refused. */
  merchantId: string;
  /** HMAC key (32 bytes or more). */
  secret: Buffer;
  store: SandboxStore;
  /** Posts a notification to its URL and returns the HTTP status (the module injects it into its own server). */
  deliver(url: string, delivery: Delivery): Promise<number>;
}

export const SANDBOX_SIGNATURE_HEADER = 'zg-sandbox-signature';
export const SANDBOX_CLOCK_WINDOW_S = 300;

interface SandboxNotice {
  id: string;
  merchant_id: string;
  order_no: string;
  status: 'paid' | 'closed';
  txn_id: string | null;
  amount_fen: number;
  paid_at: string | null;
}

export function sandboxSignature(secret: Buffer, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export class SandboxProvider implements PaymentProvider {
  readonly kind = 'sandbox' as const;
  readonly channels = ['checkout'] as const;

  constructor(private readonly cfg: SandboxConfig) {
    if (cfg.secret.length < 32) throw new Error('the sandbox key must be at least 32 bytes');
  }

  async createPayment(input: CreatePaymentInput): Promise<PayAction> {
    if (input.channel !== 'checkout') throw new ProviderError('rejected', `the sandbox has no ${input.channel} channel`, 'INVALID_CHANNEL');
    await this.cfg.store.open({ orderNo: input.orderNo, amountFen: input.amountFen, notifyUrl: input.notifyUrl, expiresAt: input.expiresAt });
    return { kind: 'checkout' };
  }

  /** A signed notification about a trade (what the sandbox posts; tests and the benchmark build their own with it). */
  notification(trade: Pick<SandboxTrade, 'orderNo' | 'amountFen' | 'txnId' | 'paidAt'> & { status: 'paid' | 'closed' }, now = new Date(), merchantId = this.cfg.merchantId): Delivery {
    const notice: SandboxNotice = {
      id: `SBN${crypto.randomBytes(10).toString('hex').toUpperCase()}`,
      merchant_id: merchantId,
      order_no: trade.orderNo,
      status: trade.status,
      txn_id: trade.txnId,
      amount_fen: trade.amountFen,
      paid_at: trade.paidAt ? trade.paidAt.toISOString() : null,
    };
    const body = JSON.stringify(notice);
    const t = Math.floor(now.getTime() / 1000);
    return { headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: `t=${t},v1=${sandboxSignature(this.cfg.secret, t, body)}` }, body };
  }

  /**
   * The payer confirmed on the checkout page: the sandbox takes the money (its record turns paid) and notifies.
   * Returns the notify URL's answer status; the trade stays paid either way, as at a real provider.
   */
  async confirm(orderNo: string, now = new Date()): Promise<{ trade: SandboxTrade; status: number }> {
    const before = await this.cfg.store.get(orderNo);
    if (!before) throw new ProviderError('rejected', `no sandbox trade ${orderNo}`, 'ORDER_NOT_EXIST');
    if (before.status === 'closed') throw new ProviderError('rejected', `sandbox trade ${orderNo} is closed`, 'ORDER_CLOSED');
    if (before.status === 'pending' && before.expiresAt.getTime() <= now.getTime()) throw new ProviderError('rejected', `sandbox trade ${orderNo} expired`, 'ORDER_EXPIRED');
    const trade = before.status === 'paid' ? before : await this.cfg.store.pay(orderNo, `SBX${now.getTime().toString(36).toUpperCase()}${crypto.randomBytes(6).toString('hex').toUpperCase()}`, now);
    if (!trade || trade.status !== 'paid') throw new ProviderError('rejected', `sandbox trade ${orderNo} could not be paid`, 'ORDER_CLOSED');
    const status = await this.cfg.deliver(trade.notifyUrl, this.notification({ ...trade, status: 'paid' }, now));
    return { trade, status };
  }

  verifyNotification(req: NotificationRequest, now: Date): VerifiedNotification {
    const header = headerValue(req.headers, SANDBOX_SIGNATURE_HEADER);
    if (!header) return { ok: false, refusal: 'unsigned', detail: `no ${SANDBOX_SIGNATURE_HEADER}` };
    const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
    if (!m) return { ok: false, refusal: 'malformed', detail: 'signature header not t=…,v1=…' };
    const t = Number(m[1]);
    if (Math.abs(now.getTime() / 1000 - t) > SANDBOX_CLOCK_WINDOW_S) return { ok: false, refusal: 'stale', detail: `timestamp ${t}` };
    const expect = Buffer.from(sandboxSignature(this.cfg.secret, t, req.rawBody.toString('utf8')), 'hex');
    if (!crypto.timingSafeEqual(expect, Buffer.from(m[2]!, 'hex'))) return { ok: false, refusal: 'bad_signature', detail: 'HMAC does not match' };
    let n: Partial<SandboxNotice>;
    try {
      n = JSON.parse(req.rawBody.toString('utf8')) as Partial<SandboxNotice>;
    } catch {
      return { ok: false, refusal: 'malformed', detail: 'body is not JSON' };
    }
    if (n.merchant_id !== this.cfg.merchantId) return { ok: false, refusal: 'wrong_merchant', detail: `merchant ${String(n.merchant_id)}` };
    if (typeof n.id !== 'string' || typeof n.order_no !== 'string' || (n.status !== 'paid' && n.status !== 'closed') || !Number.isSafeInteger(n.amount_fen)) {
      return { ok: false, refusal: 'malformed', detail: 'missing fields' };
    }
    const paidAt = n.paid_at ? new Date(n.paid_at) : null;
    return {
      ok: true,
      notificationId: n.id,
      trade: {
        orderNo: n.order_no, status: n.status, providerTxnId: n.txn_id ?? null, amountFen: n.amount_fen ?? null,
        paidAt: paidAt && !Number.isNaN(paidAt.getTime()) ? paidAt : null, merchantId: n.merchant_id, appId: null,
      },
    };
  }

  acknowledge(accepted: boolean): NotificationAck {
    return { status: accepted ? 200 : 400, contentType: 'application/json', body: JSON.stringify({ ok: accepted }) };
  }

  async queryPayment(orderNo: string): Promise<TradeState> {
    const t = await this.cfg.store.get(orderNo);
    if (!t) return { orderNo, status: 'not_found', providerTxnId: null, amountFen: null, paidAt: null, merchantId: null, appId: null };
    return { orderNo, status: t.status, providerTxnId: t.txnId, amountFen: t.amountFen, paidAt: t.paidAt, merchantId: this.cfg.merchantId, appId: null };
  }

  async closePayment(orderNo: string): Promise<void> {
    const t = await this.cfg.store.close(orderNo);
    if (t?.status === 'paid') throw new ProviderError('already_paid', `order ${orderNo} was paid`, 'ORDER_PAID');
  }

  async downloadStatement(date: string): Promise<Statement> {
    const trades = await this.cfg.store.paidOn(date);
    const lines = trades.map((t, i) => ({ lineNo: i + 1, providerTxnId: t.txnId ?? '', orderNo: t.orderNo, kind: 'payment' as const, amountFen: t.amountFen, at: t.paidAt }));
    return { date, lines, fileSha256: crypto.createHash('sha256').update(JSON.stringify(lines)).digest('hex') };
  }
}
