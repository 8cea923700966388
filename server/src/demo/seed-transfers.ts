/**
 * Demo data for 组织关系转接 (RULES.md §3): a second enterprise on the platform (code `demo2`) with a few units and its
 * 组织委员 `zuzhi` (the demo password, changed at first login like every demo account), so a member can be transferred
 * between tenants; and a few transfers of the demo enterprise in different states, made through the same use cases
 * the API runs (audited, with person history). Generated names; no real person.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, OrgKind } from '../platform/db/schema.js';
import { PLATFORM_TENANT_ID, withTenant, type TxContext } from '../platform/db/tenancy.js';
import { subtreeRange } from '../platform/db/subtree.js';
import type { Actor } from '../platform/access/actor.js';
import { createAccount, recordGrant } from '../modules/accounts/service.js';
import { createTenant } from '../modules/tenants/service.js';
import { childPath, rootPath } from '../modules/org/rules.js';
import { createTransfer, issueTransfer } from '../modules/transfers/service.js';
import { receiveTransfer } from '../modules/transfers/receive.js';
import type { FieldCipher } from '../platform/crypto/fields.js';

export const DEMO2_TENANT_CODE = 'demo2';
export const DEMO2_TENANT_NAME = '华北能源集团（演示）';
/** The 组织委员 of demo2; same username as in demo, to keep the journey and the printed list simple. */
export const DEMO2_ORGANIZER = 'zuzhi';

const SEED_CTX: TxContext = { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: '系统初始化', sourceIp: '127.0.0.1', platform: true };

/** Units of demo2: a group committee, one company committee, three branches. */
const UNITS: readonly { key: string; parent: string | null; kind: OrgKind; name: string }[] = [
  { key: 'root', parent: null, kind: 'group_committee', name: '华北能源集团党委' },
  { key: 'power', parent: 'root', kind: 'committee', name: '华北电力有限公司党委' },
  { key: 'ops', parent: 'power', kind: 'branch', name: '运维检修党支部' },
  { key: 'sales', parent: 'power', kind: 'branch', name: '营销服务党支部' },
  { key: 'office', parent: 'root', kind: 'branch', name: '集团机关第一党支部' },
];

export async function seedTransfers(db: Kysely<DB>, demoTenantId: string, password: string): Promise<void> {
  await seedSecondTenant(db, password);
  await seedDemoTransfers(db, demoTenantId);
}

async function seedSecondTenant(db: Kysely<DB>, password: string): Promise<void> {
  const { tenantId } = await createTenant(db, SEED_CTX, {
    code: DEMO2_TENANT_CODE, name: DEMO2_TENANT_NAME, isDemo: true,
    admin: { username: 'sysadmin', displayName: '系统管理员', password },
  });
  const ctx: TxContext = { tenantId, actorId: null, actorName: '系统初始化', sourceIp: '127.0.0.1' };
  await withTenant(db, ctx, async (tx) => {
    const ids = new Map<string, { id: string; path: string; depth: number }>();
    let sort = 0;
    for (const u of UNITS) {
      const id = randomUUID();
      const parent = u.parent ? ids.get(u.parent)! : null;
      const path = parent ? childPath(parent.path, id) : rootPath(id);
      const depth = parent ? parent.depth + 1 : 0;
      await tx.insertInto('org_units').values({ id, tenant_id: tenantId, parent_id: parent?.id ?? null, path, depth, kind: u.kind, name: u.name, sort_order: ++sort, dissolved_at: null }).execute();
      ids.set(u.key, { id, path, depth });
    }
    const root = ids.get('root')!.id;
    const { userId } = await createAccount(tx, ctx, { username: DEMO2_ORGANIZER, displayName: '周建华', password });
    await recordGrant(tx, ctx, { userId, role: 'organization_member', orgUnitId: root }, { role: 'organization_member', orgUnitId: root });
  });
}

/** The demo's 组织委员 as an actor, to run the transfer use cases as they would. */
async function organizer(db: Kysely<DB>, tenantId: string): Promise<Actor | null> {
  const ctx: TxContext = { tenantId, actorId: null, actorName: '系统初始化', sourceIp: '127.0.0.1' };
  return withTenant(db, ctx, async (tx) => {
    const u = await tx.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'zuzhi').executeTakeFirst();
    if (!u) return null;
    const grants = await tx.selectFrom('role_grants as g').leftJoin('org_units as o', 'o.id', 'g.org_unit_id')
      .select(['g.role', 'g.org_unit_id', 'o.path']).where('g.user_id', '=', u.id).execute();
    return {
      userId: u.id, tenantId, tenantKind: 'enterprise', username: 'zuzhi', displayName: u.display_name, sourceIp: '127.0.0.1',
      grants: grants.map((g) => ({ role: g.role, orgUnitId: g.org_unit_id, path: g.path ?? '' })),
    };
  });
}

/**
 * Three transfers of the demo enterprise: one issued to another unit of the group (awaiting receipt), one out of the
 * platform with its 回执 recorded, one draft. Members are taken from the end of the 组织委员's list, so the first
 * members stay free for the journey.
 */
async function seedDemoTransfers(db: Kysely<DB>, tenantId: string): Promise<void> {
  const actor = await organizer(db, tenantId);
  if (!actor) return;
  const scope = actor.grants.find((g) => g.role === 'organization_member')?.path ?? '';
  const ctx: TxContext = { tenantId, actorId: null, actorName: '系统初始化', sourceIp: '127.0.0.1' };
  const { people, target } = await withTenant(db, ctx, async (tx) => {
    const accountPeople = (await tx.selectFrom('users').select('person_id').where('person_id', 'is not', null).execute()).map((r) => r.person_id!);
    const people = await tx.selectFrom('people').select(['id', 'org_unit_id']).where(subtreeRange('org_path', scope)).where('party_status', '=', 'full')
      .where('archived_at', 'is', null).where('id', 'not in', accountPeople.length ? accountPeople : [randomUUID()])
      .orderBy('name_pinyin', 'desc').limit(3).execute();
    const target = await tx.selectFrom('org_units').select('id').where('kind', '=', 'branch').where('dissolved_at', 'is', null)
      .where('id', '!=', people[0]?.org_unit_id ?? randomUUID()).orderBy('path').limit(1).executeTakeFirst();
    return { people, target };
  });
  const [a, b, c] = people;
  if (!a || !b || !c || !target) return;
  // Issuing needs the cipher only between tenants (to re-encrypt the ID number for the receiver); none here.
  const noCipher = null as unknown as FieldCipher;
  const t1 = await createTransfer(db, actor, { personId: a.id, scope: 'within_tenant', toUnitId: target.id, reason: '岗位调整，到新单位工作', validityDays: 30, duesPaidUntil: null });
  await issueTransfer(db, noCipher, actor, t1);
  const t2 = await createTransfer(db, actor, { personId: b.id, scope: 'external', toOrgName: '中共北京市海淀区委组织部', reason: '调离本企业', validityDays: 90, duesPaidUntil: '2026-06' });
  await issueTransfer(db, noCipher, actor, t2);
  await receiveTransfer(db, actor, t2, { note: '回执已寄回' });
  await createTransfer(db, actor, { personId: c.id, scope: 'external', toOrgName: '中共天津市滨海新区委组织部', reason: '随配偶迁居', validityDays: 30, duesPaidUntil: '2026-06' });
}
