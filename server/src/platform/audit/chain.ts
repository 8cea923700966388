import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Tx, TxContext } from '../db/tenancy.js';
import { canonicalJson, sm3 } from '../crypto/hash.js';

/**
 * The audit log: append-only, one SM3 hash chain per tenant (RULES.md §7). Each record's hash covers
 * its content and the previous record's hash, so changing, removing or reordering any record breaks
 * every hash after it, and verification names the first record that no longer fits.
 */
export interface AuditEntry {
  actorId: string | null;
  actorName: string;
  action: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure' | 'denied';
  sourceIp: string;
  detail?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

interface HashedFields {
  tenantId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  result: string;
  sourceIp: string;
  detail: Record<string, unknown>;
}

export function recordHash(prevHash: string, f: HashedFields): string {
  return sm3(
    prevHash +
      '\n' +
      canonicalJson({ ...f, at: f.at.toISOString() }),
  );
}

/**
 * Appends a record to the tenant's chain inside the caller's transaction (the tenant in context).
 * A transaction-scoped advisory lock serialises appends per tenant so the chain never forks.
 */
export async function appendAudit(tx: Tx, tenantId: string, e: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(7234002, hashtext(${tenantId}))`.execute(tx);
  const last = await tx.selectFrom('audit_log').select(['seq', 'hash']).where('tenant_id', '=', tenantId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const f: HashedFields = {
    tenantId,
    seq: (last?.seq ?? 0) + 1,
    // Millisecond precision: what a JS Date holds is exactly what timestamptz gives back.
    at: new Date(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    objectType: e.objectType ?? '',
    objectId: e.objectId ?? '',
    result: e.result ?? 'success',
    sourceIp: e.sourceIp,
    detail: e.detail ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx
    .insertInto('audit_log')
    .values({
      tenant_id: tenantId,
      seq: f.seq,
      at: f.at,
      actor_id: f.actorId,
      actor_name: f.actorName,
      action: f.action,
      object_type: f.objectType,
      object_id: f.objectId,
      result: f.result as 'success',
      source_ip: f.sourceIp,
      detail: canonicalJson(f.detail),
      prev_hash: prevHash,
      hash: recordHash(prevHash, f),
    })
    .execute();
}

/** Appends a record for the actor in `ctx` (the usual case: a use case auditing its own write). */
export function auditAs(tx: Tx, ctx: TxContext, e: Omit<AuditEntry, 'actorId' | 'actorName' | 'sourceIp'>): Promise<void> {
  return appendAudit(tx, ctx.tenantId, { ...e, actorId: ctx.actorId, actorName: ctx.actorName, sourceIp: ctx.sourceIp });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; id: number; at: string; reason: 'hash_mismatch' | 'broken_link' | 'missing_record' };
}

/** Walks a tenant's chain in order (RLS: the caller's tenant context must be this tenant), in pages. */
export async function verifyChain(db: Kysely<DB> | Tx, tenantId: string, pageSize = 2000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).where('seq', '>=', expectSeq).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) {
      const at = new Date(r.at);
      const bad = (reason: NonNullable<VerifyResult['firstBad']>['reason']): VerifyResult => ({ ok: false, checked, firstBad: { seq: r.seq, id: r.id, at: at.toISOString(), reason } });
      if (r.seq !== expectSeq) return bad('missing_record');
      if (r.prev_hash !== prevHash) return bad('broken_link');
      const h = recordHash(prevHash, {
        tenantId, seq: r.seq, at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, objectType: r.object_type,
        objectId: r.object_id, result: r.result, sourceIp: r.source_ip, detail: r.detail,
      });
      if (h !== r.hash) return bad('hash_mismatch');
      prevHash = r.hash;
      expectSeq++;
      checked++;
    }
    if (rows.length < pageSize) return { ok: true, checked };
  }
}
