/**
 * The tenant's payment providers: their settings (public fields as JSON, secrets encrypted with the field cipher and
 * never sent back), and the provider clients built from them. The sandbox needs no settings: its merchant is the
 * tenant and its key is derived from the server's secret.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type TxContext } from '../../platform/db/tenancy.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { badField, type Msg } from '../../platform/http/errors.js';
import { AlipayClient } from '../../platform/payments/alipay.js';
import { WechatPayClient } from '../../platform/payments/wechatpay.js';
import { SandboxProvider, type Delivery, type SandboxStore, type SandboxTrade } from '../../platform/payments/sandbox.js';
import type { PayChannel, PaymentProvider, ProviderKind } from '../../platform/payments/provider.js';
import { tenantDay } from './payments-time.js';

export interface PaymentDeps {
  db: Kysely<DB>;
  cipher: FieldCipher;
  /** Posts a sandbox notification to our own notify route (the app injects it into itself); returns the status. */
  deliver: (url: string, delivery: Delivery, sourceIp: string) => Promise<number>;
}

export const NOTIFY_PATH = '/api/dues/pay/notify';
export const notifyPath = (kind: ProviderKind, tenantId: string) => `${NOTIFY_PATH}/${kind}/${tenantId}`;

type FieldKind = 'text' | 'url' | 'pem_public' | 'pem_private' | 'key32';
interface FieldDef { key: string; kind: FieldKind; required: boolean; secret: boolean; pattern?: RegExp; label: Msg }

/** What each provider needs. notifyBaseUrl is this server's public https address, where the provider posts notices. */
export const PROVIDER_FIELDS: Record<ProviderKind, readonly FieldDef[]> = {
  sandbox: [],
  wechatpay: [
    { key: 'notifyBaseUrl', kind: 'url', required: true, secret: false, label: { zh: '回调地址（本系统的公网 https 地址）', en: 'notify base URL' } },
    { key: 'mchId', kind: 'text', required: true, secret: false, pattern: /^\d{8,12}$/, label: { zh: '商户号', en: 'merchant id (mchid)' } },
    { key: 'appId', kind: 'text', required: true, secret: false, pattern: /^wx[0-9a-zA-Z]{16}$/, label: { zh: 'AppID', en: 'AppID' } },
    { key: 'merchantSerialNo', kind: 'text', required: true, secret: false, pattern: /^[0-9A-Fa-f]{8,64}$/, label: { zh: '商户API证书序列号', en: 'merchant certificate serial' } },
    { key: 'platformSerial', kind: 'text', required: true, secret: false, pattern: /^[0-9A-Za-z_]{8,64}$/, label: { zh: '微信支付公钥ID或平台证书序列号', en: 'platform key id' } },
    { key: 'platformPublicKey', kind: 'pem_public', required: true, secret: false, label: { zh: '微信支付公钥', en: 'platform public key' } },
    { key: 'apiBaseUrl', kind: 'url', required: false, secret: false, label: { zh: '接口地址（默认官方地址）', en: 'API base URL' } },
    { key: 'merchantPrivateKey', kind: 'pem_private', required: true, secret: true, label: { zh: '商户API私钥', en: 'merchant private key' } },
    { key: 'apiV3Key', kind: 'key32', required: true, secret: true, label: { zh: 'APIv3密钥', en: 'APIv3 key' } },
  ],
  alipay: [
    { key: 'notifyBaseUrl', kind: 'url', required: true, secret: false, label: { zh: '回调地址（本系统的公网 https 地址）', en: 'notify base URL' } },
    { key: 'appId', kind: 'text', required: true, secret: false, pattern: /^\d{16}$/, label: { zh: '应用ID（APPID）', en: 'app id' } },
    { key: 'sellerId', kind: 'text', required: false, secret: false, pattern: /^2088\d{12}$/, label: { zh: '商户支付宝用户ID（2088开头）', en: 'seller id' } },
    { key: 'alipayPublicKey', kind: 'pem_public', required: true, secret: false, label: { zh: '支付宝公钥', en: 'Alipay public key' } },
    { key: 'gateway', kind: 'url', required: false, secret: false, label: { zh: '网关地址（默认官方地址）', en: 'gateway URL' } },
    { key: 'appPrivateKey', kind: 'pem_private', required: true, secret: true, label: { zh: '应用私钥', en: 'app private key' } },
  ],
};

/** The channels a member can choose per provider (JSAPI needs the WeChat app context, which the web checkout does not have). */
export const OFFERED_CHANNELS: Record<ProviderKind, readonly PayChannel[]> = { sandbox: ['checkout'], wechatpay: ['qr'], alipay: ['qr', 'redirect'] };

/** PEM keys as people paste them: bare base64 (as the providers' consoles show them) gets its armour. */
export function normalisePem(value: string, kind: 'pem_public' | 'pem_private'): string {
  const v = value.trim();
  if (v.startsWith('-----BEGIN')) return `${v}\n`;
  const body = v.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return kind === 'pem_public' ? `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n` : `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

function isLocal(u: URL): boolean {
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

/** Checks and normalises one field, or a 400 naming it. */
function checkField(f: FieldDef, raw: string): string {
  const v = raw.trim();
  const bad = (zh: string, en: string) => badField(f.key, { zh: `${f.label.zh}${zh}`, en: `${f.label.en}: ${en}` });
  switch (f.kind) {
    case 'text':
      if (f.pattern && !f.pattern.test(v)) throw bad('格式不正确', 'not in the expected form');
      return v;
    case 'url': {
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        throw bad('不是有效的网址', 'not a URL');
      }
      // Providers post notices only to https; plain http is allowed for a local test server.
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLocal(u))) throw bad('必须以 https:// 开头', 'must be https');
      if (u.search || u.hash || u.username) throw bad('不能带参数或账号', 'must have no query, fragment or credentials');
      return u.toString().replace(/\/+$/, '');
    }
    case 'pem_public':
    case 'pem_private': {
      const pem = normalisePem(v, f.kind);
      try {
        const key = f.kind === 'pem_public' ? crypto.createPublicKey(pem) : crypto.createPrivateKey(pem);
        if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Error('not RSA 2048');
      } catch {
        throw bad('不是有效的 RSA（2048位）密钥', 'not an RSA 2048 key in PEM form');
      }
      return pem;
    }
    case 'key32':
      if (Buffer.byteLength(v, 'utf8') !== 32 || !/^[\x21-\x7e]+$/.test(v)) throw bad('应为32个字符', 'must be 32 characters');
      return v;
  }
}

export interface ProviderInput {
  enabled: boolean;
  config?: Record<string, string> | undefined;
  secrets?: Record<string, string> | undefined;
}

/**
 * The stored settings after an update: fields checked one by one; a secret left out keeps its stored value; an
 * enabled provider must have every required field.
 */
export function mergeProviderSettings(kind: ProviderKind, current: { config: Record<string, string>; secrets: Record<string, string> }, input: ProviderInput) {
  const fields = PROVIDER_FIELDS[kind];
  const known = new Set(fields.map((f) => f.key));
  const config: Record<string, string> = {};
  const secrets: Record<string, string> = { ...current.secrets };
  for (const [k, v] of Object.entries(input.config ?? {})) {
    const f = fields.find((x) => x.key === k && !x.secret);
    if (!f) throw badField(k, { zh: `${k} 不是该支付方式的设置项`, en: `${k} is not a setting of this provider` });
    if (v.trim() !== '') config[k] = checkField(f, v);
  }
  for (const [k, v] of Object.entries(input.secrets ?? {})) {
    const f = fields.find((x) => x.key === k && x.secret);
    if (!f) throw badField(k, { zh: `${k} 不是该支付方式的密钥项`, en: `${k} is not a secret of this provider` });
    if (v.trim() !== '') secrets[k] = checkField(f, v);
  }
  for (const k of Object.keys(secrets)) if (!known.has(k)) delete secrets[k];
  if (input.enabled) {
    for (const f of fields) {
      if (f.required && !(f.secret ? secrets[f.key] : config[f.key])) {
        throw badField(f.key, { zh: `启用前请填写${f.label.zh}`, en: `Fill in the ${f.label.en} before enabling` });
      }
    }
  }
  return { config, secrets };
}

export interface StoredProvider {
  provider: ProviderKind;
  enabled: boolean;
  config: Record<string, string>;
  secrets: Record<string, string>;
}

export async function loadProvider(deps: Pick<PaymentDeps, 'db' | 'cipher'>, ctx: TxContext, kind: ProviderKind): Promise<StoredProvider | null> {
  const row = await withTenant(deps.db, ctx, (tx) => tx.selectFrom('dues_pay_providers').selectAll().where('provider', '=', kind).executeTakeFirst());
  if (!row) return null;
  const secrets = row.secrets_enc ? (JSON.parse(deps.cipher.decrypt(row.secrets_enc)) as Record<string, string>) : {};
  return { provider: kind, enabled: row.enabled, config: row.config, secrets };
}

/** The sandbox's own record, in its table, each call its own transaction (as a provider's servers would be). */
export function sandboxStore(db: Kysely<DB>, ctx: TxContext): SandboxStore {
  const view = (r: { order_no: string; amount_fen: number | string; status: SandboxTrade['status']; txn_id: string | null; paid_at: Date | null; notify_url: string; expires_at: Date }): SandboxTrade => ({
    orderNo: r.order_no, amountFen: Number(r.amount_fen), status: r.status, txnId: r.txn_id, paidAt: r.paid_at, notifyUrl: r.notify_url, expiresAt: r.expires_at,
  });
  const run = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, ctx, fn);
  return {
    open: (t) => run(async (tx) => {
      await tx.insertInto('payment_sandbox_trades').values({ tenant_id: ctx.tenantId, order_no: t.orderNo, amount_fen: t.amountFen, notify_url: t.notifyUrl, expires_at: t.expiresAt, txn_id: null, paid_at: null })
        .onConflict((oc) => oc.columns(['tenant_id', 'order_no']).doNothing()).execute();
    }),
    get: (no) => run(async (tx) => {
      const r = await tx.selectFrom('payment_sandbox_trades').selectAll().where('order_no', '=', no).executeTakeFirst();
      return r ? view(r) : null;
    }),
    pay: (no, txnId, at) => run(async (tx) => {
      await tx.updateTable('payment_sandbox_trades').set({ status: 'paid', txn_id: txnId, paid_at: at }).where('order_no', '=', no).where('status', '=', 'pending').where('expires_at', '>', at).execute();
      const r = await tx.selectFrom('payment_sandbox_trades').selectAll().where('order_no', '=', no).executeTakeFirst();
      return r ? view(r) : null;
    }),
    close: (no) => run(async (tx) => {
      await tx.updateTable('payment_sandbox_trades').set({ status: 'closed' }).where('order_no', '=', no).where('status', '=', 'pending').execute();
      const r = await tx.selectFrom('payment_sandbox_trades').selectAll().where('order_no', '=', no).executeTakeFirst();
      return r ? view(r) : null;
    }),
    paidOn: (date) => run(async (tx) => {
      const { from, to } = tenantDay(date);
      const rows = await tx.selectFrom('payment_sandbox_trades').selectAll().where('status', '=', 'paid').where('paid_at', '>=', from).where('paid_at', '<', to).orderBy('paid_at').execute();
      return rows.map(view);
    }),
  };
}

/** The sandbox's HMAC key for a tenant: derived from the server's secret (keyed hash), never stored. */
export function sandboxKey(cipher: FieldCipher, tenantId: string): Buffer {
  return Buffer.from(cipher.lookupHash(`zg-payments-sandbox-notify:${tenantId}`), 'hex');
}

/** The provider client of a tenant, or null when it is not enabled (or not fully configured). */
export async function providerFor(deps: PaymentDeps, ctx: TxContext, kind: ProviderKind, opts: { requireEnabled?: boolean } = {}): Promise<PaymentProvider | null> {
  const stored = await loadProvider(deps, ctx, kind);
  if ((opts.requireEnabled ?? true) && !stored?.enabled) return null;
  const c = stored?.config ?? {};
  const s = stored?.secrets ?? {};
  switch (kind) {
    case 'sandbox':
      return new SandboxProvider({
        merchantId: ctx.tenantId, secret: sandboxKey(deps.cipher, ctx.tenantId), store: sandboxStore(deps.db, { ...ctx, actorName: '沙箱支付' }),
        deliver: (url, delivery) => deps.deliver(url, delivery, ctx.sourceIp),
      });
    case 'wechatpay':
      if (!c.mchId || !c.appId || !c.merchantSerialNo || !c.platformSerial || !c.platformPublicKey || !s.merchantPrivateKey || !s.apiV3Key) return null;
      return new WechatPayClient({
        mchId: c.mchId, appId: c.appId, merchantSerialNo: c.merchantSerialNo, platformSerial: c.platformSerial, platformPublicKey: c.platformPublicKey,
        merchantPrivateKey: s.merchantPrivateKey, apiV3Key: s.apiV3Key, ...(c.apiBaseUrl ? { baseUrl: c.apiBaseUrl } : {}),
      });
    case 'alipay':
      if (!c.appId || !c.alipayPublicKey || !s.appPrivateKey) return null;
      return new AlipayClient({
        appId: c.appId, alipayPublicKey: c.alipayPublicKey, appPrivateKey: s.appPrivateKey, ...(c.sellerId ? { sellerId: c.sellerId } : {}), ...(c.gateway ? { gateway: c.gateway } : {}),
      });
  }
}

/** Where a provider posts its notices for this tenant (the sandbox posts inside the server: a path). */
export async function notifyUrlFor(deps: Pick<PaymentDeps, 'db' | 'cipher'>, ctx: TxContext, kind: ProviderKind): Promise<string> {
  if (kind === 'sandbox') return notifyPath(kind, ctx.tenantId);
  const stored = await loadProvider(deps, ctx, kind);
  return `${stored?.config.notifyBaseUrl ?? ''}${notifyPath(kind, ctx.tenantId)}`;
}
