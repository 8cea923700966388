/**
 * Finding a transfer and deciding which side the actor is on. A transfer is seen from the sending side (the row in
 * `transfers`, scope-checked on the sending unit), from the receiving unit of the same tenant (a within-tenant
 * transfer, scope-checked on the receiving unit), or from a receiving tenant (its `transfer_inbox` row). Anything
 * else answers 404 (existence is not disclosed).
 */
import { sql } from 'kysely';
import type { Tx, TxContext } from '../../platform/db/tenancy.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { notFound, type Msg } from '../../platform/http/errors.js';
import { isAfter, type LegalDate } from '../../platform/dates/legal-date.js';
import { transferSettings, type TransferSettings, type TransferScope, type TransferSide, type TransferSnapshot, type TransferState } from './rules.js';
import type { TransferInboxTable, TransfersTable } from './tables.js';
import type { Selectable } from 'kysely';

export const TRANSFER: Msg = { zh: '转接记录', en: 'Transfer' };

/** The date in Asia/Shanghai (legal dates are Chinese calendar days, whatever the server's zone). */
export function todayInChina(now: Date = new Date()): LegalDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export type OutgoingRow = Selectable<TransfersTable> & { from_path: string; to_path: string | null; to_unit_name: string | null };
export type InboxRow = Selectable<TransferInboxTable>;

export type Located =
  | { kind: 'outgoing'; row: OutgoingRow; sender: boolean; receiver: boolean }
  | { kind: 'inbox'; row: InboxRow; sender: false; receiver: true };

export async function outgoingRow(tx: Tx, id: string, forUpdate = false): Promise<OutgoingRow | undefined> {
  let q = tx.selectFrom('transfers as t').innerJoin('org_units as f', 'f.id', 't.from_unit_id').leftJoin('org_units as u', 'u.id', 't.to_unit_id')
    .selectAll('t').select(['f.path as from_path', 'u.path as to_path', 'u.name as to_unit_name']).where('t.id', '=', id);
  if (forUpdate) q = q.forUpdate('t');
  return q.executeTakeFirst();
}

/**
 * Whether the actor may receive transfers addressed to the tenant as a whole (an inbox row names an organization
 * by text only): `transfers.manage` held on a root unit of the tenant (or tenant-wide).
 */
export async function receivesForTenant(tx: Tx, actor: Actor): Promise<boolean> {
  const scopes = scopesFor(actor, 'transfers.manage');
  if (scopes.length === 0) return false;
  if (scopes.includes('')) return true;
  const roots = await tx.selectFrom('org_units').select('path').where('parent_id', 'is', null).where('dissolved_at', 'is', null).execute();
  return roots.some((r) => can(actor, 'transfers.manage', r.path));
}

/** A transfer the actor takes part in, with the sides they hold; 404 otherwise. */
export async function locate(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<Located> {
  const row = await outgoingRow(tx, id, forUpdate);
  if (row) {
    const sender = can(actor, 'transfers.manage', row.from_path);
    // The receiving unit learns of a transfer once the letter is issued, not while it is a draft.
    const receiver = row.scope === 'within_tenant' && row.state !== 'draft' && row.to_path !== null && can(actor, 'transfers.manage', row.to_path);
    if (sender || receiver) return { kind: 'outgoing', row, sender, receiver };
    throw notFound(TRANSFER);
  }
  let q = tx.selectFrom('transfer_inbox').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const inbox = await q.executeTakeFirst();
  if (inbox && (await receivesForTenant(tx, actor))) return { kind: 'inbox', row: inbox, sender: false, receiver: true };
  throw notFound(TRANSFER);
}

export function snapshotOf(l: Located): TransferSnapshot {
  return l.kind === 'outgoing'
    ? { state: l.row.state, scope: l.row.scope, issuedOn: l.row.issued_on, validityDays: l.row.validity_days }
    : { state: l.row.state, scope: 'platform', issuedOn: l.row.issued_on, validityDays: l.row.validity_days };
}

/** The state as of `today`: an issued letter past its last valid day reads as expired before the sweep records it. */
export function effectiveState(state: TransferState, expiresOn: LegalDate | null, today: LegalDate): TransferState {
  return state === 'issued' && expiresOn !== null && isAfter(today, expiresOn) ? 'expired' : state;
}

export async function settingsOf(tx: Tx, tenantId: string): Promise<TransferSettings> {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  return transferSettings(t?.settings);
}

export interface TransferAbilities { issue: boolean; cancel: boolean; receive: boolean; return: boolean; letter: boolean }

/** What the actor may do now, from the state machine for each side they hold (the UI shows exactly these). */
export function abilitiesOf(l: Located, allowed: (side: 'sender' | 'receiver') => string[]): TransferAbilities {
  const acts = new Set<string>();
  if (l.sender) for (const a of allowed('sender')) acts.add(a);
  if (l.receiver) for (const a of allowed('receiver')) acts.add(a);
  const issued = l.kind === 'inbox' || l.row.state !== 'draft';
  return {
    issue: acts.has('issue'), cancel: acts.has('cancel'), receive: acts.has('receive'), return: acts.has('return'),
    // The printed letter belongs to the sender (the receiver holds the paper or the inbox row).
    letter: l.sender && issued && l.kind === 'outgoing' && l.row.letter_no !== null,
  };
}

/**
 * The side an action needs from this actor: issue and cancel are the sender's; receive and return the receiver's,
 * except out of the platform, where the sender records the 回执 or the returned letter (rules.ts actorFor).
 * When the actor holds only the other side, that side is passed, so the state machine refuses with wrong_side.
 */
export function sideFor(l: Located, action: 'issue' | 'cancel' | 'receive' | 'return', scope: TransferScope): TransferSide {
  const needsSender = action === 'issue' || action === 'cancel' || scope === 'external';
  if (needsSender) return l.sender ? 'sender' : 'receiver';
  return l.receiver ? 'receiver' : 'sender';
}

/** The context for writing on another tenant's chain: the actor named with their enterprise. */
export function foreignCtx(ctx: TxContext, tenantId: string, actorTenantName: string): TxContext {
  return { tenantId, actorId: ctx.actorId, actorName: `${ctx.actorName}（${actorTenantName}）`, sourceIp: ctx.sourceIp };
}

export async function tenantName(tx: Tx, tenantId: string): Promise<string> {
  const t = await tx.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirst();
  return t?.name ?? '';
}

/** Serialises letter numbering per tenant (the same lock scheme as the audit chain, another key). */
export async function lockLetterNumbers(tx: Tx, tenantId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(7234007, hashtext(${tenantId}))`.execute(tx);
}
