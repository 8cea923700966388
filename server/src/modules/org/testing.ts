/** Test fixtures for the org module: party members with a status, written straight into the database. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db/database.js';
import type { PartyStatus } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';

/** `n` people in a unit with the given party status (正式党员 by default). Returns their ids. */
export async function makeMembers(f: { database: Database }, tenantId: string, orgUnitId: string, n: number, status: PartyStatus = 'full'): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  if (n === 0) return ids;
  await withTenant(f.database.db, { tenantId, actorId: null, actorName: '测试夹具', sourceIp: '127.0.0.1' }, (tx) =>
    tx.insertInto('people').values(ids.map((id, i) => ({
      id, tenant_id: tenantId, org_unit_id: orgUnitId, name: `党员${i + 1}号`, gender: 'male' as const, birth_date: '1980-01-01',
      education: null, job_title: null, party_status: status, party_joined_on: status === 'full' || status === 'probationary' ? '2010-07-01' : null,
    }))).execute());
  return ids;
}
