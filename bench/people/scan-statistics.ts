/**
 * The way 党内统计 was counted before migration 0050, kept here to be measured beside the product's cells in the same
 * run: one hashed GROUP BY pass over every person of the subtree (class, the plain dimensions and an age bucket per
 * row, the year's development as FILTER counts), in a tenant transaction as `zg_app`, with the settings the service
 * used (no sort for the GROUP BY, no JIT). Returns the number of groups, so the work cannot be skipped.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/src/platform/db/schema.js';
import { withTenant } from '../../server/src/platform/db/tenancy.js';
import { txContext } from '../../server/src/platform/http/app.js';
import type { Actor } from '../../server/src/platform/access/actor.js';
import { subtreeRange } from '../../server/src/platform/db/subtree.js';
import { addDays, type LegalDate } from '../../server/src/platform/dates/legal-date.js';
import { AGE_BANDS, birthRangeOfBand } from '../../server/src/modules/members/vocabulary.js';

export async function scanStatistics(db: Kysely<DB>, actor: Actor, path: string, asOf: LegalDate): Promise<number> {
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const dayEnd = new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);
  const starts = [...AGE_BANDS].reverse().slice(1).map((b) => addDays(birthRangeOfBand(b.key, asOf).bornAfter!, 1));
  const within = (col: string) => sql`count(*) filter (where ${sql.ref(col)} between ${yearStart}::date and ${asOf}::date)::int`;
  return withTenant(db, txContext(actor), async (tx) => {
    await sql`set local enable_sort = off`.execute(tx);
    await sql`set local jit = off`.execute(tx);
    const { rows } = await sql`
      select case when party_status in ('probationary', 'full') and party_joined_on <= ${asOf}::date
          then case when party_status = 'full' and (full_on is null or full_on <= ${asOf}::date) then 'full' else 'probationary' end end as cls,
        gender, ethnicity, education, width_bucket(birth_date, array[${sql.join(starts.map((d) => sql`${d}::date`))}]) as bucket, membership,
        count(*)::int as n, ${within('applied_on')} as applications, ${within('activist_on')} as activists, ${within('candidate_on')} as candidates,
        ${within('party_joined_on')} as admitted, ${within('full_on')} as turned_full
      from people
      where ${subtreeRange('org_path', path)} and (archived_at is null or archived_at >= ${dayEnd})
      group by 1, 2, 3, 4, 5, 6`.execute(tx);
    return rows.length;
  });
}
