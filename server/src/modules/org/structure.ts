/** Restructuring the org tree (RULES.md §1): move (调整隶属关系), merge (合并), dissolve (撤销), with history. */
import { sql, type Kysely } from 'kysely';
import type { DB, OrgKind } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { inSubtrees, subtreeRange } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { AppError, badField, conflict, forbidden, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { canContain, ORG_KIND_NAMES } from './rules.js';
import { canRestructure, unitOrThrow } from './service.js';
import { recordUnitEvent } from './history.js';
import { todayInChina } from './clock.js';

type Unit = Awaited<ReturnType<typeof unitOrThrow>>;

const kindName = (k: OrgKind): Msg => ORG_KIND_NAMES[k];

function mustRestructure(actor: Actor, u: Unit): void {
  if (u.parent_id === null) {
    throw conflict(undefined, { zh: '最高一级党组织不能调整上级、合并或撤销', en: 'The top organisation cannot be moved, merged or dissolved' });
  }
  if (!canRestructure(actor, u.path)) {
    throw forbidden({ zh: '调整隶属关系、合并和撤销由上级党组织办理，您没有上级党组织的管理权限', en: 'Moving, merging and dissolving are decided by the higher organisation; you cannot manage it' });
  }
}

/** A unit the actor may put things under: in scope, live, and managed by the actor. */
async function targetOrThrow(tx: Tx, actor: Actor, id: string, field: string): Promise<Unit> {
  const target = await unitOrThrow(tx, actor, id);
  if (!can(actor, 'org.manage', target.path)) throw badField(field, { zh: '您没有管理目标组织的权限', en: 'You cannot manage the target unit' });
  return target;
}

/**
 * Re-roots the subtree at `oldPath` under `newPrefix` in one statement: every unit's path and depth, and the top unit's
 * parent. people.org_path follows by the row trigger of migration 0004. `onlyBelow` leaves the top unit itself alone
 * (a merge moves the children of A, not A).
 */
async function rewriteSubtree(tx: Tx, oldPath: string, newPrefix: string, depthDelta: number, newParentId: string, topId: string, onlyBelow: boolean): Promise<number> {
  const r = await sql`
    UPDATE org_units SET
      path = ${newPrefix} || substr(path, ${oldPath.length + 1}),
      depth = depth + ${depthDelta},
      parent_id = CASE WHEN ${onlyBelow ? sql`parent_id = ${topId}` : sql`id = ${topId}`} THEN ${newParentId}::uuid ELSE parent_id END
    WHERE ${subtreeRange('path', oldPath)} ${onlyBelow ? sql`AND id <> ${topId}` : sql``}`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

export async function moveUnit(db: Kysely<DB>, actor: Actor, id: string, parentId: string) {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const u = await unitOrThrow(tx, actor, id);
    mustRestructure(actor, u);
    const target = await targetOrThrow(tx, actor, parentId, 'parentId');
    if (target.id === u.parent_id) throw badField('parentId', { zh: '已经在该上级组织之下', en: 'The unit is already under this parent' });
    // A unit cannot go under itself or its own subunits: that would make a cycle.
    if (target.path.startsWith(u.path)) {
      throw badField('parentId', { zh: '不能把组织调整到它自己或它的下级组织之下', en: 'A unit cannot be moved under itself or one of its subunits' });
    }
    if (!canContain(target.kind, u.kind)) {
      throw badField('parentId', { zh: `${kindName(target.kind).zh}下不能设立${kindName(u.kind).zh}`, en: `A ${kindName(u.kind).en} cannot sit under a ${kindName(target.kind).en}` });
    }
    const from = await tx.selectFrom('org_units').select(['id', 'name']).where('id', '=', u.parent_id!).executeTakeFirstOrThrow();
    const newPath = `${target.path}${u.id}/`;
    const units = await rewriteSubtree(tx, u.path, newPath, target.depth + 1 - u.depth, target.id, u.id, false);
    const detail = { fromParentId: from.id, fromParentName: from.name, toParentId: target.id, toParentName: target.name, units };
    await recordUnitEvent(tx, ctx, u.id, 'moved', detail);
    await recordUnitEvent(tx, ctx, from.id, 'child_moved_out', { unitId: u.id, unitName: u.name, toParentId: target.id, toParentName: target.name });
    await recordUnitEvent(tx, ctx, target.id, 'child_moved_in', { unitId: u.id, unitName: u.name, fromParentId: from.id, fromParentName: from.name });
    await auditAs(tx, ctx, { action: 'org.move', objectType: 'org_unit', objectId: u.id, detail });
  });
}

/** Closes a unit's open term and current positions (a merge or dissolution ends its leadership). */
async function endLeadership(tx: Tx, unitId: string, on: string): Promise<void> {
  await tx.updateTable('org_positions').set({ to_on: on }).where('unit_id', '=', unitId).where('to_on', 'is', null).execute();
  // ended_on may not precede started_on; an election recorded for a future day closes on that day.
  await tx.updateTable('org_terms').set({ ended_on: sql<string>`greatest(started_on, ${on}::date)` }).where('unit_id', '=', unitId).where('ended_on', 'is', null).execute();
}

/** Unit A into B: A's people and child units move to B, A's leadership ends, A is dissolved. Same kind only. */
export async function mergeUnit(db: Kysely<DB>, actor: Actor, id: string, intoId: string) {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const a = await unitOrThrow(tx, actor, id);
    mustRestructure(actor, a);
    const b = await targetOrThrow(tx, actor, intoId, 'intoId');
    if (b.id === a.id || b.path.startsWith(a.path)) {
      throw badField('intoId', { zh: '不能合并到它自己或它的下级组织', en: 'A unit cannot be merged into itself or one of its subunits' });
    }
    // Same rank only: then B may hold everything A held. To fold a unit into a higher one, move its subunits first.
    if (a.kind !== b.kind) {
      throw badField('intoId', { zh: `只能合并到同级的${kindName(a.kind).zh}`, en: `A ${kindName(a.kind).en} can only be merged into another ${kindName(a.kind).en}` });
    }
    const today = todayInChina();
    const people = await movePeople(tx, ctx, a, b);
    const children = await tx.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', a.id).where('dissolved_at', 'is', null).executeTakeFirstOrThrow();
    await rewriteSubtree(tx, a.path, b.path, b.depth - a.depth, b.id, a.id, true);
    await endLeadership(tx, a.id, today);
    await tx.updateTable('org_units').set({ dissolved_at: new Date() }).where('id', '=', a.id).execute();
    const detail = { intoId: b.id, intoName: b.name, people, childUnits: Number(children.n) };
    await recordUnitEvent(tx, ctx, a.id, 'merged_into', detail);
    await recordUnitEvent(tx, ctx, b.id, 'absorbed', { fromId: a.id, fromName: a.name, people, childUnits: Number(children.n) });
    await auditAs(tx, ctx, { action: 'org.merge', objectType: 'org_unit', objectId: a.id, detail });
  });
}

/** Moves every person of unit A (archived ones too, so nobody stays in a dissolved unit) to B, with a person history line each. */
async function movePeople(tx: Tx, ctx: TxContext, a: Unit, b: Unit): Promise<number> {
  const detail = JSON.stringify({ fromUnitId: a.id, fromUnitName: a.name, toUnitId: b.id, toUnitName: b.name, reason: 'merge' });
  // Same row shape as members/person-access recordPersonEvent, written in one statement for the whole unit.
  await sql`INSERT INTO person_events (id, tenant_id, person_id, actor_user_id, kind, detail)
    SELECT gen_random_uuid(), tenant_id, id, ${ctx.actorId}::uuid, 'moved', ${detail}::jsonb FROM people WHERE org_unit_id = ${a.id}`.execute(tx);
  const r = await tx.updateTable('people').set({ org_unit_id: b.id, updated_at: new Date(), version: sql`version + 1` }).where('org_unit_id', '=', a.id).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** 撤销: refused while the unit has people or live subunits (move or merge them first). */
export async function dissolveUnit(db: Kysely<DB>, actor: Actor, id: string, reason: string) {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const u = await unitOrThrow(tx, actor, id);
    mustRestructure(actor, u);
    const people = await tx.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('org_unit_id', '=', u.id).where('archived_at', 'is', null).executeTakeFirstOrThrow();
    const children = await tx.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', u.id).where('dissolved_at', 'is', null).executeTakeFirstOrThrow();
    const p = Number(people.n);
    const c = Number(children.n);
    if (p > 0 || c > 0) {
      throw new AppError(409, 'unit_not_empty', {
        zh: `该组织还有${p}名人员、${c}个下级组织，不能撤销。请先把人员和下级组织调整到其他组织，或使用“合并到…”。`,
        en: `The unit still has ${p} people and ${c} subunits and cannot be dissolved. Move them first, or use "Merge into…".`,
      });
    }
    await endLeadership(tx, u.id, todayInChina());
    await tx.updateTable('org_units').set({ dissolved_at: new Date() }).where('id', '=', u.id).execute();
    await recordUnitEvent(tx, ctx, u.id, 'dissolved', { reason });
    if (u.parent_id) await recordUnitEvent(tx, ctx, u.parent_id, 'child_moved_out', { unitId: u.id, unitName: u.name, dissolved: true });
    await auditAs(tx, ctx, { action: 'org.dissolve', objectType: 'org_unit', objectId: u.id, detail: { name: u.name, reason } });
  });
}

/**
 * Units the actor may move this unit under (purpose 'move': a kind that may contain it) or merge it into ('merge':
 * same kind), outside its own subtree, within the actor's org.manage scope. Each with the names of its ancestors.
 */
export async function restructureTargets(db: Kysely<DB>, actor: Actor, id: string, purpose: 'move' | 'merge', q: string | undefined) {
  return withTenant(db, txContext(actor), async (tx) => {
    const u = await unitOrThrow(tx, actor, id);
    const scopes = scopesFor(actor, 'org.manage');
    if (scopes.length === 0) return [];
    const kinds = purpose === 'merge' ? [u.kind] : (Object.keys(ORG_KIND_NAMES) as OrgKind[]).filter((k) => canContain(k, u.kind));
    if (kinds.length === 0) return [];
    let query = tx.selectFrom('org_units').select(['id', 'name', 'kind', 'path']).where('dissolved_at', 'is', null)
      .where('kind', 'in', kinds).where(sql<boolean>`not ${subtreeRange('path', u.path)}`)
      .where(inSubtrees('path', scopes));
    if (purpose === 'move' && u.parent_id) query = query.where('id', '<>', u.parent_id);
    if (q?.trim()) query = query.where('name', 'like', `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const rows = await query.orderBy('depth').orderBy('sort_order').orderBy('name').limit(100).execute();
    const ancestorIds = [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean)))];
    const names = new Map((ancestorIds.length ? await tx.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ancestorIds).execute() : []).map((r) => [r.id, r.name]));
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, pathNames: r.path.split('/').filter(Boolean).map((x) => names.get(x) ?? '') }));
  });
}
