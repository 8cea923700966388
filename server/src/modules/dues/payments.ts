/**
 * Online payment of dues by the member (我的党费 → 交纳): the checkout's options, payment orders (the amount computed
 * here from the ledger through checkPayable, never taken from the client), the provider call, cancel, the sandbox
 * confirm, and the query fallback for an order whose notice never came. A provider is never called inside a database
 * transaction: an order is written, then the provider is asked, then its answer is written.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { sql, type Selectable } from 'kysely';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { scopesFor, type Actor } from '../../platform/access/actor.js';
import { AppError, badField, conflict, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { ProviderError, PROVIDER_KINDS, type PayChannel, type ProviderKind } from '../../platform/payments/provider.js';
import { SandboxProvider } from '../../platform/payments/sandbox.js';
import { ownPersonId } from '../members/person-access.js';
import { checkPayable, chinaMonth, expectedDue, lockPersonLedger, owedMonths, tenantDuesSettings } from './ledger.js';
import { addMonthsYm } from './rules.js';
import { ORDER_LIFETIME_MINUTES, orderDescription, orderNumber } from './payments-rules.js';
import { notifyUrlFor, OFFERED_CHANNELS, providerFor, type PaymentDeps } from './payments-providers.js';
import { applyWord } from './payments-apply.js';
import type { DuesPayOrdersTable } from './payments-tables.js';

const ORDER: Msg = { zh: '支付订单', en: 'Payment order' };
/** The largest voluntary payment taken online in one order (larger sums go through the branch). */
export const MAX_ONLINE_VOLUNTARY_FEN = 5_000_000;

export const PROVIDER_NAMES: Record<ProviderKind, Msg> = {
  sandbox: { zh: '演示支付（沙箱）', en: 'Demo payment (sandbox)' },
  wechatpay: { zh: '微信支付', en: 'WeChat Pay' },
  alipay: { zh: '支付宝', en: 'Alipay' },
};

const providerUnavailable = (e: unknown) => {
  const detail = e instanceof ProviderError ? e.code : 'error';
  return new AppError(502, 'provider_unavailable', {
    zh: '支付渠道暂时无法下单，请稍后再试或换一种支付方式', en: 'The payment provider could not take the order; try again later or choose another way to pay',
  }, detail === 'rejected' ? 'provider' : undefined);
};

type OrderRow = Selectable<DuesPayOrdersTable>;

/** The enabled providers of the tenant, with the channels offered on the checkout. */
export async function enabledProviders(deps: PaymentDeps, ctx: TxContext): Promise<{ provider: ProviderKind; channels: PayChannel[] }[]> {
  const rows = await withTenant(deps.db, ctx, (tx) => tx.selectFrom('dues_pay_providers').select(['provider']).where('enabled', '=', true).execute());
  const enabled = new Set(rows.map((r) => r.provider));
  return PROVIDER_KINDS.filter((k) => enabled.has(k)).map((k) => ({ provider: k, channels: [...OFFERED_CHANNELS[k]] }));
}

async function ownPerson(tx: Tx, actor: Actor) {
  const id = await ownPersonId(tx, actor);
  const p = id ? await tx.selectFrom('people').select(['id', 'name', 'org_unit_id', 'archived_at', 'party_status']).where('id', '=', id).executeTakeFirst() : undefined;
  if (!p) throw new AppError(409, 'no_person', { zh: '您的账号没有关联党员信息，请联系组织委员', en: 'Your account is not linked to a member record; ask your organizer' });
  return p;
}

/** What the checkout shows: the months owed, what a month ahead costs, the providers, and orders still open. */
export async function checkoutOptions(deps: PaymentDeps, actor: Actor) {
  const ctx = txContext(actor);
  const providers = await enabledProviders(deps, ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const p = await ownPerson(tx, actor);
    const unit = await tx.selectFrom('org_units').select('name').where('id', '=', p.org_unit_id).executeTakeFirstOrThrow();
    const settings = await tenantDuesSettings(tx, actor.tenantId);
    const current = chinaMonth();
    const owed = await owedMonths(tx, p.id, current, settings);
    // Months ahead the member may prepay (up to 12), each at the rules' amount; stops where there is no base.
    const ahead: { month: string; amountFen: number }[] = [];
    const balances = new Set((await tx.selectFrom('dues_entries').select('month').distinct().where('person_id', '=', p.id).where('kind', 'in', ['due', 'payment']).where('month', '>', current).execute()).map((r) => r.month));
    for (let i = 1; i <= 12; i++) {
      const m = addMonthsYm(current, i);
      if (balances.has(m)) continue;
      const fen = await expectedDue(tx, p.id, m, settings);
      if (!fen) break;
      ahead.push({ month: m, amountFen: fen });
    }
    const open = await tx.selectFrom('dues_pay_orders').selectAll().where('person_id', '=', p.id).where('state', '=', 'created').where('expires_at', '>', new Date()).orderBy('created_at', 'desc').execute();
    return {
      person: { name: p.name, unitName: unit.name, archived: p.archived_at !== null },
      currentMonth: current,
      owed: owed.map((o) => ({ month: o.month, amountFen: o.owedFen, beyondLimit: o.beyondLimit })),
      ahead,
      providers: providers.map((x) => ({ ...x, name: PROVIDER_NAMES[x.provider] })),
      openOrders: await Promise.all(open.map((o) => orderView(o, true))),
      maxVoluntaryFen: MAX_ONLINE_VOLUNTARY_FEN,
    };
  });
}

export interface CreateOrderInput {
  months?: string[] | undefined;
  voluntaryFen?: number | undefined;
  provider: ProviderKind;
  channel: PayChannel;
  payerId?: string | undefined;
}

/** Creates a payment order for the member and asks the provider for it. */
export async function createOrder(deps: PaymentDeps, actor: Actor, input: CreateOrderInput, now = new Date()) {
  const ctx = txContext(actor);
  const hasMonths = (input.months?.length ?? 0) > 0;
  if (hasMonths === (input.voluntaryFen !== undefined)) {
    throw badField('months', { zh: '请选择要交纳的月份，或填写自愿多交的金额（二选一）', en: 'Choose months to pay, or an amount to give voluntarily (one of the two)' });
  }
  if (input.voluntaryFen !== undefined && (input.voluntaryFen < 1 || input.voluntaryFen > MAX_ONLINE_VOLUNTARY_FEN)) {
    throw badField('voluntaryFen', { zh: `自愿多交金额应在 0.01 元至 ${MAX_ONLINE_VOLUNTARY_FEN / 100} 元之间（更大的金额请交支部）`, en: `A voluntary amount online is 0.01 to ${MAX_ONLINE_VOLUNTARY_FEN / 100} yuan` });
  }
  if (!OFFERED_CHANNELS[input.provider].includes(input.channel)) throw badField('channel', { zh: '该支付方式不支持所选的付款方式', en: 'This provider does not offer that channel' });
  const provider = await providerFor(deps, ctx, input.provider);
  if (!provider) throw badField('provider', { zh: '该支付方式尚未开通，请选择其他方式', en: 'This way of paying is not enabled; choose another' });
  const notifyUrl = await notifyUrlFor(deps, ctx, input.provider);

  const order = await withTenant(deps.db, ctx, async (tx) => {
    const p = await ownPerson(tx, actor);
    if (p.archived_at) throw badField('months', { zh: '您的党员信息已归档，不能在线交纳党费', en: 'Your member record is archived' });
    await lockPersonLedger(tx, p.id);
    let months: string[] = [];
    let amountFen: number;
    if (hasMonths) {
      const check = await checkPayable(tx, p.id, input.months!, chinaMonth(now));
      months = check.months.map((m) => m.month);
      amountFen = check.totalFen;
      if (amountFen <= 0) throw badField('months', { zh: '所选月份没有应交的党费', en: 'Nothing is owed for the chosen months' });
      // One open order per month: paying the same month in two orders would take the money twice.
      const open = await tx.selectFrom('dues_pay_orders').select(['order_no', 'months']).where('person_id', '=', p.id).where('state', '=', 'created').where('purpose', '=', 'months').where('expires_at', '>', now).execute();
      const clash = open.find((o) => o.months.some((m) => months.includes(m)));
      if (clash) {
        throw conflict('months', { zh: `有一笔尚未完成的支付（订单号 ${clash.order_no}）包含所选月份，请先完成或取消它`, en: `An unfinished payment (order ${clash.order_no}) covers these months; finish or cancel it first` });
      }
    } else {
      amountFen = input.voluntaryFen!;
    }
    const row = await tx.insertInto('dues_pay_orders').values({
      id: randomUUID(), tenant_id: ctx.tenantId, order_no: orderNumber(now, randomBytes(8).toString('hex')), person_id: p.id, user_id: actor.userId,
      provider: input.provider, channel: input.channel, purpose: hasMonths ? 'months' : 'voluntary', months: JSON.stringify(months), amount_fen: amountFen,
      pay_action: null, expires_at: new Date(now.getTime() + ORDER_LIFETIME_MINUTES * 60_000), provider_txn_id: null, paid_at: null, payment_id: null,
      settled_by: null, close_reason: null, attention: null, last_checked_at: null,
    }).returningAll().executeTakeFirstOrThrow();
    await auditAs(tx, ctx, { action: 'dues.pay_order', objectType: 'dues_pay_order', objectId: row.id, detail: { orderNo: row.order_no, provider: row.provider, channel: row.channel, months, amountFen, personId: p.id } });
    return row;
  });

  let action;
  try {
    action = await provider.createPayment({
      orderNo: order.order_no, amountFen: order.amount_fen, description: orderDescription(order.purpose, order.months), notifyUrl, expiresAt: order.expires_at,
      channel: input.channel, ...(input.payerId ? { payerId: input.payerId } : {}),
    });
  } catch (err) {
    await withTenant(deps.db, ctx, async (tx) => {
      await tx.updateTable('dues_pay_orders').set({ state: 'closed', close_reason: 'provider_error', updated_at: new Date() }).where('id', '=', order.id).where('state', '=', 'created').execute();
      await auditAs(tx, ctx, { action: 'dues.pay_order_close', objectType: 'dues_pay_order', objectId: order.id, result: 'failure', detail: { orderNo: order.order_no, reason: 'provider_error', error: (err as Error).message.slice(0, 300) } });
    });
    throw providerUnavailable(err);
  }
  const saved = await withTenant(deps.db, ctx, (tx) =>
    tx.updateTable('dues_pay_orders').set({ pay_action: JSON.stringify(action), updated_at: new Date() }).where('id', '=', order.id).returningAll().executeTakeFirstOrThrow());
  return orderView(saved, true);
}

/** An order the actor may see: their own, or any of the tenant's for a tenant-wide reconciler. */
async function orderOrThrow(tx: Tx, actor: Actor, id: string, lock = false): Promise<{ order: OrderRow; own: boolean }> {
  let q = tx.selectFrom('dues_pay_orders').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const order = await q.executeTakeFirst();
  if (!order) throw notFound(ORDER);
  const own = order.user_id === actor.userId || order.person_id === (await ownPersonId(tx, actor));
  if (!own && !scopesFor(actor, 'dues.reconcile').includes('')) throw notFound(ORDER);
  return { order, own };
}

export async function getOrder(deps: PaymentDeps, actor: Actor, id: string) {
  return withTenant(deps.db, txContext(actor), async (tx) => {
    const { order, own } = await orderOrThrow(tx, actor, id);
    return orderView(order, own, await receiptOf(tx, order));
  });
}

export async function listMyOrders(deps: PaymentDeps, actor: Actor, q: { page: number; pageSize: number }) {
  return withTenant(deps.db, txContext(actor), async (tx) => {
    const personId = await ownPersonId(tx, actor);
    if (!personId) return { items: [], total: 0 };
    const total = await tx.selectFrom('dues_pay_orders').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).executeTakeFirstOrThrow();
    const rows = await tx.selectFrom('dues_pay_orders').selectAll().where('person_id', '=', personId).orderBy('created_at', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return { items: await Promise.all(rows.map((r) => orderView(r, true))), total: Number(total.n) };
  });
}

/** The member gives up an unpaid order: it is closed at the provider first, so it can no longer be paid. */
export async function cancelOrder(deps: PaymentDeps, actor: Actor, id: string) {
  const ctx = txContext(actor);
  const { order } = await withTenant(deps.db, ctx, (tx) => orderOrThrow(tx, actor, id));
  if (order.state !== 'created') throw conflict(undefined, { zh: '这笔订单已经结束，不能取消', en: 'This order is already finished' });
  const provider = await providerFor(deps, ctx, order.provider, { requireEnabled: false });
  try {
    await provider?.closePayment(order.order_no);
  } catch (err) {
    if (err instanceof ProviderError && err.code === 'already_paid') {
      // Paid meanwhile: take the payment in instead of cancelling.
      await refreshOrder(deps, actor, id);
      throw conflict(undefined, { zh: '这笔订单已经付款，不能取消', en: 'This order was paid meanwhile' });
    }
    throw providerUnavailable(err);
  }
  return withTenant(deps.db, ctx, async (tx) => {
    const { order: locked, own } = await orderOrThrow(tx, actor, id, true);
    if (locked.state !== 'created') throw conflict(undefined, { zh: '这笔订单已经结束，不能取消', en: 'This order is already finished' });
    const row = await tx.updateTable('dues_pay_orders').set({ state: 'closed', close_reason: 'cancelled', updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await auditAs(tx, ctx, { action: 'dues.pay_order_cancel', objectType: 'dues_pay_order', objectId: id, detail: { orderNo: row.order_no } });
    return orderView(row, own);
  });
}

/**
 * The query fallback: asks the provider about an order and applies its answer by the same rule as a notice (an
 * unpaid order past its time is closed at the provider and expired). Writes only when something changed.
 */
export async function refreshOrder(deps: PaymentDeps, actor: Actor | null, id: string, ctxIn?: TxContext, now = new Date()) {
  const ctx = ctxIn ?? txContext(actor!);
  const order = await withTenant(deps.db, ctx, async (tx) => (actor ? (await orderOrThrow(tx, actor, id)).order : await tx.selectFrom('dues_pay_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
  if (order.state === 'created' || order.state === 'expired' || order.state === 'closed') {
    const provider = await providerFor(deps, ctx, order.provider, { requireEnabled: false });
    if (provider) {
      let word;
      try {
        word = await provider.queryPayment(order.order_no);
      } catch (err) {
        if (actor) throw providerUnavailable(err);
        return null;
      }
      await applyWord(deps, ctx, order.provider, order.order_no, word, 'query');
      if (order.state === 'created' && word.status !== 'paid' && order.expires_at.getTime() <= now.getTime()) await expireOrder(deps, ctx, order, provider);
      await withTenant(deps.db, ctx, (tx) => tx.updateTable('dues_pay_orders').set({ last_checked_at: now }).where('id', '=', id).execute());
    }
  }
  return actor ? getOrder(deps, actor, id) : null;
}

async function expireOrder(deps: PaymentDeps, ctx: TxContext, order: OrderRow, provider: NonNullable<Awaited<ReturnType<typeof providerFor>>>): Promise<void> {
  try {
    await provider.closePayment(order.order_no);
  } catch (err) {
    // Paid at the last moment: the next query takes it in; never expire an order the provider may have paid.
    if (err instanceof ProviderError) return;
    throw err;
  }
  await withTenant(deps.db, ctx, async (tx) => {
    const r = await tx.updateTable('dues_pay_orders').set({ state: 'expired', close_reason: 'expired', updated_at: new Date() }).where('id', '=', order.id).where('state', '=', 'created').returning('id').executeTakeFirst();
    if (r) await auditAs(tx, ctx, { action: 'dues.pay_order_expire', objectType: 'dues_pay_order', objectId: order.id, detail: { orderNo: order.order_no } });
  });
}

/** The sandbox checkout's 确认支付: the sandbox takes the money and posts its signed notice to our notify route. */
export async function sandboxConfirm(deps: PaymentDeps, actor: Actor, id: string) {
  const ctx = txContext(actor);
  const { order } = await withTenant(deps.db, ctx, (tx) => orderOrThrow(tx, actor, id));
  if (order.provider !== 'sandbox') throw notFound(ORDER);
  if (order.state === 'created' && order.expires_at.getTime() <= Date.now()) throw conflict(undefined, { zh: '订单已过期，请重新发起支付', en: 'The order has expired; start again' });
  if (order.state === 'closed' || order.state === 'expired') throw conflict(undefined, { zh: '订单已关闭，请重新发起支付', en: 'The order is closed; start again' });
  const provider = await providerFor(deps, ctx, 'sandbox', { requireEnabled: false });
  if (!(provider instanceof SandboxProvider)) throw notFound(ORDER);
  await withTenant(deps.db, ctx, (tx) => auditAs(tx, ctx, { action: 'dues.pay_sandbox_confirm', objectType: 'dues_pay_order', objectId: id, detail: { orderNo: order.order_no, amountFen: order.amount_fen } }));
  try {
    await provider.confirm(order.order_no);
  } catch (err) {
    throw providerUnavailable(err);
  }
  return getOrder(deps, actor, id);
}

/** What the member's receipt shows: the ledger's allocation of the payment. */
async function receiptOf(tx: Tx, order: OrderRow) {
  if (!order.payment_id) return null;
  const entries = await tx.selectFrom('dues_entries').select(['kind', 'month', 'amount_fen', 'central']).where('payment_id', '=', order.payment_id).where('corrects_id', 'is', null).orderBy('month').execute();
  return {
    paymentId: order.payment_id,
    months: entries.filter((e) => e.kind === 'payment').map((e) => ({ month: e.month!, amountFen: Number(e.amount_fen) })),
    voluntaryFen: entries.filter((e) => e.kind === 'voluntary').reduce((a, e) => a + Number(e.amount_fen), 0),
    central: entries.some((e) => e.central),
  };
}

export async function orderView(o: OrderRow, own: boolean, receipt: Awaited<ReturnType<typeof receiptOf>> = null) {
  const a = o.pay_action;
  const open = o.state === 'created' && o.expires_at.getTime() > Date.now();
  return {
    id: o.id, orderNo: o.order_no, provider: o.provider, providerName: PROVIDER_NAMES[o.provider], channel: o.channel, purpose: o.purpose, months: o.months,
    amountFen: Number(o.amount_fen), state: o.state, createdAt: o.created_at.toISOString(), expiresAt: o.expires_at.toISOString(),
    paidAt: o.paid_at ? o.paid_at.toISOString() : null, providerTxnId: o.provider_txn_id, closeReason: o.close_reason, attention: o.attention,
    payAction: open && a ? {
      kind: a.kind,
      codeUrl: a.kind === 'qr' ? a.codeUrl : null,
      qrDataUrl: a.kind === 'qr' ? await QRCode.toDataURL(a.codeUrl, { margin: 1, width: 240 }) : null,
      redirectUrl: a.kind === 'redirect' ? a.url : null,
      jsapi: a.kind === 'jsapi' ? a.params : null,
    } : null,
    receipt,
    abilities: { cancel: own && o.state === 'created', refresh: o.state !== 'paid', confirmSandbox: own && open && o.provider === 'sandbox' },
  };
}
export type OrderView = Awaited<ReturnType<typeof orderView>>;

/**
 * The sweep (every minute, off under the test runner): orders without a notice after QUERY_AFTER_SECONDS are queried,
 * and those past their time expired. Runs per tenant in the tenant's own context, as the system.
 */
export async function sweepOrders(deps: PaymentDeps, now = new Date(), olderThanSeconds = 120): Promise<number> {
  const { rows } = await sql<{ tenant_id: string }>`select tenant_id from zg_dues_pay_open_tenants(${`${olderThanSeconds} seconds`}::interval)`.execute(deps.db);
  let checked = 0;
  for (const { tenant_id } of rows) {
    const ctx: TxContext = { tenantId: tenant_id, actorId: null, actorName: '系统（支付查询）', sourceIp: '' };
    const due = await withTenant(deps.db, ctx, (tx) => tx.selectFrom('dues_pay_orders').select(['id']).where('state', '=', 'created')
      .where('created_at', '<', new Date(now.getTime() - olderThanSeconds * 1000)).orderBy('last_checked_at', (ob) => ob.nullsFirst()).limit(50).execute());
    for (const o of due) {
      await refreshOrder(deps, null, o.id, ctx, now).catch(() => null);
      checked++;
    }
  }
  return checked;
}

