/**
 * 学习积分: points earned by the records of learning, under the tenant's rules and daily caps, awarded in the same
 * transaction as the event that earns them (a lesson completed by heartbeats, an exam passed at grading). My points,
 * and a ranking only when the tenant turned rankings on, and then only among the people of the viewer's own branch
 * (RULES.md §8: no forced rankings; off by default).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { todayInChina } from '../org/clock.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { learner } from '../exams/learner.js';
import { learningSettings, pointsToAward, POINT_RULE_NAMES, type PointRule } from './rules.js';

export async function tenantLearningSettings(tx: Tx, tenantId: string) {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return learningSettings(t.settings);
}

/**
 * Awards the points of `rule` for `sourceId` (a lesson, course or exam) once: the ledger's unique key makes a second
 * award of the same event a no-op. The day's cap counts by the Chinese calendar day. Returns the points given.
 */
export async function awardPoints(tx: Tx, ctx: TxContext, e: { personId: string; rule: PointRule; sourceId: string; now: Date }): Promise<number> {
  const settings = await tenantLearningSettings(tx, ctx.tenantId);
  const rule = settings.points[e.rule];
  if (rule.points <= 0) return 0;
  // Awards of one person are serialised, so two events at once cannot both pass under the daily cap.
  await sql`select pg_advisory_xact_lock(7234062, hashtext(${e.personId}))`.execute(tx);
  const day = todayInChina(e.now);
  const today = await tx.selectFrom('learning_points').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), sql<number>`0`).as('n'))
    .where('person_id', '=', e.personId).where('rule', '=', e.rule).where('awarded_on', '=', day).executeTakeFirstOrThrow();
  const points = pointsToAward(rule, Number(today.n));
  if (points <= 0) return 0;
  const r = await tx.insertInto('learning_points').values({ id: randomUUID(), tenant_id: ctx.tenantId, person_id: e.personId, rule: e.rule, source_id: e.sourceId, points, awarded_on: day })
    .onConflict((oc) => oc.columns(['tenant_id', 'person_id', 'rule', 'source_id']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0 ? points : 0;
}

export async function myPoints(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const me = await learner(tx, actor);
    const settings = await tenantLearningSettings(tx, actor.tenantId);
    const year = todayInChina().slice(0, 4);
    const totals = await tx.selectFrom('learning_points').select([
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), sql<number>`0`).as('total'),
      sql<number>`coalesce(sum(points) filter (where awarded_on >= ${`${year}-01-01`}::date), 0)`.as('year'),
    ]).where('person_id', '=', me.id).executeTakeFirstOrThrow();
    const recent = await tx.selectFrom('learning_points').select(['rule', 'points', 'awarded_on', 'source_id']).where('person_id', '=', me.id).orderBy('created_at', 'desc').limit(20).execute();
    return {
      total: Number(totals.total), thisYear: Number(totals.year), rankingsEnabled: settings.rankingsEnabled,
      rules: (Object.entries(settings.points) as [PointRule, { points: number; dailyCap: number }][]).map(([rule, r]) => ({ rule, name: POINT_RULE_NAMES[rule], ...r })),
      recent: recent.map((r) => ({ rule: r.rule, points: r.points, on: r.awarded_on, sourceId: r.source_id })),
    };
  });
}

const RANKINGS_OFF = () => new AppError(409, 'rankings_off', { zh: '本单位没有开启积分排名', en: 'Rankings are not turned on in this enterprise' });

/**
 * The points of this year among the people of the viewer's own branch (the nearest 党支部 at or above their unit),
 * only when the tenant turned rankings on. No ranking across branches exists anywhere.
 */
export async function branchRanking(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const settings = await tenantLearningSettings(tx, actor.tenantId);
    if (!settings.rankingsEnabled) throw RANKINGS_OFF();
    const me = await learner(tx, actor);
    const ids = me.orgPath.split('/').filter(Boolean);
    const units = await tx.selectFrom('org_units').select(['id', 'name', 'kind', 'path', 'depth']).where('id', 'in', ids).execute();
    const branch = units.filter((u) => u.kind === 'branch').sort((a, b) => b.depth - a.depth)[0];
    if (!branch) return { branch: null, items: [] };
    const year = todayInChina().slice(0, 4);
    const { rows } = await sql<{ id: string; name: string; points: number }>`
      select p.id, p.name, coalesce(sum(lp.points), 0)::int as points
      from people p left join learning_points lp on lp.person_id = p.id and lp.awarded_on >= ${`${year}-01-01`}::date
      where p.archived_at is null and ${subtreeRange('p.org_path', branch.path)}
      group by p.id, p.name order by points desc, p.name_pinyin limit 200`.execute(tx);
    return { branch: { id: branch.id, name: branch.name }, items: rows.map((r, i) => ({ rank: i + 1, name: r.name, points: r.points, me: r.id === me.id })) };
  });
}
