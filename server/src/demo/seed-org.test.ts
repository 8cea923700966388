// The demo's terms and positions (RULES.md §1): one expired branch term, three within the 6-month 换届 window (the
// 支部书记's among them), the rest running; no §1 block created by the seed itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { withTenant } from '../platform/db/tenancy.js';
import type { Actor } from '../platform/access/actor.js';
import { asOwner, testDatabase } from '../testing/db.js';
import { renewalReminders } from '../modules/org/reminders.js';
import { unitLeadership } from '../modules/org/terms.js';
import { seedDemo } from './seed.js';

const REFERENCE = '2026-11-25';
let database: Database;
let tenantId: string;

async function actorFor(username: string): Promise<Actor> {
  return withTenant(database.db, { tenantId, actorId: null, actorName: 'test', sourceIp: '' }, async (tx) => {
    const u = await tx.selectFrom('users').select(['id', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
    const grants = await tx.selectFrom('role_grants as g').leftJoin('org_units as o', 'o.id', 'g.org_unit_id').select(['g.role', 'g.org_unit_id', 'o.path']).where('g.user_id', '=', u.id).execute();
    return { userId: u.id, tenantId, tenantKind: 'enterprise' as const, username, displayName: u.display_name, sourceIp: '127.0.0.1', grants: grants.map((g) => ({ role: g.role, orgUnitId: g.org_unit_id, path: g.path ?? '' })) };
  });
}

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, REFERENCE);
  tenantId = (await asOwner(database, (tx) => tx.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow())).id;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('demo terms and positions', () => {
  it('has one expired branch term and three due within 6 months of the reference date', async () => {
    const r = await renewalReminders(database.db, await actorFor('shuji'), REFERENCE);
    expect(r.items.map((i) => i.state)).toEqual(['expired', 'renewal_due', 'renewal_due', 'renewal_due']);
    expect(r.items.every((i) => i.kind === 'branch')).toBe(true);
  });

  it('shows the 支部书记 their own branch due for 换届, with a 书记 in office and no §1 block', async () => {
    const zhibu = await actorFor('zhibu');
    const r = await renewalReminders(database.db, zhibu, REFERENCE);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.state).toBe('renewal_due');
    const l = await unitLeadership(database.db, zhibu, r.items[0]!.unitId);
    expect(l.positions.map((p) => p.role)).toContain('secretary');
    expect(l.findings.filter((f) => f.severity === 'block')).toEqual([]);
  });
});
