import { describe, expect, it } from 'vitest';
import { addDays, compareDates } from '../../platform/dates/legal-date.js';
import { AGE_BANDS, ageBandOf, birthRangeOfBand, ETHNICITIES } from './vocabulary.js';

describe('person vocabularies', () => {
  it('lists the 56 民族 once each', () => {
    expect(ETHNICITIES).toHaveLength(56);
    expect(new Set(ETHNICITIES).size).toBe(56);
  });

  it('age bands cover every age without overlap', () => {
    for (let age = 0; age <= 120; age++) expect(AGE_BANDS.filter((b) => age >= b.min && (b.max === null || age <= b.max))).toHaveLength(1);
  });

  // The search filter turns a band into a birth-date range; it must agree with the band computed per person,
  // including leap days (on and born on 29 February).
  it.each(['2026-11-25', '2028-02-29', '2027-03-01', '2025-02-28'])('birth-date ranges agree with ageBandOf on %s', (on) => {
    let d = addDays(on, -366 * 70);
    while (compareDates(d, on) <= 0) {
      const key = ageBandOf(d, on);
      for (const b of AGE_BANDS) {
        const r = birthRangeOfBand(b.key, on);
        const inRange = (r.bornAfter === null || compareDates(d, r.bornAfter) > 0) && (r.bornOnOrBefore === null || compareDates(d, r.bornOnOrBefore) <= 0);
        if (inRange !== (b.key === key)) throw new Error(`${d} on ${on}: band ${key}, range of ${b.key} says ${inRange}`);
      }
      d = addDays(d, 1);
    }
    expect(ageBandOf('1996-11-25', '2026-11-25')).toBe('to30');
    expect(ageBandOf('1995-11-25', '2026-11-25')).toBe('31to35');
  });
});
