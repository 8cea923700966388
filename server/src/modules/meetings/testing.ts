/** Test data for meetings: a branch with members, a committee and accounts linked to people; audit cases. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { withTenant } from '../../platform/db/tenancy.js';
import type { TestApp } from '../../testing/app.js';
import { loginActive, makeUnit, makeUser, type Agent, type Res, type TestTenant, type TestUnit, type TestUser } from '../../testing/factories.js';
import { makeMembers } from '../org/testing.js';
import { DEFAULT_MEETING_SETTINGS } from './rules.js';

type F = { database: Database; cipher: FieldCipher };
const fixtureCtx = (tenantId: string) => ({ tenantId, actorId: null, actorName: '测试夹具', sourceIp: '127.0.0.1' });

export interface TestBranch {
  unit: TestUnit;
  full: string[];
  probationary: string[];
  /** Committee members (current positions with role 委员), a subset of `full`. */
  committee: string[];
}

/** A 党支部 under `parentId` with `full` 正式党员 and `probationary` 预备党员; a 支委会 of the first three when `committee`. */
export async function makeBranch(f: F, tenantId: string, parentId: string, opts: { full?: number; probationary?: number; committee?: boolean; name?: string } = {}): Promise<TestBranch> {
  const unit = await makeUnit(f, tenantId, { parentId, kind: 'branch', ...(opts.name ? { name: opts.name } : {}) });
  const full = await makeMembers(f, tenantId, unit.id, opts.full ?? 7, 'full');
  const probationary = await makeMembers(f, tenantId, unit.id, opts.probationary ?? 1, 'probationary');
  const committee = opts.committee === false ? [] : full.slice(0, 3);
  if (committee.length > 0) {
    await withTenant(f.database.db, fixtureCtx(tenantId), (tx) => tx.insertInto('org_positions').values(committee.map((personId, i) => ({
      id: randomUUID(), tenant_id: tenantId, unit_id: unit.id, term_id: null, person_id: personId, role: i === 0 ? 'secretary' as const : 'member' as const,
      duty: null, from_on: '2024-01-01', to_on: null, exception_reason: null,
    }))).execute());
  }
  return { unit, full, probationary, committee };
}

/** Links an account to a person record (a member's own account). */
export async function linkPerson(f: { database: Database }, tenantId: string, userId: string, personId: string): Promise<void> {
  await withTenant(f.database.db, fixtureCtx(tenantId), (tx) => tx.updateTable('users').set({ person_id: personId }).where('id', '=', userId).execute());
}

/** An account for a person, signed in. */
export async function memberAgent(t: TestApp, tenantId: string, personId: string, role = 'party_member', orgUnitId?: string): Promise<{ user: TestUser; agent: Agent }> {
  const user = await makeUser(t, tenantId, { role, ...(orgUnitId ? { orgUnitId } : {}) });
  await linkPerson(t, tenantId, user.userId, personId);
  return { user, agent: await loginActive(t.app, user) };
}

const hour = 3_600_000;
/** The editable fields of a meeting in the next days: starts `inHours` from now, 90 minutes long. */
export function fieldsBody(extra: Record<string, unknown> = {}, inHours = 48): Record<string, unknown> {
  const start = new Date(Date.now() + inHours * hour);
  return { plannedStartAt: start.toISOString(), plannedEndAt: new Date(start.getTime() + 1.5 * hour).toISOString(), place: '三楼会议室', ...extra };
}

/** A plan body for the next days. */
export function planBody(orgUnitId: string, kind: string, extra: Record<string, unknown> = {}, inHours = 48): Record<string, unknown> {
  return { orgUnitId, kind, ...fieldsBody(extra, inHours) };
}

export interface AuditCase { route: string; tenantId: string; call: () => Promise<Res>; action: string; actor: string; object?: () => string }

/** One successful call per meetings write route for platform/audit/audit.test.ts, each leaving exactly one record. */
/** The smallest PDF the file store accepts (type by content), as a meeting material. */
export const MATERIAL_PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);

export async function meetingAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const b = await makeBranch(t, tenant.tenantId, root.id, { full: 7, probationary: 1 });
  const secUser = await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: b.unit.id });
  await linkPerson(t, tenant.tenantId, secUser.userId, b.committee[0]!);
  const sec = await loginActive(t.app, secUser);
  const member = await memberAgent(t, tenant.tenantId, b.full[5]!);
  // An 入党积极分子 of the branch, invited as a guest (not on the list a 支部党员大会 starts with).
  const extra = (await makeMembers(t, tenant.tenantId, b.unit.id, 1, 'activist'))[0]!;
  const topUser = await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id });
  const top = await loginActive(t.app, topUser);
  let id = '';
  const cancelId = (await sec.post('/api/meetings', planBody(b.unit.id, 'lecture'))).json<{ id: string }>().id;
  let materialId = '';
  let version = 1;
  const actor = secUser.userId;
  const refresh = (r: Res) => {
    if (r.statusCode === 200) version = r.json<{ version: number }>().version;
    return r;
  };
  const past = new Date(Date.now() - 3 * hour);
  const at = (r: Res) => refresh(r);
  return [
    {
      route: 'POST /api/meetings', tenantId: tenant.tenantId, action: 'meeting.plan', actor, object: () => id,
      call: async () => {
        const r = await sec.post('/api/meetings', planBody(b.unit.id, 'branch_assembly', { hostPersonId: b.committee[0] }));
        id = r.json<{ id: string }>().id;
        return refresh(r);
      },
    },
    { route: 'PUT /api/meetings/:id', tenantId: tenant.tenantId, action: 'meeting.update', actor, object: () => id, call: async () => at(await sec.put(`/api/meetings/${id}`, { version, ...fieldsBody({ hostPersonId: b.committee[0], description: '改' }) })) },
    { route: 'POST /api/meetings/:id/notify', tenantId: tenant.tenantId, action: 'meeting.notify', actor, object: () => id, call: async () => at(await sec.post(`/api/meetings/${id}/notify`)) },
    { route: 'POST /api/meetings/:id/attendees', tenantId: tenant.tenantId, action: 'meeting.attendee_add', actor, object: () => id, call: async () => at(await sec.post(`/api/meetings/${id}/attendees`, { personId: extra })) },
    { route: 'DELETE /api/meetings/:id/attendees/:personId', tenantId: tenant.tenantId, action: 'meeting.attendee_remove', actor, object: () => id, call: async () => at(await sec.delete(`/api/meetings/${id}/attendees/${extra}`)) },
    { route: 'POST /api/meetings/:id/leave', tenantId: tenant.tenantId, action: 'meeting.leave_request', actor: member.user.userId, object: () => id, call: () => member.agent.post(`/api/meetings/${id}/leave`, { reason: '出差' }) },
    { route: 'POST /api/meetings/:id/attendees/:personId/leave-decision', tenantId: tenant.tenantId, action: 'meeting.leave_approve', actor, object: () => id, call: async () => at(await sec.post(`/api/meetings/${id}/attendees/${b.full[5]}/leave-decision`, { approve: true })) },
    {
      route: 'POST /api/meetings/:id/materials', tenantId: tenant.tenantId, action: 'meeting.material_add', actor, object: () => id,
      call: async () => {
        const r = await sec.post(`/api/meetings/${id}/materials`, { title: '学习材料', kind: 'link', ref: 'https://example.org/a' });
        materialId = r.json<{ materials: { id: string }[] }>().materials[0]?.id ?? '';
        return at(r);
      },
    },
    {
      route: 'POST /api/meetings/:id/materials/file', tenantId: tenant.tenantId, action: 'meeting.material_add', actor, object: () => id,
      call: async () => at(await sec.inject({ method: 'POST', url: `/api/meetings/${id}/materials/file?fileName=${encodeURIComponent('学习提纲.pdf')}`, payload: MATERIAL_PDF, headers: { 'content-type': 'application/pdf' } })),
    },
    { route: 'DELETE /api/meetings/:id/materials/:materialId', tenantId: tenant.tenantId, action: 'meeting.material_remove', actor, object: () => id, call: () => sec.delete(`/api/meetings/${id}/materials/${materialId}`) },
    { route: 'POST /api/meetings/:id/start', tenantId: tenant.tenantId, action: 'meeting.start', actor, object: () => id, call: async () => at(await sec.post(`/api/meetings/${id}/start`)) },
    { route: 'POST /api/meetings/:id/sign-in', tenantId: tenant.tenantId, action: 'meeting.sign_in', actor, object: () => id, call: async () => at(await sec.post(`/api/meetings/${id}/sign-in`, {})) },
    { route: 'POST /api/meetings/:id/end', tenantId: tenant.tenantId, action: 'meeting.end', actor, object: () => id, call: async () => at(await sec.post(`/api/meetings/${id}/end`)) },
    {
      route: 'POST /api/meetings/:id/attendance', tenantId: tenant.tenantId, action: 'meeting.record', actor, object: () => id,
      call: async () => {
        const d = (await sec.get(`/api/meetings/${id}`)).json<{ attendees: { personId: string; attendance: string }[] }>();
        return at(await sec.post(`/api/meetings/${id}/attendance`, {
          heldStartAt: past.toISOString(), heldEndAt: new Date(past.getTime() + hour).toISOString(),
          lines: d.attendees.map((a) => ({ personId: a.personId, attendance: a.attendance === 'leave' ? 'leave' : 'present' })),
        }));
      },
    },
    { route: 'PUT /api/meetings/:id/resolutions', tenantId: tenant.tenantId, action: 'meeting.resolutions', actor, object: () => id, call: async () => at(await sec.put(`/api/meetings/${id}/resolutions`, { items: [{ text: '同意' }] })) },
    { route: 'PUT /api/meetings/:id/minutes', tenantId: tenant.tenantId, action: 'meeting.minutes_draft', actor, object: () => id, call: async () => at(await sec.put(`/api/meetings/${id}/minutes`, { minutes: '会议记录', version })) },
    { route: 'POST /api/meetings/:id/sign', tenantId: tenant.tenantId, action: 'meeting.sign', actor, object: () => id, call: async () => at(await sec.post(`/api/meetings/${id}/sign`, { version })) },
    {
      route: 'POST /api/meetings/:id/cancel', tenantId: tenant.tenantId, action: 'meeting.cancel', actor, object: () => cancelId,
      call: () => sec.post(`/api/meetings/${cancelId}/cancel`, { reason: '改期' }),
    },
    { route: 'PUT /api/meetings/settings', tenantId: tenant.tenantId, action: 'settings.meetings', actor: topUser.userId, object: () => tenant.tenantId, call: () => top.put('/api/meetings/settings', { ...DEFAULT_MEETING_SETTINGS, themeDayOfMonth: 1 }) },
    // platform/notify (the member was notified above)
    { route: 'POST /api/notifications/read', tenantId: tenant.tenantId, action: 'notification.read', actor: member.user.userId, object: () => member.user.userId, call: () => member.agent.post('/api/notifications/read', { all: true }) },
    { route: 'PUT /api/notifications/contact', tenantId: tenant.tenantId, action: 'notification.contact', actor: member.user.userId, object: () => member.user.userId, call: () => member.agent.put('/api/notifications/contact', { email: 'member@example.org', emailEnabled: true }) },
  ];
}

/**
 * A meeting written straight into the database (as the demo and the benchmark do): held at `heldAt` with everyone on
 * the list present except `absent`, or planned when `heldAt` is null.
 */
export async function insertMeeting(f: { database: Database }, tenantId: string, o: { unitId: string; kind: string; period: string; heldAt: Date | null; people: string[]; absent?: string[]; title?: string; signed?: boolean }): Promise<string> {
  const id = randomUUID();
  const start = o.heldAt ?? new Date(Date.now() + 48 * 3_600_000);
  await withTenant(f.database.db, fixtureCtx(tenantId), async (tx) => {
    await tx.insertInto('meetings').values({
      id, tenant_id: tenantId, org_unit_id: o.unitId, kind: o.kind as 'committee', title: o.title ?? `${o.period} ${o.kind}`, period: o.period,
      planned_start_at: start, planned_end_at: new Date(start.getTime() + 3_600_000), held_start_at: o.heldAt, held_end_at: o.heldAt ? new Date(start.getTime() + 3_600_000) : null,
      place: '会议室', status: o.heldAt ? 'held' : 'notified', video_link: null, host_person_id: o.people[0] ?? null, recorder_person_id: null,
      minutes: o.signed ? '一、学习\n二、讨论' : '', minutes_updated_at: null, minutes_updated_by: null, minutes_signed_at: o.signed && o.heldAt ? new Date(start.getTime() + 7_200_000) : null,
      minutes_signed_by: null, minutes_signed_name: o.signed ? '书记' : null, notified_at: null, cancelled_at: null, cancel_reason: null, created_by: null,
    }).execute();
    if (o.people.length) {
      const names = await tx.selectFrom('people').select(['id', 'name', 'party_status']).where('id', 'in', o.people).execute();
      await tx.insertInto('meeting_attendees').values(names.map((p) => ({
        tenant_id: tenantId, meeting_id: id, person_id: p.id, person_name: p.name, party_status: p.party_status, voting: p.party_status === 'full',
        attendance: !o.heldAt ? 'pending' as const : o.absent?.includes(p.id) ? 'absent' as const : 'present' as const,
        leave_state: null, leave_reason: null, leave_requested_at: null, leave_decided_at: null, leave_decided_by: null, leave_decision_note: null,
        signed_in_at: null, sign_in_channel: null,
      }))).execute();
    }
  });
  return id;
}
