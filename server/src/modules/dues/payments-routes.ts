/**
 * HTTP of online dues payment: the member's checkout (authenticated: one's own orders only), the providers'
 * notification routes (public, no session, signature-checked, raw body), and the payment settings (dues.pay_settings).
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { cancelOrder, checkoutOptions, createOrder, getOrder, listMyOrders, refreshOrder, sandboxConfirm, sweepOrders } from './payments.js';
import { handleNotification } from './payments-callbacks.js';
import { NOTIFY_PATH, type PaymentDeps } from './payments-providers.js';
import { paymentSettings, updatePaymentSettings } from './payments-settings.js';
import { reconciliationRoutes } from './reconciliation-routes.js';

const tags = ['dues-payments'];
const YearMonth = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
const Provider = Type.Union([Type.Literal('sandbox'), Type.Literal('wechatpay'), Type.Literal('alipay')]);
const Channel = Type.Union([Type.Literal('checkout'), Type.Literal('qr'), Type.Literal('jsapi'), Type.Literal('redirect')]);
const Msg = Type.Object({ zh: Type.String(), en: Type.String() });
const Money = Type.Integer({ minimum: 0 });
export const OrderView = Type.Object({
  id: Type.String(), orderNo: Type.String(), provider: Provider, providerName: Msg, channel: Channel,
  purpose: Type.Union([Type.Literal('months'), Type.Literal('voluntary')]), months: Type.Array(Type.String()), amountFen: Money,
  state: Type.Union([Type.Literal('created'), Type.Literal('paid'), Type.Literal('closed'), Type.Literal('expired')]),
  createdAt: Type.String(), expiresAt: Type.String(), paidAt: Nullable(Type.String()), providerTxnId: Nullable(Type.String()),
  closeReason: Nullable(Type.String()), attention: Nullable(Type.String()),
  payAction: Nullable(Type.Object({
    kind: Channel, codeUrl: Nullable(Type.String()), qrDataUrl: Nullable(Type.String()), redirectUrl: Nullable(Type.String()),
    jsapi: Nullable(Type.Object({ appId: Type.String(), timeStamp: Type.String(), nonceStr: Type.String(), package: Type.String(), signType: Type.Literal('RSA'), paySign: Type.String() })),
  })),
  receipt: Nullable(Type.Object({ paymentId: Type.String(), months: Type.Array(Type.Object({ month: Type.String(), amountFen: Money })), voluntaryFen: Money, central: Type.Boolean() })),
  abilities: Type.Object({ cancel: Type.Boolean(), refresh: Type.Boolean(), confirmSandbox: Type.Boolean() }),
});
const Checkout = Type.Object({
  person: Type.Object({ name: Type.String(), unitName: Type.String(), archived: Type.Boolean() }),
  currentMonth: Type.String(),
  owed: Type.Array(Type.Object({ month: Type.String(), amountFen: Money, beyondLimit: Type.Boolean() })),
  ahead: Type.Array(Type.Object({ month: Type.String(), amountFen: Money })),
  providers: Type.Array(Type.Object({ provider: Provider, channels: Type.Array(Channel), name: Msg })),
  openOrders: Type.Array(OrderView),
  maxVoluntaryFen: Money,
});
const Field = Type.Object({ key: Type.String(), label: Msg, required: Type.Boolean(), secret: Type.Boolean(), kind: Type.String(), value: Nullable(Type.String()), isSet: Type.Boolean() });
const Settings = Type.Object({
  providers: Type.Array(Type.Object({ provider: Provider, name: Msg, enabled: Type.Boolean(), ready: Type.Boolean(), notifyUrl: Type.String(), fields: Type.Array(Field) })),
  canEdit: Type.Boolean(),
});
const FieldValues = Type.Record(Type.String({ pattern: '^[A-Za-z0-9]{1,40}$' }), Str(0, 8000), { maxProperties: 12 });

export async function duesPaymentRoutes(app: App): Promise<void> {
  const deps: PaymentDeps = {
    db: app.deps.database.db,
    cipher: app.deps.cipher,
    // The sandbox posts its notices into this server, through the same route and code as a real provider's.
    deliver: async (url, d, ip) => (await app.inject({ method: 'POST', url, headers: d.headers, payload: d.body, remoteAddress: ip || '127.0.0.1' })).statusCode,
  };

  // Orders whose notice never came are queried, old ones expired: shortly after start, then every minute.
  if (!process.env.VITEST) {
    let timer: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
      timer = setInterval(() => void sweepOrders(deps).catch((err: unknown) => app.log.error({ err }, 'dues payment sweep failed')), 60_000);
      timer.unref();
    });
    app.addHook('onClose', async () => { if (timer) clearInterval(timer); });
  }

  app.get('/api/dues/pay/checkout', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '在线交纳党费：应交月份、可预交月份、可用的支付方式和未完成的订单（本人）', response: { 200: Checkout } },
  }, async (req) => checkoutOptions(deps, actorOf(req)));

  app.post('/api/dues/pay/orders', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '发起支付（本人）：金额由服务器按台账计算',
      body: Obj({
        months: Type.Optional(Type.Array(YearMonth, { minItems: 1, maxItems: 24 })), voluntaryFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
        provider: Provider, channel: Channel, payerId: Type.Optional(Str(1, 128)),
      }),
      response: { 200: OrderView },
    },
  }, async (req) => createOrder(deps, actorOf(req), req.body));

  app.get('/api/dues/pay/orders', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '我的在线支付订单', querystring: Obj(PageQuery), response: { 200: Paged(OrderView) } },
  }, async (req) => ({ ...(await listMyOrders(deps, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/dues/pay/orders/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '支付订单（付款码、结果和收据）', params: IdParams, response: { 200: OrderView } },
  }, async (req) => getOrder(deps, actorOf(req), req.params.id));

  app.post('/api/dues/pay/orders/:id/cancel', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '取消未付款的订单（先在支付渠道关闭）', params: IdParams, response: { 200: OrderView } },
  }, async (req) => cancelOrder(deps, actorOf(req), req.params.id));

  app.post('/api/dues/pay/orders/:id/refresh', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '向支付渠道查询订单结果（收不到通知时）', params: IdParams, response: { 200: OrderView } },
  }, async (req) => (await refreshOrder(deps, actorOf(req), req.params.id))!);

  app.post('/api/dues/pay/orders/:id/sandbox-confirm', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '演示支付：确认付款（沙箱随后发出签名的支付通知）', params: IdParams, response: { 200: OrderView } },
  }, async (req) => sandboxConfirm(deps, actorOf(req), req.params.id));

  // Notices: the raw body is what the signature covers, so this scope reads every content type as bytes.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 65_536 }, (_req, body, done) => done(null, body));
    scope.post(`${NOTIFY_PATH}/:provider/:tenantId`, {
      config: { permission: 'public' },
      bodyLimit: 65_536,
      schema: {
        tags, summary: '支付渠道的支付结果通知（无会话；验签，金额和商户与订单核对；重复和乱序的通知不会重复记账）',
        params: Obj({ provider: Provider, tenantId: Uuid }),
      },
    }, async (req, reply) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const r = await handleNotification(deps, req.params.provider, req.params.tenantId, { headers: req.headers, rawBody, ip: req.ip });
      return reply.status(r.ack.status).header('content-type', r.ack.contentType).send(r.ack.body);
    });
  });

  app.get('/api/dues/pay/settings', {
    config: { permission: 'dues.pay_settings' },
    schema: { tags, summary: '在线支付设置（密钥只写不读）', response: { 200: Settings } },
  }, async (req) => paymentSettings(deps, actorOf(req)));

  app.put('/api/dues/pay/settings/:provider', {
    config: { permission: 'dues.pay_settings' },
    schema: {
      tags, summary: '修改一种支付方式的设置（留空的密钥保持不变）', params: Obj({ provider: Provider }),
      body: Obj({ enabled: Type.Boolean(), config: Type.Optional(FieldValues), secrets: Type.Optional(FieldValues) }),
      response: { 200: Settings },
    },
  }, async (req) => updatePaymentSettings(deps, actorOf(req), req.params.provider, req.body));

  await reconciliationRoutes(app, deps);

}
