/** How a transfer is shown: list items, the detail with its timeline and the actions the actor may take now. */
import { allowedTransferActions, formatDuesPaidUntil, responsibleSide, type TransferScope, type TransferSettings, type TransferState } from './rules.js';
import { abilitiesOf, effectiveState, type InboxRow, type Located, type OutgoingRow, type TransferAbilities, snapshotOf } from './access.js';

export interface TransferItem {
  id: string;
  box: 'outgoing' | 'incoming';
  letterNo: string | null;
  personName: string;
  scope: TransferScope;
  state: TransferState;
  fromOrgName: string;
  fromTenantName: string | null;
  toOrgName: string;
  toTenantName: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  createdAt: string;
}

export type TimelineEvent = 'created' | 'issued' | 'received' | 'returned' | 'expired' | 'cancelled';

export interface TransferDetail extends TransferItem {
  reason: string;
  validityDays: number;
  duesPaidUntil: string | null;
  duesPaidUntilText: string | null;
  receivedOn: string | null;
  receivedOrgName: string | null;
  receiptNote: string | null;
  returnedOn: string | null;
  returnReason: string | null;
  stubRetainUntil: string | null;
  /** The organization responsible for the member now: the sender until receipt (RULES.md §3). */
  responsible: 'sender' | 'receiver';
  /** The sender's person record (sending side only). */
  personId: string | null;
  /** Receiving from another tenant: the receiver picks the unit the member joins. */
  receiveNeedsUnit: boolean;
  timeline: { event: TimelineEvent; on: string; note: string | null }[];
  abilities: TransferAbilities;
}

export function outgoingItem(r: OutgoingRow, box: 'outgoing' | 'incoming', today: string): TransferItem {
  return {
    id: r.id, box, letterNo: r.letter_no, personName: r.person_name, scope: r.scope, state: effectiveState(r.state, r.expires_on, today),
    fromOrgName: r.from_org_name, fromTenantName: null, toOrgName: r.to_org_name, toTenantName: r.to_tenant_name,
    issuedOn: r.issued_on, expiresOn: r.expires_on, createdAt: new Date(r.created_at).toISOString(),
  };
}

export function inboxItem(r: InboxRow, today: string): TransferItem {
  return {
    id: r.id, box: 'incoming', letterNo: r.letter_no, personName: r.person_name, scope: 'platform', state: effectiveState(r.state, r.expires_on, today),
    fromOrgName: r.from_org_name, fromTenantName: r.from_tenant_name, toOrgName: r.to_org_name, toTenantName: null,
    issuedOn: r.issued_on, expiresOn: r.expires_on, createdAt: new Date(r.created_at).toISOString(),
  };
}

export function detailOf(l: Located, today: string, settings: TransferSettings): TransferDetail {
  const allowed = (side: 'sender' | 'receiver') => allowedTransferActions(snapshotOf(l), side, today, settings);
  const abilities = abilitiesOf(l, allowed);
  const timeline: TransferDetail['timeline'] = [];
  const r = l.row;
  if (l.kind === 'outgoing') {
    timeline.push({ event: 'created', on: new Date(r.created_at).toISOString(), note: null });
    if (l.row.issued_on) timeline.push({ event: 'issued', on: l.row.issued_on, note: l.row.letter_no });
    if (l.row.cancelled_at) timeline.push({ event: 'cancelled', on: new Date(l.row.cancelled_at).toISOString(), note: null });
  } else {
    timeline.push({ event: 'issued', on: r.issued_on!, note: r.letter_no });
  }
  if (r.received_on) timeline.push({ event: 'received', on: r.received_on, note: l.kind === 'outgoing' ? (l.row.received_org_name ?? l.row.receipt_note) : null });
  if (r.returned_on) timeline.push({ event: 'returned', on: r.returned_on, note: r.return_reason });
  const state = effectiveState(r.state, r.expires_on, today);
  if (r.expired_on) timeline.push({ event: 'expired', on: r.expired_on, note: null });
  else if (state === 'expired' && r.expires_on) timeline.push({ event: 'expired', on: r.expires_on, note: null });
  const item = l.kind === 'outgoing' ? outgoingItem(l.row, l.sender ? 'outgoing' : 'incoming', today) : inboxItem(l.row, today);
  return {
    ...item,
    reason: r.reason, validityDays: r.validity_days, duesPaidUntil: r.dues_paid_until, duesPaidUntilText: formatDuesPaidUntil(r.dues_paid_until),
    receivedOn: r.received_on, receivedOrgName: l.kind === 'outgoing' ? (l.row.received_org_name ?? l.row.to_unit_name) : null,
    receiptNote: l.kind === 'outgoing' ? l.row.receipt_note : null,
    returnedOn: r.returned_on, returnReason: r.return_reason,
    stubRetainUntil: l.kind === 'outgoing' ? l.row.stub_retain_until : null,
    responsible: responsibleSide(state), personId: l.kind === 'outgoing' && l.sender ? l.row.person_id : null,
    receiveNeedsUnit: l.kind === 'inbox', timeline, abilities,
  };
}
