/**
 * What a payment provider does for us, whatever its protocol: take an order for an amount in 分 and say how the
 * payer pays it; verify and read the notifications it sends; answer a query about an order; close an order; hand
 * over its statement for a day. Implementations: sandbox.ts (the demo), wechatpay.ts (WeChat Pay API v3),
 * alipay.ts (Alipay OpenAPI, RSA2). No domain words here: an order is our order number and an amount.
 */

export type ProviderKind = 'sandbox' | 'wechatpay' | 'alipay';
export const PROVIDER_KINDS: readonly ProviderKind[] = ['sandbox', 'wechatpay', 'alipay'];

/**
 * How the payer pays:
 *  - checkout: our own confirm page (sandbox);
 *  - qr: a code to scan with the provider's app (WeChat Pay Native, Alipay precreate);
 *  - jsapi: inside the WeChat app (needs the payer's openid);
 *  - redirect: the provider's web cashier (Alipay page/wap pay).
 */
export type PayChannel = 'checkout' | 'qr' | 'jsapi' | 'redirect';

export interface CreatePaymentInput {
  /** Our order number: 6–32 characters of [0-9A-Za-z_-], unique per merchant (both providers accept that). */
  orderNo: string;
  amountFen: number;
  /** What the payer sees on the provider's page (e.g. 党费 2026年1月–3月). */
  description: string;
  /** Where the provider posts notifications (absolute https URL for the real providers). */
  notifyUrl: string;
  expiresAt: Date;
  channel: PayChannel;
  /** WeChat JSAPI: the payer's openid under our appid. */
  payerId?: string;
  /** Redirect channel: where the provider's cashier sends the payer back. */
  returnUrl?: string;
}

export interface JsapiParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export type PayAction =
  | { kind: 'checkout' }
  | { kind: 'qr'; codeUrl: string }
  | { kind: 'jsapi'; params: JsapiParams }
  | { kind: 'redirect'; url: string };

/** The provider's word on an order. */
export type TradeStatus = 'pending' | 'paid' | 'closed' | 'refunded' | 'not_found';

export interface TradeState {
  orderNo: string;
  status: TradeStatus;
  /** The provider's own transaction id (WeChat transaction_id, Alipay trade_no), once paid. */
  providerTxnId: string | null;
  /** What the provider says the order is for, in 分 (null when it does not say). */
  amountFen: number | null;
  paidAt: Date | null;
  /** The merchant and app the provider says the order belongs to (checked against ours by the client). */
  merchantId: string | null;
  appId: string | null;
}

/** A notification as it arrived: raw headers (lower-case names) and the raw body, unparsed. */
export interface NotificationRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/**
 * Why a notification was refused. Each is a security event: the sender is not the provider, the message was
 * changed, replayed late, or meant for another merchant.
 */
export type NotificationRefusal =
  | 'unsigned' // no signature at all
  | 'unknown_key' // signed with a key (serial) we do not trust
  | 'stale' // timestamp outside the accepted window
  | 'bad_signature' // signature does not verify over the raw body
  | 'malformed' // signed, but not a notification we can read
  | 'undecryptable' // WeChat: resource does not decrypt with our APIv3 key
  | 'wrong_merchant' // for another merchant (mchid / seller_id)
  | 'wrong_app'; // for another app (appid / app_id)

export type VerifiedNotification =
  | { ok: true; notificationId: string; trade: TradeState }
  | { ok: false; refusal: NotificationRefusal; detail: string };

/** What we answer the provider, in its protocol (WeChat: 200/JSON error; Alipay: "success"/"fail"). */
export interface NotificationAck {
  status: number;
  contentType: string;
  body: string;
}

export interface StatementLine {
  /** Row or line number in the provider's file (1-based, data rows). */
  lineNo: number;
  providerTxnId: string;
  orderNo: string;
  kind: 'payment' | 'refund';
  amountFen: number;
  at: Date | null;
}

export interface Statement {
  /** The day the statement covers (YYYY-MM-DD, the provider's day: Asia/Shanghai). */
  date: string;
  lines: StatementLine[];
  /** SHA-256 of the file as downloaded, for the record. */
  fileSha256: string;
}

export interface PaymentProvider {
  readonly kind: ProviderKind;
  readonly channels: readonly PayChannel[];
  createPayment(input: CreatePaymentInput): Promise<PayAction>;
  /** Verifies a notification's signature (and for WeChat decrypts it) and reads it. Never throws for bad input. */
  verifyNotification(req: NotificationRequest, now: Date): VerifiedNotification;
  acknowledge(accepted: boolean): NotificationAck;
  queryPayment(orderNo: string): Promise<TradeState>;
  /** Closes an unpaid order so it can no longer be paid. Closing an order the provider never saw is not an error. */
  closePayment(orderNo: string): Promise<void>;
  downloadStatement(date: string): Promise<Statement>;
}

export type ProviderErrorCode =
  | 'network' // could not reach the provider
  | 'timeout'
  | 'bad_response' // an answer we cannot read
  | 'bad_response_signature' // an answer not signed by the provider
  | 'rejected' // the provider refused the request (its code in providerCode)
  | 'already_paid'; // close of an order that was paid meanwhile

/** A provider call that did not do what was asked. Services turn it into a plain message; it never reaches a user as a 500. */
export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly providerCode?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** Integer 分 from a decimal yuan string as providers write it ('12.30', '0.5', '8'); null when it is not one. */
export function fenFromYuan(s: string | undefined | null): number | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Decimal yuan with two places from integer 分 (12030 → '120.30'). */
export function yuanFromFen(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** A header's single value (Node gives arrays for repeated headers; a repeated signature header is not trusted). */
export function headerValue(headers: NotificationRequest['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  if (Array.isArray(v)) return v.length === 1 ? v[0] : undefined;
  return v;
}

/** Beijing time as providers write it: 'YYYY-MM-DD HH:mm:ss' (Alipay) or RFC 3339 with +08:00 (WeChat). */
export function beijingTime(d: Date, form: 'plain' | 'rfc3339'): string {
  const b = new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return form === 'plain' ? b.replace('T', ' ') : `${b}+08:00`;
}

/** Parses 'YYYY-MM-DD HH:mm:ss' as Beijing time; null when it is not one. */
export function parseBeijingPlain(s: string | undefined | null): Date | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}
