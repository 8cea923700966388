// The demo's 党费 data (RULES.md §4): bases for every member, months derived by the run, a collection rate that is
// neither 0 nor 100 %, reminders and cases, the demo 党员 owing two months, a voluntary payment for 中央.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { asOwner, testDatabase } from '../testing/db.js';
import { seedDemo } from './seed.js';
import { owedMonths, tenantDuesSettings } from '../modules/dues/ledger.js';

let database: Database;

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, '2026-11-25');
}, 180_000);

afterAll(async () => {
  await database?.close();
});

describe('demo dues', () => {
  it('gives every current member a base and derives 8 months, with a partial collection this month', async () => {
    const r = await asOwner(database, async (tx) => {
      const t = await tx.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
      const { rows } = await sql<{ members: number; based: number; due: string; paid: string }>`
        select (select count(*)::int from people where tenant_id = ${t.id} and party_status in ('probationary', 'full') and archived_at is null) as members,
          (select count(distinct person_id)::int from dues_bases where tenant_id = ${t.id}) as based,
          (select sum(amount_fen) from dues_entries where tenant_id = ${t.id} and month = '2026-11' and kind = 'due') as due,
          (select sum(amount_fen) from dues_entries where tenant_id = ${t.id} and month = '2026-11' and kind = 'payment') as paid`.execute(tx);
      const months = await tx.selectFrom('dues_entries').select('month').distinct().where('tenant_id', '=', t.id).where('kind', '=', 'due').execute();
      const alerts = await tx.selectFrom('dues_alerts').select(['kind']).where('tenant_id', '=', t.id).execute();
      const me = await tx.selectFrom('users').select('person_id').where('tenant_id', '=', t.id).where('username', '=', 'dangyuan').executeTakeFirstOrThrow();
      await sql`select set_config('zg.tenant_id', ${t.id}, true)`.execute(tx);
      const owed = await owedMonths(tx, me.person_id!, '2026-11', await tenantDuesSettings(tx, t.id));
      const central = await tx.selectFrom('dues_entries').select('amount_fen').where('tenant_id', '=', t.id).where('central', '=', true).execute();
      return { ...rows[0]!, months: months.length, alerts, owed, central };
    });
    expect(r.based).toBe(r.members);
    expect(r.months).toBe(8);
    const rate = Number(r.paid) / Number(r.due);
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.8);
    expect(r.alerts.some((a) => a.kind === 'reminder')).toBe(true);
    expect(r.alerts.some((a) => a.kind === 'case')).toBe(true);
    expect(r.owed.map((o) => o.month)).toEqual(['2026-10', '2026-11']);
    expect(r.central.map((c) => Number(c.amount_fen))).toEqual([100_000]);
  });
});
