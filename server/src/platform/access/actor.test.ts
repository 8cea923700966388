import { describe, expect, it } from 'vitest';
import { can, permissionsOf, scopesFor } from './actor.js';
import { grantRefusal, ROLES } from './roles.js';

const branchSecretary = { grants: [{ role: 'branch_secretary', orgUnitId: 'b', path: '/g/c/b/' }] };

describe('org-scoped access', () => {
  it('a role granted on a unit covers its subtree and nothing beside it', () => {
    expect(can(branchSecretary, 'people.read', '/g/c/b/')).toBe(true);
    expect(can(branchSecretary, 'people.read', '/g/c/b/group1/')).toBe(true);
    expect(can(branchSecretary, 'people.read', '/g/c/b2/')).toBe(false);
    expect(can(branchSecretary, 'people.read', '/g/c/')).toBe(false);
    expect(can(branchSecretary, 'accounts.manage', '/g/c/b/')).toBe(false);
  });
  it('merges nested scopes and treats tenant-wide roles as the whole tenant', () => {
    const a = { grants: [{ role: 'branch_secretary', orgUnitId: 'b', path: '/g/c/b/' }, { role: 'hr_staff', orgUnitId: 'c', path: '/g/c/' }] };
    expect(scopesFor(a, 'people.read')).toEqual(['/g/c/']);
    expect(scopesFor({ grants: [{ role: 'sys_admin', orgUnitId: null, path: '' }] }, 'org.manage')).toEqual(['']);
  });
});

describe('三员分立 (RULES.md §7)', () => {
  const perms = (role: string) => permissionsOf({ grants: [{ role, orgUnitId: null, path: '' }] });
  it('the system administrator cannot read the audit log', () => {
    expect(perms('sys_admin').has('audit.read')).toBe(false);
  });
  it('the audit administrator cannot change accounts or roles', () => {
    expect(perms('audit_admin').has('accounts.manage')).toBe(false);
    expect(perms('audit_admin').has('roles.grant')).toBe(false);
  });
  it('no role holds two of the separated duties', () => {
    for (const r of ROLES) {
      const p = new Set<string>(r.permissions);
      const duties = [p.has('accounts.manage'), p.has('roles.grant') || p.has('security.manage'), p.has('audit.read')].filter(Boolean);
      expect(duties.length, r.key).toBeLessThanOrEqual(1);
    }
  });
  it('one person may not hold two administrator roles, nor grant roles to themselves', () => {
    expect(grantRefusal({ granterId: 's', granteeId: 'u', role: 'audit_admin', granteeRoles: ['sys_admin'], tenantKind: 'enterprise' })).toBe('separation_of_duties');
    expect(grantRefusal({ granterId: 'u', granteeId: 'u', role: 'party_member', granteeRoles: [], tenantKind: 'enterprise' })).toBe('self_grant');
    expect(grantRefusal({ granterId: 's', granteeId: 'u', role: 'platform_operator', granteeRoles: [], tenantKind: 'enterprise' })).toBe('platform_only');
    expect(grantRefusal({ granterId: 's', granteeId: 'u', role: 'party_member', granteeRoles: ['sys_admin'], tenantKind: 'enterprise' })).toBeNull();
  });
});
