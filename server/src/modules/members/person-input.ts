import type { FieldAlgorithm, FieldCipher } from '../../platform/crypto/fields.js';
import { isAfter, isBefore, isLegalDate, type LegalDate } from '../../platform/dates/legal-date.js';
import type { Membership, PartyStatus } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/tenancy.js';
import { ID_NUMBER_PROBLEM_MESSAGES, normalizeIdNumber, validateIdNumber } from '../../platform/identity/id-number.js';
import { securitySettings } from '../../platform/auth/policy.js';
import { namePinyin } from '../../platform/text/pinyin.js';
import { probationEndsOn } from './rules.js';
import { EDUCATION_LEVELS, ETHNICITIES } from './vocabulary.js';

/**
 * One person record as a form or a spreadsheet row gives it — the single validation used by the people API
 * (create/edit) and the Excel import alike, so a row the import accepts is exactly a record the form accepts.
 */
export interface PersonInput {
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: LegalDate | null;
  idNumber: string | null;
  phone: string | null;
  education: string | null;
  jobTitle: string | null;
  employeeNo: string | null;
  orgUnitId: string;
  partyStatus: PartyStatus;
  /** 递交入党申请书. */
  appliedOn: LegalDate | null;
  /** 确定为入党积极分子. */
  activistOn: LegalDate | null;
  /** 确定为发展对象. */
  candidateOn: LegalDate | null;
  /** 入党日期: admitted as 预备党员 (the 支部大会 date; 预备期 counts from it). */
  partyJoinedOn: LegalDate | null;
  /** 转正: 党龄 counts from it. */
  fullOn: LegalDate | null;
  membership: Membership;
  membershipNote: string | null;
}

export interface FieldProblem {
  field: keyof PersonInput;
  message: { zh: string; en: string };
}

export const PARTY_STATUSES: readonly PartyStatus[] = ['none', 'applicant', 'activist', 'candidate', 'probationary', 'full'];
export const MEMBERSHIPS: readonly Membership[] = ['normal', 'mobile', 'retained'];

/** The §2 dates in chain order, with the status from which each one is part of the record. */
const PARTY_DATES = [
  { field: 'appliedOn', from: 'applicant', zh: '递交入党申请日期', en: 'application date' },
  { field: 'activistOn', from: 'activist', zh: '确定积极分子日期', en: 'activist date' },
  { field: 'candidateOn', from: 'candidate', zh: '确定发展对象日期', en: 'candidate date' },
  { field: 'partyJoinedOn', from: 'probationary', zh: '入党日期', en: 'date joined' },
  { field: 'fullOn', from: 'full', zh: '转正日期', en: 'full membership date' },
] as const satisfies readonly { field: keyof PersonInput; from: PartyStatus; zh: string; en: string }[];

/**
 * The dates a status cannot do without. A member entered from a historic paper record often lacks the early dates
 * (application, activist), so only the date that made the person what they are now is required: 入党日期 for
 * 预备党员, and 入党日期 with 转正 for 正式党员 (党龄 and the 预备期 end are computed from them).
 */
const REQUIRED_DATES: Record<PartyStatus, readonly (typeof PARTY_DATES)[number]['field'][]> = {
  none: [],
  applicant: ['appliedOn'],
  activist: ['activistOn'],
  candidate: ['candidateOn'],
  probationary: ['partyJoinedOn'],
  full: ['partyJoinedOn', 'fullOn'],
};

const NAME_MAX = 50;
const TEXT_MAX = 100;
const NOTE_MAX = 200;
/** Mainland mobile: 11 digits starting 13–19. */
const MOBILE_RE = /^1[3-9]\d{9}$/;
/** Landline: area code 0 + 2–3 digits, a 7–8 digit number, optional extension (010-12345678, 0755-1234567-801). */
const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const EARLIEST_DATE = '1900-01-01';

function statusIndex(s: PartyStatus): number {
  return PARTY_STATUSES.indexOf(s);
}

const trimOrNull = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/** Phone as stored: spaces and the +86 / 0086 country prefix removed, full-width digits made ASCII. */
export function normalizePhone(input: string): string {
  const p = input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]/g, '').replace(/[－—]/g, '-');
  return p.replace(/^(\+86|0086)-?/, '');
}

/** Trimmed strings, empty text as null, ID number and phone in their normal form. Idempotent. */
export function normalizePersonInput(input: PersonInput): PersonInput {
  const id = trimOrNull(input.idNumber);
  const phone = trimOrNull(input.phone);
  return {
    ...input,
    name: input.name.trim(),
    ethnicity: input.ethnicity.trim(),
    birthDate: trimOrNull(input.birthDate),
    idNumber: id === null ? null : normalizeIdNumber(id),
    phone: phone === null ? null : normalizePhone(phone),
    education: trimOrNull(input.education),
    jobTitle: trimOrNull(input.jobTitle),
    employeeNo: trimOrNull(input.employeeNo),
    orgUnitId: input.orgUnitId.trim(),
    appliedOn: trimOrNull(input.appliedOn),
    activistOn: trimOrNull(input.activistOn),
    candidateOn: trimOrNull(input.candidateOn),
    partyJoinedOn: trimOrNull(input.partyJoinedOn),
    fullOn: trimOrNull(input.fullOn),
    membershipNote: trimOrNull(input.membershipNote),
  };
}

/**
 * Everything wrong with a person record, one problem per field at most, in form order. Pure: `today` is passed in.
 * Checks: required fields and lengths; vocabularies (vocabulary.ts); 身份证号 by GB 11643-1999 (check digit) and in
 * agreement with the birth date and gender given; phone format; §2 dates real, not in the future, after birth, in chain
 * order, the ones the status needs present and none of a later step; 转正 no earlier than a year after 入党 (RULES.md §2:
 * 预备期 is 1 year); 流动党员 / 组织关系保留 only for party members (RULES.md §3).
 */
export function checkPersonInput(raw: PersonInput, today: LegalDate): FieldProblem[] {
  const input = normalizePersonInput(raw);
  const problems: FieldProblem[] = [];
  const seen = new Set<keyof PersonInput>();
  const add = (field: keyof PersonInput, zh: string, en: string) => {
    if (seen.has(field)) return;
    seen.add(field);
    problems.push({ field, message: { zh, en } });
  };

  if (input.name === '') add('name', '请填写姓名', 'Name is required');
  else if ([...input.name].length > NAME_MAX) add('name', `姓名不能超过${NAME_MAX}个字`, `Name is at most ${NAME_MAX} characters`);

  if (input.gender !== 'male' && input.gender !== 'female') add('gender', '性别应为男或女', 'Gender must be male or female');
  if (!(ETHNICITIES as readonly string[]).includes(input.ethnicity)) add('ethnicity', '民族应为56个民族之一，如“汉族”', 'Ethnicity must be one of the 56 ethnic groups, e.g. 汉族');

  // Birth date: a real date, not in the future.
  if (input.birthDate !== null) {
    if (!isLegalDate(input.birthDate)) add('birthDate', '出生日期不是有效日期（格式：2000-01-31）', 'Birth date is not a valid date (format 2000-01-31)');
    else if (isAfter(input.birthDate, today)) add('birthDate', '出生日期不能晚于今天', 'Birth date cannot be later than today');
    else if (isBefore(input.birthDate, EARLIEST_DATE)) add('birthDate', '出生日期不能早于1900年', 'Birth date cannot be before 1900');
  }

  // 身份证号: GB 11643-1999; its birth date and gender (sequence code parity) must agree with the record.
  if (input.idNumber !== null) {
    const id = validateIdNumber(input.idNumber, today);
    if (!id.ok) add('idNumber', ID_NUMBER_PROBLEM_MESSAGES[id.reason].zh, ID_NUMBER_PROBLEM_MESSAGES[id.reason].en);
    else {
      if (input.birthDate !== null && isLegalDate(input.birthDate) && input.birthDate !== id.birthDate) {
        add('birthDate', `出生日期与身份证号中的出生日期（${id.birthDate}）不一致`, `Birth date does not match the one in the ID number (${id.birthDate})`);
      }
      if ((input.gender === 'male' || input.gender === 'female') && input.gender !== id.gender) {
        add('gender', `性别与身份证号不一致（身份证号为${id.gender === 'male' ? '男' : '女'}）`, `Gender does not match the ID number (${id.gender})`);
      }
    }
  }

  if (input.phone !== null && !MOBILE_RE.test(input.phone) && !LANDLINE_RE.test(input.phone)) {
    add('phone', '联系电话应为11位手机号（1开头）或带区号的座机号（如010-12345678）', 'Phone must be an 11-digit mobile number starting with 1, or a landline with area code (e.g. 010-12345678)');
  }
  if (input.education !== null && !(EDUCATION_LEVELS as readonly string[]).includes(input.education)) {
    add('education', `学历应为：${EDUCATION_LEVELS.join('、')}`, `Education must be one of: ${EDUCATION_LEVELS.join(', ')}`);
  }
  if (input.jobTitle !== null && [...input.jobTitle].length > TEXT_MAX) add('jobTitle', `职务不能超过${TEXT_MAX}个字`, `Job title is at most ${TEXT_MAX} characters`);
  if (input.employeeNo !== null && [...input.employeeNo].length > TEXT_MAX) add('employeeNo', `工号不能超过${TEXT_MAX}个字`, `Employee number is at most ${TEXT_MAX} characters`);
  if (input.orgUnitId === '') add('orgUnitId', '请选择所在组织', 'Organisation unit is required');

  const statusOk = statusIndex(input.partyStatus) >= 0;
  if (!statusOk) add('partyStatus', '政治面貌不在可选范围内', 'Party status is not one of the allowed values');

  // §2 dates. The birth date to compare with: the one given, else the one inside a valid ID number.
  const idBirth = input.idNumber !== null ? validateIdNumber(input.idNumber, today) : null;
  const born = input.birthDate !== null && !seen.has('birthDate') ? input.birthDate : idBirth?.ok ? idBirth.birthDate : null;
  let previous: { date: LegalDate; zh: string; en: string } | null = null;
  for (const d of PARTY_DATES) {
    const value = input[d.field];
    const partOfStatus = statusOk && statusIndex(input.partyStatus) >= statusIndex(d.from);
    if (value === null) {
      if (statusOk && REQUIRED_DATES[input.partyStatus].includes(d.field)) add(d.field, `请填写${d.zh}`, `The ${d.en} is required for this party status`);
      continue;
    }
    if (!isLegalDate(value)) { add(d.field, `${d.zh}不是有效日期（格式：2000-01-31）`, `The ${d.en} is not a valid date (format 2000-01-31)`); continue; }
    if (statusOk && !partOfStatus) { add(d.field, `当前政治面貌还没有${d.zh}，请清空或改正政治面貌`, `The ${d.en} does not belong to this party status: clear it or correct the status`); continue; }
    if (isAfter(value, today)) { add(d.field, `${d.zh}不能晚于今天`, `The ${d.en} cannot be later than today`); continue; }
    if (born !== null && !isAfter(value, born)) { add(d.field, `${d.zh}应晚于出生日期`, `The ${d.en} must be after the birth date`); continue; }
    if (previous !== null && isBefore(value, previous.date)) {
      add(d.field, `${d.zh}不能早于${previous.zh}（${previous.date}）`, `The ${d.en} cannot be before the ${previous.en} (${previous.date})`);
      continue;
    }
    // RULES.md §2: 预备期 is 1 year from the 支部大会 (入党日期); 转正 is when it ends, so never earlier.
    if (d.field === 'fullOn' && input.partyJoinedOn !== null && isLegalDate(input.partyJoinedOn) && isBefore(value, probationEndsOn(input.partyJoinedOn))) {
      add('fullOn', `转正日期不能早于预备期满（入党日期后一年：${probationEndsOn(input.partyJoinedOn)}）`, `Full membership cannot come before the 1-year probation ends (${probationEndsOn(input.partyJoinedOn)})`);
      continue;
    }
    previous = { date: value, zh: d.zh, en: d.en };
  }

  if (!MEMBERSHIPS.includes(input.membership)) add('membership', '党籍状态应为正常、流动党员或组织关系保留', 'Membership must be normal, mobile or retained');
  else if (input.membership !== 'normal' && statusOk && statusIndex(input.partyStatus) < statusIndex('probationary')) {
    // RULES.md §3: 流动党员 and 组织关系保留 are states of a member's 组织关系, which only members have.
    add('membership', '只有预备党员和正式党员才能是流动党员或组织关系保留', 'Only probationary and full members can be mobile members or have their membership retained');
  }
  if (input.membershipNote !== null && [...input.membershipNote].length > NOTE_MAX) add('membershipNote', `说明不能超过${NOTE_MAX}个字`, `The note is at most ${NOTE_MAX} characters`);

  return problems;
}

/** The columns of `people` a (valid) person record writes, for insert and update alike. org_path is the trigger's. */
export interface PersonRowValues {
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birth_date: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  phone_enc: string | null;
  education: string | null;
  job_title: string | null;
  employee_no: string | null;
  org_unit_id: string;
  party_status: PartyStatus;
  applied_on: string | null;
  activist_on: string | null;
  candidate_on: string | null;
  party_joined_on: string | null;
  full_on: string | null;
  membership: Membership;
  membership_note: string | null;
}

/** Birth date inside an 18-character ID number (validated beforehand). */
function birthDateOfId(id: string): LegalDate | null {
  const d = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isLegalDate(d) ? d : null;
}

/**
 * Column values for a record that passed `checkPersonInput`: ID number and phone encrypted with the tenant's
 * algorithm, the ID's keyed hash for exact search and import matching, pinyin and initials for name search, the birth
 * date taken from the ID number when none was given.
 */
export function personRowValues(raw: PersonInput, cipher: FieldCipher, alg: FieldAlgorithm): PersonRowValues {
  const input = normalizePersonInput(raw);
  const { pinyin, initials } = namePinyin(input.name);
  return {
    name: input.name,
    name_pinyin: pinyin,
    name_initials: initials,
    gender: input.gender,
    ethnicity: input.ethnicity,
    birth_date: input.birthDate ?? (input.idNumber !== null ? birthDateOfId(input.idNumber) : null),
    id_number_enc: input.idNumber !== null ? cipher.encrypt(input.idNumber, alg) : null,
    id_number_hash: input.idNumber !== null ? cipher.lookupHash(input.idNumber) : null,
    phone_enc: input.phone !== null ? cipher.encrypt(input.phone, alg) : null,
    education: input.education,
    job_title: input.jobTitle,
    employee_no: input.employeeNo,
    org_unit_id: input.orgUnitId,
    party_status: input.partyStatus,
    applied_on: input.appliedOn,
    activist_on: input.activistOn,
    candidate_on: input.candidateOn,
    party_joined_on: input.partyJoinedOn,
    full_on: input.fullOn,
    membership: input.membership,
    membership_note: input.membershipNote,
  };
}

/** The tenant's field-encryption algorithm (security setting `fieldAlgorithm`), read inside a tenant transaction. */
export async function tenantFieldAlgorithm(tx: Tx, tenantId: string): Promise<FieldAlgorithm> {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return securitySettings(t.settings).fieldAlgorithm;
}

/** The keyed hash an ID number is found by (normalised first, so 'x' and full-width digits match). */
export function idNumberLookupHash(cipher: FieldCipher, idNumber: string): string {
  return cipher.lookupHash(normalizeIdNumber(idNumber));
}
