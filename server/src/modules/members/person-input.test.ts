import { describe, expect, it } from 'vitest';
import { FieldCipher } from '../../platform/crypto/fields.js';
import { idCheckDigit } from '../../platform/identity/id-number.js';
import { checkPersonInput, normalizePersonInput, personRowValues, type PersonInput } from './person-input.js';

const TODAY = '2026-05-01';
const id = (first17: string) => first17 + idCheckDigit(first17);
/** A man born 1985-03-12 (sequence 001 is odd). */
const MAN_ID = id('11010519850312001');

const base: PersonInput = {
  name: '张慧娟', gender: 'male', ethnicity: '汉族', birthDate: '1985-03-12', idNumber: MAN_ID, phone: '13812345678',
  education: '大学本科', jobTitle: '工程师', employeeNo: 'E001', orgUnitId: '00000000-0000-4000-8000-000000000001',
  partyStatus: 'full', appliedOn: '2005-03-01', activistOn: '2005-09-01', candidateOn: '2006-10-01', partyJoinedOn: '2007-01-10',
  fullOn: '2008-01-10', membership: 'normal', membershipNote: null,
};
const fields = (p: Partial<PersonInput>) => checkPersonInput({ ...base, ...p }, TODAY).map((x) => x.field);

describe('checkPersonInput', () => {
  it('accepts a complete 正式党员 record and a 群众 with no party dates', () => {
    expect(checkPersonInput(base, TODAY)).toEqual([]);
    expect(fields({ partyStatus: 'none', appliedOn: null, activistOn: null, candidateOn: null, partyJoinedOn: null, fullOn: null })).toEqual([]);
  });

  it('requires a name and a known 民族 and 学历 (vocabulary.ts)', () => {
    expect(fields({ name: '  ' })).toEqual(['name']);
    expect(fields({ ethnicity: '火星族' })).toEqual(['ethnicity']);
    expect(fields({ education: '小学' })).toEqual(['education']);
    expect(fields({ education: '', jobTitle: ' ' })).toEqual([]);
  });

  // GB 11643-1999: check digit (ISO 7064 MOD 11-2); birth date and sequence parity (gender) inside the number.
  it.each([
    ['wrong check digit', MAN_ID.slice(0, 17) + (MAN_ID[17] === '0' ? '1' : '0'), ['idNumber']],
    ['15-digit old number', '110105850312001', ['idNumber']],
    ['birth date disagrees with the number', id('11010519850313001'), ['birthDate']],
    ['gender disagrees (even sequence = female)', id('11010519850312002'), ['gender']],
  ])('身份证号 (GB 11643): %s', (_label, idNumber, expected) => {
    expect(fields({ idNumber })).toEqual(expected);
  });

  it('accepts a lower-case x and full-width digits in the ID number, and no birth date when the ID has one', () => {
    expect(fields({ idNumber: ' 11010519491231002x', gender: 'female', birthDate: null, appliedOn: '1975-01-01', activistOn: '1975-06-01', candidateOn: '1976-07-01', partyJoinedOn: '1977-01-01', fullOn: '1978-01-01' })).toEqual([]);
  });

  it.each([
    ['13812345678', true], ['+86 138 1234 5678', true], ['010-12345678', true], ['0755-1234567-801', true], ['01012345678', true],
    ['12812345678', false], ['1381234567', false], ['phone', false],
  ])('phone %s valid: %s', (phone, ok) => {
    expect(fields({ phone })).toEqual(ok ? [] : ['phone']);
  });

  it('refuses dates in the future, before birth, or out of chain order (RULES.md §2)', () => {
    expect(fields({ partyStatus: 'applicant', appliedOn: '2026-05-02', activistOn: null, candidateOn: null, partyJoinedOn: null, fullOn: null })).toEqual(['appliedOn']);
    expect(fields({ appliedOn: '1985-03-01' })).toEqual(['appliedOn']);
    expect(fields({ activistOn: '2005-02-01' })).toEqual(['activistOn']);
    expect(fields({ birthDate: '2026-06-01', idNumber: null })).toEqual(['birthDate']);
    expect(fields({ birthDate: '2026-02-30' })).toEqual(['birthDate']);
  });

  it('each status needs its own date; early dates may be missing from a historic record', () => {
    expect(fields({ partyStatus: 'full', fullOn: null })).toEqual(['fullOn']);
    expect(fields({ partyStatus: 'probationary', partyJoinedOn: null, fullOn: null })).toEqual(['partyJoinedOn']);
    expect(fields({ partyStatus: 'activist', activistOn: null, candidateOn: null, partyJoinedOn: null, fullOn: null })).toEqual(['activistOn']);
    expect(fields({ appliedOn: null, activistOn: null, candidateOn: null })).toEqual([]);
  });

  it('refuses a date that belongs to a later step than the status', () => {
    expect(fields({ partyStatus: 'candidate', partyJoinedOn: null })).toEqual(['fullOn']);
    expect(fields({ partyStatus: 'activist', candidateOn: '2006-10-01', partyJoinedOn: null, fullOn: null })).toEqual(['candidateOn']);
  });

  it('转正 is at least a year after 入党 (RULES.md §2: 预备期 is 1 year from the 支部大会)', () => {
    expect(fields({ fullOn: '2008-01-09' })).toEqual(['fullOn']);
    expect(fields({ fullOn: '2008-07-10' })).toEqual([]);
  });

  it('流动党员 and 组织关系保留 only for members (RULES.md §3)', () => {
    expect(fields({ membership: 'mobile', membershipNote: '在深圳务工' })).toEqual([]);
    expect(fields({ membership: 'retained', partyStatus: 'none', appliedOn: null, activistOn: null, candidateOn: null, partyJoinedOn: null, fullOn: null })).toEqual(['membership']);
  });

  it('gives messages in Chinese and English naming the field', () => {
    const [p] = checkPersonInput({ ...base, ethnicity: 'x' }, TODAY);
    expect(p?.message.zh).toContain('民族');
    expect(p?.message.en).toContain('Ethnicity');
  });
});

describe('personRowValues', () => {
  const cipher = new FieldCipher(Buffer.alloc(32, 7));

  it('encrypts ID and phone, hashes the ID, writes pinyin and initials', () => {
    const row = personRowValues({ ...base, idNumber: MAN_ID.toLowerCase() }, cipher, 'sm4');
    expect(row.id_number_enc).not.toContain(MAN_ID);
    expect(row.id_number_enc?.startsWith('sm4:')).toBe(true);
    expect(cipher.decrypt(row.id_number_enc ?? '')).toBe(MAN_ID);
    expect(row.id_number_hash).toBe(cipher.lookupHash(MAN_ID));
    expect(cipher.decrypt(row.phone_enc ?? '')).toBe('13812345678');
    expect(row).toMatchObject({ name_pinyin: 'zhanghuijuan', name_initials: 'zhj', party_status: 'full', full_on: '2008-01-10' });
  });

  it('takes the birth date from the ID number when none is given', () => {
    expect(personRowValues({ ...base, birthDate: null }, cipher, 'aes').birth_date).toBe('1985-03-12');
    expect(personRowValues({ ...base, birthDate: null, idNumber: null }, cipher, 'aes').birth_date).toBeNull();
  });

  it('normalises blank text to null', () => {
    expect(normalizePersonInput({ ...base, jobTitle: '  ', phone: ' ' })).toMatchObject({ jobTitle: null, phone: null });
  });
});
