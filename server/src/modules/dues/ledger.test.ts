// The ledger (RULES.md §4): recordPayment is idempotent on (method, providerRef), allocates oldest first, keeps what is
// left as voluntary extra (flagged for 中央 at 1000 元), and the ledger refuses UPDATE and DELETE.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import { withTenant, type TxContext } from '../../platform/db/tenancy.js';
import { asOwner, testDatabase } from '../../testing/db.js';
import { testCipher } from '../../testing/app.js';
import { makeTenant, makeUnit } from '../../testing/factories.js';
import { makeMember } from '../transfers/testing.js';
import { checkPayable, duesPaidUntil, monthBalances, recordPayment } from './ledger.js';
import { putBase } from './bases.js';
import { runMonth } from './run.js';
import { dueFenSql, rateBpSql } from './sql.js';
import { DEFAULT_DUES_SETTINGS, DUES_CATEGORIES, monthlyDue, type DuesCategory } from './rules.js';

let database: Database;
let ctx: TxContext;
let personId: string;

beforeAll(async () => {
  database = await testDatabase();
  const f = { database, cipher: testCipher() };
  const tenant = await makeTenant(f);
  ctx = { tenantId: tenant.tenantId, actorId: null, actorName: '测试', sourceIp: '' };
  const root = await makeUnit(f, tenant.tenantId);
  personId = (await makeMember(f, tenant.tenantId, { orgUnitId: root.id })).id;
  await withTenant(database.db, ctx, async (tx) => {
    await putBase(tx, ctx, { personId, fromMonth: '2026-01', category: 'employed', baseFen: 400_000, source: 'manual' });
    for (const m of ['2026-01', '2026-02', '2026-03', '2026-04']) await runMonth(tx, ctx, { month: m, trigger: 'manual', scopePath: '' });
  });
});

afterAll(async () => {
  await database?.close();
});

const inTx = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database.db, ctx, fn);

describe('recordPayment', () => {
  it('pays chosen months, and the same (method, providerRef) twice is recorded once', async () => {
    const input = { personId, months: ['2026-01', '2026-02'], method: 'sandbox' as const, providerRef: `sb-${randomUUID()}`, paidAt: new Date('2026-04-10T02:00:00Z') };
    const first = await inTx((tx) => recordPayment(tx, ctx, input));
    expect(first).toMatchObject({ duplicate: false, amountFen: 8_000, allocations: [{ month: '2026-01', amountFen: 4_000 }, { month: '2026-02', amountFen: 4_000 }], voluntaryFen: 0 });
    const again = await inTx((tx) => recordPayment(tx, ctx, input));
    expect(again).toMatchObject({ duplicate: true, paymentId: first.paymentId, amountFen: 8_000 });
    const concurrent = await Promise.all([1, 2, 3].map(() => inTx((tx) => recordPayment(tx, ctx, input))));
    expect(concurrent.every((r) => r.duplicate)).toBe(true);
    expect(await inTx((tx) => duesPaidUntil(tx, personId))).toBe('2026-02');
  });

  it('by amount: oldest first, partial, and the rest as voluntary extra flagged for 中央 at 1000 元', async () => {
    const r = await inTx((tx) => recordPayment(tx, ctx, { personId, amountFen: 6_000, method: 'cash', providerRef: `c-${randomUUID()}`, paidAt: new Date('2026-04-10T02:00:00Z') }));
    expect(r.allocations).toEqual([{ month: '2026-03', amountFen: 4_000 }, { month: '2026-04', amountFen: 2_000 }]);
    const big = await inTx((tx) => recordPayment(tx, ctx, { personId, amountFen: 100_000, voluntary: true, method: 'cash', providerRef: `c-${randomUUID()}`, paidAt: new Date('2026-04-10T02:00:00Z') }));
    expect(big).toMatchObject({ allocations: [], voluntaryFen: 100_000, central: true });
    const balances = await inTx((tx) => monthBalances(tx, personId));
    expect(balances.find((b) => b.month === '2026-04')).toMatchObject({ dueFen: 4_000, paidFen: 2_000 });
  });

  it('checkPayable refuses paid months and months beyond the back-payment limit, and prices months ahead', async () => {
    await expect(inTx((tx) => checkPayable(tx, personId, ['2026-01'], '2026-04'))).rejects.toMatchObject({ statusCode: 400, field: 'months' });
    await expect(inTx((tx) => checkPayable(tx, personId, ['2026-04'], '2026-12'))).rejects.toMatchObject({ statusCode: 400 });
    expect(await inTx((tx) => checkPayable(tx, personId, ['2026-04', '2026-05'], '2026-04'))).toEqual({ months: [{ month: '2026-04', amountFen: 2_000 }, { month: '2026-05', amountFen: 4_000 }], totalFen: 6_000 });
  });

  it('the ledger is append-only: UPDATE and DELETE are refused even to the owner', async () => {
    for (const statement of [sql`update dues_entries set amount_fen = 0`, sql`delete from dues_entries`, sql`update dues_payments set amount_fen = 1`, sql`delete from dues_payments`]) {
      await expect(asOwner(database, (tx) => statement.execute(tx))).rejects.toThrow(/append-only/);
    }
    await expect(inTx((tx) => sql`update dues_entries set amount_fen = 0`.execute(tx))).rejects.toThrow(/permission denied/);
  });
});

describe('the run’s ids (migration 0028)', () => {
  it('are RFC 9562 version 7 on this database: variant 10, the time in the first 48 bits, so later ids sort later', async () => {
    const rows = await inTx(async (tx) => (await sql<{ id: string; ms: string }>`select zg_uuid7()::text as id, (extract(epoch from clock_timestamp()) * 1000)::bigint::text as ms from generate_series(1, 3)`.execute(tx)).rows);
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Math.abs(Number.parseInt(r.id.replace(/-/g, '').slice(0, 12), 16) - Number(r.ms))).toBeLessThan(1000);
    }
    const later = await inTx(async (tx) => (await sql<{ id: string }>`select zg_uuid7()::text as id`.execute(tx)).rows[0]!.id);
    expect(later.slice(0, 13) >= rows[0]!.id.slice(0, 13)).toBe(true);
    // The month's dues were written with them.
    const dues = await inTx(async (tx) => (await sql<{ id: string }>`select id::text as id from dues_entries where kind = 'due'`.execute(tx)).rows);
    expect(dues.length).toBeGreaterThan(0);
    for (const d of dues) expect(d.id[14]).toBe('7');
  });
});

describe('the run’s SQL computes what monthlyDue() computes (brackets written once, rules.ts)', () => {
  it('at every bracket edge, for every category, on this database', async () => {
    const bases = [0, 1, 99, 100, 299_999, 300_000, 300_001, 499_999, 500_000, 500_001, 999_999, 1_000_000, 1_000_001, 123_456_789];
    const settings = { ...DEFAULT_DUES_SETTINGS, farmerFen: 70, mobileFen: 40 };
    const cases: { c: DuesCategory; b: number | null }[] = DUES_CATEGORIES.flatMap((c): { c: DuesCategory; b: number | null }[] => (c === 'low_income' || c === 'farmer' || c === 'mobile' ? [{ c, b: null }] : bases.map((b) => ({ c, b }))));
    const rows = await inTx(async (tx) => {
      const values = sql.join(cases.map((x) => sql`(${x.c}::text, ${x.b}::bigint)`));
      const r = await sql<{ c: string; b: string | null; due: string; bp: number | null }>`select v.c, v.b, ${dueFenSql(sql.ref('v.c'), sql.ref('v.b'), settings)} as due, ${rateBpSql(sql.ref('v.c'), sql.ref('v.b'))} as bp from (values ${values}) as v(c, b)`.execute(tx);
      return r.rows;
    });
    for (const [i, x] of cases.entries()) {
      const js = monthlyDue(x.c, x.b, settings);
      expect([Number(rows[i]!.due), rows[i]!.bp], `${x.c} ${x.b}`).toEqual([js.monthlyFen, js.rateBp]);
    }
  });
});
