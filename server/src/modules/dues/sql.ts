/**
 * The §4 brackets as SQL, generated from the tables in rules.ts (written once), for the monthly run over a whole
 * tenant (run.ts). sql.test.ts checks that PostgreSQL and PGlite compute exactly what monthlyDue() computes at every
 * bracket edge. Integer arithmetic only: bigint × int, + 5000, integer division by 10000 is half up for bases ≥ 0.
 */
import { sql, type RawBuilder } from 'kysely';
import { INCOME_BRACKETS, LOW_INCOME_FEN, PENSION_BRACKETS, type Bracket, type DuesSettings } from './rules.js';

function rateCase(brackets: readonly Bracket[], base: RawBuilder<unknown>): RawBuilder<number> {
  const whens = brackets.filter((b) => b.upToFen !== null).map((b) => sql`when ${base} <= ${sql.lit(b.upToFen!)} then ${sql.lit(b.rateBp)}`);
  const last = brackets[brackets.length - 1]!;
  return sql<number>`(case ${sql.join(whens, sql` `)} else ${sql.lit(last.rateBp)} end)`;
}

/** The rate in basis points for (category, base) columns; NULL for the fixed categories. */
export function rateBpSql(category: RawBuilder<unknown>, base: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql<number | null>`(case ${category}
    when 'retired' then ${rateCase(PENSION_BRACKETS, base)}
    when 'low_income' then null when 'farmer' then null when 'mobile' then null
    else ${rateCase(INCOME_BRACKETS, base)} end)`;
}

/** The monthly due in 分 for (category, base) columns under the tenant's settings. */
export function dueFenSql(category: RawBuilder<unknown>, base: RawBuilder<unknown>, settings: DuesSettings): RawBuilder<number> {
  return sql<number>`(case ${category}
    when 'low_income' then ${sql.lit(LOW_INCOME_FEN)}::bigint
    when 'farmer' then ${sql.lit(Math.trunc(settings.farmerFen))}::bigint
    when 'mobile' then ${sql.lit(Math.trunc(settings.mobileFen))}::bigint
    else (${base} * ${rateBpSql(category, base)} + 5000) / 10000 end)`;
}
