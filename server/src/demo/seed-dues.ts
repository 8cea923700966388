/**
 * Demo data for 党费 (RULES.md §4): a base for every member of the demo enterprise from 7 months back (mostly 在职, some
 * 离退休, 年薪制 and fixed-amount categories), each month derived by the monthly run, and cash payments such that the
 * reports show a realistic picture: most members paid up, some 3 months behind (reminders), a few 6+ months (cases),
 * about half have paid the current month. The demo 党员 account owes the current and the previous month (to pay in the
 * demo). One voluntary payment for 中央, one exemption awaiting the 党委. Deterministic from the names.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx, TxContext } from '../platform/db/tenancy.js';
import { checkBase } from '../modules/dues/bases.js';
import { chinaMonth, recordPayment } from '../modules/dues/ledger.js';
import { runMonth } from '../modules/dues/run.js';
import { addMonthsYm, type DuesCategory } from '../modules/dues/rules.js';

/** A stable number 0..n-1 from a text (FNV-1a), so the same names give the same demo ledger. */
function bucket(text: string, n: number): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % n;
}

function baseOf(name: string): { category: DuesCategory; baseFen: number | null } {
  const k = bucket(`base:${name}`, 100);
  if (k < 10) return { category: 'retired', baseFen: 320_000 + bucket(`p:${name}`, 50) * 10_000 };
  if (k < 15) return { category: 'annual_salary', baseFen: 900_000 + bucket(`a:${name}`, 100) * 10_000 };
  if (k < 17) return { category: 'low_income', baseFen: null };
  if (k < 18) return { category: 'mobile', baseFen: null };
  // 在职: 2,500 to 14,000 元 after tax, to the 元 and some to the 分.
  return { category: 'employed', baseFen: 250_000 + bucket(`e:${name}`, 116) * 10_000 + bucket(`f:${name}`, 100) };
}

export async function seedDues(tx: Tx, ctx: TxContext, referenceDate: string): Promise<void> {
  const current = referenceDate.slice(0, 7) <= chinaMonth() ? referenceDate.slice(0, 7) : chinaMonth();
  const first = addMonthsYm(current, -7);
  const members = await tx.selectFrom('people').select(['id', 'name']).where('party_status', 'in', ['probationary', 'full']).where('archived_at', 'is', null).orderBy('name_pinyin').orderBy('id').execute();
  const me = await tx.selectFrom('users').select('person_id').where('username', '=', 'dangyuan').executeTakeFirst();
  // One statement for all bases (demo start-up time); the values pass the same checks as a form's.
  const bases = members.map((m) => ({ id: m.id, ...baseOf(m.name) }));
  for (const b of bases) if (checkBase({ fromMonth: first, category: b.category, baseFen: b.baseFen }).length) throw new Error(`demo base of ${b.id} is invalid`);
  if (bases.length) {
    await sql`insert into dues_bases (id, tenant_id, person_id, from_month, category, base_fen, source)
      select gen_random_uuid(), ${ctx.tenantId}::uuid, u.p, ${first}, u.c, u.b, 'demo'
      from unnest(${bases.map((b) => b.id)}::uuid[], ${bases.map((b) => b.category)}::text[], ${bases.map((b) => b.baseFen)}::bigint[]) as u(p, c, b)`.execute(tx);
  }

  // Who pays which month: k < 6 never since `first` (a case), 6 ≤ k < 14 stopped 3 months ago (a reminder).
  const paysMonth = (p: { id: string; name: string }, month: string): boolean => {
    const k = bucket(`pay:${p.name}`, 100);
    if (p.id === me?.person_id) return month < addMonthsYm(current, -1);
    if (k < 6) return false;
    if (k < 14) return month < addMonthsYm(current, -3);
    return month < current || k % 2 === 0;
  };
  for (let month = first; month <= current; month = addMonthsYm(month, 1)) {
    await runMonth(tx, ctx, { month, trigger: 'schedule', scopePath: '' });
    const payers = members.filter((p) => paysMonth(p, month));
    if (payers.length === 0) continue;
    // In bulk (demo start-up time): one payment per member and month, as recordPayment writes them.
    const ids = payers.map((p) => p.id);
    await sql`insert into dues_payments (id, tenant_id, person_id, method, provider_ref, amount_fen, paid_at, note)
      select gen_random_uuid(), ${ctx.tenantId}::uuid, d.person_id, 'cash', 'demo-' || d.person_id || '-' || ${month}, d.amount_fen,
        (${`${month}-10 10:00:00+08`})::timestamptz, '演示数据'
      from dues_entries d where d.kind = 'due' and d.corrects_id is null and d.month = ${month} and d.person_id = any(${ids}::uuid[]) and d.amount_fen > 0`.execute(tx);
    await sql`insert into dues_entries (id, tenant_id, person_id, kind, month, amount_fen, payment_id, note)
      select gen_random_uuid(), ${ctx.tenantId}::uuid, p.person_id, 'payment', ${month}, p.amount_fen, p.id, '演示数据'
      from dues_payments p where p.provider_ref like ${`demo-%-${month}`} and p.tenant_id = ${ctx.tenantId}::uuid`.execute(tx);
  }
  // The alerts as of now (the run of the current month looked at the months before it).
  await runMonth(tx, ctx, { month: current, trigger: 'schedule', scopePath: '' });

  const generous = members.find((p) => p.id !== me?.person_id && bucket(`pay:${p.name}`, 100) >= 14);
  if (generous) {
    await recordPayment(tx, ctx, { personId: generous.id, amountFen: 100_000, voluntary: true, method: 'cash', providerRef: `demo-voluntary-${generous.id}`, paidAt: new Date(`${current}-05T02:00:00Z`), note: '自愿多交（演示）' });
  }
  const hardship = members.find((p) => p.id !== me?.person_id && p.id !== generous?.id && bucket(`pay:${p.name}`, 100) >= 14);
  if (hardship) {
    await tx.insertInto('dues_requests').values({
      id: randomUUID(), tenant_id: ctx.tenantId, person_id: hardship.id, kind: 'exemption', state: 'reviewed', from_month: current, to_month: addMonthsYm(current, 2), monthly_fen: null,
      reason: '家属重病住院，家庭收入大幅减少（演示）', applied_by: null, reviewed_by: null, reviewed_at: new Date(), review_note: '支部核实情况属实（演示）', decided_by: null, decision_note: null,
    }).execute();
  }
}
