import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ArchivedReason, DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { badField, conflict, type AppError } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import type { LegalDate } from '../../platform/dates/legal-date.js';
import { transferringOut } from '../transfers/service.js';
import { personOrThrow, recordPersonEvent } from './person-access.js';
import { checkPersonInput, personRowValues, tenantFieldAlgorithm, type PersonInput } from './person-input.js';
import { cappedCount, listOrder, peopleQuery, type PeopleFilter } from './people-search.js';
import { decryptOrNull, inputOf, listItem, personRecord, type PersonRow, type RecordAbilities } from './people-view.js';

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Ages, 党龄 and "not in the future" are judged by the calendar day in China. */
export function todayInChina(now: Date = new Date()): LegalDate {
  return CHINA_DAY.format(now);
}

export interface Deps { db: Kysely<DB>; cipher: FieldCipher }

/** A page of people matching the filter, ordered by pinyin. */
export async function listPeople(d: Deps, actor: Actor, f: PeopleFilter, page: { page: number; pageSize: number }) {
  const today = todayInChina();
  return withTenant(d.db, txContext(actor), async (tx) => {
    const q = await peopleQuery(tx, actor, d.cipher, f, today);
    const { total, capped } = await cappedCount(tx, q);
    let ordered = q.innerJoin('org_units as o', 'o.id', 'people.org_unit_id').selectAll('people').select('o.name as org_unit_name');
    const order = listOrder(actor, f);
    // A search is selective: its matches come from their own index, then are sorted. Ordering by the bare column would
    // tempt the planner to walk the pinyin index in order and filter (100× slower for initials at 1M, bench/people).
    if (order === 'initials') ordered = ordered.orderBy('people.name_initials').orderBy('people.name_pinyin');
    else if (order === 'search') ordered = ordered.orderBy(sql`people.name_pinyin || ''`);
    else if (order === 'unit') ordered = ordered.orderBy('people.org_path').orderBy('people.name_pinyin');
    else ordered = ordered.orderBy('people.name_pinyin');
    const rows = await ordered.orderBy('people.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
    const transferring = await transferringOut(tx, rows.map((r) => r.id));
    return { items: rows.map((r) => listItem(r, d.cipher, today, transferring.has(r.id))), total, totalCapped: capped, page: page.page, pageSize: page.pageSize };
  });
}

export function abilitiesOn(actor: Actor, p: Pick<PersonRow, 'org_path' | 'archived_at'>): RecordAbilities {
  const manage = can(actor, 'people.manage', p.org_path);
  return { edit: manage && p.archived_at === null, archive: manage && p.archived_at === null, revealId: manage, manageHonours: manage && p.archived_at === null };
}

export async function getPerson(d: Deps, actor: Actor, id: string) {
  return withTenant(d.db, txContext(actor), async (tx) => {
    const p = await personOrThrow(tx, actor, id, 'people.read');
    const abilities = abilitiesOn(actor, p);
    return personRecord(tx, p, d.cipher, todayInChina(), { fullPhone: abilities.revealId, abilities });
  });
}

const UNIT = { zh: '组织', en: 'Org unit' };

/** The unit a person goes into: exists, not dissolved, and the actor manages people there (else a field error). */
async function targetUnit(tx: Tx, actor: Actor, orgUnitId: string) {
  const u = await tx.selectFrom('org_units').select(['id', 'path']).where('id', '=', orgUnitId).where('dissolved_at', 'is', null).executeTakeFirst();
  if (!u || !can(actor, 'people.manage', u.path)) {
    throw badField('orgUnitId', { zh: '所在组织不存在，或您无权在该组织下管理人员', en: 'The org unit does not exist or you may not manage people there' });
  }
  return u;
}

function firstProblem(input: PersonInput, today: LegalDate): void {
  const [p] = checkPersonInput(input, today);
  if (p) throw badField(p.field, p.message);
}

/** The ID number is registered to someone else in this tenant (the unique index); named without saying who. */
async function ensureIdFree(tx: Tx, hash: string | null, exceptId: string | null): Promise<void> {
  if (!hash) return;
  let q = tx.selectFrom('people').select('id').where('id_number_hash', '=', hash);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw conflict('idNumber', { zh: '该身份证号已登记在本企业的另一人员名下', en: 'This ID number is already registered to another person in this enterprise' });
}

/** Field names whose change is recorded; ID number and phone are named, never their values. */
const SENSITIVE = new Set(['idNumber', 'phone']);
function changedFields(before: PersonInput, after: PersonInput): string[] {
  return (Object.keys(after) as (keyof PersonInput)[]).filter((k) => (before[k] ?? null) !== (after[k] ?? null));
}
function changeDetail(before: PersonInput, after: PersonInput, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const k = f as keyof PersonInput;
    out[f] = SENSITIVE.has(f) ? { changed: true } : { from: before[k] ?? null, to: after[k] ?? null };
  }
  return out;
}

export async function createPerson(d: Deps, actor: Actor, input: PersonInput): Promise<string> {
  const ctx = txContext(actor);
  const today = todayInChina();
  firstProblem(input, today);
  return withTenant(d.db, ctx, async (tx) => {
    await targetUnit(tx, actor, input.orgUnitId);
    const values = personRowValues(input, d.cipher, await tenantFieldAlgorithm(tx, ctx.tenantId));
    await ensureIdFree(tx, values.id_number_hash, null);
    const id = randomUUID();
    await tx.insertInto('people').values({ id, tenant_id: ctx.tenantId, ...values }).execute();
    await recordPersonEvent(tx, ctx, id, 'created', { partyStatus: values.party_status, orgUnitId: values.org_unit_id });
    await auditAs(tx, ctx, { action: 'people.create', objectType: 'person', objectId: id, detail: { name: values.name, orgUnitId: values.org_unit_id, partyStatus: values.party_status } });
    return id;
  });
}

/** Optimistic concurrency: the edit names the version it read; someone else's save in between answers 409. */
function staleVersion(): AppError {
  return conflict('version', { zh: '该记录已被他人修改，请刷新后再改', en: 'Someone else changed this record; reload and edit again' });
}

export async function updatePerson(d: Deps, actor: Actor, id: string, patch: Partial<PersonInput> & { version: number }): Promise<void> {
  const ctx = txContext(actor);
  const today = todayInChina();
  await withTenant(d.db, ctx, async (tx) => {
    const p = await personOrThrow(tx, actor, id, 'people.manage');
    if (p.archived_at) throw conflict(undefined, { zh: '已归档的人员不能修改', en: 'An archived person cannot be edited' });
    if (p.version !== patch.version) throw staleVersion();
    const before = inputOf(p, d.cipher);
    const { version: _v, ...fields } = patch;
    const after: PersonInput = { ...before, ...fields };
    firstProblem(after, today);
    if (after.orgUnitId !== before.orgUnitId) await targetUnit(tx, actor, after.orgUnitId);
    const changed = changedFields(before, after);
    if (changed.length === 0) return;
    const values = personRowValues(after, d.cipher, await tenantFieldAlgorithm(tx, ctx.tenantId));
    await ensureIdFree(tx, values.id_number_hash, id);
    // Unchanged secrets keep their ciphertext (no needless re-encryption, the stored algorithm is kept).
    const set = { ...values, id_number_enc: changed.includes('idNumber') ? values.id_number_enc : p.id_number_enc, phone_enc: changed.includes('phone') ? values.phone_enc : p.phone_enc };
    const r = await tx.updateTable('people').set({ ...set, version: p.version + 1, updated_at: new Date() })
      .where('id', '=', id).where('version', '=', p.version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
    const detail = changeDetail(before, after, changed);
    if (changed.includes('orgUnitId')) await recordPersonEvent(tx, ctx, id, 'moved', { from: before.orgUnitId, to: after.orgUnitId });
    const rest = changed.filter((c) => c !== 'orgUnitId');
    if (rest.length > 0) await recordPersonEvent(tx, ctx, id, 'updated', Object.fromEntries(rest.map((k) => [k, detail[k]])));
    await auditAs(tx, ctx, { action: 'people.update', objectType: 'person', objectId: id, detail: { name: after.name, fields: changed } });
  });
}

export async function archivePerson(d: Deps, actor: Actor, id: string, body: { reason: ArchivedReason; note?: string | undefined; version: number }): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(d.db, ctx, async (tx) => {
    const p = await personOrThrow(tx, actor, id, 'people.manage');
    if (p.archived_at) throw conflict(undefined, { zh: '该人员已归档', en: 'This person is already archived' });
    if (p.version !== body.version) throw staleVersion();
    await tx.updateTable('people').set({ archived_at: new Date(), archived_reason: body.reason, version: p.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
    // The login of an archived person stays as it is: accounts are the system administrator's (separation of duties).
    await recordPersonEvent(tx, ctx, id, 'archived', { reason: body.reason, note: body.note ?? '' });
    await auditAs(tx, ctx, { action: 'people.archive', objectType: 'person', objectId: id, detail: { name: p.name, reason: body.reason } });
  });
}

/** The full 身份证号, for those who manage the person; every reveal is an audit record. */
export async function revealIdNumber(d: Deps, actor: Actor, id: string): Promise<{ idNumber: string | null }> {
  const ctx = txContext(actor);
  return withTenant(d.db, ctx, async (tx) => {
    const p = await personOrThrow(tx, actor, id, 'people.manage');
    await auditAs(tx, ctx, { action: 'people.reveal_id', objectType: 'person', objectId: id, detail: { name: p.name } });
    return { idNumber: decryptOrNull(d.cipher, p.id_number_enc) };
  });
}
