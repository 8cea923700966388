/**
 * A member's dues as the organizer and the member see them: balance, owed months, entries, payments, requests; cash
 * confirmed by the branch (through recordPayment, method 'cash'), corrections (new entries), the calculator.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { ownPersonId, personOrThrow } from '../members/person-access.js';
import {
  CASE_MONTHS, CENTRAL_VOLUNTARY_FEN, INCOME_BRACKETS, LOW_INCOME_FEN, PENSION_BRACKETS, monthlyDue, outstandingOf, paidUntil,
  type DuesCategory, type DuesSettings,
} from './rules.js';
import { baseFor, chinaMonth, checkPayable, lockPersonLedger, monthBalances, owedMonths, recordPayment, tenantDuesSettings } from './ledger.js';
import type { EntryKind, PaymentMethod } from './tables.js';

export const DUES_PERSON = { zh: '党员', en: 'Member' };
const ENTRY = { zh: '台账记录', en: 'Ledger entry' };

export function calculate(category: DuesCategory, baseFen: number | null, settings: DuesSettings) {
  if (category !== 'low_income' && category !== 'farmer' && category !== 'mobile' && baseFen === null) {
    throw badField('baseFen', { zh: '请填写月收入（缴费基数）', en: 'Enter the monthly income (the base)' });
  }
  const r = monthlyDue(category, baseFen, settings);
  return {
    ...r,
    brackets: { income: INCOME_BRACKETS.map((b) => ({ upToFen: b.upToFen, rateBp: b.rateBp })), pension: PENSION_BRACKETS.map((b) => ({ upToFen: b.upToFen, rateBp: b.rateBp })) },
    fixed: { lowIncomeFen: LOW_INCOME_FEN, farmerFen: settings.farmerFen, mobileFen: settings.mobileFen },
    centralVoluntaryFen: CENTRAL_VOLUNTARY_FEN,
  };
}

export async function calculateFor(db: Kysely<DB>, actor: Actor, category: DuesCategory, baseFen: number | null) {
  return withTenant(db, txContext(actor), async (tx) => calculate(category, baseFen, await tenantDuesSettings(tx, actor.tenantId)));
}

export interface LedgerView {
  person: { id: string; name: string; unitName: string; partyStatus: string; archived: boolean };
  currentMonth: string;
  base: { category: DuesCategory; baseFen: number | null; monthlyFen: number; ruleText: { zh: string; en: string } } | null;
  paidUntil: string | null;
  outstandingFen: number;
  owed: { month: string; owedFen: number; beyondLimit: boolean }[];
  unpaidStreak: number;
  months: { month: string; dueFen: number; paidFen: number; waivedFen: number; outstandingFen: number }[];
  entries: { id: string; kind: EntryKind; month: string | null; amountFen: number; correctsId: string | null; method: PaymentMethod | null; central: boolean; note: string; createdAt: string; rateBp: number | null; baseFen: number | null }[];
  voluntaryFen: number;
  reminders: { id: string; kind: 'reminder' | 'case'; sinceMonth: string; unpaidMonths: number }[];
  abilities: { confirmCash: boolean; correct: boolean; requestBackPayment: boolean; pay: boolean; apply: boolean };
}

/** The ledger of one member (a 404 outside the actor's dues.read scope, or the member's own). */
export async function ledgerView(tx: Tx, actor: Actor, personId: string, own: boolean): Promise<LedgerView> {
  const p = own ? await tx.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow() : await personOrThrow(tx, actor, personId, 'dues.read');
  const unit = await tx.selectFrom('org_units').select('name').where('id', '=', p.org_unit_id).executeTakeFirstOrThrow();
  const settings = await tenantDuesSettings(tx, actor.tenantId);
  const current = chinaMonth();
  const balances = await monthBalances(tx, personId);
  const owed = await owedMonths(tx, personId, current, settings);
  const b = await baseFor(tx, personId, current);
  const due = b ? monthlyDue(b.category, b.baseFen, settings) : null;
  const entries = await tx.selectFrom('dues_entries as e').leftJoin('dues_payments as pay', 'pay.id', 'e.payment_id')
    .select(['e.id', 'e.kind', 'e.month', 'e.amount_fen', 'e.corrects_id', 'e.central', 'e.note', 'e.created_at', 'e.rate_bp', 'e.base_fen', 'pay.method'])
    .where('e.person_id', '=', personId).orderBy('e.created_at', 'desc').orderBy('e.month', 'desc')
    // Entries written together (a run, the demo) in the order things happen, newest first: a month's payment above its due.
    .orderBy(sql`case e.kind when 'due' then 0 when 'waiver' then 1 when 'payment' then 2 else 3 end`, 'desc').orderBy('e.id').limit(500).execute();
  const reminders = await tx.selectFrom('dues_alerts').select(['id', 'kind', 'since_month', 'unpaid_months']).where('person_id', '=', personId).where('state', '=', 'open').orderBy('created_at', 'desc').execute();
  let streak = 0;
  for (let i = balances.length - 1; i >= 0; i--) {
    const x = balances[i]!;
    if (x.month > current) continue;
    if (x.dueFen > 0 && outstandingOf(x) > 0) streak++;
    else break;
  }
  const manage = !own && can(actor, 'dues.manage', p.org_path);
  return {
    person: { id: p.id, name: p.name, unitName: unit.name, partyStatus: p.party_status, archived: p.archived_at !== null },
    currentMonth: current,
    base: b && due ? { category: b.category, baseFen: b.baseFen, monthlyFen: due.monthlyFen, ruleText: due.ruleText } : null,
    paidUntil: paidUntil(balances),
    outstandingFen: owed.reduce((a, o) => a + o.owedFen, 0),
    owed: owed.map((o) => ({ month: o.month, owedFen: o.owedFen, beyondLimit: o.beyondLimit })),
    unpaidStreak: Math.min(streak, CASE_MONTHS * 4),
    months: balances.map((x) => ({ ...x, outstandingFen: outstandingOf(x) })).reverse(),
    entries: entries.map((e) => ({
      id: e.id, kind: e.kind, month: e.month, amountFen: Number(e.amount_fen), correctsId: e.corrects_id, method: e.method ?? null, central: e.central,
      note: e.note, createdAt: e.created_at.toISOString(), rateBp: e.rate_bp, baseFen: e.base_fen === null ? null : Number(e.base_fen),
    })),
    voluntaryFen: entries.filter((e) => e.kind === 'voluntary').reduce((a, e) => a + Number(e.amount_fen), 0),
    reminders: reminders.map((r) => ({ id: r.id, kind: r.kind, sinceMonth: r.since_month, unpaidMonths: r.unpaid_months })),
    abilities: { confirmCash: manage && p.archived_at === null, correct: manage, requestBackPayment: manage && owed.some((o) => o.beyondLimit), pay: own && owed.length > 0, apply: own },
  };
}

export async function getLedger(db: Kysely<DB>, actor: Actor, personId: string): Promise<LedgerView> {
  return withTenant(db, txContext(actor), (tx) => ledgerView(tx, actor, personId, false));
}

/** 我的党费: the ledger of the person linked to the account; null when the account has no person record. */
export async function myLedger(db: Kysely<DB>, actor: Actor): Promise<LedgerView | null> {
  return withTenant(db, txContext(actor), async (tx) => {
    const id = await ownPersonId(tx, actor);
    return id ? ledgerView(tx, actor, id, true) : null;
  });
}

export interface CashInput { months?: string[] | undefined; voluntaryFen?: number | undefined; receiptNo?: string | undefined; note?: string | undefined }

/**
 * Cash (offline) payment confirmed by the branch organizer (组织委员/支部书记, dues.manage on the member's unit): the
 * months are checked (owed, within the back-payment limit unless approved), then recorded by recordPayment. A receipt
 * number entered twice is one payment.
 */
export async function confirmCash(db: Kysely<DB>, actor: Actor, personId: string, input: CashInput) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const p = await personOrThrow(tx, actor, personId, 'dues.manage');
    if (p.archived_at) throw badField('personId', { zh: '该人员已归档，不能收缴党费', en: 'This person is archived' });
    const months = input.months ?? [];
    if (months.length === 0 && !input.voluntaryFen) throw badField('months', { zh: '请选择交纳的月份或填写自愿多交的金额', en: 'Choose months, or enter a voluntary amount' });
    if (months.length > 0 && input.voluntaryFen) throw badField('voluntaryFen', { zh: '按月交纳和自愿多交请分开登记', en: 'Record monthly dues and a voluntary payment separately' });
    await lockPersonLedger(tx, personId);
    const providerRef = input.receiptNo?.trim() || `cash-${randomUUID()}`;
    const dup = await tx.selectFrom('dues_payments').select('id').where('method', '=', 'cash').where('provider_ref', '=', providerRef).executeTakeFirst();
    if (dup) throw conflict('receiptNo', { zh: '这个收据号已经登记过', en: 'This receipt number is already recorded' });
    const base = { personId, method: 'cash' as const, providerRef, paidAt: new Date(), note: input.note?.trim() ?? '' };
    if (input.voluntaryFen) return recordPayment(tx, ctx, { ...base, amountFen: input.voluntaryFen, voluntary: true });
    const check = await checkPayable(tx, personId, months, chinaMonth());
    return recordPayment(tx, ctx, { ...base, months: check.months.map((m) => m.month), amountFen: check.totalFen });
  });
}

/**
 * A correction (RULES.md §4: entries are never edited): a new entry naming the corrected one, carrying the difference
 * between what the entry (with its earlier corrections) says and what is right. Dues are corrected by correcting the
 * base and running the month again, not here.
 */
export async function correctEntry(db: Kysely<DB>, actor: Actor, entryId: string, input: { amountFen: number; reason: string }) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const e = await tx.selectFrom('dues_entries as e').innerJoin('people as p', 'p.id', 'e.person_id').selectAll('e').select('p.org_path').where('e.id', '=', entryId).executeTakeFirst();
    if (!e || !can(actor, 'dues.manage', e.org_path)) throw notFound(ENTRY);
    if (e.corrects_id) throw badField('id', { zh: '请更正原始记录，而不是更正记录', en: 'Correct the original entry, not a correction' });
    if (e.kind === 'due') throw badField('id', { zh: '应交金额由缴费基数核定：请更正缴费基数后重新核定该月', en: 'Dues are derived from the base: correct the base and run the month again' });
    await lockPersonLedger(tx, e.person_id);
    const r = await tx.selectFrom('dues_entries').select((eb) => eb.fn.sum<string>('amount_fen').as('s')).where((eb) => eb.or([eb('id', '=', entryId), eb('corrects_id', '=', entryId)])).executeTakeFirstOrThrow();
    const current = Number(r.s ?? 0);
    const diff = input.amountFen - current;
    if (diff === 0) throw badField('amountFen', { zh: '更正后的金额与现在相同', en: 'The corrected amount is the same as now' });
    const id = randomUUID();
    await tx.insertInto('dues_entries').values({
      id, tenant_id: ctx.tenantId, person_id: e.person_id, kind: e.kind, month: e.month, amount_fen: diff, corrects_id: e.id, payment_id: e.payment_id,
      request_id: e.request_id, run_id: null, category: null, base_fen: null, rate_bp: null, central: e.central, note: input.reason.trim(), created_by: ctx.actorId,
    }).execute();
    await auditAs(tx, ctx, { action: 'dues.correct', objectType: 'dues_entry', objectId: entryId, detail: { personId: e.person_id, kind: e.kind, month: e.month, from: current, to: input.amountFen, correctionId: id, reason: input.reason.trim() } });
    return { id, personId: e.person_id };
  });
}

export function systemCtx(tenantId: string): TxContext {
  return { tenantId, actorId: null, actorName: '系统', sourceIp: '' };
}
