// Holiday calendar per tenant (issue 3): defaults until the tenant defines a year, validated replacement, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUser, type Agent, type TestTenant, type TestUser } from '../../testing/factories.js';

let t: TestApp;
let tenant: TestTenant;
let adminUser: TestUser;
let admin: Agent;

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  adminUser = await makeUser(t, tenant.tenantId, { role: 'sys_admin' });
  admin = await loginActive(t.app, adminUser);
});

afterAll(async () => {
  await t?.close();
});

interface Year { year: number; source: 'tenant' | 'default'; rows: { date: string; kind: string; name: string }[] }

const holidayRows = (tenantId: string) =>
  asOwner(t.database, (tx) => tx.selectFrom('holidays').select('kind').where('tenant_id', '=', tenantId).execute());

describe('holiday calendar', () => {
  it('gives a new tenant the built-in rows for 2026', async () => {
    const r = await admin.get('/api/calendar/holidays?year=2026');
    expect(r.statusCode).toBe(200);
    const body = r.json<Year>();
    expect(body.source).toBe('default');
    expect(body.rows).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节' });
  });

  it('counts a 5-working-day 公示 across 国庆 2026 on the default calendar', async () => {
    // 09-30 (Wed) counts; 10-01..10-07 off; 10-08, 10-09; 10-10 (Sat) is worked; 10-12 (Mon) is the fifth.
    const r = await admin.get('/api/calendar/working-days?from=2026-09-30&days=5');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ endsOn: '2026-10-12' });
  });

  it('rejects an invalid row with its field, and writes nothing', async () => {
    const cases: [unknown[], string][] = [
      [[{ date: '2026-10-01', kind: 'holiday', name: '' }, { date: '2027-01-01', kind: 'holiday', name: '' }], 'rows.1.date'],
      [[{ date: '2026-10-01', kind: 'holiday', name: '' }, { date: '2026-10-01', kind: 'holiday', name: '' }], 'rows.1.date'],
      [[{ date: '2026-10-01', kind: 'holiday', name: '' }, { date: '2026-10-08', kind: 'workday', name: '' }], 'rows.1.date'], // a Thursday
      [[{ date: '2026-02-30', kind: 'holiday', name: '' }], 'rows.0.date'],
    ];
    for (const [rows, field] of cases) {
      const r = await admin.put('/api/calendar/holidays/2026', { rows });
      expect(r.statusCode, field).toBe(400);
      expect(r.json<{ field?: string }>().field, JSON.stringify(rows)).toBe(field);
    }
    expect(await holidayRows(tenant.tenantId)).toEqual([]);
  });

  it('replaces a year, reads it back, uses it for working days, audits it; another tenant still sees the defaults', async () => {
    const rows = [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }, { date: '2026-10-10', kind: 'workday', name: '调休' }];
    const r = await admin.put('/api/calendar/holidays/2026', { rows });
    expect(r.statusCode).toBe(200);
    const back = (await admin.get('/api/calendar/holidays?year=2026')).json<Year>();
    expect(back).toEqual({ year: 2026, source: 'tenant', rows });
    // Other years keep the defaults.
    expect((await admin.get('/api/calendar/holidays?year=2025')).json<Year>().source).toBe('default');
    // Only 10-01 is off now: 09-30, 10-02, 10-05, 10-06, 10-07.
    expect((await admin.get('/api/calendar/working-days?from=2026-09-30&days=5')).json()).toEqual({ endsOn: '2026-10-07' });

    const recs = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.tenantId).where('action', '=', 'calendar.replace_year').execute());
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ actor_id: adminUser.userId, object_type: 'holiday_year', object_id: '2026', result: 'success', detail: { year: 2026, before: 0, after: 2 } });

    const other = await makeTenant(t);
    const otherAdmin = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'sys_admin' }));
    expect((await otherAdmin.get('/api/calendar/holidays?year=2026')).json<Year>().source).toBe('default');
  });

  it('refuses writes to a role without org.manage', async () => {
    const memberAgent = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'audit_admin' }));
    expect((await memberAgent.put('/api/calendar/holidays/2026', { rows: [] })).statusCode).toBe(403);
  });
});
