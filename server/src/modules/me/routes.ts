import { Type } from '@sinclair/typebox';
import { withTenant } from '../../platform/db/tenancy.js';
import { actorOf, txContext, type App } from '../../platform/http/app.js';
import { notFound } from '../../platform/http/errors.js';
import { Obj, Ok, Str } from '../../platform/http/schema.js';
import { appendAudit, auditAs } from '../../platform/audit/chain.js';
import { sessionView, SessionView } from '../../platform/auth/session-view.js';

const tags = ['me'];

export async function meRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.patch('/api/me/preferences', {
    config: { permission: 'pending' },
    schema: { tags, summary: '语言与大字模式', body: Obj({ locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')])), largeText: Type.Optional(Type.Boolean()) }, { minProperties: 1 }), response: { 200: SessionView } },
  }, async (req) => {
    const auth = req.auth!;
    const set: { locale?: 'zh-CN' | 'en-US'; large_text?: boolean } = {};
    if (req.body.locale) set.locale = req.body.locale;
    if (req.body.largeText !== undefined) set.large_text = req.body.largeText;
    await withTenant(db, { tenantId: auth.tenantId, actorId: auth.userId, actorName: auth.displayName, sourceIp: req.ip }, async (tx) => {
      await tx.updateTable('users').set(set).where('id', '=', auth.userId).execute();
      await appendAudit(tx, auth.tenantId, { actorId: auth.userId, actorName: auth.displayName, action: 'me.preferences', objectType: 'user', objectId: auth.userId, sourceIp: req.ip, detail: req.body });
    });
    return sessionView(app, { ...auth, locale: set.locale ?? auth.locale, largeText: set.large_text ?? auth.largeText });
  });

  app.get('/api/me/sessions', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '我的登录会话', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), createdAt: Type.String(), lastSeenAt: Type.String(), ip: Type.String(), userAgent: Type.String(), current: Type.Boolean() })) }) } },
  }, async (req) => {
    const actor = actorOf(req);
    const rows = await withTenant(db, txContext(actor), (tx) =>
      tx.selectFrom('sessions').select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent']).where('user_id', '=', actor.userId).where('revoked_at', 'is', null).where('expires_at', '>', new Date()).orderBy('last_seen_at', 'desc').execute());
    // The session id is a hash of the cookie; a short prefix identifies it without exposing it whole.
    return { items: rows.map((s) => ({ id: s.id.slice(0, 16), createdAt: s.created_at.toISOString(), lastSeenAt: s.last_seen_at.toISOString(), ip: s.ip ?? '', userAgent: s.user_agent ?? '', current: s.id === req.auth!.sessionId })) };
  });

  app.delete('/api/me/sessions/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '结束我的某个会话', params: Obj({ id: Str(16, 16, { pattern: '^[0-9a-f]{16}$' }) }), response: { 200: Ok } },
  }, async (req) => {
    const actor = actorOf(req);
    const ctx = txContext(actor);
    await withTenant(db, ctx, async (tx) => {
      const r = await tx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', actor.userId).where('id', 'like', `${req.params.id}%`).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
      if (!r) throw notFound({ zh: '会话', en: 'Session' });
      await auditAs(tx, ctx, { action: 'session.revoke', objectType: 'session', objectId: req.params.id });
    });
    return { ok: true as const };
  });
}
