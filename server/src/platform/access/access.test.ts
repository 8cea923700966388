// Deny by default (ARCHITECTURE.md "Authorization is declared on the route"; ../shared/domain/RULES.md §7 最小权限):
// every /api route declares a permission or an access level, registering one without it fails, and
// each declared permission is enforced: 401 without a session, 403 for a user without it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.js';
import { isPermission, type RouteAccess } from './permissions.js';
import { PLATFORM_TENANT_ID } from '../db/tenancy.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, nextIp, type Agent } from '../../testing/factories.js';

const ACCESS_LEVELS = ['public', 'pending', 'authenticated'];
/** Routes anyone may call without a session. A new one must be added here on purpose. */
const PUBLIC = [
  'GET /api/health', 'GET /api/health/ready', 'GET /api/openapi.json', 'POST /api/auth/login',
  // Payment providers' notices (dues, issue 4): no session, checked by the provider's signature instead.
  'POST /api/dues/pay/notify/:provider/:tenantId',
];

let t: TestApp;
let employee: Agent;
let everything: Agent;
let operator: Agent;

/** A concrete URL for a route pattern: every path parameter becomes a random uuid. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, () => randomUUID());
const apiRoutes = () => t.app.routeTable.filter((r) => r.url.startsWith('/api'));
const permissionRoutes = () => apiRoutes().filter((r) => r.permission && !ACCESS_LEVELS.includes(r.permission));

beforeAll(async () => {
  t = await testApp();
  const tenant = await makeTenant(t);
  const root = await makeUnit(t, tenant.tenantId);
  // No role at all: every enterprise role now holds library.read and assistant.use (学习教育 is for everyone).
  employee = await loginActive(t.app, await makeUser(t, tenant.tenantId, { orgUnitId: root.id }));
  // Fixtures may build what the grant API refuses: one account holding every enterprise role, to show
  // that a holder of the permission is let through the same check.
  everything = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: ['sys_admin', 'sec_admin', 'audit_admin', 'organization_member', 'propaganda_member'] }));
  operator = await loginActive(t.app, await makeUser(t, PLATFORM_TENANT_ID, { role: 'platform_operator' }));
});

afterAll(async () => {
  await t?.close();
});

describe('deny by default: the route table', () => {
  it('has a valid permission or access level on every /api route', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes.filter((r) => !r.permission || !(isPermission(r.permission) || ACCESS_LEVELS.includes(r.permission)));
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('has no public route beyond health, login and the API documents', () => {
    const pub = apiRoutes().filter((r) => r.permission === 'public' && !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`);
    expect(pub.sort()).toEqual([...PUBLIC].sort());
    const docs = apiRoutes().filter((r) => r.url.startsWith('/api/docs'));
    expect(docs.every((r) => r.method === 'GET')).toBe(true);
  });

  it("limits 'pending' (usable before sign-in completes) to the sign-in steps and preferences", () => {
    const pending = apiRoutes().filter((r) => r.permission === 'pending').map((r) => r.url);
    expect(pending.filter((u) => !u.startsWith('/api/auth/') && u !== '/api/me/preferences')).toEqual([]);
  });

  it('refuses to register an /api route without a permission, or with an unknown one', async () => {
    const deps = { database: t.database, cipher: t.cipher, secureCookies: false, version: 'test' };
    const cases: { config?: { permission?: RouteAccess } }[] = [{}, { config: {} }, { config: { permission: 'nonsense.perm' as RouteAccess } }];
    for (const opts of cases) {
      await expect(buildApp(deps, async (app: App) => {
        app.get('/api/undeclared', opts, async () => ({ ok: true }));
      })).rejects.toThrow(/declares no valid permission/);
    }
    // The same route with a declaration registers.
    const ok = await buildApp(deps, async (app: App) => {
      app.get('/api/declared', { config: { permission: 'org.read' } }, async () => ({ ok: true }));
    });
    expect(ok.routeTable.some((r) => r.url === '/api/declared' && r.permission === 'org.read')).toBe(true);
    await ok.close();
  });
});

describe('deny by default: every route with a permission, over HTTP', () => {
  it('answers 401 without a session on every non-public route', async () => {
    const failures: string[] = [];
    for (const r of apiRoutes().filter((x) => x.permission !== 'public')) {
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url), remoteAddress: nextIp(), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      if (res.statusCode !== 401) failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to a signed-in employee (no permissions) on every route that declares one', async () => {
    const routes = permissionRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const r of routes) {
      const res = await employee.inject({ method: r.method as 'GET', url: concrete(r.url), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      if (res.statusCode !== 403 || res.json<{ error: string }>().error !== 'forbidden') failures.push(`${r.method} ${r.url} → ${res.statusCode} ${res.body}`);
    }
    expect(failures).toEqual([]);
  });

  it('lets a holder of the permission past the check on the same routes (no blanket refusal)', async () => {
    const failures: string[] = [];
    for (const r of permissionRoutes()) {
      const who = r.permission === 'platform.tenants' ? operator : everything;
      const res = await who.inject({ method: r.method as 'GET', url: concrete(r.url), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      // A random id answers 404 and an empty body 400; neither is a refusal of the permission.
      if (res.statusCode === 401 || (res.statusCode === 403 && res.json<{ error: string }>().error === 'forbidden') || res.statusCode >= 500) {
        failures.push(`${r.method} ${r.url} → ${res.statusCode} ${res.body}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses platform routes to an enterprise user holding every enterprise role', async () => {
    expect((await everything.get('/api/platform/tenants')).statusCode).toBe(403);
    expect((await operator.get('/api/accounts')).statusCode).toBe(403);
  });
});
