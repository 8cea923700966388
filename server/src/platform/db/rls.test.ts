// Tenant isolation enforced by PostgreSQL itself (ARCHITECTURE.md; ../shared/domain/RULES.md §7 最小权限): row-level
// security on every tenant table, and an application role that owns no table. Checked on the database
// directly, below any service code.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { APP_ROLE } from './database.js';
import { withTenant, type TxContext } from './tenancy.js';
import { appendAudit } from '../audit/chain.js';
import { createSession } from '../auth/sessions.js';
import { asOwner, testDatabase } from '../../testing/db.js';
import { testCipher } from '../../testing/app.js';
import { makePerson, makeTenant, makeUnit, makeUser, type TestTenant } from '../../testing/factories.js';

/** The tenant tables this migration set creates; each gets rows for both tenants below. */
const KNOWN_TENANT_TABLES = ['org_units', 'people', 'users', 'recovery_codes', 'role_grants', 'sessions', 'audit_log'] as const;

let database: Database;
let a: TestTenant;
let b: TestTenant;
let bUnitId: string;
let tenantTables: string[];

const ctx = (tenantId: string): TxContext => ({ tenantId, actorId: null, actorName: 'rls-test', sourceIp: '' });

async function populate(t: TestTenant): Promise<string> {
  const root = await makeUnit({ database }, t.tenantId);
  await makePerson({ database }, t.tenantId, { orgUnitId: root.id });
  const user = await makeUser({ database, cipher: testCipher() }, t.tenantId, { role: 'party_member', orgUnitId: root.id, totp: false });
  await withTenant(database.db, ctx(t.tenantId), async (tx) => {
    await createSession(tx, { tenantId: t.tenantId, userId: user.userId, stage: 'active', ip: '127.0.0.1', userAgent: 'test' });
    await tx.insertInto('recovery_codes').values({ id: randomUUID(), tenant_id: t.tenantId, user_id: user.userId, code_hash: 'x', used_at: null }).execute();
    await appendAudit(tx, t.tenantId, { actorId: null, actorName: 'rls-test', action: 'test.populate', sourceIp: '' });
  });
  return root.id;
}

beforeAll(async () => {
  database = await testDatabase();
  a = await makeTenant({ database });
  b = await makeTenant({ database });
  await populate(a);
  bUnitId = await populate(b);
  tenantTables = await asOwner(database, async (tx) => {
    const { rows } = await sql<{ table_name: string }>`
      select c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' order by 1`.execute(tx);
    return rows.map((r) => r.table_name);
  });
});

afterAll(async () => {
  await database?.close();
});

async function count(tx: Parameters<Parameters<typeof withTenant>[2]>[0], table: string, tenantId?: string): Promise<number> {
  const where = tenantId ? sql` where tenant_id = ${tenantId}` : sql``;
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}${where}`.execute(tx);
  return rows[0]?.n ?? -1;
}

describe('row-level security on the database (RULES.md §7, ARCHITECTURE.md tenant isolation)', () => {
  it('finds every tenant table, and the owner sees rows of both tenants in each', async () => {
    expect(tenantTables).toEqual(expect.arrayContaining([...KNOWN_TENANT_TABLES]));
    const seen = await asOwner(database, async (tx) => {
      const out: Record<string, [number, number]> = {};
      for (const t of KNOWN_TENANT_TABLES) out[t] = [await count(tx, t, a.tenantId), await count(tx, t, b.tenantId)];
      return out;
    });
    for (const t of KNOWN_TENANT_TABLES) {
      expect(seen[t]?.[0], `${t} rows of A`).toBeGreaterThan(0);
      expect(seen[t]?.[1], `${t} rows of B`).toBeGreaterThan(0);
    }
  });

  it('shows no row of any tenant table to the application role without a tenant context', async () => {
    const { rows } = await sql<{ u: string }>`select current_user as u`.execute(database.db);
    expect(rows[0]?.u).toBe(APP_ROLE);
    await database.db.transaction().execute(async (tx) => {
      for (const t of [...tenantTables, 'tenants']) expect(await count(tx, t), t).toBe(0);
    });
  });

  it("hides B's rows under A's context, while A's own rows are visible", async () => {
    await withTenant(database.db, ctx(a.tenantId), async (tx) => {
      for (const t of tenantTables) {
        expect(await count(tx, t, b.tenantId), `${t} of B seen from A`).toBe(0);
        expect(await count(tx, t), `${t} under A`).toBe(await count(tx, t, a.tenantId));
      }
      for (const t of KNOWN_TENANT_TABLES) expect(await count(tx, t, a.tenantId), `${t} of A seen from A`).toBeGreaterThan(0);
      const tenants = await tx.selectFrom('tenants').select('id').execute();
      expect(tenants.map((r) => r.id)).toEqual([a.tenantId]);
      const unit = await tx.selectFrom('org_units').select('id').where('id', '=', bUnitId).executeTakeFirst();
      expect(unit).toBeUndefined();
    });
  });

  it("refuses to insert a row carrying B's tenant id in A's context (WITH CHECK)", async () => {
    const id = randomUUID();
    await expect(withTenant(database.db, ctx(a.tenantId), (tx) =>
      tx.insertInto('org_units').values({ id, tenant_id: b.tenantId, parent_id: null, path: `/${id}/`, depth: 0, kind: 'group_committee', name: '伪造', dissolved_at: null }).execute(),
    )).rejects.toThrow(/row-level security/);
    await expect(withTenant(database.db, ctx(a.tenantId), (tx) =>
      appendAudit(tx, b.tenantId, { actorId: null, actorName: 'x', action: 'forged', sourceIp: '' }),
    )).rejects.toThrow(/row-level security/);
    const stored = await asOwner(database, (tx) => tx.selectFrom('org_units').select('id').where('id', '=', id).executeTakeFirst());
    expect(stored).toBeUndefined();
  });

  it("cannot move A's row into B, nor change or delete B's rows from A's context", async () => {
    await expect(withTenant(database.db, ctx(a.tenantId), (tx) =>
      tx.updateTable('people').set({ tenant_id: b.tenantId }).where('tenant_id', '=', a.tenantId).execute(),
    )).rejects.toThrow(/row-level security/);
    const changed = await withTenant(database.db, ctx(a.tenantId), async (tx) => {
      const u = await tx.updateTable('org_units').set({ name: '被改' }).where('id', '=', bUnitId).executeTakeFirst();
      const d = await tx.deleteFrom('people').where('tenant_id', '=', b.tenantId).executeTakeFirst();
      return { updated: Number(u.numUpdatedRows), deleted: Number(d.numDeletedRows) };
    });
    expect(changed).toEqual({ updated: 0, deleted: 0 });
    const unit = await asOwner(database, (tx) => tx.selectFrom('org_units').select('name').where('id', '=', bUnitId).executeTakeFirstOrThrow());
    expect(unit.name).not.toBe('被改');
  });

  it('enables row-level security, with a policy, on every table that has a tenant_id column', async () => {
    const rows = await asOwner(database, async (tx) => (await sql<{ relname: string; rls: boolean; policies: number }>`
      select c.relname, c.relrowsecurity as rls, (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname = any(${tenantTables}) order by 1`.execute(tx)).rows);
    expect(rows.map((r) => r.relname)).toEqual(tenantTables);
    const unprotected = rows.filter((r) => !r.rls || r.policies === 0).map((r) => r.relname);
    expect(unprotected, 'tenant tables without row-level security or without a policy').toEqual([]);
  });

  it('evaluates the tenant policy once per statement (migration 0010): every tenant_isolation USING reads (SELECT zg_tenant())', async () => {
    const rows = await asOwner(database, async (tx) => (await sql<{ tablename: string; qual: string }>`
      select tablename, qual from pg_policies where schemaname = 'public' and policyname = 'tenant_isolation' order by 1`.execute(tx)).rows);
    expect(rows.length).toBeGreaterThan(10);
    // A bare `tenant_id = zg_tenant()` is a setting lookup per row and blocks parallel plans (bench/README.md, 党内统计).
    const perRow = rows.filter((r) => !/\(\s*SELECT zg_tenant\(\)/i.test(r.qual)).map((r) => `${r.tablename}: ${r.qual}`);
    expect(perRow, 'write new policies as USING (tenant_id = (SELECT zg_tenant()))').toEqual([]);
  });

  it('gives the application role no table, no superuser or BYPASSRLS, and no UPDATE/DELETE/TRUNCATE on audit_log', async () => {
    const r = await asOwner(database, async (tx) => {
      const owned = (await sql<{ relname: string }>`
        select c.relname from pg_class c join pg_roles r on r.oid = c.relowner join pg_namespace n on n.oid = c.relnamespace
        where r.rolname = ${APP_ROLE} and n.nspname = 'public'`.execute(tx)).rows.map((x) => x.relname);
      const tables = (await sql<{ tablename: string }>`select tablename from pg_tables where tableowner = ${APP_ROLE}`.execute(tx)).rows;
      const role = (await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`.execute(tx)).rows[0];
      const priv = (await sql<{ sel: boolean; ins: boolean; upd: boolean; del: boolean; trunc: boolean }>`select
        has_table_privilege(${APP_ROLE}, 'audit_log', 'SELECT') as sel, has_table_privilege(${APP_ROLE}, 'audit_log', 'INSERT') as ins,
        has_table_privilege(${APP_ROLE}, 'audit_log', 'UPDATE') as upd, has_table_privilege(${APP_ROLE}, 'audit_log', 'DELETE') as del,
        has_table_privilege(${APP_ROLE}, 'audit_log', 'TRUNCATE') as trunc`.execute(tx)).rows[0];
      return { owned, tables, role, priv };
    });
    expect(r.owned).toEqual([]);
    expect(r.tables).toEqual([]);
    expect(r.role).toEqual({ rolsuper: false, rolbypassrls: false });
    expect(r.priv).toEqual({ sel: true, ins: true, upd: false, del: false, trunc: false });
    // And in practice: the application role is refused, whatever the tenant context.
    await expect(withTenant(database.db, ctx(a.tenantId), (tx) => tx.updateTable('audit_log').set({ action: 'x' }).execute())).rejects.toThrow(/permission denied/);
    await expect(withTenant(database.db, ctx(a.tenantId), (tx) => tx.deleteFrom('audit_log').execute())).rejects.toThrow(/permission denied/);
  });
});
