/**
 * Who should attend a meeting, drawn from the org records when it is planned: the unit's party members (正式 and 预备),
 * for a 支委会 the committee (current positions of the branch), for a 党小组会 the group's members. The org module owns
 * org_positions; this is the one place the meetings module reads it.
 */
import type { Tx } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import type { OrgKind } from '../../platform/db/schema.js';
import type { AttendeeRole, MeetingKind } from './tables.js';

export interface UnitRow { id: string; name: string; path: string; kind: OrgKind; parent_id: string | null; dissolved_at: Date | null }

export async function unitRow(tx: Tx, id: string): Promise<UnitRow | undefined> {
  return tx.selectFrom('org_units').select(['id', 'name', 'path', 'kind', 'parent_id', 'dissolved_at']).where('id', '=', id).executeTakeFirst();
}

/** The 支部委员会 exists when a 委员 is among the current positions (as org/terms.ts decides). */
export async function hasCommittee(tx: Tx, unitId: string): Promise<boolean> {
  const r = await tx.selectFrom('org_positions').select('id').where('unit_id', '=', unitId).where('to_on', 'is', null).where('role', '=', 'member').limit(1).executeTakeFirst();
  return r !== undefined;
}

export async function groupCount(tx: Tx, unitId: string): Promise<number> {
  const r = await tx.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', unitId).where('kind', '=', 'party_group').where('dissolved_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface RosterLine { personId: string; name: string; partyStatus: string; role: AttendeeRole; voting: boolean }

/** 正式党员 vote; 预备党员 attend without a vote (RULES.md §5). */
export function votingRight(partyStatus: string): boolean {
  return partyStatus === 'full';
}

/** The attendee list a meeting of `kind` in `unit` starts with. */
export async function expectedRoster(tx: Tx, unit: UnitRow, kind: MeetingKind): Promise<RosterLine[]> {
  const positions = await tx.selectFrom('org_positions').select('person_id').where('unit_id', '=', unit.id).where('to_on', 'is', null).execute();
  const committee = new Set(positions.map((p) => p.person_id));
  let q = tx.selectFrom('people').select(['id', 'name', 'party_status']).where('archived_at', 'is', null);
  if (kind === 'committee') {
    if (committee.size === 0) return [];
    q = q.where('id', 'in', [...committee]);
  } else {
    q = q.where(subtreeRange('org_path', unit.path)).where('party_status', 'in', ['probationary', 'full']);
  }
  const people = await q.orderBy('name_pinyin').orderBy('id').execute();
  return people.map((p) => ({
    personId: p.id, name: p.name, partyStatus: p.party_status, role: committee.has(p.id) ? 'committee' : 'member', voting: votingRight(p.party_status),
  }));
}

/** A person of the unit's branch (the unit itself, or for a 党小组 its branch), as host, recorder or added attendee. */
export async function personInBranch(tx: Tx, unit: UnitRow, personId: string) {
  let scopePath = unit.path;
  if (unit.kind === 'party_group' && unit.parent_id) {
    const parent = await unitRow(tx, unit.parent_id);
    if (parent) scopePath = parent.path;
  }
  return tx.selectFrom('people').select(['id', 'name', 'party_status', 'archived_at']).where('id', '=', personId).where(subtreeRange('org_path', scopePath)).executeTakeFirst();
}
