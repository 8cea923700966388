// The demo's 发展党员 pipeline (RULES.md §2): people at every stage in the 支部书记's branch, reminders due, and the
// 8-month 积极分子 the journey is refused on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { withTenant } from '../platform/db/tenancy.js';
import type { Actor } from '../platform/access/actor.js';
import { asOwner, testDatabase } from '../testing/db.js';
import { listReminders, pipeline } from '../modules/development/pipeline.js';
import { recordStep } from '../modules/development/service.js';
import { StepRefused } from '../modules/development/context.js';
import { seedDemo } from './seed.js';

let database: Database;
let zhibu: Actor;

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, '2026-11-25');
  const tenant = await asOwner(database, (tx) => tx.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow());
  zhibu = await withTenant(database.db, { tenantId: tenant.id, actorId: null, actorName: 'test', sourceIp: '' }, async (tx) => {
    const u = await tx.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'zhibu').executeTakeFirstOrThrow();
    const grants = await tx.selectFrom('role_grants as g').innerJoin('org_units as o', 'o.id', 'g.org_unit_id').select(['g.role', 'g.org_unit_id', 'o.path']).where('g.user_id', '=', u.id).execute();
    return { userId: u.id, tenantId: tenant.id, tenantKind: 'enterprise' as const, username: 'zhibu', displayName: u.display_name, sourceIp: '127.0.0.1', grants: grants.map((g) => ({ role: g.role, orgUnitId: g.org_unit_id, path: g.path })) };
  });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('demo 发展党员 pipeline', () => {
  it('puts people at every stage on the branch secretary board, with reminders due and overdue', async () => {
    const board = await pipeline(database.db, zhibu);
    const statuses = new Set(board.items.map((i) => i.status));
    expect([...statuses].sort()).toEqual(['activist', 'applicant', 'candidate', 'probationary']);
    const reminders = await listReminders(database.db, zhibu);
    const states = new Set(reminders.items.map((r) => r.state));
    expect(states.has('overdue')).toBe(true);
    expect(states.has('due')).toBe(true);
  });

  it('refuses to make the 8-month 积极分子 a 发展对象, naming the one-year rule', async () => {
    const board = await pipeline(database.db, zhibu);
    const person = board.items.find((i) => i.name === '黄浩然')!;
    expect(person.status).toBe('activist');
    const err = await recordStep(database.db, zhibu, person.id, { kind: 'candidate', on: '2026-11-20', publicity: { from: '2026-11-09', to: '2026-11-13' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StepRefused);
    expect((err as StepRefused).violations.map((v) => v.code)).toContain('activist_period_short');
  });
});
