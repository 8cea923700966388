import { randomUUID } from 'node:crypto';
import type { Tx, TxContext } from '../../platform/db/tenancy.js';
import type { OrgUnitEventKind } from './tables.js';

/**
 * One line of a unit's history (org_unit_events). Write it in the same transaction as the change and its audit
 * record; the detail names people and units by id and name, never ID numbers or phones.
 */
export async function recordUnitEvent(tx: Tx, ctx: TxContext, unitId: string, kind: OrgUnitEventKind, detail: Record<string, unknown> = {}): Promise<void> {
  await tx.insertInto('org_unit_events').values({
    id: randomUUID(), tenant_id: ctx.tenantId, unit_id: unitId, actor_user_id: ctx.actorId ?? null, actor_name: ctx.actorName, kind, detail: JSON.stringify(detail),
  }).execute();
}

export async function unitHistory(tx: Tx, unitId: string, limit = 200) {
  const rows = await tx.selectFrom('org_unit_events').select(['id', 'at', 'kind', 'actor_name', 'detail'])
    .where('unit_id', '=', unitId).orderBy('at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), kind: r.kind, actorName: r.actor_name, detail: r.detail }));
}
