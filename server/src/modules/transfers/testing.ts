/** Test data for transfers: party members with an encrypted ID number, written as the fixtures write (under RLS). */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db/database.js';
import type { PartyStatus } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { idCheckDigit } from '../../platform/identity/id-number.js';
import { namePinyin } from '../../platform/text/pinyin.js';
import type { TestApp } from '../../testing/app.js';
import { loginActive, makeUnit, makeUser, type Res, type TestTenant, type TestUnit } from '../../testing/factories.js';

let serial = 0;

/** A valid 18-digit ID number (GB 11643 check digit), different on each call. */
export function testIdNumber(birth = '19900101'): string {
  serial += 1;
  const first17 = `110101${birth}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

export async function makeMember(f: { database: Database; cipher: FieldCipher }, tenantId: string, opts: { orgUnitId: string; name?: string; status?: PartyStatus; idNumber?: string | null }): Promise<{ id: string; idNumber: string | null }> {
  const id = randomUUID();
  const name = opts.name ?? '李建国';
  const idNumber = opts.idNumber === undefined ? testIdNumber() : opts.idNumber;
  const py = namePinyin(name);
  await withTenant(f.database.db, { tenantId, actorId: null, actorName: '测试夹具', sourceIp: '' }, (tx) =>
    tx.insertInto('people').values({
      id, tenant_id: tenantId, org_unit_id: opts.orgUnitId, name, name_pinyin: py.pinyin, name_initials: py.initials, gender: 'male', ethnicity: '汉族',
      birth_date: '1990-01-01', education: '大学本科', job_title: '工程师', party_status: opts.status ?? 'full',
      applied_on: '2012-03-01', activist_on: '2012-09-01', candidate_on: '2013-10-01', party_joined_on: '2014-06-20', full_on: opts.status === 'probationary' ? null : '2015-06-20',
      id_number_enc: idNumber ? f.cipher.encrypt(idNumber) : null, id_number_hash: idNumber ? f.cipher.lookupHash(idNumber) : null,
      phone_enc: null, employee_no: null, membership_note: null, archived_at: null, archived_reason: null,
    }).execute());
  return { id, idNumber };
}

export interface AuditCase { route: string; tenantId: string; call: () => Promise<Res>; action: string; actor: string; object?: () => string }

/**
 * One successful call per transfers write route for platform/audit/audit.test.ts, each leaving exactly one record on
 * the tenant's chain (the records a transfer between tenants leaves on both chains are checked in transfers.test.ts).
 */
export async function transferAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const from = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '转出测试支部' });
  const to = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '转入测试支部' });
  const user = await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id });
  const z = await loginActive(t.app, user);
  const [m1, m2, m3] = await Promise.all([1, 2, 3].map(() => makeMember(t, tenant.tenantId, { orgUnitId: from.id })));
  const draftOf = async (personId: string) => (await z.post('/api/transfers', { personId, scope: 'external', toOrgName: '某市委组织部', reason: '', validityDays: 30 })).json<{ id: string }>().id;
  const toCancel = await draftOf(m2!.id);
  const toReturn = await draftOf(m3!.id);
  await z.post(`/api/transfers/${toReturn}/issue`);
  let id = '';
  const actor = user.userId;
  return [
    {
      route: 'POST /api/transfers', tenantId: tenant.tenantId, action: 'transfer.create', actor, object: () => id,
      call: async () => {
        const r = await z.post('/api/transfers', { personId: m1!.id, scope: 'within_tenant', toUnitId: to.id, reason: '工作调动', validityDays: 30 });
        id = r.json<{ id: string }>().id;
        return r;
      },
    },
    { route: 'POST /api/transfers/:id/issue', tenantId: tenant.tenantId, action: 'transfer.issue', actor, object: () => id, call: () => z.post(`/api/transfers/${id}/issue`) },
    { route: 'POST /api/transfers/:id/receive', tenantId: tenant.tenantId, action: 'transfer.receive', actor, object: () => id, call: () => z.post(`/api/transfers/${id}/receive`, {}) },
    { route: 'POST /api/transfers/:id/cancel', tenantId: tenant.tenantId, action: 'transfer.cancel', actor, object: () => toCancel, call: () => z.post(`/api/transfers/${toCancel}/cancel`) },
    { route: 'POST /api/transfers/:id/return', tenantId: tenant.tenantId, action: 'transfer.return', actor, object: () => toReturn, call: () => z.post(`/api/transfers/${toReturn}/return`, { reason: '信息有误' }) },
  ];
}
