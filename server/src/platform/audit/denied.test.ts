// 越权访问 is audited (RULES.md §7, 等保 level 3: every record with its result): a request refused for want of the
// route's permission leaves one `access.denied` record with result `denied` — the refused request changes nothing
// else — and a client retrying in a loop leaves one record a minute per route, not one per try.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, rowCounts } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser } from '../../testing/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});

describe('denied access', () => {
  it('records a refusal by permission once a minute per user and route, and nothing else', async () => {
    const tenant = await makeTenant(t);
    const unit = await makeUnit(t, tenant.tenantId);
    const hr = await makeUser(t, tenant.tenantId, { role: 'hr_staff', orgUnitId: unit.id, displayName: '人事专员甲' });
    const agent = await loginActive(t.app, hr);
    const denied = () => asOwner(t.database, (tx) => tx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.tenantId).where('action', '=', 'access.denied').orderBy('seq').execute());
    const before = await rowCounts(t.database, ['people', 'org_units', 'sessions']);

    for (let i = 0; i < 3; i++) expect((await agent.get(`/api/stats?unitId=${unit.id}&year=2025`)).statusCode).toBe(403);
    const recs = await denied();
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ actor_id: hr.userId, actor_name: '人事专员甲', object_type: 'route', object_id: 'GET /api/stats', result: 'denied', detail: { permission: 'stats.read' } });

    // Another route is another record; a write refused for permission is recorded too, and writes nothing else.
    expect((await agent.post('/api/library/resources', { kind: 'article', title: 'x' })).statusCode).toBe(403);
    expect((await denied()).map((r) => r.object_id)).toEqual(['GET /api/stats', 'POST /api/library/resources']);
    expect(await rowCounts(t.database, ['people', 'org_units', 'sessions'])).toEqual(before);
  });

  it('does not record what is not a refusal by permission: signed out (401) or allowed', async () => {
    const tenant = await makeTenant(t);
    const unit = await makeUnit(t, tenant.tenantId);
    expect((await t.app.inject({ method: 'GET', url: `/api/stats?unitId=${unit.id}&year=2025` })).statusCode).toBe(401);
    const secretary = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'committee_secretary', orgUnitId: unit.id }));
    expect((await secretary.get(`/api/stats?unitId=${unit.id}&year=2025`)).statusCode).toBe(200);
    const recs = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('action').where('tenant_id', '=', tenant.tenantId).where('action', '=', 'access.denied').execute());
    expect(recs).toEqual([]);
  });
});
