import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../db/database.js';
import type { FieldCipher } from '../crypto/fields.js';
import type { TxContext } from '../db/tenancy.js';
import { isPermission, type RouteAccess } from '../access/permissions.js';
import { permissionsOf, type Actor } from '../access/actor.js';
import { resolveSession, SESSION_COOKIE, type AuthState } from '../auth/sessions.js';
import { auditDenied } from '../audit/denied.js';
import { AppError, forbidden, unauthorized, type Msg } from './errors.js';
import { langOf, pick } from './lang.js';
import { describeValidationError } from './validation.js';
import { crossSiteRefused, sameOrigin } from './origin.js';
import type { Files } from '../files/service.js';
import { fileLimitsFromEnv, temporaryFileStore } from '../files/config.js';

export interface AppDeps {
  database: Database;
  cipher: FieldCipher;
  secureCookies: boolean;
  version: string;
  /** Directory of the built web app; served with SPA fallback when present. */
  webDist?: string | null;
  /** The file store and size limits (platform/files); tools that serve no files may leave it out (a temp store). */
  files?: Files;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route: a permission or an access level. Deny by default. */
    permission?: RouteAccess;
  }
  interface FastifyRequest {
    auth: AuthState | null;
    authEndedReason: 'none' | 'idle';
  }
  interface FastifyInstance {
    deps: AppDeps;
    /** Every registered route with its declared access, for the deny-by-default test. */
    routeTable: { method: string; url: string; permission: RouteAccess | undefined }[];
    /** Where uploaded files are kept (platform/files). */
    files: Files;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PLUGIN_PUBLIC_PREFIXES = ['/api/docs'];

/** The acting user, for services. Only valid on routes that need a fully logged-in session. */
export function actorOf(req: FastifyRequest): Actor {
  const a = req.auth;
  if (!a) throw unauthorized();
  return { userId: a.userId, tenantId: a.tenantId, tenantKind: a.tenantKind, username: a.username, displayName: a.displayName, sourceIp: req.ip, grants: a.grants };
}

export function txContext(actor: Actor): TxContext {
  return { tenantId: actor.tenantId, actorId: actor.userId, actorName: actor.displayName, sourceIp: actor.sourceIp, platform: actor.tenantKind === 'platform' && permissionsOf(actor).has('platform.tenants') };
}

export async function buildApp(deps: AppDeps, registerRoutes: (app: App) => Promise<void>): Promise<App> {
  const app = Fastify({
    logger: process.env.LOG_LEVEL === 'silent' ? false : { level: process.env.LOG_LEVEL ?? 'info' },
    bodyLimit: 1_048_576,
    trustProxy: process.env.TRUST_PROXY === '1',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  app.decorate('routeTable', []);
  app.decorate('files', deps.files ?? { store: temporaryFileStore(), limits: fileLimitsFromEnv() });
  app.decorateRequest('auth', null);
  app.decorateRequest('authEndedReason', 'none');

  // Deny by default: an /api route without a declared permission refuses to register.
  app.addHook('onRoute', (route) => {
    if (PLUGIN_PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) route.config = { ...(route.config ?? {}), permission: 'public' };
    const permission = (route.config as { permission?: RouteAccess } | undefined)?.permission;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') app.routeTable.push({ method: m, url: route.url, permission });
    if (route.url.startsWith('/api') && (!permission || !(isPermission(permission) || ['public', 'pending', 'authenticated'].includes(permission)))) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no valid permission`);
    }
  });

  // Security headers: CSP (antd injects styles at run time, hence inline styles), no framing, no sniffing.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        // Only behind HTTPS: on a plain-HTTP intranet address it would break every asset.
        'upgrade-insecure-requests': deps.secureCookies ? [] : null,
      },
    },
    hsts: deps.secureCookies,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '智慧政工云 Zhenggong Cloud API', version: deps.version, description: 'Every route declares its permission (x-permission). Writes need the x-csrf-token header.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: ({ schema, url, route }) => {
      const permission = (route.config as { permission?: RouteAccess } | undefined)?.permission;
      return { schema: { ...(schema ?? {}), 'x-permission': permission } as typeof schema, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config.permission;
    if (!req.url.startsWith('/api') || access === undefined) return;
    const token = access === 'public' ? undefined : req.cookies[SESSION_COOKIE];
    if (token) {
      const r = await resolveSession(deps.database.db, token);
      req.auth = r.state;
      if (!r.state) {
        req.authEndedReason = r.reason;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (access === 'public') {
      // Login has no session yet; a cross-site form post is refused by its Origin.
      if (WRITE_METHODS.has(req.method) && !sameOrigin(req, { required: false })) throw crossSiteRefused();
      return;
    }
    const auth = req.auth;
    if (!auth) {
      throw req.authEndedReason === 'idle'
        ? new AppError(401, 'session_idle', { zh: '长时间未操作，会话已结束，请重新登录', en: 'Your session ended after a period of inactivity. Please log in again.' })
        : unauthorized();
    }
    if (WRITE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new AppError(403, 'csrf', { zh: '页面已过期，请刷新后重试', en: 'The page is out of date; reload and try again' });
    }
    if (access === 'pending') return;
    if (auth.stage !== 'active') {
      throw new AppError(403, 'login_incomplete', { zh: '请先完成登录步骤（修改密码或绑定动态口令）', en: 'Finish signing in first (password change or authenticator setup)' });
    }
    if (access === 'authenticated') return;
    if (!permissionsOf(auth).has(access)) {
      await auditDenied(deps.database.db, auth, { method: req.method, route: req.routeOptions.url ?? req.url, permission: access, ip: req.ip });
      throw forbidden();
    }
  });

  app.setErrorHandler((err, req, reply) => {
    const lang = langOf(req);
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ statusCode: err.statusCode, error: err.code, message: pick(err.msg, lang), ...(err.field ? { field: err.field } : {}) });
    }
    const e = err as { validation?: Parameters<typeof describeValidationError>[0]; validationContext?: string; statusCode?: number; code?: string };
    if (e.validation) {
      const { field, msg } = describeValidationError(e.validation);
      return reply.status(400).send({ statusCode: 400, error: 'validation', message: pick(msg, lang), field });
    }
    const status = e.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ statusCode: status, error: e.code ?? 'bad_request', message: pick(CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400]!, lang) });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ statusCode: 500, error: 'internal', message: pick({ zh: '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' }, lang) });
  });

  app.setNotFoundHandler((req, reply) => {
    // API paths and missing build assets answer 404; any other path is a client-side route of the SPA.
    if (req.url.startsWith('/api') || req.url.startsWith('/assets/') || !deps.webDist) {
      return reply.status(404).send({ statusCode: 404, error: 'not_found', message: pick({ zh: '没有这个接口', en: 'No such endpoint' }, langOf(req)) });
    }
    return reply.type('text/html').sendFile('index.html');
  });

  if (deps.webDist && fs.existsSync(path.join(deps.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: deps.webDist, wildcard: false });
  }

  await registerRoutes(app);
  return app;
}

const CLIENT_ERRORS: Record<number, Msg> = {
  400: { zh: '请求内容不正确', en: 'The request is not valid' },
  404: { zh: '没有这个接口', en: 'No such endpoint' },
  405: { zh: '不支持的请求方法', en: 'Method not allowed' },
  413: { zh: '提交的内容太大', en: 'The request body is too large' },
  415: { zh: '不支持的内容类型，请以 JSON 提交', en: 'Unsupported content type; send JSON' },
  429: { zh: '操作太频繁，请稍后再试', en: 'Too many requests; please wait and try again' },
};

export function defaultWebDist(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');
}
