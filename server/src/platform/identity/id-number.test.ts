import { describe, expect, it } from 'vitest';
import { idCheckDigit, maskIdNumber, normalizeIdNumber, validateIdNumber } from './id-number.js';

const TODAY = '2026-05-01';

/**
 * GB 11643-1999 / ISO 7064 MOD 11-2, written independently of the code under test: weight of position i (1-based from
 * the left, check character at 18) is 2^(18-i) mod 11; the check character makes the weighted sum ≡ 1 (mod 11).
 */
function referenceCheck(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * (2 ** (17 - i) % 11), 0);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}
const make = (first17: string) => first17 + referenceCheck(first17);

describe('citizen ID number (GB 11643-1999)', () => {
  it('accepts the published example 11010519491231002X (female, born 1949-12-31)', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true, number: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: 'female',
    });
  });

  it('computes the check character like the reference (MOD 11-2), including X', () => {
    for (const first17 of ['11010519491231002', '44052418800101001', '11010120000101001', '51010720080229006', '65010220080602005', '33010219781111333']) {
      expect(idCheckDigit(first17)).toBe(referenceCheck(first17));
    }
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(() => idCheckDigit('1101051949123100')).toThrow(RangeError);
  });

  it('reads birth date and gender (odd sequence digit = male) from generated numbers', () => {
    const man = make('11010120000101001');
    expect(validateIdNumber(man, TODAY)).toMatchObject({ ok: true, birthDate: '2000-01-01', gender: 'male' });
    const woman = make('44030619951120232');
    expect(validateIdNumber(woman, TODAY)).toMatchObject({ ok: true, birthDate: '1995-11-20', gender: 'female', regionCode: '440306' });
    // 29 February in a leap year; born today is still valid
    expect(validateIdNumber(make('51010720080229006'), TODAY)).toMatchObject({ ok: true, birthDate: '2008-02-29' });
    expect(validateIdNumber(make('11010120260501001'), TODAY)).toMatchObject({ ok: true, birthDate: '2026-05-01' });
    // Hong Kong / Macao / Taiwan residence permits (81/82/83)
    expect(validateIdNumber(make('81000019900101001'), TODAY)).toMatchObject({ ok: true });
  });

  it('normalises: trims, full-width digits, lower-case or full-width x', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('11010519491231002ｘ')).toBe('11010519491231002X');
    expect(validateIdNumber('\t１１０１０５１９４９１２３１００２ｘ\n', TODAY)).toMatchObject({ ok: true, number: '11010519491231002X' });
  });

  it('refuses a wrong length (including old 15-digit numbers)', () => {
    expect(validateIdNumber('', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber('110105491231002', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber('11010519491231002X1', TODAY)).toEqual({ ok: false, reason: 'length' });
  });

  it('refuses a bad format: letters, X not last, spaces inside, unknown province code', () => {
    expect(validateIdNumber('1101051949123100AX', TODAY)).toEqual({ ok: false, reason: 'format' });
    expect(validateIdNumber('110105194912310X2X', TODAY)).toEqual({ ok: false, reason: 'format' });
    expect(validateIdNumber('110105 9491231002X', TODAY)).toEqual({ ok: false, reason: 'format' });
    expect(validateIdNumber(make('01010519491231002'), TODAY)).toEqual({ ok: false, reason: 'format' });
    expect(validateIdNumber(make('99010519491231002'), TODAY)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses an impossible or future birth date', () => {
    expect(validateIdNumber(make('11010120260230001'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(validateIdNumber(make('11010120251301001'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(validateIdNumber(make('11010120070229001'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(validateIdNumber(make('11010120260502001'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    // Valid check digit, but born 1880: earlier than any living person, so treated as a typing error
    expect(validateIdNumber('440524188001010014', TODAY)).toEqual({ ok: false, reason: 'birth_date' });
  });

  it('refuses a wrong check character', () => {
    expect(validateIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, reason: 'check_digit' });
    expect(validateIdNumber('110105194912310029', TODAY)).toEqual({ ok: false, reason: 'check_digit' });
    // an adjacent transposition (002 → 020) and a single wrong digit are caught
    expect(validateIdNumber('11010519491231020X', TODAY)).toEqual({ ok: false, reason: 'check_digit' });
    expect(validateIdNumber('11010519491231003X', TODAY)).toEqual({ ok: false, reason: 'check_digit' });
  });

  it('masks for display', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber(' 11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber('12345')).toBe('*****');
  });
});
