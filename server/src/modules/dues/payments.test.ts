// Online payment of dues end to end over HTTP (issue 4; RULES.md §4 money in integer 分): the amount comes from the
// ledger, the sandbox's signed callback goes through the public notify route, the same notice twice or out of order
// never pays twice, a wrong notice changes nothing and is audited, a lost notice is recovered by the query fallback,
// and WeChat Pay / Alipay notices from their protocol fakes pay through the same code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../testing/app.js';
import { asOwner, rowCounts } from '../../testing/db.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { PLATFORM_TENANT_ID } from '../../platform/db/tenancy.js';
import { memberAccount } from './testing.js';
import { enableSandbox, postNotice, sandboxSigner, wechatForTenant, alipayForTenant } from './payments-testing.js';
import type { FakeWechatPay } from '../../platform/payments/fakes/wechatpay-fake.js';
import type { FakeAlipay } from '../../platform/payments/fakes/alipay-fake.js';
import type { OrderView } from './payments.js';

let t: TestApp;
let tenant: TestTenant;
let branch: TestUnit;
let wechat: FakeWechatPay;
let alipay: FakeAlipay;
const TABLES = ['dues_payments', 'dues_entries', 'dues_pay_orders'] as const;

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  const root = await makeUnit(t, tenant.tenantId);
  branch = await makeUnit(t, tenant.tenantId, { parentId: root.id });
  await enableSandbox(t, tenant.tenantId);
  wechat = await wechatForTenant(t, tenant.tenantId);
  alipay = await alipayForTenant(t, tenant.tenantId);
});
afterAll(async () => {
  await wechat?.stop();
  await alipay?.stop();
  await t?.close();
});

async function member(name: string): Promise<{ a: Agent; personId: string; userId: string }> {
  const { user, personId } = await memberAccount(t, tenant.tenantId, branch.id, { name });
  return { a: await loginActive(t.app, user), personId, userId: user.userId };
}

const owed = async (a: Agent) => (await a.get('/api/dues/pay/checkout')).json<{ owed: { month: string; amountFen: number }[] }>().owed;
const order = async (a: Agent, body: Record<string, unknown>) => {
  const r = await a.post('/api/dues/pay/orders', body);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<OrderView>();
};
const payments = (personId: string) => asOwner(t.database, (tx) => tx.selectFrom('dues_payments').selectAll().where('person_id', '=', personId).execute());
const auditSince = async (tenantId: string, since: number) => asOwner(t.database, (tx) => tx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).where('seq', '>', since).orderBy('seq').execute());
const lastSeq = async (tenantId: string) => asOwner(t.database, async (tx) => Number((await tx.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('m')).where('tenant_id', '=', tenantId).executeTakeFirst())?.m ?? 0));

describe('checkout and orders: the server computes the amount from the ledger', () => {
  it('lists the owed months with their amounts and the enabled providers', async () => {
    const { a } = await member('结账甲');
    const c = (await a.get('/api/dues/pay/checkout')).json<{ owed: { month: string; amountFen: number }[]; providers: { provider: string }[]; ahead: unknown[] }>();
    expect(c.owed).toHaveLength(6);
    // 4000 元 a month, employed: 1% of the whole base (RULES.md §4) = 40.00 元 = 4000 分.
    expect(c.owed.every((o) => o.amountFen === 4_000)).toBe(true);
    expect(c.providers.map((p) => p.provider)).toEqual(['sandbox', 'wechatpay', 'alipay']);
    expect(c.ahead.length).toBeGreaterThan(0);
  });

  it('creates an order whose amount is the sum the ledger owes; an amount from the client is refused', async () => {
    const { a } = await member('结账乙');
    const months = (await owed(a)).slice(0, 2).map((o) => o.month);
    const o = await order(a, { months, provider: 'sandbox', channel: 'checkout' });
    expect(o).toMatchObject({ state: 'created', amountFen: 8_000, months, provider: 'sandbox', abilities: { confirmSandbox: true, cancel: true } });
    expect(o.orderNo).toMatch(/^DF\d{14}[0-9A-Z]{8}$/);
    const before = await rowCounts(t.database, TABLES);
    const r = await a.post('/api/dues/pay/orders', { months, amountFen: 1, provider: 'sandbox', channel: 'checkout' });
    expect(r.statusCode).toBe(400);
    expect(await rowCounts(t.database, TABLES)).toEqual(before);
  });

  it('refuses a second open order for the same month (409) and a month not owed (400), writing nothing', async () => {
    const { a } = await member('结账丙');
    const months = (await owed(a)).map((o) => o.month);
    await order(a, { months: [months[0]], provider: 'sandbox', channel: 'checkout' });
    const before = await rowCounts(t.database, TABLES);
    const clash = await a.post('/api/dues/pay/orders', { months: [months[0], months[1]], provider: 'sandbox', channel: 'checkout' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json<{ field: string }>().field).toBe('months');
    expect((await a.post('/api/dues/pay/orders', { months: ['2001-01'], provider: 'sandbox', channel: 'checkout' })).statusCode).toBe(400);
    expect((await a.post('/api/dues/pay/orders', { months: [months[1]], provider: 'sandbox', channel: 'qr' })).statusCode).toBe(400);
    expect(await rowCounts(t.database, TABLES)).toEqual(before);
  });

  it('shows an order only to its member (another member gets 404)', async () => {
    const { a } = await member('结账丁');
    const { a: other } = await member('结账戊');
    const o = await order(a, { months: [(await owed(a))[0]!.month], provider: 'sandbox', channel: 'checkout' });
    expect((await other.get(`/api/dues/pay/orders/${o.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/dues/pay/orders/${o.id}/sandbox-confirm`)).statusCode).toBe(404);
  });
});

describe('the sandbox pays through the signed callback route', () => {
  it('confirm → signed notice → ledger payment in the same transaction; receipt shows the months', async () => {
    const { a, personId } = await member('沙箱甲');
    const months = (await owed(a)).slice(0, 3).map((o) => o.month);
    const o = await order(a, { months, provider: 'sandbox', channel: 'checkout' });
    const since = await lastSeq(tenant.tenantId);
    const r = await a.post(`/api/dues/pay/orders/${o.id}/sandbox-confirm`);
    expect(r.statusCode, r.body).toBe(200);
    const paid = r.json<OrderView>();
    expect(paid).toMatchObject({ state: 'paid', providerTxnId: expect.stringMatching(/^SBX/), receipt: { months: months.map((m) => ({ month: m, amountFen: 4_000 })), voluntaryFen: 0 } });
    const p = await payments(personId);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ method: 'sandbox', provider_ref: paid.providerTxnId, order_id: o.id });
    expect(Number(p[0]!.amount_fen)).toBe(12_000);
    const recs = await auditSince(tenant.tenantId, since);
    expect(recs.map((x) => x.action)).toEqual(['dues.pay_sandbox_confirm', 'dues.payment']);
    expect(recs[1]).toMatchObject({ actor_id: null, actor_name: '支付回调（演示支付（沙箱））', result: 'success' });
    expect((await owed(a)).map((x) => x.month)).not.toContain(months[0]);
  });

  it('the same notice delivered again, 20 at once, or a "closed" after it, never pays twice and writes nothing', async () => {
    const { a, personId } = await member('沙箱乙');
    const months = [(await owed(a))[0]!.month];
    const o = await order(a, { months, provider: 'sandbox', channel: 'checkout' });
    const signer = sandboxSigner(t, tenant.tenantId);
    const notice = signer.notification({ orderNo: o.orderNo, amountFen: o.amountFen, txnId: 'SBXCONCURRENT1', paidAt: new Date(), status: 'paid' });
    const results = await Promise.all(Array.from({ length: 20 }, () => postNotice(t, 'sandbox', tenant.tenantId, notice)));
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
    expect(await payments(personId)).toHaveLength(1);
    const before = await rowCounts(t.database, [...TABLES, 'audit_log']);
    expect((await postNotice(t, 'sandbox', tenant.tenantId, notice)).statusCode).toBe(200);
    const closed = signer.notification({ orderNo: o.orderNo, amountFen: o.amountFen, txnId: null, paidAt: null, status: 'closed' });
    expect((await postNotice(t, 'sandbox', tenant.tenantId, closed)).statusCode).toBe(200);
    expect(await rowCounts(t.database, [...TABLES, 'audit_log'])).toEqual(before);
    expect((await a.get(`/api/dues/pay/orders/${o.id}`)).json<OrderView>().state).toBe('paid');
  });

  it('refuses unsigned, forged, altered, mismatched and unknown notices: nothing changes, each is audited as a failure', async () => {
    const { a, personId } = await member('沙箱丙');
    const o = await order(a, { months: [(await owed(a))[0]!.month], provider: 'sandbox', channel: 'checkout' });
    const signer = sandboxSigner(t, tenant.tenantId);
    const good = signer.notification({ orderNo: o.orderNo, amountFen: o.amountFen, txnId: 'SBXREFUSE1', paidAt: new Date(), status: 'paid' });
    const otherTenant = await makeTenant(t);
    const cases: [string, string, ReturnType<typeof signer.notification>, string, ('sandbox' | 'wechatpay')?][] = [
      ['unsigned', tenant.tenantId, { headers: { 'content-type': 'application/json' }, body: good.body }, 'unsigned'],
      ['altered amount', tenant.tenantId, { ...good, body: good.body.replace(`"amount_fen":${o.amountFen}`, '"amount_fen":1') }, 'bad_signature'],
      ['signed with another tenant’s key', tenant.tenantId, sandboxSigner(t, otherTenant.tenantId).notification({ orderNo: o.orderNo, amountFen: o.amountFen, txnId: 'X', paidAt: new Date(), status: 'paid' }), 'bad_signature'],
      ['amount differs from the order', tenant.tenantId, signer.notification({ orderNo: o.orderNo, amountFen: o.amountFen - 1, txnId: 'SBXREFUSE2', paidAt: new Date(), status: 'paid' }), 'amount_mismatch'],
      ['unknown order', tenant.tenantId, signer.notification({ orderNo: 'DF20990101000000ZZZZZZZZ', amountFen: 100, txnId: 'SBXREFUSE3', paidAt: new Date(), status: 'paid' }), 'unknown_order'],
      ['another enterprise’s key for this sandbox', otherTenant.tenantId, good, 'bad_signature'],
      ['provider not set up', otherTenant.tenantId, wechat.notification(wechat.orders.values().next().value ?? { outTradeNo: 'X', description: '', total: 1, notifyUrl: '', timeExpire: null, kind: 'native', state: 'SUCCESS', transactionId: 'T', successTime: new Date(), openid: null }), 'not_configured', 'wechatpay'],
    ];
    for (const [name, tenantId, d, reason, provider = 'sandbox'] of cases) {
      const before = await rowCounts(t.database, TABLES);
      const since = await lastSeq(tenantId);
      const r = await postNotice(t, provider, tenantId, d, '10.66.0.1');
      expect(r.statusCode, name).toBe(400);
      expect(await rowCounts(t.database, TABLES), name).toEqual(before);
      const recs = await auditSince(tenantId, since);
      expect(recs.map((x) => x.action), name).toEqual(['dues.pay_notify_refused']);
      expect(recs[0], name).toMatchObject({ result: 'failure', source_ip: '10.66.0.1', actor_id: null });
      expect(recs[0]!.detail, name).toMatchObject({ provider, reason });
    }
    // A tenant that does not exist: the platform's chain records it.
    const since = await lastSeq(PLATFORM_TENANT_ID);
    expect((await postNotice(t, 'sandbox', '8d4f2b8e-6c0a-4d5e-9a41-3f2c1b0a9e77', good)).statusCode).toBe(400);
    expect((await auditSince(PLATFORM_TENANT_ID, since)).map((x) => x.detail)).toEqual([expect.objectContaining({ reason: 'unknown_tenant' })]);
    expect(await payments(personId)).toHaveLength(0);
    expect((await t.app.inject({ method: 'POST', url: '/api/dues/pay/notify/sandbox/not-a-uuid', payload: '{}', headers: { 'content-type': 'application/json' } })).statusCode).toBe(400);
  });

  it('recovers a lost notice by querying the provider (poll fallback)', async () => {
    const { a, personId } = await member('沙箱丁');
    const o = await order(a, { months: [(await owed(a))[0]!.month], provider: 'sandbox', channel: 'checkout' });
    // The sandbox took the money but its notice never arrived.
    await asOwner(t.database, (tx) => tx.updateTable('payment_sandbox_trades').set({ status: 'paid', txn_id: 'SBXLOSTNOTICE', paid_at: new Date() }).where('order_no', '=', o.orderNo).execute());
    const r = await a.post(`/api/dues/pay/orders/${o.id}/refresh`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<OrderView>()).toMatchObject({ state: 'paid', providerTxnId: 'SBXLOSTNOTICE' });
    expect(await payments(personId)).toHaveLength(1);
    const settled = await asOwner(t.database, (tx) => tx.selectFrom('dues_pay_orders').select('settled_by').where('id', '=', o.id).executeTakeFirstOrThrow());
    expect(settled.settled_by).toBe('query');
  });

  it('still takes the money for an expired order; months meanwhile paid in cash are flagged for reconciliation, not lost', async () => {
    const { a, personId } = await member('沙箱戊');
    const month = (await owed(a))[0]!.month;
    const o = await order(a, { months: [month], provider: 'sandbox', channel: 'checkout' });
    await asOwner(t.database, async (tx) => {
      await tx.updateTable('dues_pay_orders').set({ state: 'expired', close_reason: 'expired' }).where('id', '=', o.id).execute();
    });
    // The branch took the same month in cash meanwhile.
    const organizer = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: branch.id }));
    expect((await organizer.post(`/api/dues/people/${personId}/cash`, { months: [month], receiptNo: `R-${o.orderNo}` })).statusCode).toBe(200);
    const late = sandboxSigner(t, tenant.tenantId).notification({ orderNo: o.orderNo, amountFen: o.amountFen, txnId: 'SBXLATE1', paidAt: new Date(), status: 'paid' });
    expect((await postNotice(t, 'sandbox', tenant.tenantId, late)).statusCode).toBe(200);
    const after = (await a.get(`/api/dues/pay/orders/${o.id}`)).json<OrderView>();
    expect(after).toMatchObject({ state: 'paid', attention: 'months_already_paid', receipt: { voluntaryFen: o.amountFen } });
    expect(await payments(personId)).toHaveLength(2);
  });

  it('cancels an unpaid order at the sandbox first; it can no longer be paid', async () => {
    const { a } = await member('沙箱己');
    const o = await order(a, { months: [(await owed(a))[0]!.month], provider: 'sandbox', channel: 'checkout' });
    expect((await a.post(`/api/dues/pay/orders/${o.id}/cancel`)).json<OrderView>()).toMatchObject({ state: 'closed', closeReason: 'cancelled' });
    expect((await a.post(`/api/dues/pay/orders/${o.id}/sandbox-confirm`)).statusCode).toBe(409);
    const trade = await asOwner(t.database, (tx) => tx.selectFrom('payment_sandbox_trades').select('status').where('order_no', '=', o.orderNo).executeTakeFirstOrThrow());
    expect(trade.status).toBe('closed');
  });
});

describe('WeChat Pay and Alipay through the same route (protocol fakes)', () => {
  it('WeChat Pay: Native order (QR), signed encrypted notice → paid once; replay and a forged copy change nothing', async () => {
    const { a, personId } = await member('微信甲');
    const o = await order(a, { months: [(await owed(a))[0]!.month], provider: 'wechatpay', channel: 'qr' });
    expect(o.payAction).toMatchObject({ kind: 'qr', codeUrl: expect.stringMatching(/^weixin:\/\//), qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
    expect(wechat.orders.get(o.orderNo)).toMatchObject({ total: 4_000, notifyUrl: `https://zg.example.cn/api/dues/pay/notify/wechatpay/${tenant.tenantId}` });
    const notice = wechat.pay(o.orderNo);
    const r = await postNotice(t, 'wechatpay', tenant.tenantId, notice);
    expect(r.statusCode, r.body).toBe(200);
    expect((await postNotice(t, 'wechatpay', tenant.tenantId, notice)).statusCode).toBe(200);
    const p = await payments(personId);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ method: 'wechatpay', provider_ref: wechat.orders.get(o.orderNo)!.transactionId });
    const forged = wechat.notification(wechat.orders.get(o.orderNo)!, { resource: { amount: { total: 1, currency: 'CNY' } } });
    const before = await rowCounts(t.database, TABLES);
    const refused = await postNotice(t, 'wechatpay', tenant.tenantId, forged);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ code: string }>().code).toBe('FAIL');
    expect(await rowCounts(t.database, TABLES)).toEqual(before);
  });

  it('Alipay: precreate (QR), form-encoded signed notice → paid; answers "success"', async () => {
    const { a, personId } = await member('支付宝甲');
    const o = await order(a, { months: [(await owed(a))[0]!.month], provider: 'alipay', channel: 'qr' });
    expect(o.payAction).toMatchObject({ kind: 'qr', codeUrl: expect.stringMatching(/^https:\/\/qr\.alipay\.com\//) });
    const r = await postNotice(t, 'alipay', tenant.tenantId, alipay.pay(o.orderNo));
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('success');
    expect((await payments(personId))[0]).toMatchObject({ method: 'alipay', provider_ref: alipay.trades.get(o.orderNo)!.tradeNo });
    const wrongSeller = alipay.notification(alipay.trades.get(o.orderNo)!, { over: { seller_id: '2088000000000000' } });
    expect((await postNotice(t, 'alipay', tenant.tenantId, wrongSeller)).body).toBe('fail');
  });

  it('a provider that cannot be reached leaves a closed order and a plain 502, not a 500', async () => {
    const { a } = await member('微信乙');
    await asOwner(t.database, (tx) => sql`update dues_pay_providers set config = jsonb_set(config, '{apiBaseUrl}', '"http://127.0.0.1:9"') where provider = 'wechatpay' and tenant_id = ${tenant.tenantId}`.execute(tx));
    try {
      const r = await a.post('/api/dues/pay/orders', { months: [(await owed(a))[0]!.month], provider: 'wechatpay', channel: 'qr' });
      expect(r.statusCode).toBe(502);
      expect(r.json<{ message: string }>().message).toContain('支付渠道');
    } finally {
      await asOwner(t.database, (tx) => sql`update dues_pay_providers set config = jsonb_set(config, '{apiBaseUrl}', to_jsonb(${wechat.url}::text)) where provider = 'wechatpay' and tenant_id = ${tenant.tenantId}`.execute(tx));
    }
  });
});
