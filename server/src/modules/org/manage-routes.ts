/** HTTP for restructuring (move, merge, dissolve), history, leadership (terms, positions), 换届提醒 and org settings. */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, Ok, Str, Uuid } from '../../platform/http/schema.js';
import { badField } from '../../platform/http/errors.js';
import { langOf, pick } from '../../platform/http/lang.js';
import { isLegalDate } from '../../platform/dates/legal-date.js';
import { dissolveUnit, mergeUnit, moveUnit, restructureTargets } from './structure.js';
import { addPosition, changeTermEnd, electTerm, endPosition, positionCandidates, unitLeadership } from './terms.js';
import { renewalReminders } from './reminders.js';
import { getOrgSettings, ORG_SETTING_BOUNDS as B, updateOrgSettings } from './settings.js';
import { unitHistory } from './history.js';
import { unitOrThrow } from './service.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { txContext } from '../../platform/http/app.js';
import type { OrgKind } from '../../platform/db/schema.js';

const tags = ['org'];
const Kind = Type.Union([Type.Literal('group_committee'), Type.Literal('committee'), Type.Literal('general_branch'), Type.Literal('branch'), Type.Literal('party_group')]);
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Role = Type.Union([Type.Literal('secretary'), Type.Literal('deputy_secretary'), Type.Literal('member')]);
const Duty = Type.Union([Type.Literal('organization'), Type.Literal('publicity'), Type.Literal('discipline')]);
const Reason = Str(1, 200);
const Severity = Type.Union([Type.Literal('warning'), Type.Literal('block')]);
const Finding = Type.Object({ code: Type.String(), severity: Severity, rule: Type.String(), basis: Type.String(), message: Type.String() });
const TermState = Type.Union([Type.Literal('running'), Type.Literal('renewal_due'), Type.Literal('expired'), Type.Literal('closed')]);
const Term = Type.Object({
  id: Type.String(), startedOn: Type.String(), regularEndsOn: Type.String(), endsOn: Type.String(), changeReason: Nullable(Type.String()),
  endedOn: Nullable(Type.String()), state: TermState, reminderFrom: Type.String(),
});
const Leadership = Type.Object({
  counts: Type.Object({ people: Type.Integer(), fullMembers: Type.Integer(), probationaryMembers: Type.Integer(), members: Type.Integer() }),
  findings: Type.Array(Finding),
  termYears: Nullable(Type.Integer()),
  term: Nullable(Term),
  pastTerms: Type.Array(Term),
  positions: Type.Array(Type.Object({ id: Type.String(), personId: Type.String(), personName: Type.String(), role: Role, duty: Nullable(Duty), fromOn: Type.String(), exceptionReason: Nullable(Type.String()) })),
  abilities: Type.Object({ manage: Type.Boolean(), overrideRules: Type.Boolean() }),
});
const HistoryItem = Type.Object({ id: Type.String(), at: Type.String(), kind: Type.String(), actorName: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()) });
const Target = Type.Object({ id: Type.String(), name: Type.String(), kind: Kind, pathNames: Type.Array(Type.String()) });
const Reminder = Type.Object({
  unitId: Type.String(), unitName: Type.String(), kind: Kind, startedOn: Type.String(), endsOn: Type.String(),
  state: Type.Union([Type.Literal('renewal_due'), Type.Literal('expired')]), daysLeft: Type.Integer(),
});
const int = (b: { minimum: number; maximum: number }) => Type.Integer(b);
const OrgSettingsSchema = Obj({
  branchMinFullMembers: int(B.branchMinFullMembers), jointBranchMaxUnits: int(B.jointBranchMaxUnits), branchMaxMembers: int(B.branchMaxMembers),
  committeeFromFullMembers: int(B.committeeFromFullMembers), committeeMin: int(B.committeeMin), committeeUsualMax: int(B.committeeUsualMax),
  committeeMax: int(B.committeeMax), generalBranchAboveMembers: int(B.generalBranchAboveMembers), committeeFromMembers: int(B.committeeFromMembers),
  termYears: Obj({ group_committee: int(B.termYears), committee: int(B.termYears), general_branch: int(B.termYears), branch: int(B.termYears) }),
  renewalReminderMonths: int(B.renewalReminderMonths), termChangeMaxMonths: int(B.termChangeMaxMonths),
});
const SettingsReply = Type.Object({ settings: OrgSettingsSchema, canEdit: Type.Boolean() });

/** A real calendar date, or a 400 naming the field (the pattern alone lets 2026-02-30 through). */
function legal(field: string, value: string): string {
  if (!isLegalDate(value)) throw badField(field, { zh: `日期 ${value} 不存在`, en: `${value} is not a real date` });
  return value;
}

function localized<T extends { message: { zh: string; en: string }; basis: { zh: string; en: string } }>(req: FastifyRequest, items: T[]) {
  const lang = langOf(req);
  return items.map((f) => ({ ...f, message: pick(f.message, lang), basis: pick(f.basis, lang) }));
}

export async function orgManageRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/org/units/:id/history', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '组织变更记录', params: IdParams, response: { 200: Type.Object({ items: Type.Array(HistoryItem) }) } },
  }, async (req) => {
    const actor = actorOf(req);
    return { items: await withTenant(db, txContext(actor), async (tx) => unitHistory(tx, (await unitOrThrow(tx, actor, req.params.id)).id)) };
  });

  app.get('/api/org/units/:id/targets', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '可调整到或合并到的组织', params: IdParams, querystring: Obj({ purpose: Type.Union([Type.Literal('move'), Type.Literal('merge')]), q: Type.Optional(Str(0, 50)) }), response: { 200: Type.Object({ items: Type.Array(Target) }) } },
  }, async (req) => ({ items: await restructureTargets(db, actorOf(req), req.params.id, req.query.purpose, req.query.q) as { id: string; name: string; kind: OrgKind; pathNames: string[] }[] }));

  app.post('/api/org/units/:id/move', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '调整上级组织（整个下级一并移动）', params: IdParams, body: Obj({ parentId: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    await moveUnit(db, actorOf(req), req.params.id, req.body.parentId);
    return { ok: true as const };
  });

  app.post('/api/org/units/:id/merge', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '合并到同级组织（人员和下级组织并入，原组织撤销）', params: IdParams, body: Obj({ intoId: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    await mergeUnit(db, actorOf(req), req.params.id, req.body.intoId);
    return { ok: true as const };
  });

  app.post('/api/org/units/:id/dissolve', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '撤销组织（须已无人员和下级组织）', params: IdParams, body: Obj({ reason: Reason }), response: { 200: Ok } },
  }, async (req) => {
    await dissolveUnit(db, actorOf(req), req.params.id, req.body.reason);
    return { ok: true as const };
  });

  app.get('/api/org/units/:id/leadership', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '概况与班子：人数、组织设置规则提示、任期、职务', params: IdParams, response: { 200: Leadership } },
  }, async (req) => {
    const r = await unitLeadership(db, actorOf(req), req.params.id);
    return { ...r, findings: localized(req, r.findings) };
  });

  app.get('/api/org/units/:id/candidates', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '可任职的正式党员（本组织及下级）', params: IdParams, querystring: Obj({ q: Type.Optional(Str(0, 50)) }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), unitName: Type.String() })) }) } },
  }, async (req) => ({ items: await positionCandidates(db, actorOf(req), req.params.id, req.query.q) }));

  const PositionBody = { personId: Uuid, role: Role, duty: Type.Optional(Nullable(Duty)) };
  app.post('/api/org/units/:id/terms', {
    config: { permission: 'org.manage' },
    schema: {
      tags, summary: '登记换届（选举产生新一届班子）', params: IdParams,
      body: Obj({ startedOn: DateStr, positions: Type.Array(Obj(PositionBody), { maxItems: 30 }), note: Type.Optional(Str(0, 500)), exceptionReason: Type.Optional(Str(0, 200)) }),
      response: { 200: Type.Object({ id: Type.String() }) },
    },
  }, async (req) => ({ id: await electTerm(db, actorOf(req), req.params.id, { ...req.body, startedOn: legal('startedOn', req.body.startedOn) }) }));

  app.patch('/api/org/units/:id/terms/current', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '延期换届或提前换届（调整本届届满日期）', params: IdParams, body: Obj({ endsOn: DateStr, reason: Reason, exceptionReason: Type.Optional(Str(0, 200)) }), response: { 200: Ok } },
  }, async (req) => {
    await changeTermEnd(db, actorOf(req), req.params.id, { ...req.body, endsOn: legal('endsOn', req.body.endsOn) });
    return { ok: true as const };
  });

  app.post('/api/org/units/:id/positions', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '任命职务（书记、副书记、委员）', params: IdParams, body: Obj({ ...PositionBody, fromOn: DateStr, exceptionReason: Type.Optional(Str(0, 200)) }), response: { 200: Type.Object({ id: Type.String() }) } },
  }, async (req) => ({ id: await addPosition(db, actorOf(req), req.params.id, { ...req.body, fromOn: legal('fromOn', req.body.fromOn) }) }));

  app.post('/api/org/units/:id/positions/:positionId/end', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '免去职务', params: Obj({ id: Uuid, positionId: Uuid }), body: Obj({ toOn: DateStr }), response: { 200: Ok } },
  }, async (req) => {
    await endPosition(db, actorOf(req), req.params.id, req.params.positionId, legal('toOn', req.body.toOn));
    return { ok: true as const };
  });

  app.get('/api/org/reminders', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '换届提醒（届满前若干个月及已到期的组织）', response: { 200: Type.Object({ months: Type.Integer(), items: Type.Array(Reminder) }) } },
  }, async (req) => renewalReminders(db, actorOf(req)));

  app.get('/api/org/settings', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '组织设置（任期年限、规模人数）', response: { 200: SettingsReply } },
  }, async (req) => getOrgSettings(db, actorOf(req)));

  app.put('/api/org/settings', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '修改组织设置（最高一级党组织的管理员）', body: OrgSettingsSchema, response: { 200: SettingsReply } },
  }, async (req) => updateOrgSettings(db, actorOf(req), req.body));
}
