/**
 * Test helpers of online payment: providers switched on for a tenant (the sandbox; WeChat Pay and Alipay pointed at
 * the local protocol fakes), a signed sandbox notice for any order, and one call per payment write route for
 * platform/audit/audit.test.ts. Test support only.
 */
import crypto from 'node:crypto';
import { withTenant } from '../../platform/db/tenancy.js';
import type { TestApp } from '../../testing/app.js';
import { SandboxProvider, type Delivery } from '../../platform/payments/sandbox.js';
import type { ProviderKind } from '../../platform/payments/provider.js';
import { FakeWechatPay } from '../../platform/payments/fakes/wechatpay-fake.js';
import { FakeAlipay } from '../../platform/payments/fakes/alipay-fake.js';
import { loginActive, makeUser, type Res, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { fixtureCtx, memberAccount } from './testing.js';
import { notifyPath, sandboxKey } from './payments-providers.js';

type F = Pick<TestApp, 'database' | 'cipher'>;

/** Stores a provider's settings as the settings screen would (secrets encrypted). */
export async function storeProvider(f: F, tenantId: string, provider: ProviderKind, config: Record<string, string> = {}, secrets: Record<string, string> = {}, enabled = true): Promise<void> {
  const enc = Object.keys(secrets).length ? f.cipher.encrypt(JSON.stringify(secrets)) : null;
  await withTenant(f.database.db, fixtureCtx(tenantId), (tx) => tx.insertInto('dues_pay_providers')
    .values({ tenant_id: tenantId, provider, enabled, config: JSON.stringify(config), secrets_enc: enc, updated_by: null })
    .onConflict((oc) => oc.columns(['tenant_id', 'provider']).doUpdateSet({ enabled, config: JSON.stringify(config), secrets_enc: enc }))
    .execute());
}

export const enableSandbox = (f: F, tenantId: string) => storeProvider(f, tenantId, 'sandbox');

const rsa = () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { pub: publicKey.export({ type: 'spki', format: 'pem' }).toString(), priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};

/** A running fake WeChat Pay and the tenant's WeChat Pay settings pointing at it. */
export async function wechatForTenant(f: F, tenantId: string): Promise<FakeWechatPay> {
  const merchant = rsa();
  const apiV3Key = crypto.randomBytes(16).toString('hex');
  const fake = await FakeWechatPay.start({ mchId: '1900009191', appId: 'wxd678efh567hg6787', merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A72', merchantPublicKey: merchant.pub, apiV3Key });
  await storeProvider(f, tenantId, 'wechatpay', {
    notifyBaseUrl: 'https://zg.example.cn', mchId: '1900009191', appId: 'wxd678efh567hg6787', merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A72',
    platformSerial: fake.platformSerial, platformPublicKey: fake.platformPublicKey, apiBaseUrl: fake.url,
  }, { merchantPrivateKey: merchant.priv, apiV3Key });
  return fake;
}

/** A running fake Alipay gateway and the tenant's Alipay settings pointing at it. */
export async function alipayForTenant(f: F, tenantId: string): Promise<FakeAlipay> {
  const app = rsa();
  const fake = await FakeAlipay.start({ appId: '2021000123456789', appPublicKey: app.pub, sellerId: '2088102147948060' });
  await storeProvider(f, tenantId, 'alipay', {
    notifyBaseUrl: 'https://zg.example.cn', appId: '2021000123456789', sellerId: '2088102147948060', alipayPublicKey: fake.alipayPublicKey, gateway: fake.gateway,
  }, { appPrivateKey: app.priv });
  return fake;
}

/** The tenant's sandbox, for building signed notices by hand (its store is not used). */
export function sandboxSigner(f: F, tenantId: string): SandboxProvider {
  const none = async () => null;
  return new SandboxProvider({
    merchantId: tenantId, secret: sandboxKey(f.cipher, tenantId),
    store: { open: async () => undefined, get: none, pay: none, close: none, paidOn: async () => [] },
    deliver: async () => 200,
  });
}

/** Posts a notice to the tenant's notify route as a provider would (no session, no CSRF token). */
export function postNotice(t: TestApp, provider: ProviderKind, tenantId: string, d: Delivery, ip = '10.9.9.9'): Promise<Res> {
  return t.app.inject({ method: 'POST', url: notifyPath(provider, tenantId), headers: d.headers, payload: d.body, remoteAddress: ip });
}

export interface AuditCase { route: string; tenantId: string; call: () => Promise<Res>; action: string; actor: string; object?: () => string }

/** One successful call per payment write route that leaves exactly one audit record. */
export async function paymentAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  await enableSandbox(t, tenant.tenantId);
  const { user } = await memberAccount(t, tenant.tenantId, root.id, { name: '在线支付甲' });
  const member = await loginActive(t.app, user);
  const sysUser = await makeUser(t, tenant.tenantId, { role: 'sys_admin' });
  const sys = await loginActive(t.app, sysUser);
  const reconcilerUser = await makeUser(t, tenant.tenantId, { role: 'organization_member' });
  const reconciler = await loginActive(t.app, reconcilerUser);
  const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  let orderId = '';
  let statementId = '';
  let itemId = '';
  return [
    {
      route: 'POST /api/dues/pay/orders', tenantId: tenant.tenantId, action: 'dues.pay_order', actor: user.userId, object: () => orderId,
      call: async () => {
        const months = (await member.get('/api/dues/pay/checkout')).json<{ owed: { month: string }[] }>().owed.map((o) => o.month);
        const r = await member.post('/api/dues/pay/orders', { months, provider: 'sandbox', channel: 'checkout' });
        orderId = r.json<{ id: string }>().id;
        return r;
      },
    },
    { route: 'POST /api/dues/pay/orders/:id/cancel', tenantId: tenant.tenantId, action: 'dues.pay_order_cancel', actor: user.userId, object: () => orderId, call: () => member.post(`/api/dues/pay/orders/${orderId}/cancel`) },
    { route: 'POST /api/dues/reconciliation/statements/fetch', tenantId: tenant.tenantId, action: 'dues.reconcile_fetch', actor: reconcilerUser.userId, call: () => reconciler.post('/api/dues/reconciliation/statements/fetch', { provider: 'sandbox', date: yesterday }) },
    {
      route: 'POST /api/dues/reconciliation/statements/upload', tenantId: tenant.tenantId, action: 'dues.reconcile_upload', actor: reconcilerUser.userId, object: () => statementId,
      call: async () => {
        const csv = `交易号,商户订单号,金额,时间,类型\nSBXUNKNOWN1,DF20260101000000AAAAAAAA,12.50,${yesterday} 10:00:00,交易\n`;
        const r = await reconciler.inject({ method: 'POST', url: `/api/dues/reconciliation/statements/upload?provider=sandbox&fileName=${encodeURIComponent('对账单.csv')}`, payload: csv, headers: { 'content-type': 'text/csv' } });
        statementId = r.json<{ id: string }>().id;
        itemId = (await reconciler.get(`/api/dues/reconciliation/statements/${statementId}/items?kind=differences`)).json<{ items: { id: string }[] }>().items[0]!.id;
        return r;
      },
    },
    { route: 'POST /api/dues/reconciliation/items/:id/decision', tenantId: tenant.tenantId, action: 'dues.reconcile_decide', actor: reconcilerUser.userId, object: () => itemId, call: () => reconciler.post(`/api/dues/reconciliation/items/${itemId}/decision`, { decision: 'provider_error', note: '非本系统订单，已联系支付渠道' }) },
    { route: 'PUT /api/dues/pay/settings/:provider', tenantId: tenant.tenantId, action: 'settings.dues_pay', actor: sysUser.userId, object: () => tenant.tenantId, call: () => sys.put('/api/dues/pay/settings/sandbox', { enabled: true }) },
  ];
}
