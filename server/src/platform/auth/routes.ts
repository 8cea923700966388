import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app.js';
import { unauthorized } from '../http/errors.js';
import { Obj, Ok, Str } from '../http/schema.js';
import { SESSION_COOKIE, type AuthState } from './sessions.js';
import { changePassword, completeTotp, confirmTotpSetup, login, logout, startTotpSetup } from './service.js';
import { sessionView, SessionView } from './session-view.js';

const Stage = Type.Union([Type.Literal('totp'), Type.Literal('password_change'), Type.Literal('totp_setup'), Type.Literal('active')]);
const StageReply = Type.Object({ stage: Stage, csrfToken: Type.String() });
const tags = ['auth'];

function requireAuth(req: FastifyRequest): AuthState {
  if (!req.auth) throw unauthorized();
  return req.auth;
}

function setSessionCookie(app: App, reply: FastifyReply, token: string) {
  // Server-side session; the cookie is only a handle. Strict SameSite plus the CSRF header guard writes.
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: app.deps.secureCookies });
}

export async function authRoutes(app: App): Promise<void> {
  const loginLimit = { max: 10, timeWindow: '1 minute' };

  app.post('/api/auth/login', {
    config: { permission: 'public', rateLimit: loginLimit },
    schema: { tags, summary: '账号密码登录', body: Obj({ tenant: Str(1, 64), username: Str(1, 64), password: Str(1, 128) }), response: { 200: StageReply } },
  }, async (req, reply) => {
    const r = await login(app.deps, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? '' });
    setSessionCookie(app, reply, r.token);
    return { stage: r.stage, csrfToken: r.csrfToken };
  });

  app.post('/api/auth/totp', {
    config: { permission: 'pending', rateLimit: loginLimit },
    schema: { tags, summary: '输入动态口令或恢复码', body: Obj({ code: Type.Optional(Str(6, 6, { pattern: '^[0-9]{6}$' })), recoveryCode: Type.Optional(Str(8, 20)) }), response: { 200: StageReply } },
  }, async (req) => {
    const auth = requireAuth(req);
    return { stage: await completeTotp(app.deps, auth, req.body, req.ip), csrfToken: auth.csrfToken };
  });

  app.post('/api/auth/password', {
    config: { permission: 'pending', rateLimit: loginLimit },
    schema: { tags, summary: '修改密码', body: Obj({ currentPassword: Str(1, 128), newPassword: Str(1, 128) }), response: { 200: StageReply } },
  }, async (req) => {
    const auth = requireAuth(req);
    return { stage: await changePassword(app.deps, auth, req.body, req.ip), csrfToken: auth.csrfToken };
  });

  app.post('/api/auth/totp/setup', {
    config: { permission: 'pending' },
    schema: { tags, summary: '开始绑定动态口令', response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrDataUrl: Type.String() }) } },
  }, async (req) => startTotpSetup(app.deps, requireAuth(req), req.ip));

  app.post('/api/auth/totp/confirm', {
    config: { permission: 'pending', rateLimit: loginLimit },
    schema: { tags, summary: '确认绑定动态口令，返回一次性恢复码', body: Obj({ code: Str(6, 6, { pattern: '^[0-9]{6}$' }) }), response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()), stage: Stage }) } },
  }, async (req) => confirmTotpSetup(app.deps, requireAuth(req), req.body.code, req.ip));

  app.post('/api/auth/logout', { config: { permission: 'pending' }, schema: { tags, summary: '退出登录', response: { 200: Ok } } }, async (req, reply) => {
    await logout(app.deps, requireAuth(req), req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/session', { config: { permission: 'pending' }, schema: { tags, summary: '当前会话、权限和设置', response: { 200: SessionView } } }, async (req) =>
    sessionView(app, requireAuth(req)));
}
