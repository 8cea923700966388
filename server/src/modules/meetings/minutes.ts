/**
 * Minutes and resolutions (materials: materials.ts). The minutes are drafted in the room or on the meeting page (api.ts
 * saveMinutesDraft); the host signs them off once the meeting is held, after which minutes, resolutions and attendance
 * are fixed: the signed record is what the 台账 and the exports show.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { loadMeetingInScope, MEETING, saveMinutesDraft } from './api.js';

export async function saveMinutes(db: Kysely<DB>, actor: Actor, id: string, text: string, version: number): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (m.meeting.version !== version) throw conflict('version', { zh: '会议已被他人更新，请刷新后重试', en: 'The meeting changed meanwhile; reload and try again' });
    await saveMinutesDraft(tx, ctx, m, text);
  });
}

/** Whether the host of the meeting has an active account (else a manager of the unit records the sign-off). */
export async function hostHasAccount(tx: Tx, hostPersonId: string | null): Promise<boolean> {
  if (!hostPersonId) return false;
  const u = await tx.selectFrom('users').select('id').where('person_id', '=', hostPersonId).where('status', '=', 'active').executeTakeFirst();
  return u !== undefined;
}

/** The host signs the minutes off (签发): the meeting must be held and the minutes written. */
export async function signMinutes(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    const hostAccount = await hostHasAccount(tx, m.meeting.hostPersonId);
    const onBehalf = !m.viewer.host && !hostAccount && can(actor, 'meetings.manage', m.meeting.orgPath);
    if (!m.viewer.host && !onBehalf) {
      throw forbidden({ zh: hostAccount ? '会议记录由主持人签发' : '请先指定主持人，或由会议管理人员代为签发', en: 'The host signs the minutes off' });
    }
    if (m.meeting.version !== version) throw conflict('version', { zh: '会议已被他人更新，请刷新后重试', en: 'The meeting changed meanwhile; reload and try again' });
    if (m.meeting.status !== 'held') throw conflict('status', { zh: '会议举行并登记出勤后才能签发记录', en: 'Sign the minutes off once the meeting is held and attendance recorded' });
    if (m.meeting.minutesSignedAt) throw conflict('status', { zh: '会议记录已签发', en: 'The minutes are signed already' });
    if (m.meeting.minutes.trim().length === 0) throw badField('minutes', { zh: '会议记录还是空的，请先填写', en: 'The minutes are empty' });
    const now = new Date();
    const name = onBehalf && m.meeting.hostName ? `${m.meeting.hostName}（${actor.displayName} 代签）` : actor.displayName;
    await tx.updateTable('meetings').set({ minutes_signed_at: now, minutes_signed_by: ctx.actorId, minutes_signed_name: name, updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'meeting.sign', objectType: 'meeting', objectId: id, detail: { onBehalf } });
  });
}

/** Replaces the resolutions (决议事项) of a meeting until the minutes are signed. */
export async function saveResolutions(db: Kysely<DB>, actor: Actor, id: string, items: { text: string; voteId?: string | null | undefined }[]): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const m = await loadMeetingInScope(tx, actor, id, { forUpdate: true });
    if (!m.viewer.manage) throw notFound(MEETING);
    if (m.meeting.minutesSignedAt) throw conflict('status', { zh: '会议记录已签发，决议事项不能再改', en: 'The minutes are signed' });
    if (m.meeting.status === 'cancelled') throw conflict('status', { zh: '会议已取消', en: 'The meeting was cancelled' });
    await tx.deleteFrom('meeting_resolutions').where('meeting_id', '=', id).execute();
    const rows = items.map((r) => ({ text: r.text.trim(), voteId: r.voteId ?? null })).filter((r) => r.text).map((r, i) => ({
      id: randomUUID(), tenant_id: ctx.tenantId, meeting_id: id, position: i, text: r.text, vote_id: r.voteId, created_by: ctx.actorId,
    }));
    if (rows.length > 0) await tx.insertInto('meeting_resolutions').values(rows).execute();
    await auditAs(tx, ctx, { action: 'meeting.resolutions', objectType: 'meeting', objectId: id, detail: { count: rows.length } });
  });
}
