/**
 * Unpaid alerts (RULES.md §4), raised by the monthly run: a reminder at 3 months unpaid (shown to the member on 我的党费
 * and to the branch here) and a case at 6 consecutive months, which the branch secretary must handle by hand (notes and
 * an outcome: paid up, good reason recorded, 自行脱党 procedure started...). The platform never acts on a case.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { inSubtrees } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import type { AlertKind } from './rules.js';

const ALERT = { zh: '提醒', en: 'Alert' };

export async function listAlerts(db: Kysely<DB>, actor: Actor, q: { state?: 'open' | 'closed' | undefined; kind?: AlertKind | undefined; page: number; pageSize: number }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'dues.read');
    let b = tx.selectFrom('dues_alerts as a').innerJoin('people as p', 'p.id', 'a.person_id').innerJoin('org_units as o', 'o.id', 'p.org_unit_id')
      .where(inSubtrees('p.org_path', scopes));
    if (q.state) b = b.where('a.state', '=', q.state);
    if (q.kind) b = b.where('a.kind', '=', q.kind);
    const total = await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await b.leftJoin('users as u', 'u.id', 'a.handled_by').selectAll('a').select(['p.name', 'p.org_path', 'o.name as unit_name', 'u.display_name as handler'])
      .orderBy(sql`case a.kind when 'case' then 0 else 1 end`).orderBy('a.created_at', 'desc').orderBy('a.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return {
      items: rows.map((r) => ({
        id: r.id, personId: r.person_id, personName: r.name, unitName: r.unit_name, kind: r.kind, sinceMonth: r.since_month, unpaidMonths: r.unpaid_months,
        state: r.state, notes: r.notes, outcome: r.outcome, handler: r.handler ?? null, handledAt: r.handled_at ? r.handled_at.toISOString() : null,
        createdAt: r.created_at.toISOString(), canHandle: can(actor, 'dues.manage', r.org_path),
      })),
      total: Number(total.n),
    };
  });
}

/** Notes on an alert, and for a case the branch's outcome when it is closed. */
export async function handleAlert(db: Kysely<DB>, actor: Actor, id: string, input: { notes: string; outcome?: string | undefined; close: boolean }) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const a = await tx.selectFrom('dues_alerts as a').innerJoin('people as p', 'p.id', 'a.person_id').selectAll('a').select('p.org_path').where('a.id', '=', id).forUpdate('a').executeTakeFirst();
    if (!a || !can(actor, 'dues.read', a.org_path)) throw notFound(ALERT);
    if (!can(actor, 'dues.manage', a.org_path)) throw notFound(ALERT);
    if (a.state === 'closed') throw badField('close', { zh: '这条提醒已经办结', en: 'This alert is already closed' });
    const outcome = input.outcome?.trim() || null;
    if (input.close && a.kind === 'case' && !outcome) throw badField('outcome', { zh: '办结连续6个月未交的情况须写明处理结果', en: 'Closing a 6-month case needs the outcome' });
    await tx.updateTable('dues_alerts').set({ notes: input.notes.trim(), outcome, state: input.close ? 'closed' : 'open', handled_by: ctx.actorId, handled_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'dues.alert_handle', objectType: 'dues_alert', objectId: id, detail: { personId: a.person_id, kind: a.kind, close: input.close, outcome } });
    return { ok: true as const };
  });
}
