/** 换届提醒 (RULES.md §1): open terms that end within `renewalReminderMonths`, or have already ended, in the actor's scope. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { inSubtrees } from '../../platform/db/subtree.js';
import { scopesFor, type Actor } from '../../platform/access/actor.js';
import { txContext } from '../../platform/http/app.js';
import { addMonths, daysBetween } from '../../platform/dates/legal-date.js';
import { termState } from './rules.js';
import { tenantOrgSettings } from './settings.js';
import { todayInChina } from './clock.js';

export async function renewalReminders(db: Kysely<DB>, actor: Actor, today = todayInChina()) {
  return withTenant(db, txContext(actor), async (tx) => {
    const s = await tenantOrgSettings(tx, actor.tenantId);
    const scopes = scopesFor(actor, 'org.read');
    if (scopes.length === 0) return { months: s.renewalReminderMonths, items: [] };
    // A term is due for renewal from `months` before its end: its end is on or before today + months.
    const horizon = addMonths(today, s.renewalReminderMonths);
    const rows = await tx.selectFrom('org_terms as t').innerJoin('org_units as u', 'u.id', 't.unit_id')
      .select(['u.id', 'u.name', 'u.kind', 'u.path', 't.started_on', 't.ends_on'])
      .where('t.ended_on', 'is', null).where('u.dissolved_at', 'is', null).where('t.ends_on', '<=', horizon)
      .where(inSubtrees('u.path', scopes))
      .orderBy('t.ends_on').orderBy('u.name').limit(500).execute();
    return {
      months: s.renewalReminderMonths,
      items: rows.map((r) => ({
        unitId: r.id, unitName: r.name, kind: r.kind, startedOn: r.started_on, endsOn: r.ends_on,
        state: termState(r.ends_on, today, s) === 'expired' ? ('expired' as const) : ('renewal_due' as const),
        daysLeft: daysBetween(today, r.ends_on),
      })),
    };
  });
}
