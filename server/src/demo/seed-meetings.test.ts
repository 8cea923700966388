// The demo's 组织生活 (RULES.md §5): a year of held meetings with gaps, so the compliance view shows red and amber; the
// demo 党员's next meeting announced; 民主评议 rounds (last year closed with aggregates, this year open).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { withTenant } from '../platform/db/tenancy.js';
import type { Actor } from '../platform/access/actor.js';
import { asOwner, testDatabase } from '../testing/db.js';
import { compliance } from '../modules/meetings/compliance.js';
import { getRound, listRounds } from '../modules/evaluation/service.js';
import { myMeetings } from '../modules/meetings/queries.js';
import { seedDemo } from './seed.js';

let database: Database;
const actors: Record<string, Actor> = {};
const REF = '2026-11-25';

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, REF);
  const tenant = await asOwner(database, (tx) => tx.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow());
  for (const username of ['zuzhi', 'zhibu', 'dangyuan']) {
    actors[username] = await withTenant(database.db, { tenantId: tenant.id, actorId: null, actorName: 'test', sourceIp: '' }, async (tx) => {
      const u = await tx.selectFrom('users').select(['id', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
      const grants = await tx.selectFrom('role_grants as g').innerJoin('org_units as o', 'o.id', 'g.org_unit_id').select(['g.role', 'g.org_unit_id', 'o.path']).where('g.user_id', '=', u.id).execute();
      return { userId: u.id, tenantId: tenant.id, tenantKind: 'enterprise' as const, username, displayName: u.display_name, sourceIp: '127.0.0.1', grants: grants.map((g) => ({ role: g.role, orgUnitId: g.org_unit_id, path: g.path })) };
    });
  }
}, 180_000);

afterAll(async () => {
  await database?.close();
});

describe('demo meetings', () => {
  it('gives the compliance view green, amber and red branches for the year', async () => {
    const r = await compliance(database.db, actors.zuzhi!, { period: '2026-Q3', page: 1, pageSize: 100 }, new Date(`${REF}T04:00:00Z`));
    expect(r.summary.branches).toBeGreaterThan(20);
    expect(r.summary.lights.red).toBeGreaterThan(0);
    expect(r.summary.lights.amber).toBeGreaterThan(0);
    expect(r.summary.lights.green).toBeGreaterThan(0);
  });

  it('announces the demo 党员’s next meeting', async () => {
    const mine = await myMeetings(database.db, actors.dangyuan!, { page: 1, pageSize: 10, when: 'upcoming' });
    expect(mine.items.length).toBe(1);
    expect((await myMeetings(database.db, actors.dangyuan!, { page: 1, pageSize: 10, when: 'past' })).total).toBeGreaterThan(10);
  });

  it('has last year’s 民主评议 closed with aggregates and this year’s open', async () => {
    const rounds = await listRounds(database.db, actors.zhibu!, {});
    expect(rounds.map((r) => r.status).sort()).toEqual(['closed', 'open']);
    const closed = await getRound(database.db, actors.zhibu!, rounds.find((r) => r.status === 'closed')!.id);
    expect(closed.participants.every((p) => p.aggregate?.shown)).toBe(true);
  });
});
