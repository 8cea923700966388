/**
 * Test helpers of the dues module: a branch with members, bases and derived months; a member's own account; and one
 * successful call per dues write route for platform/audit/audit.test.ts.
 */
import type { Database } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { withTenant, type TxContext } from '../../platform/db/tenancy.js';
import type { TestApp } from '../../testing/app.js';
import { loginActive, makeUnit, makeUser, type Res, type TestTenant, type TestUnit, type TestUser } from '../../testing/factories.js';
import { makeMember } from '../transfers/testing.js';
import { DEFAULT_DUES_SETTINGS, type DuesCategory } from './rules.js';
import { putBase } from './bases.js';
import { chinaMonth } from './ledger.js';
import { runMonth } from './run.js';
import { addMonthsYm } from './rules.js';

type F = { database: Database; cipher: FieldCipher };

export const fixtureCtx = (tenantId: string): TxContext => ({ tenantId, actorId: null, actorName: '测试夹具', sourceIp: '' });

/** A member with a base from `fromMonth` (default: 6 months ago) and the months up to now derived. */
export async function memberWithDues(f: F, tenantId: string, unitId: string, opts: { name?: string; category?: DuesCategory; baseFen?: number | null; fromMonth?: string; runMonths?: number } = {}): Promise<string> {
  const { id } = await makeMember(f, tenantId, { orgUnitId: unitId, ...(opts.name ? { name: opts.name } : {}) });
  const current = chinaMonth();
  const from = opts.fromMonth ?? addMonthsYm(current, -5);
  const ctx = fixtureCtx(tenantId);
  await withTenant(f.database.db, ctx, async (tx) => {
    await putBase(tx, ctx, { personId: id, fromMonth: from, category: opts.category ?? 'employed', baseFen: opts.baseFen === undefined ? 400_000 : opts.baseFen, source: 'manual' }, false);
  });
  await deriveMonths(f, tenantId, unitId, opts.runMonths ?? 6);
  return id;
}

/** Runs the last `n` months (current included) for the subtree of `unitId`. */
export async function deriveMonths(f: F, tenantId: string, unitId: string, n: number): Promise<void> {
  const ctx = fixtureCtx(tenantId);
  await withTenant(f.database.db, ctx, async (tx) => {
    const u = await tx.selectFrom('org_units').select('path').where('id', '=', unitId).executeTakeFirstOrThrow();
    const current = chinaMonth();
    for (let i = n - 1; i >= 0; i--) await runMonth(tx, ctx, { month: addMonthsYm(current, -i), trigger: 'manual', scopePath: u.path });
  });
}

/** Links an account to a person record (我的党费 reads the account's person). */
export async function linkAccount(f: F, tenantId: string, userId: string, personId: string): Promise<void> {
  await withTenant(f.database.db, fixtureCtx(tenantId), (tx) => tx.updateTable('users').set({ person_id: personId }).where('id', '=', userId).execute());
}

/** A party member's account linked to a new member with dues. */
export async function memberAccount(t: TestApp, tenantId: string, unitId: string, opts: Parameters<typeof memberWithDues>[3] = {}): Promise<{ user: TestUser; personId: string }> {
  const personId = await memberWithDues(t, tenantId, unitId, opts);
  const user = await makeUser(t, tenantId, { role: 'party_member', orgUnitId: unitId });
  await linkAccount(t, tenantId, user.userId, personId);
  return { user, personId };
}

export interface AuditCase { route: string; tenantId: string; call: () => Promise<Res>; action: string; actor: string; object?: () => string }

export async function duesAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const branch = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '党费审计支部' });
  const organizer = await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id });
  const secretary = await makeUser(t, tenant.tenantId, { role: ['committee_secretary', 'organization_member'], orgUnitId: root.id });
  const sys = await makeUser(t, tenant.tenantId, { role: 'sys_admin' });
  const z = await loginActive(t.app, organizer);
  const s = await loginActive(t.app, secretary);
  const admin = await loginActive(t.app, sys);
  const payer = await memberWithDues(t, tenant.tenantId, branch.id, { name: '党费甲' });
  const based = await memberWithDues(t, tenant.tenantId, branch.id, { name: '党费乙' });
  const { user: applicantUser } = await memberAccount(t, tenant.tenantId, branch.id, { name: '党费丙' });
  const applicant = await loginActive(t.app, applicantUser);
  // Seven months unpaid: a case to handle.
  const late = await memberWithDues(t, tenant.tenantId, branch.id, { name: '党费丁', fromMonth: addMonthsYm(chinaMonth(), -7), runMonths: 8 });
  const current = chinaMonth();
  let entryId = '';
  let requestId = '';
  let alertId = '';
  const actor = organizer.userId;
  return [
    {
      route: 'POST /api/dues/people/:id/cash', tenantId: tenant.tenantId, action: 'dues.payment', actor, object: () => payer,
      call: async () => {
        const r = await z.post(`/api/dues/people/${payer}/cash`, { months: [current], receiptNo: `R-${payer.slice(0, 8)}` });
        const ledger = (await z.get(`/api/dues/people/${payer}`)).json<{ entries: { id: string; kind: string }[] }>();
        entryId = ledger.entries.find((e) => e.kind === 'payment')!.id;
        return r;
      },
    },
    { route: 'POST /api/dues/entries/:id/correct', tenantId: tenant.tenantId, action: 'dues.correct', actor, object: () => entryId, call: () => z.post(`/api/dues/entries/${entryId}/correct`, { amountFen: 3_000, reason: '收据金额登记错误' }) },
    { route: 'PUT /api/dues/people/:id/bases', tenantId: tenant.tenantId, action: 'dues.base_create', actor, object: () => based, call: () => z.put(`/api/dues/people/${based}/bases`, { fromMonth: current, category: 'employed', baseFen: 600_000 }) },
    { route: 'POST /api/dues/runs', tenantId: tenant.tenantId, action: 'dues.run', actor, call: () => z.post('/api/dues/runs', { month: current, orgUnitId: branch.id }) },
    {
      route: 'POST /api/dues/requests', tenantId: tenant.tenantId, action: 'dues.request_create', actor: applicantUser.userId, object: () => requestId,
      call: async () => {
        const r = await applicant.post('/api/dues/requests', { kind: 'exemption', fromMonth: current, toMonth: current, reason: '家庭困难，收入微薄' });
        requestId = r.json<{ id: string }>().id;
        return r;
      },
    },
    { route: 'POST /api/dues/requests/:id/:action', tenantId: tenant.tenantId, action: 'dues.request_review', actor: secretary.userId, object: () => requestId, call: () => s.post(`/api/dues/requests/${requestId}/review`, { note: '情况属实' }) },
    {
      route: 'POST /api/dues/alerts/:id/handle', tenantId: tenant.tenantId, action: 'dues.alert_handle', actor, object: () => alertId,
      call: async () => {
        const list = (await z.get('/api/dues/alerts?kind=case')).json<{ items: { id: string; personId: string }[] }>();
        alertId = list.items.find((a) => a.personId === late)!.id;
        return z.post(`/api/dues/alerts/${alertId}/handle`, { notes: '已谈话', close: false });
      },
    },
    { route: 'PUT /api/dues/settings', tenantId: tenant.tenantId, action: 'settings.dues', actor: sys.userId, object: () => tenant.tenantId, call: () => admin.put('/api/dues/settings', { ...DEFAULT_DUES_SETTINGS, farmerFen: 50 }) },
  ];
}
