import { isAfter, parseDate, type LegalDate } from '../dates/legal-date.js';

/**
 * 公民身份号码 (citizen ID number), GB 11643-1999: 18 characters —
 *   6-digit administrative region code (GB/T 2260) · 8-digit birth date YYYYMMDD · 3-digit sequence code
 *   (odd for men, even for women) · 1 check character (ISO 7064 MOD 11-2, '0'–'9' or 'X').
 *
 * The old 15-digit numbers (before 1999) are refused with reason 'length': people re-register with the 18-digit number.
 * Pure: "today" is passed in, so the birth-date check never reads the clock.
 */

export type IdNumberProblem = 'length' | 'format' | 'birth_date' | 'check_digit';

export type IdNumberResult =
  | { ok: true; number: string; regionCode: string; birthDate: LegalDate; gender: 'male' | 'female' }
  | { ok: false; reason: IdNumberProblem };

/** ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 for the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * First two digits of the region code: the provinces of GB/T 2260 (11 北京 … 65 新疆), 71 台湾, and 81 香港 /
 * 82 澳门 / 83 台湾 as used in residence permits for Hong Kong, Macao and Taiwan residents.
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Earliest birth date accepted: nobody alive, or in a record the platform imports, was born earlier. */
const EARLIEST_BIRTH = '1900-01-01';

/**
 * Normal form: surrounding spaces trimmed, full-width digits and letters (０–９, Ｘ, ｘ) turned to ASCII,
 * a lower-case 'x' turned to 'X'. Spaces inside the number are not removed (they are a format error).
 */
export function normalizeIdNumber(input: string): string {
  return input
    .trim()
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/** The check character for the first 17 digits (throws on anything else; it is a helper for valid input). */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * Validate a citizen ID number, checking in this order: length, format (digits, province code), birth date
 * (a real date, from 1900-01-01, not after `today`), check character.
 */
export function validateIdNumber(input: string, today: LegalDate): IdNumberResult {
  const number = normalizeIdNumber(input);
  if (number.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(number) || !PROVINCE_CODES.has(number.slice(0, 2))) return { ok: false, reason: 'format' };
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (!parseDate(birthDate) || birthDate < EARLIEST_BIRTH || isAfter(birthDate, today)) return { ok: false, reason: 'birth_date' };
  if (idCheckDigit(number.slice(0, 17)) !== number[17]) return { ok: false, reason: 'check_digit' };
  return {
    ok: true,
    number,
    regionCode: number.slice(0, 6),
    birthDate,
    gender: Number(number[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Plain-language explanation of a validation problem, for import reports and form errors. */
export const ID_NUMBER_PROBLEM_MESSAGES: Record<IdNumberProblem, { zh: string; en: string }> = {
  length: { zh: '身份证号应为18位', en: 'An ID number has 18 characters' },
  format: { zh: '身份证号格式不对：前17位应为数字，最后一位为数字或X，前两位应为省级行政区代码', en: 'The ID number is not in the right form: 17 digits, then a digit or X, starting with a province code' },
  birth_date: { zh: '身份证号中的出生日期无效或晚于今天', en: 'The birth date inside the ID number is not a real date, or is later than today' },
  check_digit: { zh: '身份证号最后一位校验码不对，请核对是否输错', en: 'The last character (check digit) does not match; please check for a typing error' },
};

/**
 * For display: region code and last 4 characters kept, the 8 characters between masked —
 * 11010519491231002X → 110105********002X. Input is normalized first; anything shorter than 11 characters is fully
 * masked, and the middle of other odd lengths is masked the same way.
 */
export function maskIdNumber(input: string): string {
  const n = normalizeIdNumber(input);
  if (n.length < 11) return '*'.repeat(n.length);
  return `${n.slice(0, 6)}${'*'.repeat(n.length - 10)}${n.slice(-4)}`;
}
