/**
 * The e-mail sender: picks due outbox rows of every tenant (a SECURITY DEFINER function names them, ids only) and sends
 * each inside its own tenant's context, looking the address up at send time. A failure is retried with back-off
 * (1, 4, 9 … minutes) up to MAX_ATTEMPTS, then the row is marked failed; the in-app notification stands either way.
 */
import { sql, type Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import type { FieldCipher } from '../crypto/fields.js';
import type { Mailer } from './mailer.js';

export const MAX_ATTEMPTS = 5;
const SYSTEM = { actorId: null, actorName: '系统（邮件发送）', sourceIp: '' };

export async function flushOutbox(db: Kysely<DB>, mailer: Mailer, cipher: FieldCipher, now: Date = new Date(), limit = 100): Promise<{ sent: number; failed: number; skipped: number }> {
  const { rows } = await sql<{ tenant_id: string; id: string }>`select * from zg_email_outbox_due(${now}, ${limit})`.execute(db);
  const out = { sent: 0, failed: 0, skipped: 0 };
  for (const r of rows) {
    const result = await withTenant(db, { ...SYSTEM, tenantId: r.tenant_id }, async (tx) => {
      const m = await tx.selectFrom('email_outbox').selectAll().where('id', '=', r.id).where('status', '=', 'pending').forUpdate().skipLocked().executeTakeFirst();
      if (!m) return null;
      const c = await tx.selectFrom('notification_contacts').selectAll().where('user_id', '=', m.user_id).executeTakeFirst();
      if (!c?.email_enabled || !c.email_enc) {
        await tx.updateTable('email_outbox').set({ status: 'skipped', last_error: 'no address' }).where('id', '=', m.id).execute();
        return 'skipped' as const;
      }
      try {
        await mailer.send({ to: cipher.decrypt(c.email_enc), subject: m.subject, text: m.body });
        await tx.updateTable('email_outbox').set({ status: 'sent', sent_at: new Date(), attempts: m.attempts + 1, last_error: null }).where('id', '=', m.id).execute();
        return 'sent' as const;
      } catch (err) {
        const attempts = m.attempts + 1;
        const error = String((err as Error).message ?? err).slice(0, 500);
        const next = new Date(now.getTime() + attempts * attempts * 60_000);
        await tx.updateTable('email_outbox').set({ attempts, last_error: error, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', next_attempt_at: next }).where('id', '=', m.id).execute();
        return 'failed' as const;
      }
    });
    if (result) out[result] += 1;
  }
  return out;
}

/** Sends due e-mails every `everyMs` (one pass at a time). Returns a stop function. */
export function startOutboxWorker(db: Kysely<DB>, mailer: Mailer, cipher: FieldCipher, log: FastifyBaseLogger, everyMs = 30_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await flushOutbox(db, mailer, cipher);
      if (r.sent + r.failed > 0) log.info(r, 'e-mail outbox');
    } catch (err) {
      log.error({ err }, 'e-mail outbox failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    mailer.close();
  };
}
