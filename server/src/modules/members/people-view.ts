import type { Selectable } from 'kysely';
import type { PeopleTable } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/tenancy.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { transferringOut } from '../transfers/service.js';
import { maskIdNumber } from '../../platform/identity/id-number.js';
import type { LegalDate } from '../../platform/dates/legal-date.js';
import { ageOn, partyAgeYears, probationEndsOn } from './rules.js';
import type { PersonInput } from './person-input.js';

/**
 * How a person is shown: list rows and the full record. ID numbers are masked everywhere except the audited reveal;
 * phones are shown whole only to those who manage the person.
 */

export type PersonRow = Selectable<PeopleTable>;

/** 13812345678 → 138****5678; a landline keeps its area code and last 4 digits. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function decryptOrNull(cipher: FieldCipher, enc: string | null): string | null {
  if (!enc) return null;
  try {
    return cipher.decrypt(enc);
  } catch {
    // A value that no longer decrypts (lost key) shows as missing rather than failing the whole page.
    return null;
  }
}

/** `transferringOut`: an issued transfer letter awaits receipt; the sending organization is still responsible (RULES.md §3). */
export function listItem(p: PersonRow & { org_unit_name: string }, cipher: FieldCipher, today: LegalDate, transferringOut = false) {
  const id = decryptOrNull(cipher, p.id_number_enc);
  return {
    id: p.id, name: p.name, gender: p.gender, birthDate: p.birth_date, age: p.birth_date ? ageOn(p.birth_date, today) : null,
    ethnicity: p.ethnicity, education: p.education, jobTitle: p.job_title, employeeNo: p.employee_no,
    partyStatus: p.party_status, membership: p.membership, partyJoinedOn: p.party_joined_on, fullOn: p.full_on,
    orgUnitId: p.org_unit_id, orgUnitName: p.org_unit_name, idNumberMasked: id ? maskIdNumber(id) : null,
    archived: p.archived_at !== null, transferringOut,
  };
}
export type PersonListItem = ReturnType<typeof listItem>;

/** The editable fields of a stored record, as the form sends them back (ID number and phone left out: not revealed). */
export function inputOf(p: PersonRow, cipher: FieldCipher): PersonInput {
  return {
    name: p.name, gender: p.gender, ethnicity: p.ethnicity, birthDate: p.birth_date, idNumber: decryptOrNull(cipher, p.id_number_enc),
    phone: decryptOrNull(cipher, p.phone_enc), education: p.education, jobTitle: p.job_title, employeeNo: p.employee_no,
    orgUnitId: p.org_unit_id, partyStatus: p.party_status, appliedOn: p.applied_on, activistOn: p.activist_on, candidateOn: p.candidate_on,
    partyJoinedOn: p.party_joined_on, fullOn: p.full_on, membership: p.membership, membershipNote: p.membership_note,
  };
}

export interface RecordAbilities { edit: boolean; archive: boolean; revealId: boolean; manageHonours: boolean }

/** The full record: basic data, party data with 党龄 and 预备期 end, honours, history. */
export async function personRecord(tx: Tx, p: PersonRow, cipher: FieldCipher, today: LegalDate, opts: { fullPhone: boolean; abilities: RecordAbilities }) {
  const transferring = (await transferringOut(tx, [p.id])).has(p.id);
  const unit = await tx.selectFrom('org_units').select(['name', 'path']).where('id', '=', p.org_unit_id).executeTakeFirstOrThrow();
  const ancestorIds = unit.path.split('/').filter(Boolean);
  const ancestors = await tx.selectFrom('org_units').select(['id', 'name', 'path']).where('id', 'in', ancestorIds).execute();
  const honours = await tx.selectFrom('person_honours').selectAll().where('person_id', '=', p.id).orderBy('decided_on', 'desc').orderBy('created_at', 'desc').execute();
  const events = await tx.selectFrom('person_events as e').leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.detail', 'u.display_name']).where('e.person_id', '=', p.id).orderBy('e.at', 'desc').limit(200).execute();
  const id = decryptOrNull(cipher, p.id_number_enc);
  const phone = decryptOrNull(cipher, p.phone_enc);
  return {
    id: p.id, version: p.version, name: p.name, gender: p.gender, ethnicity: p.ethnicity, birthDate: p.birth_date,
    age: p.birth_date ? ageOn(p.birth_date, today) : null,
    idNumberMasked: id ? maskIdNumber(id) : null, phone: phone === null ? null : opts.fullPhone ? phone : maskPhone(phone),
    education: p.education, jobTitle: p.job_title, employeeNo: p.employee_no,
    orgUnitId: p.org_unit_id, orgUnitName: unit.name,
    orgUnitPath: ancestors.sort((a, b) => a.path.length - b.path.length).map((a) => ({ id: a.id, name: a.name })),
    partyStatus: p.party_status, appliedOn: p.applied_on, activistOn: p.activist_on, candidateOn: p.candidate_on,
    partyJoinedOn: p.party_joined_on, fullOn: p.full_on,
    // RULES.md §2: 党龄 counts from 转正; the 预备期 is a year from the 支部大会 (入党日期), extensions recorded by 发展党员.
    partyAgeYears: p.party_status === 'full' ? partyAgeYears(p.full_on, today) : null,
    probationEndsOn: p.party_status === 'probationary' && p.party_joined_on ? probationEndsOn(p.party_joined_on) : null,
    membership: p.membership, membershipNote: p.membership_note, transferringOut: transferring,
    archivedAt: p.archived_at ? p.archived_at.toISOString() : null, archivedReason: p.archived_reason,
    updatedAt: p.updated_at.toISOString(),
    honours: honours.map((h) => ({ id: h.id, kind: h.kind, title: h.title, decidedOn: h.decided_on, issuer: h.issuer, note: h.note })),
    history: events.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind, actorName: e.display_name ?? null, detail: (e.detail ?? {}) as Record<string, unknown> })),
    abilities: opts.abilities,
  };
}
export type PersonRecord = Awaited<ReturnType<typeof personRecord>>;
