/**
 * Income bases (缴费基数): a member's category and monthly base from the month the pay starts (RULES.md §4: a new base
 * applies from the month the new pay starts). Entered by HR or imported; the amount due is derived from them by the
 * monthly run, never typed. A base is an input, not the ledger: it may be corrected, and the next run of a month
 * already derived records the difference as a correction entry.
 */
import { randomUUID } from 'node:crypto';
import type { Tx, TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { badField } from '../../platform/http/errors.js';
import { isFixedCategory, isYearMonth, type DuesCategory } from './rules.js';

export interface BaseInput {
  personId: string;
  fromMonth: string;
  category: DuesCategory;
  /** Monthly base in 分; null for the fixed-amount categories. */
  baseFen: number | null;
  note?: string;
  source: 'manual' | 'import' | 'demo';
}

/** Largest base accepted: 1 亿元 a month in 分 (a typo guard, far above any pay). */
export const MAX_BASE_FEN = 10_000_000_000;

export interface BaseProblem { field: 'fromMonth' | 'baseFen' | 'category'; message: { zh: string; en: string } }

/** One validation of a base (form, import). */
export function checkBase(input: Pick<BaseInput, 'fromMonth' | 'category' | 'baseFen'>): BaseProblem[] {
  const out: BaseProblem[] = [];
  if (!isYearMonth(input.fromMonth)) out.push({ field: 'fromMonth', message: { zh: '起始月份格式应为 YYYY-MM', en: 'The first month is written YYYY-MM' } });
  if (isFixedCategory(input.category)) {
    if (input.baseFen !== null) out.push({ field: 'baseFen', message: { zh: '该类别按固定金额交纳，不填基数', en: 'This category pays a fixed amount; leave the base empty' } });
  } else if (input.baseFen === null) {
    out.push({ field: 'baseFen', message: { zh: '请填写月缴费基数', en: 'Enter the monthly base' } });
  } else if (!Number.isSafeInteger(input.baseFen) || input.baseFen < 0 || input.baseFen > MAX_BASE_FEN) {
    out.push({ field: 'baseFen', message: { zh: '月缴费基数应为 0 至 1 亿元之间、精确到分的金额', en: 'The base must be between 0 and 100,000,000 yuan, to the fen' } });
  }
  return out;
}

/**
 * Writes the base of a person from a month (insert, or replace the one of the same month). Returns 'inserted',
 * 'updated' or 'unchanged' (a re-import of the same file changes nothing). Audited unless unchanged.
 */
export async function putBase(tx: Tx, ctx: TxContext, input: BaseInput, audit = true): Promise<'inserted' | 'updated' | 'unchanged'> {
  const problems = checkBase(input);
  if (problems[0]) throw badField(problems[0].field, problems[0].message);
  const existing = await tx.selectFrom('dues_bases').selectAll().where('person_id', '=', input.personId).where('from_month', '=', input.fromMonth).executeTakeFirst();
  const note = (input.note ?? '').trim();
  if (existing) {
    const same = existing.category === input.category && (existing.base_fen === null ? null : Number(existing.base_fen)) === input.baseFen && existing.note === note;
    if (same) return 'unchanged';
    await tx.updateTable('dues_bases').set({ category: input.category, base_fen: input.baseFen, note, source: input.source, updated_at: new Date(), created_by: ctx.actorId })
      .where('id', '=', existing.id).execute();
    if (audit) {
      await auditAs(tx, ctx, {
        action: 'dues.base_update', objectType: 'person', objectId: input.personId,
        detail: { fromMonth: input.fromMonth, from: { category: existing.category, baseFen: existing.base_fen === null ? null : Number(existing.base_fen) }, to: { category: input.category, baseFen: input.baseFen }, source: input.source },
      });
    }
    return 'updated';
  }
  await tx.insertInto('dues_bases').values({
    id: randomUUID(), tenant_id: ctx.tenantId, person_id: input.personId, from_month: input.fromMonth, category: input.category, base_fen: input.baseFen,
    note, source: input.source, created_by: ctx.actorId,
  }).execute();
  if (audit) {
    await auditAs(tx, ctx, { action: 'dues.base_create', objectType: 'person', objectId: input.personId, detail: { fromMonth: input.fromMonth, category: input.category, baseFen: input.baseFen, source: input.source } });
  }
  return 'inserted';
}
