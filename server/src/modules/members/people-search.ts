import { CompiledQuery, sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { DB, Membership, PartyStatus } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/tenancy.js';
import { inSubtrees, prefixUpper, subtreeRange } from '../../platform/db/subtree.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { normalizeIdNumber } from '../../platform/identity/id-number.js';
import type { LegalDate } from '../../platform/dates/legal-date.js';
import { birthRangeOfBand, type AgeBandKey } from './vocabulary.js';
import { couldBePinyinPrefix } from './pinyin-prefix.js';

/**
 * The one filter of people lists: the 人员与党员 page, its .xlsx export, and the org page's member list.
 *
 * Built for 1M people in one tenant: every condition is an index range on `people` itself — the subtree is a prefix
 * range of `org_path` (COLLATE "C"), names are prefix ranges of `name` / `name_pinyin` / `name_initials` (never LIKE,
 * which row-level security keeps out of index scans: migration 0009), an age band is a `birth_date` range
 * (vocabulary.ts), an ID number is one lookup of its keyed hash. Nothing joins org_units to filter.
 */
export interface PeopleFilter {
  unitId?: string | undefined;
  /** With a unit: include its sub-units (default true). */
  subtree?: boolean | undefined;
  q?: string | undefined;
  status?: PartyStatus[] | undefined;
  membership?: Membership | undefined;
  ageBand?: AgeBandKey | undefined;
  education?: string | undefined;
  gender?: 'male' | 'female' | undefined;
  /** Archived people (left, transferred out) instead of current ones. */
  archived?: boolean | undefined;
}

export type PeopleQuery = SelectQueryBuilder<DB, 'people', object>;

/** An exact 身份证号 typed into the search box (18 characters, check digit position may be X). */
export function looksLikeIdNumber(q: string): boolean {
  return /^\d{17}[\dX]$/.test(normalizeIdNumber(q));
}

/**
 * A prefix search is the range [prefix, prefixUpper(prefix)): comparisons, unlike LIKE, are leakproof, so PostgreSQL
 * may use them as index conditions under row-level security (migration 0009).
 */
export { prefixUpper };

/**
 * `people` rows the actor may read (people.read) that match the filter, in the actor's tenant. A unit out of scope
 * answers 404 like a missing one. No unit: the actor's whole scope. Throws 403 when the actor reads no people at all.
 */
export async function peopleQuery(tx: Tx, actor: Actor, cipher: FieldCipher, f: PeopleFilter, today: LegalDate): Promise<PeopleQuery> {
  // Naming the tenant (RLS enforces it too) lets the planner use the (tenant_id, …) indexes as ranges.
  let q: PeopleQuery = tx.selectFrom('people').where('people.tenant_id', '=', actor.tenantId);
  if (f.unitId) {
    const u = await tx.selectFrom('org_units').select('path').where('id', '=', f.unitId).executeTakeFirst();
    if (!u || !can(actor, 'org.read', u.path) && !can(actor, 'people.read', u.path)) throw notFound({ zh: '组织', en: 'Org unit' });
    if (!can(actor, 'people.read', u.path)) throw forbidden({ zh: '您没有查看该组织人员名单的权限', en: 'You may not view the people of this unit' });
    q = f.subtree === false ? q.where('people.org_path', '=', u.path) : q.where(subtreeRange('people.org_path', u.path));
  } else {
    const scopes = scopesFor(actor, 'people.read');
    if (scopes.length === 0) throw forbidden();
    if (!scopes.includes('')) q = q.where(inSubtrees('people.org_path', scopes));
  }
  q = f.archived ? q.where('people.archived_at', 'is not', null) : q.where('people.archived_at', 'is', null);
  if (f.status && f.status.length > 0) q = q.where('people.party_status', 'in', f.status);
  if (f.membership) q = q.where('people.membership', '=', f.membership);
  if (f.education) q = q.where('people.education', '=', f.education);
  if (f.gender) q = q.where('people.gender', '=', f.gender);
  if (f.ageBand) {
    const r = birthRangeOfBand(f.ageBand, today);
    if (r.bornAfter) q = q.where('people.birth_date', '>', r.bornAfter);
    if (r.bornOnOrBefore) q = q.where('people.birth_date', '<=', r.bornOnOrBefore);
  }
  const text = (f.q ?? '').trim();
  if (text !== '') q = q.where((eb) => textCondition(eb, cipher, text));
  return q;
}

/** 张慧娟 / 张 (name prefix), zhanghuijuan / zhang (pinyin prefix), zhj (initials prefix), or an exact 身份证号. */
function textCondition(eb: ExpressionBuilder<DB, 'people'>, cipher: FieldCipher, text: string) {
  if (looksLikeIdNumber(text)) return eb('people.id_number_hash', '=', cipher.lookupHash(normalizeIdNumber(text)));
  const lower = text.toLowerCase().replace(/\s+/g, '');
  if (/^[a-z]+$/.test(lower)) {
    const upper = prefixUpper(lower);
    if (!couldBePinyinPrefix(lower)) return eb.and([eb('people.name_initials', '>=', lower), eb('people.name_initials', '<', upper)]);
    return eb.or([
      eb.and([eb('people.name_pinyin', '>=', lower), eb('people.name_pinyin', '<', upper)]),
      eb.and([eb('people.name_initials', '>=', lower), eb('people.name_initials', '<', upper)]),
    ]);
  }
  // name keeps the database collation; ~>=~ / ~<~ compare bytewise, as its text_pattern_ops index (people_name) does.
  return sql<boolean>`(people.name ~>=~ ${text} and people.name ~<~ ${prefixUpper(text)})`;
}

/** Counts stop here: an exact count over a 500,000-person subtree costs more than the page itself. */
export const COUNT_CAP = 10_000;

/**
 * The number of matching rows, exact up to COUNT_CAP; `capped` says there are more. When the planner expects far more
 * than the cap, its estimate answers without counting: a capped count of a filter the indexes cannot narrow (status
 * and age band over a whole tenant) reads rows until it has 10,001 matches, measured at 150 ms at 1M (bench/people).
 */
export async function cappedCount(tx: Tx, q: PeopleQuery): Promise<{ total: number; capped: boolean }> {
  if ((await estimatedRows(tx, q)) > 2 * COUNT_CAP) return { total: COUNT_CAP, capped: true };
  const r = await tx.selectFrom(q.select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1).as('m'))
    .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const n = Number(r.n);
  return n > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: n, capped: false };
}

/** The planner's row estimate for the filter (EXPLAIN, no execution). */
async function estimatedRows(tx: Tx, q: PeopleQuery): Promise<number> {
  const c = q.select(sql<number>`1`.as('one')).compile();
  const r = await tx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`explain (format json) ${c.sql}`, [...c.parameters]));
  const raw = Object.values(r.rows[0] ?? {})[0];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[] | undefined;
  return Number(plan?.[0]?.Plan?.['Plan Rows'] ?? 0);
}

/**
 * How a list is ordered: initials that cannot be pinyin by initials, then name (a walk of people_initials); another
 * search by name (its matches, sorted); a unit's subtree or a scoped user's list by unit then
 * name (a 名册 by branch, and an ordered walk of the subtree index however deep the page); the whole tenant by name.
 */
export function listOrder(actor: Actor, f: PeopleFilter): 'search' | 'initials' | 'unit' | 'name' {
  const text = (f.q ?? '').trim().toLowerCase().replace(/\s+/g, '');
  if (/^[a-z]+$/.test(text) && !couldBePinyinPrefix(text)) return 'initials';
  if (text !== '') return 'search';
  if (f.unitId || !scopesFor(actor, 'people.read').includes('')) return 'unit';
  return 'name';
}
