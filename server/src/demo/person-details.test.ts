// Demo people carry records the people API would accept: every one passes checkPersonInput (GB 11643 ID agreeing with
// birth date and gender, phone, §2 dates in order for the status), ID numbers are unique, and a few are 流动党员 or
// 组织关系保留 (RULES.md §3).
import { describe, expect, it } from 'vitest';
import { checkPersonInput } from '../modules/members/person-input.js';
import { DEFAULT_DEMO_SEED, generateDemoOrg } from './generate.js';

const REF = '2026-11-25';
const demo = generateDemoOrg({ seed: DEFAULT_DEMO_SEED, referenceDate: REF });

describe('demo person details', () => {
  it('every demo person is a valid record for the people API', () => {
    for (const p of demo.people) {
      const problems = checkPersonInput({
        name: p.name, gender: p.gender, ethnicity: p.ethnicity, birthDate: p.birthDate, idNumber: p.details.idNumber, phone: p.details.phone,
        education: p.education, jobTitle: p.jobTitle, employeeNo: null, orgUnitId: p.orgUnitId, partyStatus: p.partyStatus,
        appliedOn: p.details.appliedOn, activistOn: p.details.activistOn, candidateOn: p.details.candidateOn, partyJoinedOn: p.partyJoinedOn,
        fullOn: p.details.fullOn, membership: p.details.membership, membershipNote: p.details.membershipNote,
      }, REF);
      expect(problems, `${p.name} ${p.partyStatus}`).toEqual([]);
    }
  });

  it('ID numbers are unique; some members are 流动党员 and some 组织关系保留', () => {
    expect(new Set(demo.people.map((p) => p.details.idNumber)).size).toBe(demo.people.length);
    expect(demo.people.filter((p) => p.details.membership === 'mobile').length).toBeGreaterThan(3);
    expect(demo.people.filter((p) => p.details.membership === 'retained').length).toBeGreaterThan(0);
  });

  it('adding details leaves the rest of the demo as it was (a separate random stream)', () => {
    const again = generateDemoOrg({ seed: DEFAULT_DEMO_SEED, referenceDate: REF });
    expect(again.people.map((p) => p.details.idNumber)).toEqual(demo.people.map((p) => p.details.idNumber));
  });
});
