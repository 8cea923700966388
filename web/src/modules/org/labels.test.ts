import { describe, expect, it } from 'vitest';
import { childKinds } from './labels';

describe('org child kinds (same rule as the server)', () => {
  it('a party group has no sub-units', () => {
    expect(childKinds('party_group')).toEqual([]);
  });
  it('a branch may only have party groups', () => {
    expect(childKinds('branch')).toEqual(['party_group']);
  });
  it('a committee may contain committees and everything below it', () => {
    expect(childKinds('committee')).toEqual(['committee', 'general_branch', 'branch', 'party_group']);
  });
  it('a group committee never contains another group committee', () => {
    expect(childKinds('group_committee')).not.toContain('group_committee');
  });
});
