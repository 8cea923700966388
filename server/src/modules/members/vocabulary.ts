import { ageOn } from './rules.js';
import { addYears, formatDate, isLeapYear, type LegalDate } from '../../platform/dates/legal-date.js';

/**
 * The fixed vocabularies of a person record, used by forms, import validation, search filters and 党内统计 alike.
 */

/** 学历, lowest to highest, as the annual 党内统计 groups them. '初中及以下' covers everything below 高中. */
export const EDUCATION_LEVELS = ['初中及以下', '高中', '中专', '大专', '大学本科', '硕士研究生', '博士研究生'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** The 56 ethnic groups (民族) of the PRC, as written in ID registers. */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

/**
 * Age bands of the annual 党内统计 (and the search filter): 30岁及以下, 31–35, …, 61岁及以上.
 * `max` is inclusive; null means no upper bound.
 */
export const AGE_BANDS = [
  { key: 'to30', min: 0, max: 30, zh: '30岁及以下', en: '30 and under' },
  { key: '31to35', min: 31, max: 35, zh: '31至35岁', en: '31–35' },
  { key: '36to40', min: 36, max: 40, zh: '36至40岁', en: '36–40' },
  { key: '41to45', min: 41, max: 45, zh: '41至45岁', en: '41–45' },
  { key: '46to50', min: 46, max: 50, zh: '46至50岁', en: '46–50' },
  { key: '51to55', min: 51, max: 55, zh: '51至55岁', en: '51–55' },
  { key: '56to60', min: 56, max: 60, zh: '56至60岁', en: '56–60' },
  { key: 'from61', min: 61, max: null, zh: '61岁及以上', en: '61 and over' },
] as const;
export type AgeBandKey = (typeof AGE_BANDS)[number]['key'];

/** The band of an age in 周岁. */
export function bandOfAge(age: number): AgeBandKey {
  return (AGE_BANDS.find((b) => age >= b.min && (b.max === null || age <= b.max)) ?? AGE_BANDS[0]).key;
}

export function ageBandOf(birthDate: LegalDate, on: LegalDate): AgeBandKey {
  return bandOfAge(ageOn(birthDate, on));
}

/**
 * Birth dates that put a person in the band on `on`, for a range query on `birth_date` (an index range, not a
 * computed age per row): born after `bornAfter` (exclusive) and on or before `bornOnOrBefore`.
 */
export function birthRangeOfBand(key: AgeBandKey, on: LegalDate): { bornAfter: LegalDate | null; bornOnOrBefore: LegalDate | null } {
  const band = AGE_BANDS.find((b) => b.key === key) ?? AGE_BANDS[0];
  // The latest birth date with age ≥ years on `on`. Someone born on 29 February is a year older on 28 February of a
  // common year (wholeYearsBetween), so on such a day the boundary moves to the 29th when that year has one.
  const shift = (years: number): LegalDate => {
    const d = addYears(on, -years);
    const y = Number(d.slice(0, 4));
    return on.endsWith('-02-28') && !isLeapYear(Number(on.slice(0, 4))) && isLeapYear(y) ? formatDate(y, 2, 29) : d;
  };
  // Age ≥ min  ⇔ born on or before (on − min years); age ≤ max ⇔ born after (on − (max+1) years).
  return { bornOnOrBefore: band.min > 0 ? shift(band.min) : null, bornAfter: band.max === null ? null : shift(band.max + 1) };
}
