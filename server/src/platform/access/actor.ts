import type { Permission } from './permissions.js';
import { roleDef } from './roles.js';

export interface Grant {
  role: string;
  orgUnitId: string | null;
  /** Org path of the unit the role is granted on; '' for tenant-wide roles. */
  path: string;
}

/** The authenticated user behind a request. */
export interface Actor {
  userId: string;
  tenantId: string;
  tenantKind: 'enterprise' | 'platform';
  username: string;
  displayName: string;
  sourceIp: string;
  grants: Grant[];
}

/** Every permission the actor holds anywhere (for navigation and route-level checks). */
export function permissionsOf(actor: Pick<Actor, 'grants'>): Set<Permission> {
  const out = new Set<Permission>();
  for (const g of actor.grants) for (const p of roleDef(g.role)?.permissions ?? []) out.add(p);
  return out;
}

export function isAdmin(grants: readonly Pick<Grant, 'role'>[]): boolean {
  return grants.some((g) => roleDef(g.role)?.admin === true);
}

/** Org-path prefixes on which the actor holds `permission`; '' means the whole tenant. */
export function scopesFor(actor: Pick<Actor, 'grants'>, permission: Permission): string[] {
  const paths = actor.grants.filter((g) => roleDef(g.role)?.permissions.includes(permission)).map((g) => g.path);
  if (paths.includes('')) return [''];
  // Drop paths already covered by an ancestor path.
  return paths.filter((p, i) => !paths.some((q, j) => j !== i && q !== p && p.startsWith(q))).filter((p, i, a) => a.indexOf(p) === i);
}

/** Whether the actor holds `permission` on the org unit with path `orgPath` (a grant covers its subtree). */
export function can(actor: Pick<Actor, 'grants'>, permission: Permission, orgPath: string): boolean {
  return scopesFor(actor, permission).some((p) => orgPath.startsWith(p));
}
