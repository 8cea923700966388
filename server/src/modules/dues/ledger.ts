/**
 * The dues ledger of one member (RULES.md §4): what is due, paid and waived month by month, and how payments are
 * recorded. The ledger is append-only (migration 0020: no UPDATE/DELETE grants, and a trigger); a correction is a new
 * entry naming the corrected one.
 *
 * Exported for other modules:
 *  - recordPayment(): the one way a payment enters the ledger (cash confirmed by the branch, and the online providers'
 *    confirmed payments — server/src/modules/dues/payments*.ts). Idempotent on (method, providerRef).
 *  - checkPayable(): what a member may pay now (the checkout calls it before creating an order).
 *  - duesPaidUntil(): 党费交至 for transfer letters.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx, TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { badField } from '../../platform/http/errors.js';
import {
  addMonthsYm, allocate, duesSettings, isCentralVoluntary, isYearMonth, monthlyDue, monthsBeyondBackPayLimit, outstandingOf, paidUntil,
  type DuesCategory, type DuesSettings, type MonthBalance, type YearMonth,
} from './rules.js';
import type { PaymentMethod } from './tables.js';

/** Months paid in advance at most (a payment by amount beyond this is recorded as voluntary extra). */
export const MAX_PREPAY_MONTHS = 12;

export async function tenantDuesSettings(tx: Tx, tenantId: string): Promise<DuesSettings> {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  return duesSettings(t?.settings);
}

/** Serialises writes to one member's ledger (payments, waivers, corrections), so allocations never overlap. */
export async function lockPersonLedger(tx: Tx, personId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(7234020, hashtext(${personId}))`.execute(tx);
}

/** Due, paid and waived per month of one member (corrections included), in month order. */
export async function monthBalances(tx: Tx, personId: string): Promise<MonthBalance[]> {
  const { rows } = await sql<{ month: string; due: string | number; paid: string | number; waived: string | number }>`
    select month,
      coalesce(sum(amount_fen) filter (where kind = 'due'), 0)::bigint as due,
      coalesce(sum(amount_fen) filter (where kind = 'payment'), 0)::bigint as paid,
      coalesce(sum(amount_fen) filter (where kind = 'waiver'), 0)::bigint as waived
    from dues_entries where person_id = ${personId} and month is not null
    group by month order by month`.execute(tx);
  return rows.map((r) => ({ month: r.month, dueFen: Number(r.due), paidFen: Number(r.paid), waivedFen: Number(r.waived) }));
}

/** The base in force for a member in `month` (the latest row from that month or before). */
export async function baseFor(tx: Tx, personId: string, month: YearMonth): Promise<{ category: DuesCategory; baseFen: number | null } | null> {
  const b = await tx.selectFrom('dues_bases').select(['category', 'base_fen']).where('person_id', '=', personId).where('from_month', '<=', month)
    .orderBy('from_month', 'desc').limit(1).executeTakeFirst();
  return b ? { category: b.category, baseFen: b.base_fen === null ? null : Number(b.base_fen) } : null;
}

/** What a month owes by the rules when the run has not derived it yet (paying ahead), or null without a base. */
export async function expectedDue(tx: Tx, personId: string, month: YearMonth, settings: DuesSettings): Promise<number | null> {
  const b = await baseFor(tx, personId, month);
  return b ? monthlyDue(b.category, b.baseFen, settings).monthlyFen : null;
}

/**
 * 党费交至 'YYYY-MM' from the ledger, or null when the member has no ledger entries (then a transfer form may type it).
 * Used by transfer letters (server/src/modules/transfers/letter.ts).
 */
export async function duesPaidUntil(tx: Tx, personId: string): Promise<string | null> {
  return paidUntil(await monthBalances(tx, personId));
}

/** Whether the member has any ledger entry (a transfer form then shows 党费交至 from here, not typed). */
export async function hasLedger(tx: Tx, personId: string): Promise<boolean> {
  const r = await tx.selectFrom('dues_entries').select('id').where('person_id', '=', personId).limit(1).executeTakeFirst();
  return r !== undefined;
}

export interface PayableMonth { month: YearMonth; owedFen: number; derived: boolean; beyondLimit: boolean }

/** An approved back-payment request covering `month`. */
async function backPayApproved(tx: Tx, personId: string): Promise<{ from: string; to: string }[]> {
  return (await tx.selectFrom('dues_requests').select(['from_month as from', 'to_month as to']).where('person_id', '=', personId)
    .where('kind', '=', 'back_payment').where('state', '=', 'approved').execute());
}

/**
 * What a member owes now, month by month (oldest first): every derived month with something outstanding, flagged when
 * it lies beyond the back-payment limit without an approval (RULES.md §4).
 */
export async function owedMonths(tx: Tx, personId: string, currentMonth: YearMonth, settings: DuesSettings): Promise<PayableMonth[]> {
  const balances = await monthBalances(tx, personId);
  const approvals = await backPayApproved(tx, personId);
  const owed = balances.filter((b) => outstandingOf(b) > 0 && b.month <= currentMonth);
  const beyond = new Set(monthsBeyondBackPayLimit(owed.map((b) => b.month), currentMonth, settings));
  return owed.map((b) => ({
    month: b.month, owedFen: outstandingOf(b), derived: true,
    beyondLimit: beyond.has(b.month) && !approvals.some((a) => a.from <= b.month && b.month <= a.to),
  }));
}

export interface PayableCheck { months: { month: YearMonth; amountFen: number }[]; totalFen: number }

/**
 * Checks a member's choice of months before money is taken (cash confirmation, online checkout): each month owes
 * something (derived and outstanding, or up to 12 months ahead at the rules' amount), none is beyond the back-payment
 * limit without approval. Returns the amount of each month; throws a 400 naming `months` otherwise.
 */
export async function checkPayable(tx: Tx, personId: string, months: readonly string[], currentMonth: YearMonth, settings?: DuesSettings): Promise<PayableCheck> {
  const s = settings ?? (await tenantDuesSettings(tx, (await tx.selectFrom('people').select('tenant_id').where('id', '=', personId).executeTakeFirstOrThrow()).tenant_id));
  if (months.length === 0) throw badField('months', { zh: '请选择要交纳的月份', en: 'Choose the months to pay' });
  const unique = [...new Set(months)].sort();
  if (unique.some((m) => !isYearMonth(m))) throw badField('months', { zh: '月份格式应为 YYYY-MM', en: 'Months are written YYYY-MM' });
  const balances = new Map((await monthBalances(tx, personId)).map((b) => [b.month, b]));
  const owed = new Map((await owedMonths(tx, personId, currentMonth, s)).map((o) => [o.month, o]));
  const out: { month: YearMonth; amountFen: number }[] = [];
  for (const m of unique) {
    const o = owed.get(m);
    if (o) {
      if (o.beyondLimit) {
        throw badField('months', { zh: `${m}已超过补交期限（${s.backPaymentMonths}个月），须经党委批准后才能补交`, en: `${m} is beyond the back-payment limit (${s.backPaymentMonths} months); it needs the party committee’s approval` });
      }
      out.push({ month: m, amountFen: o.owedFen });
      continue;
    }
    const b = balances.get(m);
    if (b && b.dueFen > 0) throw badField('months', { zh: `${m}的党费已交清`, en: `${m} is already paid` });
    if (m <= currentMonth) throw badField('months', { zh: `${m}没有应交的党费`, en: `Nothing is due for ${m}` });
    if (m > addMonthsYm(currentMonth, MAX_PREPAY_MONTHS)) throw badField('months', { zh: `最多预交${MAX_PREPAY_MONTHS}个月`, en: `At most ${MAX_PREPAY_MONTHS} months can be paid ahead` });
    if (b && b.paidFen > 0) throw badField('months', { zh: `${m}已预交`, en: `${m} is already paid ahead` });
    const fen = await expectedDue(tx, personId, m, s);
    if (fen === null) throw badField('months', { zh: `${m}还没有缴费基数，不能预交`, en: `There is no dues base for ${m} yet` });
    out.push({ month: m, amountFen: fen });
  }
  return { months: out, totalFen: out.reduce((a, x) => a + x.amountFen, 0) };
}

export interface RecordPaymentInput {
  personId: string;
  /** The months paid (checked beforehand with checkPayable). With amountFen too, that amount is spread over them. */
  months?: readonly string[];
  /** The amount actually received, in 分. Without months it goes to the oldest outstanding months first. */
  amountFen?: number;
  /** A voluntary extra payment (自愿多交): the whole amount, flagged for 中央 at 1000 元 or more. */
  voluntary?: boolean;
  method: PaymentMethod;
  /** The provider's transaction id (cash: a receipt number). Unique per method: the same payment twice is recorded once. */
  providerRef: string;
  paidAt: Date;
  orderId?: string | null;
  note?: string;
}

export interface RecordedPayment {
  paymentId: string;
  /** True when this (method, providerRef) was recorded before: nothing new was written. */
  duplicate: boolean;
  amountFen: number;
  allocations: { month: YearMonth; amountFen: number }[];
  voluntaryFen: number;
  central: boolean;
}

/**
 * Records a confirmed payment in the member's ledger: the payment row (unique on method and providerRef), one payment
 * entry per month it covers, anything left over as voluntary extra, and an audit record — in the caller's transaction.
 *
 * Allocation: with `months`, each month gets what it owes (derived and outstanding, or the rules' amount ahead);
 * `amountFen` (when given) is what was actually received and is spread over those months in order. With only
 * `amountFen`, the oldest outstanding months are paid first, then months ahead (whole months, at most 12). Whatever
 * remains is recorded as voluntary extra, never lost. A payment is recorded even when it arrives late or out of order:
 * the provider took the money, so the ledger must show it.
 */
export async function recordPayment(tx: Tx, ctx: TxContext, input: RecordPaymentInput): Promise<RecordedPayment> {
  if (input.amountFen !== undefined && (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)) {
    throw badField('amountFen', { zh: '金额应为正整数（分）', en: 'The amount must be a positive whole number of fen' });
  }
  if (!input.months?.length && input.amountFen === undefined) throw badField('months', { zh: '请选择要交纳的月份或填写金额', en: 'Choose months or give an amount' });
  await lockPersonLedger(tx, input.personId);
  const existing = await tx.selectFrom('dues_payments').select(['id', 'amount_fen']).where('method', '=', input.method).where('provider_ref', '=', input.providerRef).executeTakeFirst();
  if (existing) return duplicateOf(tx, existing.id, Number(existing.amount_fen));

  const settings = await tenantDuesSettings(tx, ctx.tenantId);
  const currentMonth = chinaMonth(input.paidAt);
  let targets: { month: YearMonth; owedFen: number }[];
  if (input.voluntary) {
    targets = [];
  } else if (input.months?.length) {
    const balances = new Map((await monthBalances(tx, input.personId)).map((b) => [b.month, b]));
    targets = [];
    for (const m of [...new Set(input.months)].sort()) {
      if (!isYearMonth(m)) throw badField('months', { zh: '月份格式应为 YYYY-MM', en: 'Months are written YYYY-MM' });
      const b = balances.get(m);
      const owedFen = b && b.dueFen > 0 ? outstandingOf(b) : b && b.paidFen > 0 ? 0 : (await expectedDue(tx, input.personId, m, settings)) ?? 0;
      targets.push({ month: m, owedFen });
    }
  } else {
    targets = (await owedMonths(tx, input.personId, currentMonth, settings)).map((o) => ({ month: o.month, owedFen: o.owedFen }));
    const balances = await monthBalances(tx, input.personId);
    const last = balances.length ? balances[balances.length - 1]!.month : currentMonth;
    let ahead = addMonthsYm(last > currentMonth ? last : currentMonth, 1);
    for (let i = 0; i < MAX_PREPAY_MONTHS && ahead <= addMonthsYm(currentMonth, MAX_PREPAY_MONTHS); i++, ahead = addMonthsYm(ahead, 1)) {
      const fen = await expectedDue(tx, input.personId, ahead, settings);
      if (!fen) break;
      targets.push({ month: ahead, owedFen: fen });
    }
  }
  const amountFen = input.amountFen ?? targets.reduce((a, t) => a + t.owedFen, 0);
  if (amountFen <= 0) throw badField('months', { zh: '所选月份没有应交的党费', en: 'Nothing is owed for the chosen months' });
  let { allocations, leftFen } = allocate(amountFen, targets);
  if (!input.months?.length && !input.voluntary) {
    // Months ahead are paid whole: a part of a future month is voluntary extra rather than a half-paid month.
    const ahead = allocations.filter((a) => a.month > currentMonth);
    const partial = ahead.find((a) => a.amountFen < (targets.find((t) => t.month === a.month)?.owedFen ?? 0));
    if (partial) {
      allocations = allocations.filter((a) => a !== partial);
      leftFen += partial.amountFen;
    }
  }

  const paymentId = randomUUID();
  const inserted = await tx.insertInto('dues_payments').values({
    id: paymentId, tenant_id: ctx.tenantId, person_id: input.personId, method: input.method, provider_ref: input.providerRef,
    amount_fen: amountFen, paid_at: input.paidAt, order_id: input.orderId ?? null, note: input.note ?? '', recorded_by: ctx.actorId,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) {
    // A concurrent transaction recorded the same payment first (the unique index decided).
    const other = await tx.selectFrom('dues_payments').select(['id', 'amount_fen']).where('method', '=', input.method).where('provider_ref', '=', input.providerRef).executeTakeFirstOrThrow();
    return duplicateOf(tx, other.id, Number(other.amount_fen));
  }
  const central = leftFen > 0 && isCentralVoluntary(leftFen);
  const entries = [
    ...allocations.map((a) => ({ kind: 'payment' as const, month: a.month as string | null, amount_fen: a.amountFen, central: false })),
    ...(leftFen > 0 ? [{ kind: 'voluntary' as const, month: null, amount_fen: leftFen, central }] : []),
  ];
  await tx.insertInto('dues_entries').values(entries.map((e) => ({
    id: randomUUID(), tenant_id: ctx.tenantId, person_id: input.personId, kind: e.kind, month: e.month, amount_fen: e.amount_fen,
    corrects_id: null, payment_id: paymentId, request_id: null, run_id: null, category: null, base_fen: null, rate_bp: null,
    central: e.central, note: input.note ?? '', created_by: ctx.actorId,
  }))).execute();
  await auditAs(tx, ctx, {
    action: 'dues.payment', objectType: 'person', objectId: input.personId,
    detail: { paymentId, method: input.method, providerRef: input.providerRef, amountFen, months: allocations.map((a) => a.month), voluntaryFen: leftFen, central, orderId: input.orderId ?? null },
  });
  return { paymentId, duplicate: false, amountFen, allocations, voluntaryFen: leftFen, central };
}

async function duplicateOf(tx: Tx, paymentId: string, amountFen: number): Promise<RecordedPayment> {
  const rows = await tx.selectFrom('dues_entries').select(['kind', 'month', 'amount_fen', 'central']).where('payment_id', '=', paymentId).where('corrects_id', 'is', null).execute();
  const voluntary = rows.filter((r) => r.kind === 'voluntary');
  return {
    paymentId, duplicate: true, amountFen,
    allocations: rows.filter((r) => r.kind === 'payment').map((r) => ({ month: r.month!, amountFen: Number(r.amount_fen) })).sort((a, b) => a.month.localeCompare(b.month)),
    voluntaryFen: voluntary.reduce((a, r) => a + Number(r.amount_fen), 0), central: voluntary.some((r) => r.central),
  };
}

const CHINA_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

/** The month in Asia/Shanghai of an instant ('YYYY-MM'). */
export function chinaMonth(at: Date = new Date()): YearMonth {
  return CHINA_MONTH.format(at).slice(0, 7);
}
