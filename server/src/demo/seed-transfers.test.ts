// The demo's 组织关系转接 data (RULES.md §3): a second enterprise `demo2` with units and a 组织委员 who must change the
// demo password at first login, and transfers of the demo enterprise in different states, each audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { asOwner, testDatabase } from '../testing/db.js';
import { seedDemo } from './seed.js';

let database: Database;

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, '2026-11-25');
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('demo transfers', () => {
  it('opens demo2 with units and its 组织委员 on the root, first login forced', async () => {
    const r = await asOwner(database, async (tx) => {
      const t = await tx.selectFrom('tenants').select(['id', 'name', 'kind', 'status']).where('code', '=', 'demo2').executeTakeFirstOrThrow();
      const units = await tx.selectFrom('org_units').select(['name', 'parent_id']).where('tenant_id', '=', t.id).execute();
      const user = await tx.selectFrom('users as u').innerJoin('role_grants as g', 'g.user_id', 'u.id').innerJoin('org_units as o', 'o.id', 'g.org_unit_id')
        .select(['u.must_change_password', 'g.role', 'o.parent_id']).where('u.tenant_id', '=', t.id).where('u.username', '=', 'zuzhi').executeTakeFirstOrThrow();
      return { t, units, user };
    });
    expect(r.t).toMatchObject({ kind: 'enterprise', status: 'active' });
    expect(r.units.length).toBeGreaterThanOrEqual(4);
    expect(r.user).toEqual({ must_change_password: true, role: 'organization_member', parent_id: null });
  });

  it('gives the demo enterprise an issued, a received and a draft transfer, audited', async () => {
    const rows = await asOwner(database, async (tx) => {
      const demo = await tx.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
      const transfers = await tx.selectFrom('transfers').select(['id', 'state', 'scope']).where('tenant_id', '=', demo.id).execute();
      const audits = await tx.selectFrom('audit_log').select('action').where('tenant_id', '=', demo.id).where('action', 'like', 'transfer.%').execute();
      return { transfers, audits };
    });
    expect(rows.transfers.map((t) => `${t.scope}:${t.state}`).sort()).toEqual(['external:draft', 'external:received', 'within_tenant:issued']);
    expect(rows.audits.length).toBe(6);
  });
});
