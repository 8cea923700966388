import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { ctxOf, type AuthState } from '../auth/sessions.js';
import { appendAudit } from './chain.js';

/**
 * A request refused because the caller's roles lack the route's permission (越权访问) is a security event: 等保 level 3
 * wants every audit record with its result, refusals included (RULES.md §7). It is written in a transaction of its
 * own — the refused request itself still changes nothing — as `access.denied` with result `denied`.
 *
 * At most one record per user and route a minute (per process): a client retrying in a loop should not be able to
 * fill the log, and the hash chain's per-tenant lock should not become theirs to hold.
 */
const WINDOW_MS = 60_000;
const MAX_REMEMBERED = 10_000;
const lastRecorded = new Map<string, number>();

export async function auditDenied(db: Kysely<DB>, auth: AuthState, e: { method: string; route: string; permission: string; ip: string }, now = Date.now()): Promise<boolean> {
  const key = `${auth.userId} ${e.method} ${e.route}`;
  const last = lastRecorded.get(key);
  if (last !== undefined && now - last < WINDOW_MS) return false;
  if (lastRecorded.size >= MAX_REMEMBERED) lastRecorded.clear();
  lastRecorded.set(key, now);
  await withTenant(db, ctxOf(auth, e.ip), (tx) =>
    appendAudit(tx, auth.tenantId, {
      actorId: auth.userId, actorName: auth.displayName, action: 'access.denied', objectType: 'route', objectId: `${e.method} ${e.route}`,
      result: 'denied', sourceIp: e.ip, detail: { permission: e.permission },
    }));
  return true;
}
