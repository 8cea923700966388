/**
 * The monthly dues run (RULES.md §4): derives each member's due for a month from the base in force and the rules, in a
 * few set-based statements over the tenant (or a subtree run on demand), so 1,000,000 members take seconds, not hours
 * (bench/dues-run). Idempotent: one due per member and month (a unique index); running a month again inserts nothing
 * unless a base changed since, and then it records the difference as a correction entry naming the original due.
 * It also records waivers of approved hardship requests for the month, and raises the unpaid alerts.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { setContext, withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { addMonthsYm, CASE_MONTHS, type DuesSettings, type YearMonth } from './rules.js';
import { dueFenSql, rateBpSql } from './sql.js';
import { chinaMonth, tenantDuesSettings } from './ledger.js';

export interface RunInput { month: YearMonth; trigger: 'schedule' | 'manual'; scopePath: string }
export interface RunResult { runId: string; month: YearMonth; created: number; adjusted: number; waived: number; missingBase: number; alerts: number }

/** People who owe dues for `month`: party members (预备 and 正式), not archived, in the subtree, from their first month. */
function eligible(month: YearMonth, scopePath: string, settings: DuesSettings) {
  const start = settings.probationaryStart === 'committee_approval'
    ? sql`coalesce((select max(s.on_date) from development_steps s where s.person_id = p.id and s.kind = 'admission_approval'), p.party_joined_on)`
    : sql`p.party_joined_on`;
  return sql`p.party_status in ('probationary', 'full') and p.archived_at is null and ${subtreeRange('p.org_path', scopePath)}
    and (${start} is null or to_char(${start}, 'YYYY-MM') <= ${month})`;
}

/**
 * The base in force for each eligible person in `month`: an index probe per member (measured at 1M members against a
 * hash join with "no later base", which reads both tables whole and was no faster; the probe keeps a subtree run cheap).
 */
function derived(month: YearMonth, scopePath: string, settings: DuesSettings, only?: ReturnType<typeof sql>) {
  const cat = sql.ref('b.category');
  const base = sql.ref('b.base_fen');
  return sql`select p.id as person_id, b.category, b.base_fen, ${rateBpSql(cat, base)} as rate_bp, ${dueFenSql(cat, base, settings)} as amount
    from people p
    cross join lateral (select category, base_fen from dues_bases x where x.person_id = p.id and x.tenant_id = p.tenant_id and x.from_month <= ${month}
      order by x.from_month desc limit 1) b
    where ${eligible(month, scopePath, settings)} ${only ? sql`and ${only}` : sql``}`;
}

export async function runMonth(tx: Tx, ctx: TxContext, input: RunInput): Promise<RunResult> {
  const settings = await tenantDuesSettings(tx, ctx.tenantId);
  const { month, scopePath } = input;
  // One run of a tenant at a time: two at once would race on the same months.
  await sql`select pg_advisory_xact_lock(7234021, hashtext(${ctx.tenantId}))`.execute(tx);
  // Statements over every member of a tenant (bench/dues-run): JIT compiling them costs more than it saves, and their
  // sorts and hashes of a million rows should stay in memory. Transaction-local.
  await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(tx);
  const runId = randomUUID();
  await tx.insertInto('dues_runs').values({ id: runId, tenant_id: ctx.tenantId, month, trigger: input.trigger, scope_path: scopePath, run_by: ctx.actorId }).execute();

  // Dues of this month derived before (by an earlier run): then base corrections since are looked for.
  const before = await sql<{ n: boolean }>`select exists (select 1 from dues_entries e ${scopePath ? sql`join people p on p.id = e.person_id` : sql``}
    where e.month = ${month} and e.kind = 'due' and e.corrects_id is null and ${scopePath ? subtreeRange('p.org_path', scopePath) : sql`true`}) as n`.execute(tx);
  const hadDues = before.rows[0]?.n === true;

  // Members whose due for the month exists are left out before their base is looked up (a re-run of an unchanged month
  // reads, it does not compute); the unique index still decides. Rows go in member order with time-ordered ids, so
  // each index of the ledger is written page after page rather than at a random page per row (migration 0028).
  const notYet = sql`not exists (select 1 from dues_entries e where e.tenant_id = p.tenant_id and e.person_id = p.id and e.month = ${month}
    and e.kind = 'due' and e.corrects_id is null)`;
  const ins = await sql`insert into dues_entries (id, tenant_id, person_id, kind, month, amount_fen, run_id, category, base_fen, rate_bp, created_by)
    select zg_uuid7(), ${ctx.tenantId}::uuid, d.person_id, 'due', ${month}, d.amount, ${runId}::uuid, d.category, d.base_fen, d.rate_bp, ${ctx.actorId}::uuid
    from (${derived(month, scopePath, settings, notYet)}) d
    order by d.person_id
    on conflict (tenant_id, person_id, month) where kind = 'due' and corrects_id is null do nothing`.execute(tx);
  const created = Number(ins.numAffectedRows ?? 0n);

  // A base changed after the month was derived: record the difference (a correction naming the original due).
  const adjusted = hadDues ? await adjustDues(tx, ctx, runId, month, scopePath, settings) : 0;

  const waived = await applyWaivers(tx, ctx, month, scopePath);
  const missing = await sql<{ n: number }>`select count(*)::int as n from people p where ${eligible(month, scopePath, settings)}
    and not exists (select 1 from dues_bases x where x.person_id = p.id and x.tenant_id = p.tenant_id and x.from_month <= ${month})`.execute(tx);
  const missingBase = missing.rows[0]?.n ?? 0;
  const alerts = await raiseAlerts(tx, ctx, month, scopePath, settings);

  await tx.updateTable('dues_runs').set({ created, adjusted, waived, missing_base: missingBase, alerts, finished_at: new Date() }).where('id', '=', runId).execute();
  await auditAs(tx, ctx, { action: 'dues.run', objectType: 'dues_run', objectId: runId, detail: { month, trigger: input.trigger, scopePath, created, adjusted, waived, missingBase, alerts } });
  return { runId, month, created, adjusted, waived, missingBase, alerts };
}

/**
 * Corrections for dues whose derived amount changed: only members whose base was entered or corrected since the month's
 * first run can differ (settings apply from the next month's run, not backwards), so a re-run of an unchanged month
 * reads a handful of rows, not the whole month.
 */
async function adjustDues(tx: Tx, ctx: TxContext, runId: string, month: YearMonth, scopePath: string, settings: DuesSettings): Promise<number> {
  const changed = sql`p.id in (select x.person_id from dues_bases x where x.from_month <= ${month}
    and x.updated_at >= (select min(r.started_at) from dues_runs r where r.month = ${month} and r.id <> ${runId}::uuid))`;
  const r = await sql`insert into dues_entries (id, tenant_id, person_id, kind, month, amount_fen, corrects_id, run_id, category, base_fen, rate_bp, note, created_by)
    select gen_random_uuid(), ${ctx.tenantId}::uuid, d.person_id, 'due', ${month}, d.amount - cur.net, cur.original, ${runId}::uuid, d.category, d.base_fen, d.rate_bp,
      '缴费基数变更后重新核定', ${ctx.actorId}::uuid
    from (${derived(month, scopePath, settings, changed)}) d
    join lateral (select sum(e.amount_fen) as net, (array_agg(e.id) filter (where e.corrects_id is null))[1] as original
          from dues_entries e where e.person_id = d.person_id and e.month = ${month} and e.kind = 'due') cur on true
    where d.amount <> cur.net and cur.original is not null`.execute(tx);
  return Number(r.numAffectedRows ?? 0n);
}

/**
 * Waivers of approved reductions and exemptions for `month` (RULES.md §4), for members whose due exists and who have
 * no waiver of that request for the month yet. Also called when a request is approved, for months already derived.
 */
export async function applyWaivers(tx: Tx, ctx: TxContext, month: YearMonth, scopePath: string, requestId?: string): Promise<number> {
  const r = await sql`insert into dues_entries (id, tenant_id, person_id, kind, month, amount_fen, request_id, note, created_by)
    select gen_random_uuid(), ${ctx.tenantId}::uuid, q.person_id, 'waiver', ${month},
      case q.kind when 'exemption' then d.net else greatest(0, d.net - coalesce(q.monthly_fen, 0)) end,
      q.id, case q.kind when 'exemption' then '困难免交' else '困难减交' end, ${ctx.actorId}::uuid
    from dues_requests q
    join people p on p.id = q.person_id
    -- From the approved requests (few) to their members' dues, not from the month's dues (every member) to requests.
    cross join lateral (select sum(e.amount_fen) as net from dues_entries e where e.tenant_id = q.tenant_id and e.person_id = q.person_id
      and e.month = ${month} and e.kind = 'due') d
    where d.net is not null and q.state = 'approved' and q.kind in ('reduction', 'exemption') and q.from_month <= ${month} and q.to_month >= ${month}
      and ${requestId ? sql`q.id = ${requestId}::uuid` : sql`true`} and ${subtreeRange('p.org_path', scopePath)}
      and not exists (select 1 from dues_entries w where w.request_id = q.id and w.month = ${month} and w.kind = 'waiver')
      and (case q.kind when 'exemption' then d.net else greatest(0, d.net - coalesce(q.monthly_fen, 0)) end) > 0`.execute(tx);
  return Number(r.numAffectedRows ?? 0n);
}

/**
 * Unpaid alerts as of the end of the month before `month` (RULES.md §4): a reminder from 3 months unpaid (setting),
 * a case from 6 consecutive months. One alert of each kind per unpaid streak (keyed by its first month); nothing
 * else happens automatically — the branch secretary handles a case.
 */
async function raiseAlerts(tx: Tx, ctx: TxContext, month: YearMonth, scopePath: string, settings: DuesSettings): Promise<number> {
  const last = addMonthsYm(month, -1);
  const first = addMonthsYm(month, -CASE_MONTHS);
  // A streak ends in `last`, so only members who owe for `last` can have one: found from that month's entries alone
  // (one month of the ledger, not six), then their six months read through their own index.
  const owing = sql`select e.person_id from dues_entries e join people p on p.id = e.person_id
    where e.month = ${last} and e.kind in ('due', 'payment', 'waiver') and p.archived_at is null and ${subtreeRange('p.org_path', scopePath)}
    group by e.person_id
    having sum(case e.kind when 'due' then e.amount_fen else -e.amount_fen end) > 0 and sum(e.amount_fen) filter (where e.kind = 'due') > 0`;
  // Materialized: computed once, whatever the planner estimates (without statistics, PGlite re-ran it per entry).
  const r = await sql`with owing as materialized (${owing})
    insert into dues_alerts (id, tenant_id, person_id, kind, since_month, unpaid_months)
    select gen_random_uuid(), ${ctx.tenantId}::uuid, s.person_id, case when s.streak >= ${sql.lit(CASE_MONTHS)} then 'case' else 'reminder' end,
      to_char(to_date(${last}, 'YYYY-MM') - make_interval(months => s.streak - 1), 'YYYY-MM'), s.streak
    from (
      select u.person_id, count(*) filter (where u.k = u.rn - 1)::int as streak
      from (
        select m.person_id, m.month,
          ((${Number(last.slice(0, 4))} - substr(m.month, 1, 4)::int) * 12 + ${Number(last.slice(5, 7))} - substr(m.month, 6, 2)::int) as k,
          row_number() over (partition by m.person_id order by m.month desc) as rn
        from (select e.person_id, e.month from dues_entries e join owing o on o.person_id = e.person_id
              where e.month >= ${first} and e.month <= ${last} and e.kind in ('due', 'payment', 'waiver')
              group by e.person_id, e.month
              having sum(case e.kind when 'due' then e.amount_fen else -e.amount_fen end) > 0
                 and sum(e.amount_fen) filter (where e.kind = 'due') > 0) m
      ) u group by u.person_id
    ) s
    where s.streak >= ${sql.lit(settings.reminderMonths)}
    on conflict (tenant_id, person_id, kind, since_month) do nothing`.execute(tx);
  return Number(r.numAffectedRows ?? 0n);
}

/** Runs the month for the whole tenant in its own transaction (scheduled run). */
export async function runTenantMonth(db: Kysely<DB>, tenantId: string, month: YearMonth): Promise<RunResult> {
  return withTenant(db, { tenantId, actorId: null, actorName: '系统（月度核定）', sourceIp: '' }, (tx) => runMonth(tx, { tenantId, actorId: null, actorName: '系统（月度核定）', sourceIp: '' }, { month, trigger: 'schedule', scopePath: '' }));
}

/**
 * The scheduled run: shortly after start and then hourly, every active enterprise without a finished run for the
 * current month (Asia/Shanghai) gets one. Like the transfers' expiry sweep, off under the test runner.
 */
export function startMonthlyRuns(db: Kysely<DB>, log: { error: (o: object, m: string) => void; info: (o: object, m: string) => void }): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const month = chinaMonth();
      const due = await db.transaction().execute(async (tx) => {
        await setContext(tx, { tenantId: '00000000-0000-0000-0000-000000000000', actorId: null });
        return (await sql<{ tenant_id: string }>`select tenant_id from zg_dues_tenants_due(${month})`.execute(tx)).rows;
      });
      for (const t of due) {
        const r = await runTenantMonth(db, t.tenant_id, month);
        log.info({ tenantId: t.tenant_id, ...r }, 'dues: monthly run');
      }
    } catch (err) {
      log.error({ err }, 'dues: monthly run failed');
    } finally {
      busy = false;
    }
  };
  const first = setTimeout(() => void tick(), 10_000);
  const timer = setInterval(() => void tick(), 3_600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
