import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../platform/db/database.js';
import { PLATFORM_TENANT_ID, withTenant, type TxContext } from '../platform/db/tenancy.js';
import { generateDemoOrg } from './generate.js';
import { insertDemoOrg, orgUnitRows } from './insert.js';

const demo = generateDemoOrg({ seed: 20_240_701, referenceDate: '2025-06-30' });
const actor = { actorId: null, actorName: 'test', sourceIp: '' } satisfies Omit<TxContext, 'tenantId'>;

describe('orgUnitRows', () => {
  it('derives path and depth from the parent chain, parents first', () => {
    const rows = orgUnitRows('t', [
      { id: 'c', parentId: 'b', kind: 'branch', name: 'C', sortOrder: 1 },
      { id: 'a', parentId: null, kind: 'group_committee', name: 'A', sortOrder: 1 },
      { id: 'b', parentId: 'a', kind: 'committee', name: 'B', sortOrder: 1 },
    ]);
    expect(rows.map((r) => [r.id, r.path, r.depth])).toEqual([['a', '/a/', 0], ['b', '/a/b/', 1], ['c', '/a/b/c/', 2]]);
    expect(() => orgUnitRows('t', [{ id: 'x', parentId: 'y', kind: 'branch', name: 'X', sortOrder: 1 }])).toThrow(/unknown parent/);
  });
});

describe('insertDemoOrg (PGlite, row-level security)', () => {
  let database: Database;
  const tenantId = randomUUID();
  const otherTenantId = randomUUID();

  beforeAll(async () => {
    database = await openDatabase({ dataDir: null });
    await withTenant(database.db, { ...actor, tenantId: PLATFORM_TENANT_ID, platform: true }, (tx) =>
      tx.insertInto('tenants').values([
        { id: tenantId, code: 'demo', name: '中电示范能源集团有限公司', is_demo: true },
        { id: otherTenantId, code: 'other', name: '另一家企业' },
      ]).execute(),
    );
  });

  afterAll(async () => {
    await database?.close();
  });

  it('inserts every unit and person into the tenant, visible only there', async () => {
    const counts = await withTenant(database.db, { ...actor, tenantId }, (tx) => insertDemoOrg(tx, tenantId, demo));
    expect(counts).toEqual({ units: demo.units.length, people: demo.people.length });

    const seen = await withTenant(database.db, { ...actor, tenantId }, async (tx) => ({
      units: await tx.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      people: await tx.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    }));
    expect(Number(seen.units.n)).toBe(demo.units.length);
    expect(Number(seen.people.n)).toBe(demo.people.length);

    const foreign = await withTenant(database.db, { ...actor, tenantId: otherTenantId }, (tx) =>
      tx.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    );
    expect(Number(foreign.n)).toBe(0);
  });

  it('stores paths that make subtree queries work, and the columns as generated', async () => {
    const company = demo.units.find((u) => u.kind === 'committee');
    const person = demo.people[0];
    if (!company || !person) throw new Error('demo data is empty');
    const result = await withTenant(database.db, { ...actor, tenantId }, async (tx) => {
      const root = await tx.selectFrom('org_units').select(['path', 'depth']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
      const sub = await tx.selectFrom('org_units').select('path').where('id', '=', company.id).executeTakeFirstOrThrow();
      const subtree = await tx.selectFrom('people')
        .innerJoin('org_units', 'org_units.id', 'people.org_unit_id')
        .where('org_units.path', 'like', `${sub.path}%`)
        .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const row = await tx.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      const maxDepth = await sql<{ d: number }>`select max(depth) as d from org_units`.execute(tx);
      return { root, sub, subtree: Number(subtree.n), row, maxDepth: maxDepth.rows[0]?.d };
    });
    expect(result.root).toEqual({ path: `/${demo.units[0]?.id}/`, depth: 0 });
    expect(result.sub.path).toBe(`/${company.parentId}/${company.id}/`);
    expect(result.subtree).toBeGreaterThan(50);
    expect(result.subtree).toBeLessThan(demo.people.length);
    // group committee → company → 党总支 → branch → 党小组
    expect(result.maxDepth).toBe(4);
    expect(result.row).toMatchObject({
      name: person.name, name_pinyin: person.namePinyin, name_initials: person.nameInitials, birth_date: person.birthDate,
      party_status: person.partyStatus, party_joined_on: person.partyJoinedOn, tenant_id: tenantId, org_unit_id: person.orgUnitId,
    });
  });

  it('is refused by row-level security when the tenant in context differs', async () => {
    const other = generateDemoOrg({ seed: 99, referenceDate: '2025-06-30' });
    await expect(
      withTenant(database.db, { ...actor, tenantId: otherTenantId }, (tx) => insertDemoOrg(tx, tenantId, other)),
    ).rejects.toThrow(/row-level security/);
  });
});
