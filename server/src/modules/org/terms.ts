/**
 * Leadership of a unit (RULES.md §1): terms (任期, 换届), positions (书记/副书记/委员 with duties) and the size findings
 * of `checkOrgUnit` on the unit's current counts and positions.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, OrgKind } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { AppError, badField, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { isAfter, isBefore, type LegalDate } from '../../platform/dates/legal-date.js';
import { checkOrgUnit, checkTermChange, positionRefusal, renewalReminderFrom, termEnds, termState, type OrgFinding, type OrgSettings, type OrgUnitCounts } from './rules.js';
import { abilities, canOverrideOrgRules, unitOrThrow } from './service.js';
import { recordUnitEvent } from './history.js';
import { tenantOrgSettings } from './settings.js';
import { todayInChina } from './clock.js';
import type { PositionDuty, PositionRole } from './tables.js';

type Unit = Awaited<ReturnType<typeof unitOrThrow>>;

/** Party members of the unit and its subunits (a branch's 党小组 included), archived people left out. */
export async function partyCounts(tx: Tx, path: string) {
  const r = await tx.selectFrom('people')
    .select((eb) => [
      eb.fn.countAll<number>().as('people'),
      eb.fn.sum<number>(sql`case when party_status = 'full' then 1 else 0 end`).as('full'),
      eb.fn.sum<number>(sql`case when party_status = 'probationary' then 1 else 0 end`).as('probationary'),
    ])
    .where(subtreeRange('org_path', path)).where('archived_at', 'is', null).executeTakeFirstOrThrow();
  const full = Number(r.full ?? 0);
  const probationary = Number(r.probationary ?? 0);
  return { people: Number(r.people ?? 0), fullMembers: full, probationaryMembers: probationary, members: full + probationary };
}

interface PositionLike { role: PositionRole }

/** §1 counts for `checkOrgUnit`: a 委员会 exists when a 委员 is appointed; its size counts 书记 and 副书记 too. */
function countsWith(c: { fullMembers: number; members: number }, positions: readonly PositionLike[]): OrgUnitCounts {
  const hasCommittee = positions.some((p) => p.role === 'member');
  return { fullMembers: c.fullMembers, members: c.members, hasCommittee, committeeMembers: hasCommittee ? positions.length : 0 };
}

async function currentPositions(tx: Tx, unitId: string) {
  return tx.selectFrom('org_positions as op').innerJoin('people as p', 'p.id', 'op.person_id')
    .select(['op.id', 'op.person_id', 'p.name as person_name', 'op.role', 'op.duty', 'op.from_on', 'op.to_on', 'op.exception_reason', 'op.term_id'])
    .where('op.unit_id', '=', unitId).where('op.to_on', 'is', null)
    .orderBy(sql`case op.role when 'secretary' then 0 when 'deputy_secretary' then 1 else 2 end`).orderBy('op.from_on').orderBy('p.name_pinyin').execute();
}

async function openTerm(tx: Tx, unitId: string) {
  return tx.selectFrom('org_terms').selectAll().where('unit_id', '=', unitId).where('ended_on', 'is', null).executeTakeFirst();
}

function presentTerm(t: NonNullable<Awaited<ReturnType<typeof openTerm>>>, today: LegalDate, s: OrgSettings) {
  return {
    id: t.id, startedOn: t.started_on, regularEndsOn: t.regular_ends_on, endsOn: t.ends_on, changeReason: t.change_reason, endedOn: t.ended_on,
    state: t.ended_on ? ('closed' as const) : termState(t.ends_on, today, s), reminderFrom: renewalReminderFrom(t.ends_on, s),
  };
}

/** The 概况 and 班子与任期 of a unit: counts, §1 findings, the open term, past terms, current positions. */
export async function unitLeadership(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const u = await unitOrThrow(tx, actor, id);
    const s = await tenantOrgSettings(tx, actor.tenantId);
    const today = todayInChina();
    const counts = await partyCounts(tx, u.path);
    const positions = await currentPositions(tx, u.id);
    const findings = checkOrgUnit(u.kind, countsWith(counts, positions), s);
    const terms = await tx.selectFrom('org_terms').selectAll().where('unit_id', '=', u.id).orderBy('started_on', 'desc').limit(20).execute();
    const open = terms.find((t) => t.ended_on === null);
    const ab = abilities(actor, u.path, u.kind);
    return {
      counts, findings: findings.map(presentFinding),
      termYears: u.kind === 'party_group' ? null : s.termYears[u.kind],
      term: open ? presentTerm(open, today, s) : null,
      pastTerms: terms.filter((t) => t.ended_on !== null).map((t) => presentTerm(t, today, s)),
      positions: positions.map((p) => ({ id: p.id, personId: p.person_id, personName: p.person_name, role: p.role, duty: p.duty, fromOn: p.from_on, exceptionReason: p.exception_reason })),
      abilities: { manage: ab.manageLeadership, overrideRules: ab.overrideRules },
    };
  });
}

export function presentFinding(f: OrgFinding) {
  return { code: f.code, severity: f.severity, rule: f.rule, basis: f.basis, message: f.message };
}

/** The block findings `after` would create: those present after the change and absent before it. */
function newBlocks(kind: OrgKind, counts: { fullMembers: number; members: number }, before: readonly PositionLike[], after: readonly PositionLike[], s: OrgSettings): OrgFinding[] {
  const had = new Set(checkOrgUnit(kind, countsWith(counts, before), s).filter((f) => f.severity === 'block').map((f) => f.code));
  return checkOrgUnit(kind, countsWith(counts, after), s).filter((f) => f.severity === 'block' && !had.has(f.code));
}

/**
 * Refuses a write that breaks a §1 block unless the actor may override (org.manage on the parent level) and gave a
 * reason. Returns the overridden findings, for the history and the audit record.
 */
function enforce(actor: Actor, u: Unit, blocks: OrgFinding[], exceptionReason: string | undefined, field: string): OrgFinding[] {
  if (blocks.length === 0) return [];
  const reason = exceptionReason?.trim();
  if (reason && canOverrideOrgRules(actor, u.path)) return blocks;
  const first = blocks[0]!;
  const how = canOverrideOrgRules(actor, u.path)
    ? { zh: '如确需例外，请填写例外理由后再提交。', en: 'To record an exception, give a reason and submit again.' }
    : { zh: '如确需例外，须由上级党组织的管理员填写理由办理。', en: 'An exception must be recorded, with a reason, by an administrator of the higher organisation.' };
  throw new AppError(400, 'org_rule', { zh: `${first.message.zh}（${first.rule}）。${how.zh}`, en: `${first.message.en} (${first.rule}). ${how.en}` }, field);
}

async function leadershipUnit(tx: Tx, actor: Actor, id: string): Promise<Unit> {
  const u = await unitOrThrow(tx, actor, id);
  if (!can(actor, 'org.manage', u.path)) throw forbidden();
  if (u.kind === 'party_group') throw badField('id', { zh: '党小组不设任期和支部委员会，只设组长', en: 'A party group has no elected term or committee' });
  return u;
}

/** A person who may hold a position in the unit: in its subtree, not archived, a 正式党员 (see `positionRefusal`). */
async function eligiblePerson(tx: Tx, u: Unit, personId: string, field: string) {
  const p = await tx.selectFrom('people').select(['id', 'name', 'party_status', 'org_path', 'archived_at']).where('id', '=', personId).executeTakeFirst();
  if (!p || !p.org_path.startsWith(u.path) || p.archived_at !== null) {
    throw badField(field, { zh: '只能从本组织（含下级组织）的在册人员中任职', en: 'Only a current person of this unit or its subunits can hold a position here' });
  }
  const refusal = positionRefusal(p.party_status);
  if (refusal) throw badField(field, refusal);
  return p;
}

export interface PositionInput { personId: string; role: PositionRole; duty?: PositionDuty | null | undefined }

function checkSecretaries(positions: readonly PositionLike[], field: string): void {
  if (positions.filter((p) => p.role === 'secretary').length > 1) {
    throw badField(field, { zh: '一个组织只能有一名书记', en: 'A unit has one secretary' });
  }
}

/**
 * 换届: records an election on `startedOn`. The term ends after the tenant's term length for the kind; the previous term
 * and its positions close on the election day. An election earlier than the previous term's regular end by more than
 * the allowed months (提前换届) is a block (RULES.md §1).
 */
export async function electTerm(db: Kysely<DB>, actor: Actor, id: string, input: { startedOn: LegalDate; positions: PositionInput[]; note?: string | undefined; exceptionReason?: string | undefined }) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const u = await leadershipUnit(tx, actor, id);
    const s = await tenantOrgSettings(tx, actor.tenantId);
    const today = todayInChina();
    if (isAfter(input.startedOn, today)) throw badField('startedOn', { zh: '选举日期不能晚于今天（换届后再登记）', en: 'The election date cannot be later than today (record it after the election)' });
    const prev = await openTerm(tx, u.id);
    if (prev && !isAfter(input.startedOn, prev.started_on)) {
      throw badField('startedOn', { zh: `选举日期须晚于上一届的开始日期 ${prev.started_on}`, en: `The election date must be after the previous term's start (${prev.started_on})` });
    }
    const seen = new Set<string>();
    for (const [i, p] of input.positions.entries()) {
      if (seen.has(p.personId)) throw badField(`positions.${i}.personId`, { zh: '同一人只能担任一个职务', en: 'A person holds one position' });
      seen.add(p.personId);
      await eligiblePerson(tx, u, p.personId, `positions.${i}.personId`);
    }
    checkSecretaries(input.positions, 'positions');
    const counts = await partyCounts(tx, u.path);
    // The new 班子 is judged as a whole: a committee below its minimum size is a block here, unlike one appointment at a time.
    const blocks = checkOrgUnit(u.kind, countsWith(counts, input.positions), s).filter((f) => f.severity === 'block');
    if (prev) blocks.push(...checkTermChange(prev.regular_ends_on, input.startedOn, s).filter((f) => f.code === 'term_early_too_far'));
    const overridden = enforce(actor, u, blocks, input.exceptionReason, blocks[0]?.code.startsWith('term_') ? 'startedOn' : 'positions');
    const endsOn = termEnds(input.startedOn, u.kind, s)!;
    if (prev) {
      await tx.updateTable('org_positions').set({ to_on: input.startedOn }).where('unit_id', '=', u.id).where('to_on', 'is', null).execute();
      await tx.updateTable('org_terms').set({ ended_on: input.startedOn }).where('id', '=', prev.id).execute();
    } else {
      await tx.updateTable('org_positions').set({ to_on: sql<string>`greatest(from_on, ${input.startedOn}::date)` }).where('unit_id', '=', u.id).where('to_on', 'is', null).execute();
    }
    const termId = randomUUID();
    await tx.insertInto('org_terms').values({ id: termId, tenant_id: ctx.tenantId, unit_id: u.id, started_on: input.startedOn, regular_ends_on: endsOn, ends_on: endsOn, change_reason: null, ended_on: null, note: input.note ?? '' }).execute();
    const reason = overridden.length ? input.exceptionReason!.trim() : null;
    if (input.positions.length) {
      await tx.insertInto('org_positions').values(input.positions.map((p) => ({
        id: randomUUID(), tenant_id: ctx.tenantId, unit_id: u.id, term_id: termId, person_id: p.personId, role: p.role, duty: p.duty ?? null, from_on: input.startedOn, to_on: null, exception_reason: reason,
      }))).execute();
    }
    const detail = { termId, startedOn: input.startedOn, endsOn, positions: input.positions.length, previousTermId: prev?.id ?? null, ...(reason ? { exception: { rules: overridden.map((f) => f.code), reason } } : {}) };
    await recordUnitEvent(tx, ctx, u.id, 'term_elected', detail);
    await auditAs(tx, ctx, { action: 'org.term_elect', objectType: 'org_unit', objectId: u.id, detail });
    return termId;
  });
}

/** 延期换届 / 提前换届: moves the open term's end, at most `termChangeMaxMonths` from its regular end (RULES.md §1). */
export async function changeTermEnd(db: Kysely<DB>, actor: Actor, id: string, input: { endsOn: LegalDate; reason: string; exceptionReason?: string | undefined }) {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const u = await leadershipUnit(tx, actor, id);
    const s = await tenantOrgSettings(tx, actor.tenantId);
    const term = await openTerm(tx, u.id);
    if (!term) throw conflict(undefined, { zh: '该组织还没有登记任期，请先登记换届', en: 'The unit has no recorded term; record an election first' });
    if (!isAfter(input.endsOn, term.started_on)) throw badField('endsOn', { zh: '届满日期须晚于本届开始日期', en: 'The end date must be after the term started' });
    const overridden = enforce(actor, u, checkTermChange(term.regular_ends_on, input.endsOn, s), input.exceptionReason, 'endsOn');
    await tx.updateTable('org_terms').set({ ends_on: input.endsOn, change_reason: input.reason }).where('id', '=', term.id).execute();
    const detail = { termId: term.id, from: term.ends_on, to: input.endsOn, regularEndsOn: term.regular_ends_on, reason: input.reason, ...(overridden.length ? { exception: { rules: overridden.map((f) => f.code), reason: input.exceptionReason!.trim() } } : {}) };
    await recordUnitEvent(tx, ctx, u.id, 'term_changed', detail);
    await auditAs(tx, ctx, { action: 'org.term_change', objectType: 'org_unit', objectId: u.id, detail });
  });
}

/** One appointment (补选, 增补) in the current term. A 委员 in a branch below the 支委会 threshold is a §1 block. */
export async function addPosition(db: Kysely<DB>, actor: Actor, id: string, input: PositionInput & { fromOn: LegalDate; exceptionReason?: string | undefined }) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const u = await leadershipUnit(tx, actor, id);
    const s = await tenantOrgSettings(tx, actor.tenantId);
    const person = await eligiblePerson(tx, u, input.personId, 'personId');
    if (isAfter(input.fromOn, todayInChina())) throw badField('fromOn', { zh: '任职日期不能晚于今天', en: 'The start date cannot be later than today' });
    const before = await currentPositions(tx, u.id);
    if (before.some((p) => p.person_id === input.personId)) throw conflict('personId', { zh: `${person.name}已在本组织任职，请先免去原职务`, en: `${person.name} already holds a position here; end it first` });
    const after = [...before, { role: input.role }];
    checkSecretaries(after, 'role');
    const counts = await partyCounts(tx, u.path);
    const overridden = enforce(actor, u, newBlocks(u.kind, counts, before, after, s).filter((f) => f.code !== 'committee_too_small'), input.exceptionReason, 'role');
    const term = await openTerm(tx, u.id);
    if (term && isBefore(input.fromOn, term.started_on)) throw badField('fromOn', { zh: `任职日期不能早于本届开始日期 ${term.started_on}`, en: `The start date cannot precede the term's start (${term.started_on})` });
    const positionId = randomUUID();
    const reason = overridden.length ? input.exceptionReason!.trim() : null;
    await tx.insertInto('org_positions').values({ id: positionId, tenant_id: ctx.tenantId, unit_id: u.id, term_id: term?.id ?? null, person_id: input.personId, role: input.role, duty: input.duty ?? null, from_on: input.fromOn, to_on: null, exception_reason: reason }).execute();
    const detail = { positionId, personId: person.id, personName: person.name, role: input.role, duty: input.duty ?? null, fromOn: input.fromOn, ...(reason ? { exception: { rules: overridden.map((f) => f.code), reason } } : {}) };
    await recordUnitEvent(tx, ctx, u.id, 'position_added', detail);
    await auditAs(tx, ctx, { action: 'org.position_add', objectType: 'org_unit', objectId: u.id, detail });
    return positionId;
  });
}

/** 免职 or leaving a position on `toOn`. */
export async function endPosition(db: Kysely<DB>, actor: Actor, id: string, positionId: string, toOn: LegalDate) {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const u = await leadershipUnit(tx, actor, id);
    const p = await tx.selectFrom('org_positions as op').innerJoin('people as pe', 'pe.id', 'op.person_id').select(['op.id', 'op.from_on', 'op.role', 'op.person_id', 'pe.name'])
      .where('op.id', '=', positionId).where('op.unit_id', '=', u.id).where('op.to_on', 'is', null).executeTakeFirst();
    if (!p) throw notFound({ zh: '职务', en: 'Position' });
    if (isBefore(toOn, p.from_on)) throw badField('toOn', { zh: `免职日期不能早于任职日期 ${p.from_on}`, en: `The end date cannot precede the start (${p.from_on})` });
    if (isAfter(toOn, todayInChina())) throw badField('toOn', { zh: '免职日期不能晚于今天', en: 'The end date cannot be later than today' });
    await tx.updateTable('org_positions').set({ to_on: toOn }).where('id', '=', p.id).execute();
    const detail = { positionId: p.id, personId: p.person_id, personName: p.name, role: p.role, toOn };
    await recordUnitEvent(tx, ctx, u.id, 'position_ended', detail);
    await auditAs(tx, ctx, { action: 'org.position_end', objectType: 'org_unit', objectId: u.id, detail });
  });
}

/**
 * 正式党员 of the unit's subtree who may be elected or appointed (names and units only: the position form needs no other
 * personal data, and an org manager without people.read can still fill it). At most 50, by name, pinyin or initials.
 */
export async function positionCandidates(db: Kysely<DB>, actor: Actor, id: string, q: string | undefined) {
  return withTenant(db, txContext(actor), async (tx) => {
    const u = await leadershipUnit(tx, actor, id);
    let query = tx.selectFrom('people as p').innerJoin('org_units as o', 'o.id', 'p.org_unit_id').select(['p.id', 'p.name', 'o.name as unit_name'])
      .where(subtreeRange('p.org_path', u.path)).where('p.party_status', '=', 'full').where('p.archived_at', 'is', null);
    const text = q?.trim().toLowerCase();
    if (text) {
      const like = text.replace(/[\\%_]/g, (c) => `\\${c}`);
      query = query.where((eb) => eb.or([eb('p.name', 'like', `%${like}%`), eb('p.name_pinyin', 'like', `${like}%`), eb('p.name_initials', 'like', `${like}%`)]));
    }
    const rows = await query.orderBy('p.name_pinyin').orderBy('p.id').limit(50).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, unitName: r.unit_name }));
  });
}
