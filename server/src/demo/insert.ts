import type { Insertable } from 'kysely';
import type { OrgUnitsTable, PeopleTable } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenancy.js';
import type { FieldCipher } from '../platform/crypto/fields.js';
import type { DemoOrg, DemoUnit } from './generate.js';

/** Rows per INSERT: 500 people × 22 columns stays far below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500;

export interface DemoInsertCounts {
  units: number;
  people: number;
}

/**
 * Inserts the demo org tree and people into `tenantId`. Call inside withTenant() for that same tenant:
 * row-level security rejects rows whose tenant_id differs from the transaction's tenant.
 * Accounts are not written here; the caller creates users and role grants from `data.accounts`.
 */
export async function insertDemoOrg(tx: Tx, tenantId: string, data: Pick<DemoOrg, 'units' | 'people'>, cipher?: FieldCipher): Promise<DemoInsertCounts> {
  const units = orgUnitRows(tenantId, data.units);
  const people: Insertable<PeopleTable>[] = data.people.map((p) => ({
    id: p.id,
    tenant_id: tenantId,
    org_unit_id: p.orgUnitId,
    name: p.name,
    name_pinyin: p.namePinyin,
    name_initials: p.nameInitials,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birth_date: p.birthDate,
    education: p.education,
    job_title: p.jobTitle,
    party_status: p.partyStatus,
    party_joined_on: p.partyJoinedOn,
    applied_on: p.details.appliedOn,
    activist_on: p.details.activistOn,
    candidate_on: p.details.candidateOn,
    full_on: p.details.fullOn,
    membership: p.details.membership,
    membership_note: p.details.membershipNote,
    // ID numbers and phones are stored only encrypted, so they need the server's key (the seed passes it).
    ...(cipher && p.details.idNumber !== '' ? { id_number_enc: cipher.encrypt(p.details.idNumber), id_number_hash: cipher.lookupHash(p.details.idNumber), phone_enc: cipher.encrypt(p.details.phone) } : {}),
  }));
  let unitCount = 0;
  for (const chunk of chunks(units)) {
    const [res] = await tx.insertInto('org_units').values(chunk).execute();
    unitCount += Number(res?.numInsertedOrUpdatedRows ?? 0n);
  }
  let peopleCount = 0;
  for (const chunk of chunks(people)) {
    const [res] = await tx.insertInto('people').values(chunk).execute();
    peopleCount += Number(res?.numInsertedOrUpdatedRows ?? 0n);
  }
  return { units: unitCount, people: peopleCount };
}

/**
 * Computes the materialised path ('/<root>/…/<id>/') and depth of every unit, and orders rows by
 * depth so each parent is inserted before its children whichever chunk they land in.
 */
export function orgUnitRows(tenantId: string, units: readonly DemoUnit[]): Insertable<OrgUnitsTable>[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const placed = new Map<string, { path: string; depth: number }>();
  const place = (u: DemoUnit, seen: ReadonlySet<string>): { path: string; depth: number } => {
    const known = placed.get(u.id);
    if (known) return known;
    if (seen.has(u.id)) throw new Error(`org unit ${u.id} is its own ancestor`);
    let result = { path: `/${u.id}/`, depth: 0 };
    if (u.parentId !== null) {
      const parent = byId.get(u.parentId);
      if (!parent) throw new Error(`org unit ${u.id} has an unknown parent ${u.parentId}`);
      const p = place(parent, new Set([...seen, u.id]));
      result = { path: `${p.path}${u.id}/`, depth: p.depth + 1 };
    }
    placed.set(u.id, result);
    return result;
  };
  return units
    .map((u) => {
      const { path, depth } = place(u, new Set());
      return { id: u.id, tenant_id: tenantId, parent_id: u.parentId, path, depth, kind: u.kind, name: u.name, sort_order: u.sortOrder, dissolved_at: null };
    })
    .sort((a, b) => a.depth - b.depth);
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}
