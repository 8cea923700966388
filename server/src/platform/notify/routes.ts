import { Type } from '@sinclair/typebox';
import { withTenant, type Tx } from '../db/tenancy.js';
import { actorOf, txContext, type App } from '../http/app.js';
import { Nullable, Obj, PageQuery, Str, Uuid } from '../http/schema.js';
import { badField } from '../http/errors.js';
import { auditAs } from '../audit/chain.js';
import { securitySettings } from '../auth/policy.js';
import { contactOf, listInbox, markRead, saveContact, unreadCount } from './inbox.js';
import { mailerFromEnv } from './mailer.js';
import { startOutboxWorker } from './outbox.js';

const tags = ['notifications'];
const Item = Type.Object({ id: Type.String(), kind: Type.String(), title: Type.String(), body: Type.String(), link: Nullable(Type.String()), createdAt: Type.String(), read: Type.Boolean() });
const Contact = Type.Object({ email: Nullable(Type.String()), emailEnabled: Type.Boolean(), mailAvailable: Type.Boolean() });
async function fieldAlgorithm(tx: Tx, tenantId: string) {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return securitySettings(t.settings).fieldAlgorithm;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The signed-in user's inbox and e-mail contact; the e-mail sender runs beside the server when SMTP_URL is set. */
export async function notifyRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  if (!process.env.VITEST) {
    const mailer = mailerFromEnv();
    if (mailer) {
      let stop: (() => void) | null = null;
      app.addHook('onReady', async () => { stop = startOutboxWorker(db, mailer, app.deps.cipher, app.log); });
      app.addHook('onClose', async () => { stop?.(); });
    }
  }

  app.get('/api/notifications', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '我的消息', querystring: Obj({ ...PageQuery, unread: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ items: Type.Array(Item), total: Type.Integer(), unread: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) },
    },
  }, async (req) => {
    const actor = actorOf(req);
    const r = await withTenant(db, txContext(actor), (tx) => listInbox(tx, actor.userId, req.query));
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/api/notifications/unread', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '未读消息数', response: { 200: Type.Object({ unread: Type.Integer() }) } },
  }, async (req) => {
    const actor = actorOf(req);
    return { unread: await withTenant(db, txContext(actor), (tx) => unreadCount(tx, actor.userId)) };
  });

  app.post('/api/notifications/read', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '标为已读（指定消息或全部）', body: Obj({ ids: Type.Optional(Type.Array(Uuid, { maxItems: 200 })), all: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ updated: Type.Integer(), unread: Type.Integer() }) },
    },
  }, async (req) => {
    const actor = actorOf(req);
    const ctx = txContext(actor);
    if (!req.body.all && !req.body.ids) throw badField('ids', { zh: '请指定要标为已读的消息', en: 'Name the notifications to mark read' });
    return withTenant(db, ctx, async (tx) => {
      const updated = await markRead(tx, actor.userId, req.body.all ? 'all' : req.body.ids ?? []);
      if (updated > 0) await auditAs(tx, ctx, { action: 'notification.read', objectType: 'user', objectId: actor.userId, detail: { count: updated } });
      return { updated, unread: await unreadCount(tx, actor.userId) };
    });
  });

  app.get('/api/notifications/contact', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '我的邮件通知设置', response: { 200: Contact } },
  }, async (req) => {
    const actor = actorOf(req);
    return withTenant(db, txContext(actor), (tx) => contactOf(tx, app.deps.cipher, actor.userId));
  });

  app.put('/api/notifications/contact', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '设置邮件通知', body: Obj({ email: Nullable(Str(0, 200)), emailEnabled: Type.Boolean() }), response: { 200: Contact } },
  }, async (req) => {
    const actor = actorOf(req);
    const ctx = txContext(actor);
    const email = req.body.email?.trim() || null;
    if (email && !EMAIL.test(email)) throw badField('email', { zh: '电子邮箱格式不正确', en: 'The e-mail address is not valid' });
    if (req.body.emailEnabled && !email) throw badField('email', { zh: '接收邮件通知须填写电子邮箱', en: 'Give an e-mail address to receive e-mail' });
    return withTenant(db, ctx, async (tx) => {
      await saveContact(tx, app.deps.cipher, ctx.tenantId, actor.userId, { email, emailEnabled: req.body.emailEnabled }, await fieldAlgorithm(tx, ctx.tenantId));
      // The address itself stays out of the audit log (personal information).
      await auditAs(tx, ctx, { action: 'notification.contact', objectType: 'user', objectId: actor.userId, detail: { email: email !== null, emailEnabled: req.body.emailEnabled } });
      return contactOf(tx, app.deps.cipher, actor.userId);
    });
  });
}
