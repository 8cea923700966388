import { describe, expect, it } from 'vitest';
import { canContain, childKinds, childPath, rootPath } from './rules.js';

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
