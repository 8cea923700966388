import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { dayOfWeek, isLegalDate, type LegalDate } from '../../platform/dates/legal-date.js';
import { buildCalendar, DEFAULT_HOLIDAY_ROWS, publicityEndsOn, type HolidayRow, type WorkingCalendar } from './calendar.js';

export interface HolidayItem { date: LegalDate; kind: 'holiday' | 'workday'; name: string }

const yearOf = (date: LegalDate): number => Number(date.slice(0, 4));

async function tenantRows(tx: Tx, year?: number): Promise<HolidayItem[]> {
  let q = tx.selectFrom('holidays').select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'kind', 'name']);
  if (year !== undefined) q = q.where(sql<boolean>`extract(year from date) = ${year}`);
  return q.orderBy('date').execute();
}

function defaultRows(year: number): HolidayItem[] {
  return DEFAULT_HOLIDAY_ROWS.filter((r) => yearOf(r.date) === year).map((r) => ({ date: r.date, kind: r.kind, name: r.name ?? '' }));
}

/** A year's rows: the tenant's own when it has any for that year, else the built-in defaults. */
export async function listHolidays(db: Kysely<DB>, actor: Actor, year: number): Promise<{ year: number; source: 'tenant' | 'default'; rows: HolidayItem[] }> {
  return withTenant(db, txContext(actor), async (tx) => {
    const own = await tenantRows(tx, year);
    return own.length > 0 ? { year, source: 'tenant', rows: own } : { year, source: 'default', rows: defaultRows(year) };
  });
}

/**
 * The tenant's working calendar (inside the caller's transaction, tenant in context): its own rows for the years it
 * has defined, the defaults for every other year.
 */
export async function tenantCalendar(tx: Tx, tenantId: string): Promise<WorkingCalendar> {
  const own = await tx.selectFrom('holidays').select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'kind', 'name']).where('tenant_id', '=', tenantId).execute();
  const ownYears = new Set(own.map((r) => yearOf(r.date)));
  const rows: HolidayRow[] = [...DEFAULT_HOLIDAY_ROWS.filter((r) => !ownYears.has(yearOf(r.date))), ...own];
  return buildCalendar(rows);
}

function validate(year: number, rows: readonly HolidayItem[]): void {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const field = `rows.${i}.date`;
    if (!isLegalDate(r.date)) throw badField(field, { zh: `第${i + 1}行日期无效`, en: `Row ${i + 1}: not a valid date` });
    if (yearOf(r.date) !== year) throw badField(field, { zh: `第${i + 1}行日期不在${year}年`, en: `Row ${i + 1}: the date is not in ${year}` });
    if (seen.has(r.date)) throw badField(field, { zh: `第${i + 1}行日期重复`, en: `Row ${i + 1}: the date is listed twice` });
    seen.add(r.date);
    if (r.kind !== 'holiday' && r.kind !== 'workday') throw badField(`rows.${i}.kind`, { zh: `第${i + 1}行类型无效`, en: `Row ${i + 1}: unknown kind` });
    const weekend = dayOfWeek(r.date) === 0 || dayOfWeek(r.date) === 6;
    // Holiday rows may fall on weekends: official notices list whole spans (国庆 1–8 Oct), as the defaults do.
    if (r.kind === 'workday' && !weekend) throw badField(field, { zh: `第${i + 1}行：调休上班日应为周末`, en: `Row ${i + 1}: a worked day must fall on a weekend` });
  });
}

/** Replaces the tenant's rows for one year (an empty list returns the year to the defaults). Audited. */
export async function replaceYear(db: Kysely<DB>, actor: Actor, year: number, rows: readonly HolidayItem[]): Promise<void> {
  validate(year, rows);
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const before = await tenantRows(tx, year);
    await tx.deleteFrom('holidays').where('tenant_id', '=', ctx.tenantId).where(sql<boolean>`extract(year from date) = ${year}`).execute();
    if (rows.length > 0) await tx.insertInto('holidays').values(rows.map((r) => ({ tenant_id: ctx.tenantId, date: r.date, kind: r.kind, name: r.name }))).execute();
    await auditAs(tx, ctx, { action: 'calendar.replace_year', objectType: 'holiday_year', objectId: String(year), detail: { year, before: before.length, after: rows.length } });
  });
}

/** Last day of a 公示 of `days` working days starting on `from`, on the tenant's calendar. */
export async function workingDaysEnd(db: Kysely<DB>, actor: Actor, from: LegalDate, days: number): Promise<LegalDate> {
  if (!isLegalDate(from)) throw badField('from', { zh: '日期无效', en: 'Not a valid date' });
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => publicityEndsOn(await tenantCalendar(tx, ctx.tenantId), from, days));
}
