import { Type, type Static } from '@sinclair/typebox';
import type { App } from '../http/app.js';
import { withTenant } from '../db/tenancy.js';
import { permissionsOf } from '../access/actor.js';
import { roleDef } from '../access/roles.js';
import type { AuthState } from './sessions.js';

export const SessionView = Type.Object({
  stage: Type.Union([Type.Literal('totp'), Type.Literal('password_change'), Type.Literal('totp_setup'), Type.Literal('active')]),
  csrfToken: Type.String(),
  user: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String(), locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')]), largeText: Type.Boolean(), totpEnabled: Type.Boolean() }),
  tenant: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  permissions: Type.Array(Type.String()),
  roles: Type.Array(Type.Object({ role: Type.String(), roleName: Type.String(), orgUnitId: Type.Union([Type.String(), Type.Null()]), orgUnitName: Type.Union([Type.String(), Type.Null()]) })),
  settings: Type.Object({ watermark: Type.Boolean() }),
});

/** What the web app needs to draw itself for this user: identity, permissions for navigation, settings. */
export async function sessionView(app: App, auth: AuthState): Promise<Static<typeof SessionView>> {
  const { user, units } = await withTenant(app.deps.database.db, { tenantId: auth.tenantId, actorId: auth.userId, actorName: auth.displayName, sourceIp: '' }, async (tx) => {
    const user = await tx.selectFrom('users').select(['totp_enabled']).where('id', '=', auth.userId).executeTakeFirstOrThrow();
    const ids = auth.grants.map((g) => g.orgUnitId).filter((x): x is string => !!x);
    const units = ids.length ? await tx.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ids).execute() : [];
    return { user, units };
  });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const lang = auth.locale;
  return {
    stage: auth.stage,
    csrfToken: auth.csrfToken,
    user: { id: auth.userId, username: auth.username, displayName: auth.displayName, locale: auth.locale, largeText: auth.largeText, totpEnabled: user.totp_enabled },
    tenant: { id: auth.tenantId, code: auth.tenantCode, name: auth.tenantName },
    permissions: auth.stage === 'active' ? [...permissionsOf(auth)].sort() : [],
    roles: auth.grants.map((g) => {
      const def = roleDef(g.role);
      return { role: g.role, roleName: def ? (lang === 'en-US' ? def.en : def.zh) : g.role, orgUnitId: g.orgUnitId, orgUnitName: g.orgUnitId ? (unitName.get(g.orgUnitId) ?? null) : null };
    }),
    settings: { watermark: auth.settings.watermark },
  };
}
