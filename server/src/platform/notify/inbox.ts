/**
 * Notifications: the in-app inbox of each account, and the e-mail copy queued for the SMTP sender (./outbox.ts) when the
 * server has SMTP configured, the tenant has not turned e-mail off, and the user gave an address. Delivery runs inside the
 * caller's transaction, so a notice exists exactly when the change it reports was committed.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/tenancy.js';
import type { FieldCipher } from '../crypto/fields.js';
import { mailConfigured } from './mailer.js';

export interface Notice {
  userId: string;
  /** A short code the UI names, e.g. 'meeting.notice'. */
  kind: string;
  title: string;
  body: string;
  /** A path inside the web app. */
  link: string | null;
  /** At most one notification per user and key (reminders, repeated sweeps). */
  dedupeKey?: string;
}

export interface NotifySettings {
  /** E-mail copies (when the server has SMTP). */
  email: boolean;
}

export function notifySettings(stored: Record<string, unknown> | null | undefined): NotifySettings {
  const s = (stored?.notify ?? {}) as Partial<NotifySettings>;
  return { email: s.email !== false };
}

/** Writes the notices (skipping duplicates by key) and queues their e-mail copies. Returns how many were new. */
export async function deliver(tx: Tx, tenantId: string, notices: readonly Notice[]): Promise<{ inApp: number; email: number }> {
  if (notices.length === 0) return { inApp: 0, email: 0 };
  const rows = notices.map((n) => ({
    id: randomUUID(), tenant_id: tenantId, user_id: n.userId, kind: n.kind, title: n.title.slice(0, 200), body: n.body.slice(0, 2000),
    link: n.link, dedupe_key: n.dedupeKey ?? null,
  }));
  const inserted = await tx.insertInto('notifications').values(rows)
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .returning(['id', 'user_id', 'title', 'body', 'link']).execute();
  let email = 0;
  if (inserted.length > 0 && mailConfigured()) {
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow();
    if (notifySettings(t.settings).email) {
      const wanting = new Set((await tx.selectFrom('notification_contacts').select('user_id')
        .where('user_id', 'in', [...new Set(inserted.map((r) => r.user_id))]).where('email_enabled', '=', true).execute()).map((r) => r.user_id));
      const mails = inserted.filter((r) => wanting.has(r.user_id)).map((r) => ({
        id: randomUUID(), tenant_id: tenantId, notification_id: r.id, user_id: r.user_id, subject: r.title, body: r.body,
      }));
      if (mails.length > 0) await tx.insertInto('email_outbox').values(mails).execute();
      email = mails.length;
    }
  }
  return { inApp: inserted.length, email };
}

/** The accounts of people (a person may have no account; then only the paper notice reaches them). */
export async function usersOfPeople(tx: Tx, personIds: readonly string[]): Promise<{ userId: string; personId: string }[]> {
  if (personIds.length === 0) return [];
  const rows = await tx.selectFrom('users').select(['id', 'person_id']).where('person_id', 'in', [...personIds]).where('status', '=', 'active').execute();
  return rows.flatMap((r) => (r.person_id ? [{ userId: r.id, personId: r.person_id }] : []));
}

export interface InboxItem { id: string; kind: string; title: string; body: string; link: string | null; createdAt: string; read: boolean }

export async function listInbox(tx: Tx, userId: string, q: { page: number; pageSize: number; unread?: boolean | undefined }): Promise<{ items: InboxItem[]; total: number; unread: number }> {
  let base = tx.selectFrom('notifications').where('user_id', '=', userId);
  if (q.unread) base = base.where('read_at', 'is', null);
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at.toISOString(), read: r.read_at !== null })),
    total,
    unread: await unreadCount(tx, userId),
  };
}

export async function unreadCount(tx: Tx, userId: string): Promise<number> {
  const r = await tx.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks the user's notifications read (the given ids, or all). Returns how many changed. */
export async function markRead(tx: Tx, userId: string, ids: readonly string[] | 'all'): Promise<number> {
  let q = tx.updateTable('notifications').set({ read_at: sql`now()` }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', [...ids]);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface ContactView { email: string | null; emailEnabled: boolean; mailAvailable: boolean }

export async function contactOf(tx: Tx, cipher: FieldCipher, userId: string): Promise<ContactView> {
  const c = await tx.selectFrom('notification_contacts').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return { email: c?.email_enc ? cipher.decrypt(c.email_enc) : null, emailEnabled: c?.email_enabled ?? false, mailAvailable: mailConfigured() };
}

export async function saveContact(tx: Tx, cipher: FieldCipher, tenantId: string, userId: string, input: { email: string | null; emailEnabled: boolean }, alg: 'aes' | 'sm4'): Promise<void> {
  const email_enc = input.email ? cipher.encrypt(input.email, alg) : null;
  await tx.insertInto('notification_contacts').values({ tenant_id: tenantId, user_id: userId, email_enc, email_enabled: input.emailEnabled })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ email_enc, email_enabled: input.emailEnabled, updated_at: sql`now()` })).execute();
}
