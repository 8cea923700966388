import type { Membership, PartyStatus } from '../../platform/db/schema.js';
import { formatDate, isLegalDate } from '../../platform/dates/legal-date.js';
import type { PersonInput } from '../members/person-input.js';
import { PARTY_STATUS_NAMES } from '../members/rules.js';
import { EDUCATION_LEVELS, ETHNICITIES } from '../members/vocabulary.js';

/**
 * The columns of the people import template, in order: header text, the PersonInput field it fills, and the fixed
 * vocabulary offered as a drop-down. The template, the import parser and the report all read this one list.
 */
export type ImportField = Exclude<keyof PersonInput, 'orgUnitId'> | 'orgUnit';

export interface ImportColumn {
  header: string;
  field: ImportField;
  required: boolean;
  width: number;
  list?: readonly string[];
  /** Kept as text in the template (ID numbers and phones must not become numbers). */
  text?: boolean;
  /** The example row of the template. */
  example: string;
  /** One line of the 填写说明 sheet. */
  help: string;
}

const PARTY_STATUS_ORDER: readonly PartyStatus[] = ['none', 'applicant', 'activist', 'candidate', 'probationary', 'full'];
const PARTY_STATUS_LABELS = PARTY_STATUS_ORDER.map((s) => PARTY_STATUS_NAMES[s].zh);
/** Other ways registers write the same status. */
const PARTY_STATUS_SYNONYMS: Record<string, PartyStatus> = {
  中共党员: 'full', 党员: 'full', 中共预备党员: 'probationary', 积极分子: 'activist', 申请人: 'applicant', 申请入党: 'applicant',
};

export const MEMBERSHIP_LABELS: Record<Membership, string> = { normal: '正常', mobile: '流动党员', retained: '组织关系保留' };
const GENDER_LABELS = ['男', '女'] as const;

const DATE_HELP = '日期写作 2020-01-31（也可用 2020/1/31、2020.1.31 或 Excel 日期格式）';

export const PEOPLE_COLUMNS: readonly ImportColumn[] = [
  { header: '姓名', field: 'name', required: true, width: 10, example: '张慧娟', help: '必填，最多50个字' },
  { header: '性别', field: 'gender', required: true, width: 6, list: GENDER_LABELS, example: '女', help: '必填：男 或 女，须与身份证号一致' },
  { header: '民族', field: 'ethnicity', required: true, width: 10, list: ETHNICITIES, example: '汉族', help: '必填：56个民族之一，如“汉族”“回族”' },
  { header: '身份证号', field: 'idNumber', required: true, width: 22, text: true, example: '11010519491231002X', help: '必填，18位，校验码须正确；同一身份证号再次导入时更新原记录，数据相同则不变' },
  { header: '出生日期', field: 'birthDate', required: false, width: 12, example: '1949-12-31', help: `可不填（取自身份证号）；${DATE_HELP}` },
  { header: '手机号', field: 'phone', required: false, width: 14, text: true, example: '13800138000', help: '11位手机号，或带区号的座机号（如010-12345678）' },
  { header: '学历', field: 'education', required: false, width: 12, list: EDUCATION_LEVELS, example: '大学本科', help: `从下拉列表选择：${EDUCATION_LEVELS.join('、')}` },
  { header: '职务', field: 'jobTitle', required: false, width: 14, example: '综合部主任', help: '最多100个字' },
  { header: '工号', field: 'employeeNo', required: false, width: 10, text: true, example: 'E0001', help: '最多100个字' },
  { header: '所在组织', field: 'orgUnit', required: true, width: 30, example: '集团党委/一公司党委/第一党支部', help: '必填：组织全称路径（用“/”分隔，如 集团党委/一公司党委/第一党支部），或在您管理范围内唯一的组织名称' },
  { header: '政治面貌', field: 'partyStatus', required: true, width: 12, list: PARTY_STATUS_LABELS, example: '正式党员', help: `必填：${PARTY_STATUS_LABELS.join('、')}` },
  { header: '申请日期', field: 'appliedOn', required: false, width: 12, example: '1970-03-01', help: `递交入党申请书的日期；${DATE_HELP}` },
  { header: '积极分子日期', field: 'activistOn', required: false, width: 12, example: '1970-09-01', help: '确定为入党积极分子的日期（积极分子及以后必填）' },
  { header: '发展对象日期', field: 'candidateOn', required: false, width: 12, example: '1971-10-01', help: '确定为发展对象的日期（发展对象及以后必填）' },
  { header: '入党日期', field: 'partyJoinedOn', required: false, width: 12, example: '1972-01-10', help: '支部大会接收为预备党员的日期（预备党员、正式党员必填）' },
  { header: '转正日期', field: 'fullOn', required: false, width: 12, example: '1973-01-10', help: '正式党员必填，不早于入党日期后一年' },
  { header: '党籍状态', field: 'membership', required: false, width: 14, list: Object.values(MEMBERSHIP_LABELS), example: '正常', help: '正常（可不填）、流动党员、组织关系保留；后两者仅限党员' },
  { header: '流动/保留说明', field: 'membershipNote', required: false, width: 20, example: '', help: '流动党员的外出去向或组织关系保留的原因，最多200个字' },
];

export const COLUMN_BY_FIELD = new Map<string, ImportColumn>(PEOPLE_COLUMNS.map((c) => [c.field, c]));

/** A header cell as the column it names: trimmed, a trailing 必填 mark (*) or a note in brackets dropped. */
export function normalizeHeader(h: string): string {
  return h.replace(/[\s\u3000]/g, '').replace(/^[*＊]|[*＊]$/g, '').replace(/[（(].*[)）]$/, '');
}

export interface HeaderMap {
  /** Column index in the sheet for each field present. */
  index: Map<ImportField, number>;
  missing: ImportColumn[];
}

export function mapHeaders(headers: readonly string[]): HeaderMap {
  const index = new Map<ImportField, number>();
  const byHeader = new Map(PEOPLE_COLUMNS.map((c) => [c.header, c]));
  headers.forEach((h, i) => {
    const col = byHeader.get(normalizeHeader(h));
    if (col && !index.has(col.field)) index.set(col.field, i);
  });
  return { index, missing: PEOPLE_COLUMNS.filter((c) => c.required && !index.has(c.field)) };
}

/**
 * A date as written in a register: 2020-01-31, 2020/1/31, 2020.1.31, 2020年1月31日, 20200131. Anything else is returned
 * unchanged, so the person rules report it as not a valid date naming the field.
 */
export function normalizeDateText(v: string): string {
  const s = v.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return s;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return s;
  const out = formatDate(y, mo, d);
  return isLegalDate(out) ? out : s;
}

export interface ParsedRow {
  /** The record as PersonInput, except orgUnitId which the caller resolves from `orgUnit`. */
  input: Omit<PersonInput, 'orgUnitId'>;
  orgUnit: string;
  /** Problems found before the person rules run: a value outside a vocabulary the rules do not name in Chinese. */
  problems: { field: ImportField; message: { zh: string; en: string } }[];
}

const DATE_FIELDS = new Set<ImportField>(['birthDate', 'appliedOn', 'activistOn', 'candidateOn', 'partyJoinedOn', 'fullOn']);

/** One sheet row as a person record. Pure: vocabulary labels become codes; the person rules judge the rest. */
export function parseRow(cells: readonly string[], headers: HeaderMap): ParsedRow {
  const get = (f: ImportField): string => {
    const i = headers.index.get(f);
    const v = i === undefined ? '' : (cells[i] ?? '');
    return DATE_FIELDS.has(f) ? normalizeDateText(v) : v.trim();
  };
  const opt = (f: ImportField): string | null => {
    const v = get(f);
    return v === '' ? null : v;
  };
  const problems: ParsedRow['problems'] = [];

  const genderText = get('gender');
  // An unknown gender is passed on as is: checkPersonInput names it (性别应为男或女).
  const gender = (genderText === '男' ? 'male' : genderText === '女' ? 'female' : genderText) as PersonInput['gender'];

  const statusText = get('partyStatus');
  let partyStatus: PartyStatus = 'none';
  if (statusText !== '') {
    const found = PARTY_STATUS_ORDER.find((s) => PARTY_STATUS_NAMES[s].zh === statusText) ?? PARTY_STATUS_SYNONYMS[statusText];
    if (found) partyStatus = found;
    else problems.push({ field: 'partyStatus', message: { zh: `政治面貌应为：${PARTY_STATUS_LABELS.join('、')}`, en: `Party status must be one of: ${PARTY_STATUS_LABELS.join(', ')}` } });
  } else {
    problems.push({ field: 'partyStatus', message: { zh: '请填写政治面貌', en: 'Party status is required' } });
  }

  const membershipText = get('membership');
  let membership: Membership = 'normal';
  if (membershipText !== '') {
    const found = (Object.keys(MEMBERSHIP_LABELS) as Membership[]).find((k) => MEMBERSHIP_LABELS[k] === membershipText);
    if (found) membership = found;
    else problems.push({ field: 'membership', message: { zh: `党籍状态应为：${Object.values(MEMBERSHIP_LABELS).join('、')}`, en: 'Membership must be 正常, 流动党员 or 组织关系保留' } });
  }

  const idNumber = opt('idNumber');
  // Import matches people by ID number, so a row without one could never be recognised on a second import.
  if (idNumber === null) problems.push({ field: 'idNumber', message: { zh: '请填写身份证号（导入按身份证号识别同一人）', en: 'The ID number is required (the import recognises people by it)' } });

  const orgUnit = get('orgUnit');
  if (orgUnit === '') problems.push({ field: 'orgUnit', message: { zh: '请填写所在组织', en: 'Organisation unit is required' } });

  return {
    input: {
      name: get('name'), gender, ethnicity: get('ethnicity'), birthDate: opt('birthDate'), idNumber, phone: opt('phone'),
      education: opt('education'), jobTitle: opt('jobTitle'), employeeNo: opt('employeeNo'), partyStatus,
      appliedOn: opt('appliedOn'), activistOn: opt('activistOn'), candidateOn: opt('candidateOn'), partyJoinedOn: opt('partyJoinedOn'),
      fullOn: opt('fullOn'), membership, membershipNote: opt('membershipNote'),
    },
    orgUnit,
    problems,
  };
}
