import { sql, type Kysely } from 'kysely';
import type { DB, PartyStatus } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { inSubtrees, prefixUpper } from '../../platform/db/subtree.js';
import { scopesFor, type Actor } from '../../platform/access/actor.js';
import type { Permission } from '../../platform/access/permissions.js';
import { txContext } from '../../platform/http/app.js';
import { dueReminders } from '../members/reminders.js';
import { loadSteps, shanghaiToday, tenantDevelopmentSettings } from './context.js';
import { daysWaiting, factsFrom, nextSteps } from './workflow.js';

/** The statuses on the way in: 入党申请人 … 预备党员. */
export const PIPELINE_STATUSES: readonly PartyStatus[] = ['applicant', 'activist', 'candidate', 'probationary'];

/** At most this many people are read for one board (a branch or a company holds far fewer on the way in). */
const PIPELINE_LIMIT = 2000;

/** People on the way in within the actor's scope for `permission`. */
async function pipelinePeople(tx: Tx, actor: Actor, permission: Permission) {
  const scopes = scopesFor(actor, permission);
  if (scopes.length === 0) return [];
  return tx.selectFrom('people as p').innerJoin('org_units as o', 'o.id', 'p.org_unit_id')
    .select(['p.id', 'p.name', 'p.party_status', 'p.birth_date', 'o.name as org_unit_name'])
    .where('p.party_status', 'in', PIPELINE_STATUSES)
    .where('p.archived_at', 'is', null)
    .where(inSubtrees('p.org_path', scopes))
    .orderBy('p.name_pinyin').orderBy('p.id')
    .limit(PIPELINE_LIMIT)
    .execute();
}

/** Due, upcoming and overdue items for the branch secretary over the people in scope (RULES.md §2), soonest first. */
export async function listReminders(db: Kysely<DB>, actor: Actor) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const people = await pipelinePeople(tx, actor, 'development.manage');
    const steps = await loadSteps(tx, people.map((p) => p.id));
    const settings = await tenantDevelopmentSettings(tx, ctx.tenantId);
    const today = shanghaiToday();
    const items = people.flatMap((p) => {
      const facts = factsFrom({ status: p.party_status, birthDate: p.birth_date }, steps.get(p.id) ?? []);
      return dueReminders(facts, today, settings).map((r) => ({ personId: p.id, name: p.name, orgUnitName: p.org_unit_name, status: p.party_status, ...r }));
    });
    const rank = { overdue: 0, due: 1, upcoming: 2 } as const;
    items.sort((a, b) => rank[a.state] - rank[b.state] || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    return { today, items };
  });
}

/** The board: people from 入党申请人 to 预备党员 in scope, with the next step and how long the record has waited. */
export async function pipeline(db: Kysely<DB>, actor: Actor) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const people = await pipelinePeople(tx, actor, 'people.read');
    const steps = await loadSteps(tx, people.map((p) => p.id));
    const settings = await tenantDevelopmentSettings(tx, ctx.tenantId);
    const today = shanghaiToday();
    return {
      today,
      items: people.map((p) => {
        const own = steps.get(p.id) ?? [];
        const facts = factsFrom({ status: p.party_status, birthDate: p.birth_date }, own);
        const reminders = dueReminders(facts, today, settings);
        return {
          id: p.id, name: p.name, orgUnitName: p.org_unit_name, status: p.party_status,
          nextStep: nextSteps(facts, settings).suggested, daysWaiting: daysWaiting(own, today),
          overdue: reminders.filter((r) => r.state === 'overdue').length, due: reminders.filter((r) => r.state === 'due').length,
        };
      }),
    };
  });
}

/** People to name on a step (谈话人, 培养联系人, 入党介绍人): by name, pinyin or initials, within the actor's people.read scope. */
export async function searchPeople(db: Kysely<DB>, actor: Actor, q: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'people.read');
    const text = q.trim().toLowerCase();
    if (scopes.length === 0 || text === '') return { items: [] };
    const rows = await tx.selectFrom('people as p').innerJoin('org_units as o', 'o.id', 'p.org_unit_id')
      .select(['p.id', 'p.name', 'p.party_status', 'o.name as org_unit_name'])
      .where('p.archived_at', 'is', null)
      .where(inSubtrees('p.org_path', scopes))
      // Prefix ranges, not LIKE (row-level security keeps LIKE out of index scans; platform/db/subtree.ts). name keeps
      // the database collation: ~>=~ / ~<~ compare bytewise, as its text_pattern_ops index does.
      .where((eb) => eb.or([
        sql<boolean>`(p.name ~>=~ ${text} and p.name ~<~ ${prefixUpper(text)})`,
        eb.and([eb('p.name_pinyin', '>=', text), eb('p.name_pinyin', '<', prefixUpper(text))]),
        eb.and([eb('p.name_initials', '>=', text), eb('p.name_initials', '<', prefixUpper(text))]),
      ]))
      .orderBy('p.name_pinyin').limit(20).execute();
    return { items: rows.map((r) => ({ id: r.id, name: r.name, status: r.party_status, orgUnitName: r.org_unit_name })) };
  });
}
