import { describe, expect, it } from 'vitest';
import {
  canContain, checkOrgUnit, checkTermChange, childKinds, childPath, DEFAULT_ORG_SETTINGS, orgSettings, renewalReminderDue, renewalReminderFrom,
  rootPath, suggestedKind, termEnds, termState, termYears, type OrgUnitCounts,
} from './rules.js';

// RULES.md §1: 党委 → 党总支 → 党支部 → 党小组, with a group-level 党委 above company 党委s.
describe('org hierarchy', () => {
  it('allows each rank under a higher one', () => {
    expect(canContain('group_committee', 'committee')).toBe(true);
    expect(canContain('committee', 'general_branch')).toBe(true);
    expect(canContain('committee', 'branch')).toBe(true);
    expect(canContain('general_branch', 'branch')).toBe(true);
    expect(canContain('branch', 'party_group')).toBe(true);
  });
  it('allows 党委 under 党委 (any depth) but nothing under a 党小组 and no branch above its parent', () => {
    expect(canContain('committee', 'committee')).toBe(true);
    expect(canContain('party_group', 'party_group')).toBe(false);
    expect(canContain('branch', 'general_branch')).toBe(false);
    expect(canContain('branch', 'branch')).toBe(false);
  });
  it('lists the kinds a subunit may have', () => {
    expect(childKinds('committee')).toEqual(['committee', 'general_branch', 'branch', 'party_group']);
    expect(childKinds('branch')).toEqual(['party_group']);
    expect(childKinds('party_group')).toEqual([]);
  });
  it('builds materialised paths', () => {
    expect(childPath(rootPath('a'), 'b')).toBe('/a/b/');
  });
});

const codes = (f: { code: string }[]) => f.map((x) => x.code);
const branch = (c: Partial<OrgUnitCounts>): OrgUnitCounts => ({ fullMembers: 10, members: 12, hasCommittee: true, committeeMembers: 5, ...c });

describe('org size rules (RULES.md §1)', () => {
  // RULES.md §1: a 党支部 needs at least 3 正式党员; with fewer, a 联合支部 may cover up to 5 units.
  it('warns about a branch with fewer than 3 正式党员 and suggests a 联合支部', () => {
    const f = checkOrgUnit('branch', branch({ fullMembers: 2, members: 3, hasCommittee: false }));
    expect(codes(f)).toEqual(['branch_too_few_full_members']);
    expect(f[0]).toMatchObject({ severity: 'warning', params: { fullMembers: 2, minimum: 3, jointBranchMaxUnits: 5 } });
    expect(f[0]?.rule).toMatch(/^RULES\.md §1/);
    expect(f[0]?.message.zh).toContain('联合党支部');
    expect(codes(checkOrgUnit('branch', branch({ fullMembers: 3, members: 3, hasCommittee: false })))).toEqual([]);
    expect(codes(checkOrgUnit('branch', branch({ fullMembers: 4, members: 4, hasCommittee: false, coveredUnits: 6 })))).toEqual(['joint_branch_too_many_units']);
    expect(codes(checkOrgUnit('branch', branch({ fullMembers: 4, members: 4, hasCommittee: false, coveredUnits: 5 })))).toEqual([]);
  });

  // RULES.md §1: fewer than 7 正式党员: one 书记 (optionally one 副书记), no 支委会.
  it('blocks a 支委会 in a branch with fewer than 7 正式党员', () => {
    const f = checkOrgUnit('branch', branch({ fullMembers: 6, members: 8, hasCommittee: true, committeeMembers: 3 }));
    expect(codes(f)).toEqual(['committee_not_allowed']);
    expect(f[0]?.severity).toBe('block');
    expect(codes(checkOrgUnit('branch', branch({ fullMembers: 6, members: 8, hasCommittee: false })))).toEqual([]);
  });

  // RULES.md §1: 7 or more: a 支委会 of 3–5 members (at most 7).
  it('asks for a 支委会 from 7 正式党员 and checks its size 3–5 (at most 7)', () => {
    expect(codes(checkOrgUnit('branch', branch({ fullMembers: 7, hasCommittee: false })))).toEqual(['committee_required']);
    expect(checkOrgUnit('branch', branch({ fullMembers: 7, hasCommittee: false }))[0]?.severity).toBe('warning');
    expect(codes(checkOrgUnit('branch', branch({ committeeMembers: 2 })))).toEqual(['committee_too_small']);
    expect(codes(checkOrgUnit('branch', branch({ committeeMembers: 3 })))).toEqual([]);
    expect(codes(checkOrgUnit('branch', branch({ committeeMembers: 5 })))).toEqual([]);
    expect(checkOrgUnit('branch', branch({ committeeMembers: 6 }))).toMatchObject([{ code: 'committee_above_usual', severity: 'warning' }]);
    expect(checkOrgUnit('branch', branch({ committeeMembers: 7 }))).toMatchObject([{ code: 'committee_above_usual', severity: 'warning' }]);
    expect(checkOrgUnit('branch', branch({ committeeMembers: 8 }))).toMatchObject([{ code: 'committee_too_large', severity: 'block' }]);
  });

  // RULES.md §1: a branch usually has at most 50 members (warn above); 100+ in an SOE unit: 党委, 50–100: 党总支.
  it('warns about a branch over 50 members and suggests the kind the size calls for', () => {
    expect(codes(checkOrgUnit('branch', branch({ fullMembers: 45, members: 50 })))).toEqual([]);
    const f = checkOrgUnit('branch', branch({ fullMembers: 50, members: 51 }));
    expect(codes(f)).toEqual(['branch_too_many_members', 'kind_below_size']);
    expect(f[1]).toMatchObject({ severity: 'warning', params: { suggestedKind: 'general_branch' } });
    expect(checkOrgUnit('general_branch', { fullMembers: 90, members: 100, hasCommittee: true, committeeMembers: 5 }))
      .toMatchObject([{ code: 'kind_below_size', params: { suggestedKind: 'committee' } }]);
    expect(checkOrgUnit('general_branch', { fullMembers: 90, members: 99, hasCommittee: true, committeeMembers: 5 })).toEqual([]);
    // a 党委 of any size is not flagged (the higher 党组织 may approve a small one)
    expect(checkOrgUnit('committee', { fullMembers: 20, members: 30, hasCommittee: true, committeeMembers: 5 })).toEqual([]);
    expect(suggestedKind(50)).toBeNull();
    expect(suggestedKind(51)).toBe('general_branch');
    expect(suggestedKind(100)).toBe('committee');
  });

  it('uses tenant settings for every threshold', () => {
    const s = orgSettings({ org: { branchMaxMembers: 40, committeeFromMembers: 80, generalBranchAboveMembers: 40 } });
    expect(s.committeeFromFullMembers).toBe(7);
    expect(codes(checkOrgUnit('branch', branch({ members: 41 }), s))).toEqual(['branch_too_many_members', 'kind_below_size']);
    expect(suggestedKind(80, s)).toBe('committee');
    expect(orgSettings(null)).toEqual(DEFAULT_ORG_SETTINGS);
    expect(orgSettings({ org: { termYears: { branch: 5 } } }).termYears).toEqual({ group_committee: 5, committee: 5, general_branch: 3, branch: 5 });
  });
});

describe('terms (RULES.md §1)', () => {
  // RULES.md §1: 基层党委 5 years; 党总支 and 党支部 3 years.
  it('knows term lengths by kind and when a term ends', () => {
    expect(termYears('committee')).toBe(5);
    expect(termYears('general_branch')).toBe(3);
    expect(termYears('branch')).toBe(3);
    expect(termYears('party_group')).toBeNull();
    expect(termEnds('2023-06-15', 'branch', DEFAULT_ORG_SETTINGS)).toBe('2026-06-15');
    expect(termEnds('2021-11-20', 'committee', DEFAULT_ORG_SETTINGS)).toBe('2026-11-20');
    expect(termEnds('2024-02-29', 'general_branch', DEFAULT_ORG_SETTINGS)).toBe('2027-02-28');
    expect(termEnds('2024-01-01', 'party_group', DEFAULT_ORG_SETTINGS)).toBeNull();
    expect(termEnds('2024-01-01', 'branch', orgSettings({ org: { termYears: { branch: 5 } } }))).toBe('2029-01-01');
  });

  // RULES.md §1: a reminder goes out 6 months before a term ends (换届提醒).
  it('reminds 6 months before the term ends', () => {
    expect(renewalReminderFrom('2026-08-31')).toBe('2026-02-28');
    expect(renewalReminderDue('2026-06-15', '2025-12-14')).toBe(false);
    expect(renewalReminderDue('2026-06-15', '2025-12-15')).toBe(true);
    expect(renewalReminderDue('2026-06-15', '2026-07-01')).toBe(true);
    expect(termState('2026-06-15', '2025-12-14')).toBe('running');
    expect(termState('2026-06-15', '2026-06-15')).toBe('renewal_due');
    expect(termState('2026-06-15', '2026-06-16')).toBe('expired');
  });

  // RULES.md §1: extension or early election normally at most 1 year.
  it('blocks an extension or early election of more than 1 year', () => {
    expect(checkTermChange('2026-06-15', '2027-06-15')).toEqual([]);
    expect(checkTermChange('2026-06-15', '2027-06-16')).toMatchObject([{ code: 'term_extension_too_long', severity: 'block', params: { maximum: 12 } }]);
    expect(checkTermChange('2026-06-15', '2025-06-15')).toEqual([]);
    expect(checkTermChange('2026-06-15', '2025-06-14')).toMatchObject([{ code: 'term_early_too_far', severity: 'block' }]);
  });
});
