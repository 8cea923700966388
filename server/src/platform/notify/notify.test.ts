// Notifications: the in-app inbox (one per account, tenant-isolated), and e-mail through a real SMTP client (nodemailer)
// to a local SMTP server (smtp-server) that speaks the protocol: queued only when SMTP is configured and the user gave
// an address (stored encrypted), sent from the outbox with retries, the address never in the audit log.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { asOwner } from '../../testing/db.js';
import { loginActive, makeTenant, makeUser, type Agent, type TestTenant, type TestUser } from '../../testing/factories.js';
import { withTenant } from '../db/tenancy.js';
import { deliver } from './inbox.js';
import { smtpMailer } from './mailer.js';
import { flushOutbox, MAX_ATTEMPTS } from './outbox.js';

interface Received { from: string; to: string[]; subject: string; text: string; auth: string | null }

let t: TestApp;
let tenant: TestTenant;
let other: TestTenant;
let alice: TestUser;
let bob: TestUser;
let a: Agent;
let b: Agent;
let smtp: SMTPServer;
let port = 0;
const received: Received[] = [];
let refuseNext = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'], authOptional: true, allowInsecureAuth: true, logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'mailer' && auth.password === 's3cret') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(_address, _session, cb) {
      if (refuseNext > 0) {
        refuseNext -= 1;
        const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      void simpleParser(stream).then((m) => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address),
          subject: m.subject ?? '', text: m.text ?? '', auth: typeof session.user === 'string' ? session.user : null,
        });
        cb();
      }, cb);
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  port = (smtp.server.address() as AddressInfo).port;
  t = await testApp();
  [tenant, other] = await Promise.all([makeTenant(t), makeTenant(t)]);
  [alice, bob] = await Promise.all([makeUser(t, tenant.tenantId, { displayName: '张三' }), makeUser(t, tenant.tenantId, { displayName: '李四' })]);
  [a, b] = await Promise.all([loginActive(t.app, alice), loginActive(t.app, bob)]);
});

afterEach(() => {
  delete process.env.SMTP_URL;
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const ctx = (tenantId: string) => ({ tenantId, actorId: null, actorName: 'notify-test', sourceIp: '' });
const notice = (userId: string, title: string, dedupeKey?: string) => ({ userId, kind: 'meeting.notice', title, body: '时间：明天下午\n地点：三楼', link: '/meetings/x', ...(dedupeKey ? { dedupeKey } : {}) });
const outboxRows = () => asOwner(t.database, (tx) => tx.selectFrom('email_outbox').selectAll().where('tenant_id', '=', tenant.tenantId).orderBy('created_at').execute());

describe('the in-app inbox', () => {
  it('shows each account its own notifications, unread first counted, and marks them read', async () => {
    await withTenant(t.database.db, ctx(tenant.tenantId), (tx) => deliver(tx, tenant.tenantId, [notice(alice.userId, '给张三'), notice(bob.userId, '给李四')]));
    const inbox = (await a.get('/api/notifications')).json<{ items: { id: string; title: string; read: boolean }[]; unread: number }>();
    expect(inbox.items.map((i) => i.title)).toEqual(['给张三']);
    expect(inbox.unread).toBe(1);
    // Someone else's notification cannot be marked read.
    const bobs = (await b.get('/api/notifications')).json<{ items: { id: string }[] }>().items[0]!.id;
    expect((await a.post('/api/notifications/read', { ids: [bobs] })).json()).toMatchObject({ updated: 0 });
    expect((await a.post('/api/notifications/read', { ids: [inbox.items[0]!.id] })).json()).toMatchObject({ updated: 1, unread: 0 });
    expect((await a.post('/api/notifications/read', {})).statusCode).toBe(400);
    expect((await b.get('/api/notifications/unread')).json()).toEqual({ unread: 1 });
  });

  it('delivers a keyed notice once, however often it is sent', async () => {
    for (let i = 0; i < 3; i++) {
      await withTenant(t.database.db, ctx(tenant.tenantId), (tx) => deliver(tx, tenant.tenantId, [notice(bob.userId, '会前提醒', 'meeting:1:reminder')]));
    }
    const inbox = (await b.get('/api/notifications')).json<{ items: { title: string }[] }>();
    expect(inbox.items.filter((i) => i.title === '会前提醒')).toHaveLength(1);
  });

  it('keeps tenants apart (row-level security)', async () => {
    const rows = await withTenant(t.database.db, ctx(other.tenantId), (tx) => tx.selectFrom('notifications').select('id').execute());
    expect(rows).toEqual([]);
  });
});

describe('e-mail through SMTP', () => {
  it('queues nothing while SMTP is not configured', async () => {
    await a.put('/api/notifications/contact', { email: 'zhangsan@example.org', emailEnabled: true });
    const before = (await outboxRows()).length;
    await withTenant(t.database.db, ctx(tenant.tenantId), (tx) => deliver(tx, tenant.tenantId, [notice(alice.userId, '无邮件')]));
    expect((await outboxRows()).length).toBe(before);
    expect((await a.get('/api/notifications/contact')).json()).toMatchObject({ email: 'zhangsan@example.org', emailEnabled: true, mailAvailable: false });
  });

  it('stores the address encrypted and keeps it out of the audit log', async () => {
    const stored = await asOwner(t.database, (tx) => tx.selectFrom('notification_contacts').selectAll().where('user_id', '=', alice.userId).executeTakeFirstOrThrow());
    expect(stored.email_enc).not.toContain('zhangsan');
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('detail').where('tenant_id', '=', tenant.tenantId).where('action', '=', 'notification.contact').execute());
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain('zhangsan');
  });

  it('sends the queued e-mail over SMTP (with authentication) to those who asked for it', async () => {
    process.env.SMTP_URL = `smtp://mailer:s3cret@127.0.0.1:${port}`;
    await withTenant(t.database.db, ctx(tenant.tenantId), (tx) => deliver(tx, tenant.tenantId, [notice(alice.userId, '【会议通知】第一季度支部党员大会'), notice(bob.userId, '李四没有邮箱')]));
    const queued = (await outboxRows()).filter((r) => r.status === 'pending');
    expect(queued.map((r) => r.user_id)).toEqual([alice.userId]);
    const mailer = smtpMailer(process.env.SMTP_URL, '智慧政工云 <noreply@zg.example>');
    try {
      expect(await flushOutbox(t.database.db, mailer, t.cipher)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    } finally {
      mailer.close();
    }
    const mail = received.at(-1)!;
    expect(mail).toMatchObject({ from: 'noreply@zg.example', to: ['zhangsan@example.org'], subject: '【会议通知】第一季度支部党员大会', auth: 'mailer' });
    expect(mail.text).toContain('地点：三楼');
    expect((await outboxRows()).find((r) => r.id === queued[0]!.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries a refused e-mail with back-off and gives up after the last attempt', async () => {
    process.env.SMTP_URL = `smtp://mailer:s3cret@127.0.0.1:${port}`;
    await withTenant(t.database.db, ctx(tenant.tenantId), (tx) => deliver(tx, tenant.tenantId, [notice(alice.userId, '退信测试')]));
    const id = (await outboxRows()).find((r) => r.subject === '退信测试')!.id;
    const mailer = smtpMailer(process.env.SMTP_URL, 'noreply@zg.example');
    refuseNext = MAX_ATTEMPTS;
    try {
      let now = new Date();
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        expect((await flushOutbox(t.database.db, mailer, t.cipher, now)).failed).toBe(1);
        // Not due again until the back-off has passed.
        expect((await flushOutbox(t.database.db, mailer, t.cipher, now)).failed).toBe(0);
        now = new Date(now.getTime() + (i + 1) ** 2 * 60_000 + 1000);
      }
    } finally {
      mailer.close();
      refuseNext = 0;
    }
    const row = (await outboxRows()).find((r) => r.id === id)!;
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(row.last_error).toMatch(/550|Mailbox unavailable/);
  });

  it('refuses a malformed address and writes nothing', async () => {
    const r = await b.put('/api/notifications/contact', { email: 'not-an-address', emailEnabled: true });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'email' });
    expect((await b.put('/api/notifications/contact', { email: null, emailEnabled: true })).json()).toMatchObject({ field: 'email' });
    expect((await b.get('/api/notifications/contact')).json()).toMatchObject({ email: null, emailEnabled: false });
  });
});
