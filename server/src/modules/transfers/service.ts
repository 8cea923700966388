/**
 * 组织关系转接 use cases on the sending side: lists, detail, create (draft), issue, cancel, and the pickers the form
 * needs. Receipt, return and expiry are in receive.ts; the cross-tenant writes of an issue are at the end here.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, PartyStatus } from '../../platform/db/schema.js';
import { switchTenant, withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { inSubtrees } from '../../platform/db/subtree.js';
import { appendAudit, auditAs } from '../../platform/audit/chain.js';
import { scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, forbidden } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { securitySettings } from '../../platform/auth/policy.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { personOrThrow, recordPersonEvent } from '../members/person-access.js';
import { applyTransferAction, checkLetterValidity, letterExpiresOn, stubRetainUntil, type TransferScope, type TransferState } from './rules.js';
import { foreignCtx, locate, lockLetterNumbers, outgoingRow, receivesForTenant, settingsOf, sideFor, tenantName, todayInChina } from './access.js';
import { detailOf, inboxItem, outgoingItem, type TransferDetail, type TransferItem } from './present.js';
import { duesPaidUntil, hasLedger, nextLetterNumber } from './letter.js';
import type { PersonSnapshot } from './tables.js';

/** Only party members (预备 and 正式) have an organizational relation to transfer. */
const TRANSFERABLE: readonly PartyStatus[] = ['probationary', 'full'];

/** `column` (an org path) inside one of the scope subtrees; '' covers the tenant. */
function subtreeOf(scopes: string[], column: string) {
  return inSubtrees(column, scopes);
}

export async function listTransfers(db: Kysely<DB>, actor: Actor, q: { box: 'outgoing' | 'incoming'; state?: TransferState | undefined; page: number; pageSize: number }): Promise<{ items: TransferItem[]; total: number }> {
  return withTenant(db, txContext(actor), async (tx) => {
    const today = todayInChina();
    const scopes = scopesFor(actor, 'transfers.manage');
    if (scopes.length === 0) return { items: [], total: 0 };
    const base = () => tx.selectFrom('transfers as t').innerJoin('org_units as f', 'f.id', 't.from_unit_id').leftJoin('org_units as u', 'u.id', 't.to_unit_id')
      .selectAll('t').select(['f.path as from_path', 'u.path as to_path', 'u.name as to_unit_name']);
    const limit = q.page * q.pageSize;
    if (q.box === 'outgoing') {
      let b = base().where(subtreeOf(scopes, 'f.path'));
      if (q.state) b = b.where('t.state', '=', q.state);
      const rows = await b.orderBy('t.created_at', 'desc').orderBy('t.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      let c = tx.selectFrom('transfers as t').innerJoin('org_units as f', 'f.id', 't.from_unit_id').where(subtreeOf(scopes, 'f.path'));
      if (q.state) c = c.where('t.state', '=', q.state);
      const total = Number((await c.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { items: rows.map((r) => outgoingItem(r, 'outgoing', today)), total };
    }
    // Incoming: letters issued to a unit in scope in this tenant, and letters from other tenants (inbox).
    let w = base().where('t.scope', '=', 'within_tenant').where('t.state', '!=', 'draft').where(subtreeOf(scopes, 'u.path'));
    if (q.state) w = w.where('t.state', '=', q.state);
    const within = await w.orderBy('t.created_at', 'desc').limit(limit).execute();
    let inbox: Awaited<ReturnType<typeof inboxRows>> = [];
    const inboxRows = (lim: number) => {
      let i = tx.selectFrom('transfer_inbox').selectAll();
      if (q.state) i = i.where('state', '=', q.state as 'issued');
      return i.orderBy('created_at', 'desc').limit(lim).execute();
    };
    const forTenant = await receivesForTenant(tx, actor);
    if (forTenant) inbox = await inboxRows(limit);
    const merged = [...within.map((r) => outgoingItem(r, 'incoming', today)), ...inbox.map((r) => inboxItem(r, today))]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    let total = 0;
    let wc = tx.selectFrom('transfers as t').innerJoin('org_units as u', 'u.id', 't.to_unit_id').where('t.scope', '=', 'within_tenant').where('t.state', '!=', 'draft').where(subtreeOf(scopes, 'u.path'));
    if (q.state) wc = wc.where('t.state', '=', q.state);
    total += Number((await wc.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (forTenant) {
      let ic = tx.selectFrom('transfer_inbox');
      if (q.state) ic = ic.where('state', '=', q.state as 'issued');
      total += Number((await ic.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    }
    return { items: merged.slice((q.page - 1) * q.pageSize, limit), total };
  });
}

export async function getTransfer(db: Kysely<DB>, actor: Actor, id: string): Promise<TransferDetail> {
  return withTenant(db, txContext(actor), async (tx) => detailIn(tx, actor, id));
}

export async function detailIn(tx: Tx, actor: Actor, id: string): Promise<TransferDetail> {
  const l = await locate(tx, actor, id);
  return detailOf(l, todayInChina(), await settingsOf(tx, actor.tenantId));
}

export interface CreateInput {
  personId: string;
  scope: TransferScope;
  toUnitId?: string | undefined;
  toTenantId?: string | undefined;
  toOrgName?: string | undefined;
  reason: string;
  validityDays: number;
  duesPaidUntil?: string | null | undefined;
}

export async function createTransfer(db: Kysely<DB>, actor: Actor, input: CreateInput): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const today = todayInChina();
    const settings = await settingsOf(tx, ctx.tenantId);
    const person = await personOrThrow(tx, actor, input.personId, 'transfers.manage');
    if (person.archived_at) throw badField('personId', { zh: '该人员已归档，不能转接', en: 'This person is archived and cannot be transferred' });
    if (!TRANSFERABLE.includes(person.party_status)) {
      throw badField('personId', { zh: '只有党员（含预备党员）才转接组织关系', en: 'Only party members (full or probationary) have an organizational relation to transfer' });
    }
    const open = await tx.selectFrom('transfers').select('id').where('person_id', '=', person.id).where('state', 'in', ['draft', 'issued']).executeTakeFirst();
    if (open) throw conflict('personId', { zh: '该党员已有一份未办结的转接，请先办结或作废', en: 'This member already has an open transfer; finish or cancel it first' });
    const problems = checkLetterValidity(today, input.validityDays, settings);
    if (problems[0]) throw badField('validityDays', problems[0].message);
    const from = await tx.selectFrom('org_units').select(['id', 'name']).where('id', '=', person.org_unit_id).executeTakeFirstOrThrow();
    let toUnitId: string | null = null;
    let toTenantId: string | null = null;
    let toTenantName: string | null = null;
    let toOrgName = (input.toOrgName ?? '').trim();
    if (input.scope === 'within_tenant') {
      if (!input.toUnitId) throw badField('toUnitId', { zh: '请选择接收的党组织', en: 'Choose the receiving unit' });
      const to = await tx.selectFrom('org_units').select(['id', 'name']).where('id', '=', input.toUnitId).where('dissolved_at', 'is', null).executeTakeFirst();
      if (!to) throw badField('toUnitId', { zh: '接收的党组织不存在', en: 'The receiving unit does not exist' });
      if (to.id === from.id) throw badField('toUnitId', { zh: '接收的党组织与所在党组织相同', en: 'The receiving unit is the member’s own unit' });
      toUnitId = to.id;
      toOrgName = to.name;
    } else if (input.scope === 'platform') {
      const dir = await directory(tx, ctx.tenantId);
      const t = dir.find((d) => d.id === input.toTenantId);
      if (!t) throw badField('toTenantId', { zh: '请从平台企业名录中选择接收企业', en: 'Choose the receiving enterprise from the platform directory' });
      toTenantId = t.id;
      toTenantName = t.name;
      if (!toOrgName) throw badField('toOrgName', { zh: '请填写接收的党组织名称', en: 'Name the receiving party organization' });
    } else if (!toOrgName) {
      throw badField('toOrgName', { zh: '请填写接收的党组织名称', en: 'Name the receiving party organization' });
    }
    // 党费交至 from the dues ledger when the member has one; the form's month only without one.
    const fromRecords = (await hasLedger(tx, person.id)) ? await duesPaidUntil(tx, person.id) : undefined;
    const id = randomUUID();
    await tx.insertInto('transfers').values({
      id, tenant_id: ctx.tenantId, letter_no: null, person_id: person.id, person_name: person.name, scope: input.scope,
      from_unit_id: from.id, from_org_name: from.name, to_unit_id: toUnitId, to_tenant_id: toTenantId, to_tenant_name: toTenantName, to_org_name: toOrgName,
      reason: input.reason.trim(), validity_days: input.validityDays, dues_paid_until: fromRecords !== undefined ? fromRecords : input.duesPaidUntil ?? null,
      issued_on: null, expires_on: null, stub_retain_until: null, received_on: null, received_org_name: null, receipt_note: null,
      returned_on: null, return_reason: null, expired_on: null, cancelled_at: null, created_by: ctx.actorId,
    }).execute();
    await recordPersonEvent(tx, ctx, person.id, 'transfer.created', { transferId: id, scope: input.scope, to: toTenantName ? `${toTenantName} ${toOrgName}` : toOrgName });
    await auditAs(tx, ctx, { action: 'transfer.create', objectType: 'transfer', objectId: id, detail: { personId: person.id, scope: input.scope, toUnitId, toTenantId, toOrgName, validityDays: input.validityDays } });
    return id;
  });
}

/** Issues the letter: number, dates, 存根 retention; between tenants also the receiver's inbox row. */
export async function issueTransfer(db: Kysely<DB>, cipher: FieldCipher, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const today = todayInChina();
    const settings = await settingsOf(tx, ctx.tenantId);
    const l = await locate(tx, actor, id, true);
    if (l.kind !== 'outgoing') throw forbidden({ zh: '这一操作应由另一方党组织办理', en: 'This action belongs to the other organization' });
    const t = l.row;
    const r = applyTransferAction({ state: t.state, scope: t.scope, issuedOn: today, validityDays: t.validity_days }, 'issue', sideFor(l, 'issue', t.scope), today, today, settings);
    if (!r.ok) throw refusal(r.reason, r.message);
    await lockLetterNumbers(tx, ctx.tenantId);
    const letterNo = await nextLetterNumber(tx, Number(today.slice(0, 4)));
    const expiresOn = letterExpiresOn(today, t.validity_days);
    await tx.updateTable('transfers').set({ state: 'issued', letter_no: letterNo, issued_on: today, expires_on: expiresOn, stub_retain_until: stubRetainUntil(today, settings), updated_at: new Date() })
      .where('id', '=', id).execute();
    await recordPersonEvent(tx, ctx, t.person_id, 'transfer.issued', { transferId: id, letterNo, expiresOn });
    await auditAs(tx, ctx, { action: 'transfer.issue', objectType: 'transfer', objectId: id, detail: { letterNo, issuedOn: today, expiresOn, scope: t.scope } });
    if (t.scope === 'platform' && t.to_tenant_id) await deliverToInbox(tx, cipher, ctx, { ...t, letter_no: letterNo, issued_on: today, expires_on: expiresOn });
  });
}

/**
 * Writes the receiving tenant's inbox row and its audit record, in the sender's transaction: the tenant context is
 * switched to the receiver only after the sender's permission was checked, and switched back before returning.
 */
async function deliverToInbox(tx: Tx, cipher: FieldCipher, ctx: TxContext, t: NonNullable<Awaited<ReturnType<typeof outgoingRow>>>): Promise<void> {
  const to = t.to_tenant_id!;
  const p = await tx.selectFrom('people').selectAll().where('id', '=', t.person_id).executeTakeFirstOrThrow();
  const snapshot: PersonSnapshot = {
    name: p.name, gender: p.gender, ethnicity: p.ethnicity, birthDate: p.birth_date, education: p.education, partyStatus: p.party_status,
    appliedOn: p.applied_on, activistOn: p.activist_on, candidateOn: p.candidate_on, partyJoinedOn: p.party_joined_on, fullOn: p.full_on,
  };
  const idNumber = p.id_number_enc ? cipher.decrypt(p.id_number_enc) : null;
  const fromTenantName = await tenantName(tx, ctx.tenantId);
  await switchTenant(tx, to);
  try {
    const receiver = await tx.selectFrom('tenants').select('settings').where('id', '=', to).executeTakeFirstOrThrow();
    await tx.insertInto('transfer_inbox').values({
      id: t.id, tenant_id: to, from_tenant_id: ctx.tenantId, from_tenant_name: fromTenantName, from_org_name: t.from_org_name, letter_no: t.letter_no!,
      person_name: t.person_name, snapshot: JSON.stringify(snapshot),
      // Re-encrypted with the receiving tenant's algorithm (AES or SM4); the lookup hash key is the platform's.
      id_number_enc: idNumber ? cipher.encrypt(idNumber, securitySettings(receiver.settings).fieldAlgorithm) : null, id_number_hash: p.id_number_hash,
      to_org_name: t.to_org_name, reason: t.reason, validity_days: t.validity_days, dues_paid_until: t.dues_paid_until,
      issued_on: t.issued_on!, expires_on: t.expires_on!, received_on: null, received_unit_id: null, received_person_id: null,
      returned_on: null, return_reason: null, expired_on: null,
    }).execute();
    await appendAudit(tx, to, { ...foreignCtx(ctx, to, fromTenantName), action: 'transfer.incoming', objectType: 'transfer', objectId: t.id, detail: { fromTenantId: ctx.tenantId, letterNo: t.letter_no } });
  } finally {
    await switchTenant(tx, ctx.tenantId);
  }
}

export async function cancelTransfer(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const today = todayInChina();
    const l = await locate(tx, actor, id, true);
    if (l.kind !== 'outgoing') throw forbidden({ zh: '这一操作应由另一方党组织办理', en: 'This action belongs to the other organization' });
    const t = l.row;
    const r = applyTransferAction({ state: t.state, scope: t.scope, issuedOn: t.issued_on, validityDays: t.validity_days }, 'cancel', sideFor(l, 'cancel', t.scope), today);
    if (!r.ok) throw refusal(r.reason, r.message);
    await tx.updateTable('transfers').set({ state: 'cancelled', cancelled_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await recordPersonEvent(tx, ctx, t.person_id, 'transfer.cancelled', { transferId: id });
    await auditAs(tx, ctx, { action: 'transfer.cancel', objectType: 'transfer', objectId: id, detail: {} });
  });
}

/** A state-machine refusal as an HTTP error: the wrong side is 403, anything else a 409 with the reason. */
export function refusal(reason: string, message: { zh: string; en: string }) {
  if (reason === 'wrong_side') return forbidden(message);
  if (reason === 'date') return badField('on', message);
  return conflict(undefined, message);
}

/** Active enterprise tenants of the platform other than the actor's (from a narrow SECURITY DEFINER function). */
export async function directory(tx: Tx, ownTenantId: string): Promise<{ id: string; code: string; name: string }[]> {
  const { rows } = await sql<{ id: string; code: string; name: string }>`select id, code, name from zg_transfer_directory()`.execute(tx);
  return rows.filter((r) => r.id !== ownTenantId);
}

export async function tenantDirectory(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), (tx) => directory(tx, actor.tenantId));
}

/** Members the actor may transfer: in scope, party members, not archived, no open transfer (the form's picker). */
export async function transferCandidates(db: Kysely<DB>, actor: Actor, q: string | undefined) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'transfers.manage');
    if (scopes.length === 0) return [];
    let b = tx.selectFrom('people as p').innerJoin('org_units as o', 'o.id', 'p.org_unit_id')
      .select(['p.id', 'p.name', 'p.party_status', 'o.name as unit_name'])
      .where('p.archived_at', 'is', null).where('p.party_status', 'in', [...TRANSFERABLE])
      .where(subtreeOf(scopes, 'p.org_path'))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('transfers as t').select('t.id').whereRef('t.person_id', '=', 'p.id').where('t.state', 'in', ['draft', 'issued']))));
    const text = (q ?? '').trim().toLowerCase();
    if (text) {
      const like = text.replace(/[\\%_]/g, (c) => `\\${c}`);
      b = b.where((eb) => eb.or([eb('p.name', 'like', `%${like}%`), eb('p.name_pinyin', 'like', `${like}%`), eb('p.name_initials', 'like', `${like}%`)]));
    }
    const rows = await b.orderBy('p.name_pinyin').limit(30).execute();
    const out = [];
    for (const r of rows) {
      const ledger = await hasLedger(tx, r.id);
      out.push({ id: r.id, name: r.name, partyStatus: r.party_status as 'probationary' | 'full', unitName: r.unit_name, duesFromLedger: ledger, duesPaidUntil: ledger ? await duesPaidUntil(tx, r.id) : null });
    }
    return out;
  });
}

/**
 * Units for the form: `target` lists every unit of the tenant (a member may go to any unit, receipt is then the
 * receiving unit's business); `receive` lists the units where the actor may receive (transfers.manage).
 */
export async function transferUnits(db: Kysely<DB>, actor: Actor, purpose: 'target' | 'receive') {
  return withTenant(db, txContext(actor), async (tx) => {
    let b = tx.selectFrom('org_units').select(['id', 'name', 'path', 'depth', 'kind']).where('dissolved_at', 'is', null);
    if (purpose === 'receive') {
      const scopes = scopesFor(actor, 'transfers.manage');
      if (scopes.length === 0) return [];
      b = b.where(subtreeOf(scopes, 'path'));
    }
    const rows = await b.orderBy('path').limit(2000).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, depth: r.depth, kind: r.kind }));
  });
}

/** People in `personIds` with an issued letter not yet received: shown as 转出中 in the sender's lists (RULES.md §3). */
export async function transferringOut(tx: Tx, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await tx.selectFrom('transfers').select('person_id').where('person_id', 'in', [...personIds]).where('state', '=', 'issued').execute();
  return new Set(rows.map((r) => r.person_id));
}

