/**
 * Receipt and return of a transfer (RULES.md §3: the sender stays responsible until the receiver confirms), and the
 * expiry of letters past their validity.
 *  - within the tenant: the receiving unit receives (the person moves there) or returns it;
 *  - between tenants: the receiving tenant receives into a unit it picks (a person record is created there from the
 *    snapshot, the sender's person is archived `transferred_out`) or returns it with a reason; the sender's row, the
 *    sender's person, history and audit chain are written in the same transaction (switchTenant);
 *  - out of the platform: the sender records the 回执 (receive; the person is archived) or the returned letter.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { PLATFORM_TENANT_ID, switchTenant, withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import { appendAudit, auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { badField, conflict } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { recordPersonEvent } from '../members/person-access.js';
import { namePinyin } from '../../platform/text/pinyin.js';
import { applyTransferAction, type TransferSettings } from './rules.js';
import { foreignCtx, locate, outgoingRow, settingsOf, sideFor, snapshotOf, tenantName, todayInChina, type InboxRow, type Located } from './access.js';
import { refusal } from './service.js';

export interface ReceiveInput { on?: string | undefined; unitId?: string | undefined; note?: string | undefined }
export interface ReturnInput { on?: string | undefined; reason: string }

function check(l: Located, action: 'receive' | 'return', today: string, on: string, settings: TransferSettings): void {
  const scope = l.kind === 'outgoing' ? l.row.scope : 'platform';
  const r = applyTransferAction(snapshotOf(l), action, sideFor(l, action, scope), today, on, settings);
  if (!r.ok) throw refusal(r.reason, r.message);
}

async function archiveTransferredOut(tx: Tx, personId: string): Promise<void> {
  await tx.updateTable('people').set((eb) => ({ archived_at: new Date(), archived_reason: 'transferred_out', updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', personId).execute();
}

export async function receiveTransfer(db: Kysely<DB>, actor: Actor, id: string, input: ReceiveInput): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const today = todayInChina();
    const on = input.on ?? today;
    const settings = await settingsOf(tx, ctx.tenantId);
    const l = await locate(tx, actor, id, true);
    check(l, 'receive', today, on, settings);
    const note = input.note?.trim() || null;
    if (l.kind === 'inbox') return receiveFromTenant(tx, actor, ctx, l.row, on, input.unitId);
    const t = l.row;
    await tx.updateTable('transfers').set({ state: 'received', received_on: on, receipt_note: note, received_org_name: t.scope === 'within_tenant' ? t.to_unit_name : null, updated_at: new Date() })
      .where('id', '=', id).execute();
    if (t.scope === 'within_tenant') {
      await tx.updateTable('people').set((eb) => ({ org_unit_id: t.to_unit_id!, updated_at: new Date(), version: eb('version', '+', 1) })).where('id', '=', t.person_id).execute();
      await recordPersonEvent(tx, ctx, t.person_id, 'transfer.received', { transferId: id, fromUnitId: t.from_unit_id, toUnitId: t.to_unit_id, on });
    } else {
      await archiveTransferredOut(tx, t.person_id);
      await recordPersonEvent(tx, ctx, t.person_id, 'transfer.received', { transferId: id, to: t.to_org_name, on, receipt: true });
    }
    await auditAs(tx, ctx, { action: 'transfer.receive', objectType: 'transfer', objectId: id, detail: { on, scope: t.scope } });
  });
}

async function receiveFromTenant(tx: Tx, actor: Actor, ctx: TxContext, row: InboxRow, on: string, unitId: string | undefined): Promise<void> {
  if (!unitId) throw badField('unitId', { zh: '请选择接收该党员的党组织', en: 'Choose the unit that receives the member' });
  const unit = await tx.selectFrom('org_units').select(['id', 'name', 'path']).where('id', '=', unitId).where('dissolved_at', 'is', null).executeTakeFirst();
  if (!unit || !can(actor, 'transfers.manage', unit.path)) throw badField('unitId', { zh: '只能接收到您负责的党组织', en: 'Receive only into a unit you are responsible for' });
  if (row.id_number_hash) {
    const same = await tx.selectFrom('people').select('name').where('id_number_hash', '=', row.id_number_hash).executeTakeFirst();
    if (same) throw conflict(undefined, { zh: `本企业已有同一身份证号的人员记录（${same.name}），请先核对`, en: `A person with the same ID number already exists here (${same.name}); check first` });
  }
  const s = row.snapshot;
  const personId = randomUUID();
  const py = namePinyin(s.name);
  await tx.insertInto('people').values({
    id: personId, tenant_id: ctx.tenantId, org_unit_id: unit.id, name: s.name, name_pinyin: py.pinyin, name_initials: py.initials, gender: s.gender, ethnicity: s.ethnicity, birth_date: s.birthDate,
    education: s.education, job_title: null, party_status: s.partyStatus, applied_on: s.appliedOn, activist_on: s.activistOn,
    candidate_on: s.candidateOn, party_joined_on: s.partyJoinedOn, full_on: s.fullOn, id_number_enc: row.id_number_enc, id_number_hash: row.id_number_hash,
    phone_enc: null, employee_no: null, membership_note: null, archived_at: null, archived_reason: null,
  }).execute();
  await tx.updateTable('transfer_inbox').set({ state: 'received', received_on: on, received_unit_id: unit.id, received_person_id: personId, updated_at: new Date() })
    .where('id', '=', row.id).execute();
  await recordPersonEvent(tx, ctx, personId, 'transfer.received', { transferId: row.id, fromTenant: row.from_tenant_name, fromOrg: row.from_org_name, letterNo: row.letter_no, on });
  await auditAs(tx, ctx, { action: 'transfer.receive', objectType: 'transfer', objectId: row.id, detail: { on, unitId: unit.id, personId, fromTenantId: row.from_tenant_id } });
  const receiverName = await tenantName(tx, ctx.tenantId);
  await onSenderSide(tx, ctx, row.from_tenant_id, async () => {
    const t = await senderRowIssued(tx, row.id);
    await tx.updateTable('transfers').set({ state: 'received', received_on: on, received_org_name: unit.name, updated_at: new Date() }).where('id', '=', row.id).execute();
    await archiveTransferredOut(tx, t.person_id);
    const fctx = foreignCtx(ctx, row.from_tenant_id, receiverName);
    await recordPersonEvent(tx, { ...fctx, actorId: null }, t.person_id, 'transfer.received', { transferId: row.id, by: fctx.actorName, toTenant: receiverName, toOrg: unit.name, on });
    await appendAudit(tx, row.from_tenant_id, { ...fctx, action: 'transfer.receive', objectType: 'transfer', objectId: row.id, detail: { on, toTenantId: ctx.tenantId } });
  });
}

/** Runs `fn` with the sender's tenant as the context and switches back, also when `fn` throws. */
async function onSenderSide(tx: Tx, ctx: TxContext, senderTenantId: string, fn: () => Promise<void>): Promise<void> {
  await switchTenant(tx, senderTenantId);
  try {
    await fn();
  } finally {
    await switchTenant(tx, ctx.tenantId);
  }
}

async function senderRowIssued(tx: Tx, id: string) {
  const t = await outgoingRow(tx, id, true);
  // Both rows change together, so they agree; a mismatch means a concurrent change: refuse rather than diverge.
  if (!t || t.state !== 'issued') throw conflict(undefined, { zh: '转出方的记录已变化，请刷新后再试', en: 'The sender’s record changed; reload and try again' });
  return t;
}

export async function returnTransfer(db: Kysely<DB>, actor: Actor, id: string, input: ReturnInput): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const today = todayInChina();
    const on = input.on ?? today;
    const reason = input.reason.trim();
    if (!reason) throw badField('reason', { zh: '请填写退回原因', en: 'Give the reason for returning it' });
    const l = await locate(tx, actor, id, true);
    check(l, 'return', today, on, await settingsOf(tx, ctx.tenantId));
    if (l.kind === 'outgoing') {
      await tx.updateTable('transfers').set({ state: 'returned', returned_on: on, return_reason: reason, updated_at: new Date() }).where('id', '=', id).execute();
      await recordPersonEvent(tx, ctx, l.row.person_id, 'transfer.returned', { transferId: id, on, reason });
      await auditAs(tx, ctx, { action: 'transfer.return', objectType: 'transfer', objectId: id, detail: { on, scope: l.row.scope } });
      return;
    }
    const row = l.row;
    await tx.updateTable('transfer_inbox').set({ state: 'returned', returned_on: on, return_reason: reason, updated_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'transfer.return', objectType: 'transfer', objectId: id, detail: { on, fromTenantId: row.from_tenant_id } });
    const receiverName = await tenantName(tx, ctx.tenantId);
    await onSenderSide(tx, ctx, row.from_tenant_id, async () => {
      const t = await senderRowIssued(tx, id);
      await tx.updateTable('transfers').set({ state: 'returned', returned_on: on, return_reason: reason, updated_at: new Date() }).where('id', '=', id).execute();
      const fctx = foreignCtx(ctx, row.from_tenant_id, receiverName);
      await recordPersonEvent(tx, { ...fctx, actorId: null }, t.person_id, 'transfer.returned', { transferId: id, by: fctx.actorName, on, reason });
      await appendAudit(tx, row.from_tenant_id, { ...fctx, action: 'transfer.return', objectType: 'transfer', objectId: id, detail: { on, toTenantId: ctx.tenantId } });
    });
  });
}

// ---------------------------------------------------------------- expiry

const SYSTEM = '系统（介绍信到期）';

/**
 * Records the expiry of every issued letter past its last valid day, each in its own tenant's transaction with an
 * audit record on the sender's chain (and the receiver's, between tenants). Reads already show such letters as
 * expired (present.ts effectiveState); this makes it a recorded fact. Returns how many were expired.
 */
export async function expireOverdue(db: Kysely<DB>, today = todayInChina()): Promise<number> {
  const sysCtx: TxContext = { tenantId: PLATFORM_TENANT_ID, actorId: null, actorName: SYSTEM, sourceIp: '' };
  const due = await withTenant(db, sysCtx, async (tx) => (await sql<{ tenant_id: string; id: string }>`select tenant_id, id from zg_transfers_overdue(${today}::date)`.execute(tx)).rows);
  let n = 0;
  for (const d of due) {
    const ctx: TxContext = { tenantId: d.tenant_id, actorId: null, actorName: SYSTEM, sourceIp: '' };
    n += await withTenant(db, ctx, async (tx) => {
      const t = await outgoingRow(tx, d.id, true);
      if (!t) return 0;
      const r = applyTransferAction({ state: t.state, scope: t.scope, issuedOn: t.issued_on, validityDays: t.validity_days }, 'expire', 'system', today, today, await settingsOf(tx, d.tenant_id));
      if (!r.ok) return 0;
      await tx.updateTable('transfers').set({ state: 'expired', expired_on: today, updated_at: new Date() }).where('id', '=', t.id).execute();
      await recordPersonEvent(tx, ctx, t.person_id, 'transfer.expired', { transferId: t.id, expiresOn: t.expires_on });
      await auditAs(tx, ctx, { action: 'transfer.expire', objectType: 'transfer', objectId: t.id, detail: { expiresOn: t.expires_on } });
      if (t.scope === 'platform' && t.to_tenant_id) {
        const to = t.to_tenant_id;
        await switchTenant(tx, to);
        try {
          await tx.updateTable('transfer_inbox').set({ state: 'expired', expired_on: today, updated_at: new Date() }).where('id', '=', t.id).where('state', '=', 'issued').execute();
          await appendAudit(tx, to, { actorId: null, actorName: SYSTEM, sourceIp: '', action: 'transfer.expire', objectType: 'transfer', objectId: t.id, detail: { expiresOn: t.expires_on } });
        } finally {
          await switchTenant(tx, d.tenant_id);
        }
      }
      return 1;
    });
  }
  return n;
}

/**
 * The periodic sweep the server starts: once shortly after start, then every `minutes` (default hourly). Letters
 * expire on a date, so an hour's delay only affects what is recorded, never what is allowed (actions check the date).
 */
export function startExpirySweep(db: Kysely<DB>, log: { error(obj: unknown, msg: string): void }, minutes = 60): () => void {
  const run = () => { expireOverdue(db).catch((err: unknown) => log.error({ err }, 'transfer expiry sweep failed')); };
  const first = setTimeout(run, 10_000);
  const every = setInterval(run, minutes * 60_000);
  first.unref();
  every.unref();
  return () => { clearTimeout(first); clearInterval(every); };
}
