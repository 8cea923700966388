import { randomUUID } from 'node:crypto';
import type { Tx, TxContext } from '../../platform/db/tenancy.js';
import { can, type Actor } from '../../platform/access/actor.js';
import type { Permission } from '../../platform/access/permissions.js';
import { notFound } from '../../platform/http/errors.js';

const PERSON = { zh: '人员', en: 'Person' };

/**
 * A person the actor may act on with `permission` (granted on the person's org unit or above), or 404.
 * Out of scope answers like a missing person, so existence is not disclosed. Archived people are found too:
 * callers that must not act on them check `archived_at`.
 */
export async function personOrThrow(tx: Tx, actor: Actor, id: string, permission: Permission) {
  const p = await tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p || !can(actor, permission, p.org_path)) throw notFound(PERSON);
  return p;
}

/** The person linked to the actor's account, if any (a member's own record). */
export async function ownPersonId(tx: Tx, actor: Actor): Promise<string | null> {
  const u = await tx.selectFrom('users').select('person_id').where('id', '=', actor.userId).executeTakeFirst();
  return u?.person_id ?? null;
}

/**
 * One line of a person's history (person_events). Write it in the same transaction as the change and its audit
 * record. `kind` is a short code the UI names ('created', 'updated', 'status', 'moved', 'transfer.issued', …).
 */
export async function recordPersonEvent(tx: Tx, ctx: TxContext, personId: string, kind: string, detail: Record<string, unknown> = {}): Promise<void> {
  await tx.insertInto('person_events').values({
    id: randomUUID(), tenant_id: ctx.tenantId, person_id: personId, actor_user_id: ctx.actorId ?? null, kind, detail: JSON.stringify(detail),
  }).execute();
}
