import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, OrgKind } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, forbidden, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { canContain, childKinds, childPath, ORG_KIND_NAMES, parentPathOf } from './rules.js';
import { recordUnitEvent } from './history.js';

export const UNIT: Msg = { zh: '组织', en: 'Org unit' };

export interface UnitAbilities {
  createChild: boolean; rename: boolean; manageMembers: boolean; readMembers: boolean; childKinds: OrgKind[];
  /** 调整上级, 合并到…, 撤销: decided by the higher organisation (org.manage on the parent); never for a root unit. */
  move: boolean; merge: boolean; dissolve: boolean;
  /** 换届, positions, term changes: org.manage on the unit. */
  manageLeadership: boolean;
  /** May record an exception to a §1 'block' finding (org.manage on the parent level). */
  overrideRules: boolean;
}

/**
 * Who may override a §1 block on a unit (decision: the higher party organisation approves the composition of a
 * branch's leadership and term changes, so the exception needs org.manage on the unit's parent; for a root unit, a
 * tenant-wide org.manage grant). development.override is for the §2 development chain and does not apply here.
 */
export function canOverrideOrgRules(actor: Actor, path: string): boolean {
  const parent = parentPathOf(path);
  return parent === null ? scopesFor(actor, 'org.manage').includes('') : can(actor, 'org.manage', parent);
}

/** Structural changes (move, merge, dissolve) are decided by the higher organisation: org.manage on the parent. */
export function canRestructure(actor: Actor, path: string): boolean {
  const parent = parentPathOf(path);
  return parent !== null && can(actor, 'org.manage', parent);
}

export function abilities(actor: Actor, path: string, kind: OrgKind): UnitAbilities {
  const manage = can(actor, 'org.manage', path);
  const kinds = manage ? childKinds(kind) : [];
  const restructure = canRestructure(actor, path);
  return {
    createChild: kinds.length > 0, rename: manage, manageMembers: can(actor, 'people.manage', path), readMembers: can(actor, 'people.read', path), childKinds: kinds,
    move: restructure, merge: restructure, dissolve: restructure, manageLeadership: manage && kind !== 'party_group', overrideRules: canOverrideOrgRules(actor, path),
  };
}

export async function unitOrThrow(tx: Tx, actor: Actor, id: string) {
  const u = await tx.selectFrom('org_units').selectAll().where('id', '=', id).where('dissolved_at', 'is', null).executeTakeFirst();
  // Out of the actor's scope answers like a missing unit: existence is not disclosed.
  if (!u || !can(actor, 'org.read', u.path)) throw notFound(UNIT);
  return u;
}

/** Children of a unit (or the actor's top visible units), with counts for the lazy tree. */
export async function listChildren(db: Kysely<DB>, actor: Actor, parentId: string | undefined) {
  return withTenant(db, txContext(actor), async (tx) => {
    let q = tx.selectFrom('org_units as u').where('u.dissolved_at', 'is', null)
      .select(['u.id', 'u.name', 'u.kind', 'u.parent_id', 'u.path', 'u.sort_order'])
      .select((eb) => [
        eb.exists(eb.selectFrom('org_units as c').select('c.id').whereRef('c.parent_id', '=', 'u.id').where('c.dissolved_at', 'is', null)).as('has_children'),
        eb.selectFrom('people as p').select((e) => e.fn.countAll<number>().as('n')).whereRef('p.org_unit_id', '=', 'u.id').as('member_count'),
      ]);
    if (parentId) {
      await unitOrThrow(tx, actor, parentId);
      q = q.where('u.parent_id', '=', parentId);
    } else {
      const scopes = scopesFor(actor, 'org.read');
      if (scopes.length === 0) return [];
      q = scopes.includes('') ? q.where('u.parent_id', 'is', null) : q.where('u.path', 'in', scopes);
    }
    const rows = await q.orderBy('u.sort_order').orderBy('u.name').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id, hasChildren: Boolean(r.has_children), memberCount: Number(r.member_count ?? 0) }));
  });
}

export async function getUnit(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const u = await unitOrThrow(tx, actor, id);
    const ancestorIds = u.path.split('/').filter(Boolean);
    const ancestors = await tx.selectFrom('org_units').select(['id', 'name', 'path']).where('id', 'in', ancestorIds).execute();
    const counts = await tx.selectFrom('people as p')
      .select((eb) => [eb.fn.countAll<number>().as('subtree'), eb.fn.sum<number>(sql`case when p.org_unit_id = ${id} then 1 else 0 end`).as('direct')])
      .where(subtreeRange('p.org_path', u.path)).executeTakeFirstOrThrow();
    return {
      id: u.id, name: u.name, kind: u.kind, parentId: u.parent_id,
      path: ancestors.sort((a, b) => a.path.length - b.path.length).map((a) => ({ id: a.id, name: a.name })),
      memberCount: Number(counts.direct ?? 0), subtreeMemberCount: Number(counts.subtree ?? 0),
      abilities: abilities(actor, u.path, u.kind),
    };
  });
}

/** A page of the people in a unit, or in its whole subtree (a subtree is one index range on the path). */
export async function listMembers(db: Kysely<DB>, actor: Actor, id: string, q: { page: number; pageSize: number; q?: string | undefined; subtree?: boolean | undefined }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const u = await unitOrThrow(tx, actor, id);
    if (!can(actor, 'people.read', u.path)) throw forbidden({ zh: '您没有查看该组织人员名单的权限', en: 'You may not view the people of this unit' });
    let base = tx.selectFrom('people as p').innerJoin('org_units as o', 'o.id', 'p.org_unit_id');
    base = q.subtree ? base.where(subtreeRange('p.org_path', u.path)) : base.where('p.org_unit_id', '=', id);
    if (q.q) {
      const text = q.q.trim().toLowerCase();
      base = base.where((eb) => eb.or([eb('p.name', 'like', `%${escapeLike(text)}%`), eb('p.name_pinyin', 'like', `${escapeLike(text)}%`), eb('p.name_initials', 'like', `${escapeLike(text)}%`)]));
    }
    const total = (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const rows = await base
      .select(['p.id', 'p.name', 'p.gender', 'p.birth_date', 'p.ethnicity', 'p.education', 'p.job_title', 'p.party_status', 'o.name as org_unit_name'])
      .orderBy('p.name_pinyin').orderBy('p.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return {
      total: Number(total),
      items: rows.map((r) => ({ id: r.id, name: r.name, gender: r.gender, birthDate: r.birth_date, ethnicity: r.ethnicity, education: r.education, jobTitle: r.job_title, partyStatus: r.party_status, orgUnitName: r.org_unit_name })),
    };
  });
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function createUnit(db: Kysely<DB>, actor: Actor, input: { parentId: string; name: string; kind: OrgKind }) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const parent = await unitOrThrow(tx, actor, input.parentId);
    if (!can(actor, 'org.manage', parent.path)) throw forbidden();
    if (!canContain(parent.kind, input.kind)) {
      throw badField('kind', { zh: `${ORG_KIND_NAMES[parent.kind].zh}下不能设立${ORG_KIND_NAMES[input.kind].zh}`, en: `A ${ORG_KIND_NAMES[input.kind].en} cannot sit under a ${ORG_KIND_NAMES[parent.kind].en}` });
    }
    const id = randomUUID();
    const maxSort = await tx.selectFrom('org_units').select((eb) => eb.fn.max('sort_order').as('m')).where('parent_id', '=', parent.id).executeTakeFirst();
    await tx.insertInto('org_units').values({ id, tenant_id: ctx.tenantId, parent_id: parent.id, path: childPath(parent.path, id), depth: parent.depth + 1, kind: input.kind, name: input.name, sort_order: Number(maxSort?.m ?? 0) + 1, dissolved_at: null }).execute();
    await recordUnitEvent(tx, ctx, id, 'created', { name: input.name, kind: input.kind, parentId: parent.id, parentName: parent.name });
    await auditAs(tx, ctx, { action: 'org.create', objectType: 'org_unit', objectId: id, detail: { name: input.name, kind: input.kind, parentId: parent.id } });
    return id;
  });
}

export async function renameUnit(db: Kysely<DB>, actor: Actor, id: string, name: string) {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const u = await unitOrThrow(tx, actor, id);
    if (!can(actor, 'org.manage', u.path)) throw forbidden();
    await tx.updateTable('org_units').set({ name }).where('id', '=', id).execute();
    await recordUnitEvent(tx, ctx, id, 'renamed', { from: u.name, to: name });
    await auditAs(tx, ctx, { action: 'org.rename', objectType: 'org_unit', objectId: id, detail: { from: u.name, to: name } });
  });
}
