/** Test data for transfers: party members with an encrypted ID number, written as the fixtures write (under RLS). */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db/database.js';
import type { PartyStatus } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { idCheckDigit } from '../../platform/identity/id-number.js';
import { namePinyin } from '../../platform/text/pinyin.js';

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
