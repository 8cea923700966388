/**
 * Hardship reduction or exemption (RULES.md §4: the member applies, the branch reviews, the higher 党委 approves) and
 * back payment beyond the 6-month limit (the organizer asks, the 党委 approves). A small state machine (rules.ts
 * nextRequestState), every step audited; an approval records the waivers of months already derived, and the monthly
 * run records those of later months.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { ownPersonId, personOrThrow } from '../members/person-access.js';
import { sql } from 'kysely';
import { addMonthsYm, monthRange, monthsBetween, nextRequestState, type RequestAction, type RequestKind, type RequestState } from './rules.js';
import { chinaMonth } from './ledger.js';
import { applyWaivers } from './run.js';

const REQUEST = { zh: '申请', en: 'Request' };
/** A hardship request covers at most a year; it can be renewed. */
export const MAX_REQUEST_MONTHS = 12;

export interface RequestInput { personId?: string | undefined; kind: RequestKind; fromMonth: string; toMonth: string; monthlyFen?: number | null | undefined; reason: string }

export async function createRequest(db: Kysely<DB>, actor: Actor, input: RequestInput): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    let personId: string;
    if (input.personId) {
      personId = (await personOrThrow(tx, actor, input.personId, 'dues.manage')).id;
    } else {
      const own = await ownPersonId(tx, actor);
      if (!own) throw badField('personId', { zh: '您的账号没有关联人员档案，请联系组织委员', en: 'Your account has no person record; ask the organizer' });
      if (input.kind === 'back_payment') throw badField('kind', { zh: '超期补交由支部代为申请', en: 'The branch asks for late back payment' });
      personId = own;
    }
    const p = await tx.selectFrom('people').select(['party_status', 'archived_at']).where('id', '=', personId).executeTakeFirstOrThrow();
    if (p.archived_at || !['probationary', 'full'].includes(p.party_status)) throw badField('personId', { zh: '只有在册党员可以申请', en: 'Only current party members can apply' });
    if (input.toMonth < input.fromMonth) throw badField('toMonth', { zh: '结束月份不能早于开始月份', en: 'The last month cannot be before the first' });
    if (monthsBetween(input.fromMonth, input.toMonth) >= MAX_REQUEST_MONTHS) throw badField('toMonth', { zh: `一次最多申请${MAX_REQUEST_MONTHS}个月，到期可再申请`, en: `At most ${MAX_REQUEST_MONTHS} months at a time` });
    const current = chinaMonth();
    if (input.kind === 'back_payment') {
      if (input.toMonth > current) throw badField('toMonth', { zh: '补交的月份不能晚于本月', en: 'Back payment is for past months' });
    } else if (input.fromMonth < addMonthsYm(current, -6)) {
      throw badField('fromMonth', { zh: '减免最多追溯6个月', en: 'A reduction or exemption reaches back at most 6 months' });
    }
    let monthlyFen: number | null = null;
    if (input.kind === 'reduction') {
      if (input.monthlyFen === undefined || input.monthlyFen === null) throw badField('monthlyFen', { zh: '请填写减交后每月交纳的金额', en: 'Enter what the member pays a month instead' });
      monthlyFen = input.monthlyFen;
    }
    const open = await tx.selectFrom('dues_requests').select('id').where('person_id', '=', personId).where('kind', '=', input.kind).where('state', 'in', ['submitted', 'reviewed'])
      .where('from_month', '<=', input.toMonth).where('to_month', '>=', input.fromMonth).executeTakeFirst();
    if (open) throw conflict('fromMonth', { zh: '这段月份已有一份待审批的申请', en: 'An open request already covers these months' });
    const id = randomUUID();
    await tx.insertInto('dues_requests').values({
      id, tenant_id: ctx.tenantId, person_id: personId, kind: input.kind, from_month: input.fromMonth, to_month: input.toMonth, monthly_fen: monthlyFen,
      reason: input.reason.trim(), applied_by: ctx.actorId, reviewed_by: null, review_note: null, decided_by: null, decision_note: null,
    }).execute();
    await auditAs(tx, ctx, { action: 'dues.request_create', objectType: 'dues_request', objectId: id, detail: { personId, kind: input.kind, fromMonth: input.fromMonth, toMonth: input.toMonth, monthlyFen } });
    return id;
  });
}

/** review, approve, reject or withdraw: who may do which is decided here (deny by default), the state by rules.ts. */
export async function actOnRequest(db: Kysely<DB>, actor: Actor, id: string, action: RequestAction, note: string | undefined) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const r = await tx.selectFrom('dues_requests as q').innerJoin('people as p', 'p.id', 'q.person_id').selectAll('q').select('p.org_path').where('q.id', '=', id).forUpdate('q').executeTakeFirst();
    const own = await ownPersonId(tx, actor);
    const mine = r !== undefined && r.person_id === own;
    if (!r || !(mine || can(actor, 'dues.read', r.org_path) || can(actor, 'dues.approve', r.org_path))) throw notFound(REQUEST);
    const allowed = action === 'withdraw' ? mine || can(actor, 'dues.manage', r.org_path)
      : action === 'review' ? can(actor, 'dues.manage', r.org_path)
      : action === 'approve' ? can(actor, 'dues.approve', r.org_path)
      : r.state === 'submitted' && r.kind !== 'back_payment' ? can(actor, 'dues.manage', r.org_path) || can(actor, 'dues.approve', r.org_path) : can(actor, 'dues.approve', r.org_path);
    if (!allowed) {
      throw forbidden(action === 'approve' || action === 'reject'
        ? { zh: '减免和超期补交由上级党委审批', en: 'The higher party committee approves reductions, exemptions and late back payment' }
        : { zh: '您不能办理这一步', en: 'You cannot take this step' });
    }
    // The applicant does not decide their own request.
    if (mine && action !== 'withdraw') throw forbidden({ zh: '本人的申请由组织审核审批', en: 'Your own request is decided by others' });
    const next = nextRequestState(r.kind, r.state, action);
    if (!next) throw conflict(undefined, { zh: `申请当前为“${STATE_ZH[r.state]}”，不能${ACTION_ZH[action]}`, en: `The request is ${r.state}; it cannot be ${action}ed now` });
    const now = new Date();
    const text = note?.trim() || null;
    await tx.updateTable('dues_requests').set(action === 'review' ? { state: next, reviewed_by: ctx.actorId, reviewed_at: now, review_note: text } : { state: next, decided_by: ctx.actorId, decided_at: now, decision_note: text })
      .where('id', '=', id).execute();
    let waived = 0;
    if (next === 'approved' && r.kind !== 'back_payment') {
      const derived = await tx.selectFrom('dues_entries').select('month').distinct().where('person_id', '=', r.person_id).where('kind', '=', 'due')
        .where('month', '>=', r.from_month).where('month', '<=', r.to_month).execute();
      for (const m of derived) waived += await applyWaivers(tx, ctx, m.month!, '', id);
    }
    await auditAs(tx, ctx, { action: `dues.request_${action}`, objectType: 'dues_request', objectId: id, detail: { personId: r.person_id, kind: r.kind, from: r.state, to: next, note: text, waivedEntries: waived } });
    return { state: next };
  });
}

const STATE_ZH: Record<RequestState, string> = { submitted: '待支部审核', reviewed: '待党委审批', approved: '已批准', rejected: '未批准', withdrawn: '已撤回' };
const ACTION_ZH: Record<RequestAction, string> = { review: '审核', approve: '批准', reject: '驳回', withdraw: '撤回' };

export async function listRequests(db: Kysely<DB>, actor: Actor, q: { state?: RequestState | undefined; mine?: boolean | undefined; page: number; pageSize: number }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const own = await ownPersonId(tx, actor);
    const scopes = [...new Set([...scopesFor(actor, 'dues.read'), ...scopesFor(actor, 'dues.approve')])];
    const where = q.mine
      ? sql<boolean>`q.person_id = ${own ?? '00000000-0000-0000-0000-000000000000'}::uuid`
      : sql<boolean>`(q.person_id = ${own ?? '00000000-0000-0000-0000-000000000000'}::uuid or ${scopes.length ? sql.join(scopes.map((s) => subtreeRange('p.org_path', s)), sql` or `) : sql`false`})`;
    let b = tx.selectFrom('dues_requests as q').innerJoin('people as p', 'p.id', 'q.person_id').innerJoin('org_units as o', 'o.id', 'p.org_unit_id').where(where);
    if (q.state) b = b.where('q.state', '=', q.state);
    const total = await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await b.leftJoin('users as rv', 'rv.id', 'q.reviewed_by').leftJoin('users as dc', 'dc.id', 'q.decided_by')
      .selectAll('q').select(['p.name', 'p.org_path', 'o.name as unit_name', 'rv.display_name as reviewer', 'dc.display_name as decider'])
      .orderBy('q.created_at', 'desc').orderBy('q.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return {
      items: rows.map((r) => {
        const mine = r.person_id === own;
        return {
          id: r.id, personId: r.person_id, personName: r.name, unitName: r.unit_name, kind: r.kind, state: r.state, fromMonth: r.from_month, toMonth: r.to_month,
          months: monthRange(r.from_month, r.to_month).length, monthlyFen: r.monthly_fen === null ? null : Number(r.monthly_fen), reason: r.reason,
          reviewer: r.reviewer ?? null, reviewNote: r.review_note, reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
          decider: r.decider ?? null, decisionNote: r.decision_note, decidedAt: r.decided_at ? r.decided_at.toISOString() : null, createdAt: r.created_at.toISOString(),
          abilities: {
            review: !mine && nextRequestState(r.kind, r.state, 'review') !== null && can(actor, 'dues.manage', r.org_path),
            approve: !mine && nextRequestState(r.kind, r.state, 'approve') !== null && can(actor, 'dues.approve', r.org_path),
            reject: !mine && nextRequestState(r.kind, r.state, 'reject') !== null && (can(actor, 'dues.approve', r.org_path) || (r.state === 'submitted' && r.kind !== 'back_payment' && can(actor, 'dues.manage', r.org_path))),
            withdraw: nextRequestState(r.kind, r.state, 'withdraw') !== null && (mine || can(actor, 'dues.manage', r.org_path)),
          },
        };
      }),
      total: Number(total.n),
    };
  });
}
