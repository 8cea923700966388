/**
 * Reminders before a meeting: every notified meeting gets one reminder to its attendees `remindBeforeHours` (a tenant
 * setting, rules.ts) before it starts, in-app and by e-mail when configured. A sweep finds candidates in every tenant
 * (ids only, through a SECURITY DEFINER function) and sends inside each tenant's context; the dedupe key and
 * `reminded_at` make a second run send nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { attendeesOf, agendaOf, meetingRecord, type MeetingInScope } from './api.js';
import { noticeBody, sendToAttendees, tenantMeetingSettings } from './planning.js';
import { reminderAt } from './rules.js';

const SYSTEM = { actorId: null, actorName: '系统（会议提醒）', sourceIp: '' };
/** The longest reminder lead a tenant may set (rules bounds: 168 hours). */
const MAX_LEAD_MS = 168 * 3_600_000;

export async function sendDueReminders(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  const { rows } = await sql<{ tenant_id: string; id: string }>`select * from zg_meetings_to_remind(${now}, ${new Date(now.getTime() + MAX_LEAD_MS)})`.execute(db);
  let sent = 0;
  for (const r of rows) {
    const ctx = { ...SYSTEM, tenantId: r.tenant_id };
    sent += await withTenant(db, ctx, async (tx) => {
      const meeting = await meetingRecord(tx, r.id, true);
      if (!meeting || meeting.status !== 'notified') return 0;
      const s = await tenantMeetingSettings(tx, r.tenant_id);
      const at = reminderAt(meeting.plannedStartAt, s);
      if (at > now) return 0;
      // Announced within the reminder window: the notice itself was the reminder.
      if (meeting.notifiedAt && meeting.notifiedAt >= at) {
        await tx.updateTable('meetings').set({ reminded_at: now }).where('id', '=', r.id).execute();
        return 0;
      }
      const m: MeetingInScope = { meeting, attendees: await attendeesOf(tx, r.id), agenda: await agendaOf(tx, r.id), viewer: { personId: null, attendee: null, host: false, manage: false } };
      // Those on approved leave are not reminded.
      const to = m.attendees.filter((a) => a.leaveState !== 'approved').map((a) => a.personId);
      const n = await sendToAttendees(tx, ctx, m, 'meeting.reminder', `【会议提醒】${meeting.title}`, noticeBody(m), `reminder:${meeting.plannedStartAt.toISOString()}`, to);
      await tx.updateTable('meetings').set({ reminded_at: now }).where('id', '=', r.id).execute();
      await auditAs(tx, ctx, { action: 'meeting.remind', objectType: 'meeting', objectId: r.id, detail: { recipients: n } });
      return n;
    });
  }
  return sent;
}

export function startReminderSweep(db: Kysely<DB>, log: FastifyBaseLogger, everyMs = 5 * 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const n = await sendDueReminders(db);
      if (n > 0) log.info({ reminders: n }, 'meeting reminders sent');
    } catch (err) {
      log.error({ err }, 'meeting reminder sweep failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 10_000);
  const timer = setInterval(() => void tick(), everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
