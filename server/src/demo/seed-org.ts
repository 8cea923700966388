import { randomUUID } from 'node:crypto';
import type { Tx, TxContext } from '../platform/db/tenancy.js';
import { subtreeRange } from '../platform/db/subtree.js';
import { addMonths, type LegalDate } from '../platform/dates/legal-date.js';
import type { OrgKind } from '../platform/db/schema.js';
import { orgSettings, termEnds } from '../modules/org/rules.js';
import { recordUnitEvent } from '../modules/org/history.js';
import type { PositionDuty, PositionRole } from '../modules/org/tables.js';

/**
 * Terms and positions of the demo units (RULES.md §1), dated relative to the reference date so that, whenever the demo
 * is seeded, one branch's term has expired and three (the demo 支部书记's first) end within the next 6 months; the
 * rest run. Branches with 7 or more 正式党员 get a 支委会 of 5; smaller ones a 书记 and, from 3 正式党员, a 副书记.
 */
export async function seedOrg(tx: Tx, ctx: TxContext, referenceDate: LegalDate): Promise<void> {
  const tenant = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).executeTakeFirstOrThrow();
  const s = orgSettings(tenant.settings);
  const units = await tx.selectFrom('org_units').select(['id', 'name', 'kind', 'path']).where('dissolved_at', 'is', null)
    .where('kind', '<>', 'party_group').orderBy('path').execute();
  const secretaryGrant = await tx.selectFrom('role_grants').select('org_unit_id').where('role', '=', 'branch_secretary').executeTakeFirst();
  const branches = units.filter((u) => u.kind === 'branch');
  // The demo 支部书记's branch comes second: its 换届 is due soon, which the secretary sees on the home page.
  const mine = branches.findIndex((b) => b.id === secretaryGrant?.org_unit_id);
  if (mine > 1) branches.splice(1, 0, ...branches.splice(mine, 1));
  const startFor = (u: { id: string; kind: OrgKind }, i: number): LegalDate => {
    const years = termYearsOf(u.kind, s.termYears);
    if (u.kind !== 'branch') return addMonths(referenceDate, -(6 + (i * 7) % (years * 12 - 14)));
    if (i === 0) return addMonths(referenceDate, -(years * 12 + 2)); // expired two months ago
    if (i <= 3) return addMonths(referenceDate, -(years * 12 - 1 - i)); // ends in 2, 3, 4 months
    return addMonths(referenceDate, -(1 + (i * 5) % (years * 12 - 8))); // well inside the term
  };
  const others = units.filter((u) => u.kind !== 'branch');
  const ordered = [...branches.map((u, i) => ({ u, start: startFor(u, i) })), ...others.map((u, i) => ({ u, start: startFor(u, i) }))];
  for (const { u, start } of ordered) {
    const endsOn = termEnds(start, u.kind, s)!;
    const termId = randomUUID();
    await tx.insertInto('org_terms').values({ id: termId, tenant_id: ctx.tenantId, unit_id: u.id, started_on: start, regular_ends_on: endsOn, ends_on: endsOn, change_reason: null, ended_on: null, note: '' }).execute();
    const full = await tx.selectFrom('people').select('id').where(subtreeRange('org_path', u.path)).where('party_status', '=', 'full')
      .where('archived_at', 'is', null).orderBy('org_path').orderBy('name_pinyin').orderBy('id').limit(5).execute();
    const fullCount = Number((await tx.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where(subtreeRange('org_path', u.path))
      .where('party_status', '=', 'full').where('archived_at', 'is', null).executeTakeFirstOrThrow()).n);
    const plan = positionPlan(u.kind, fullCount);
    const rows = plan.slice(0, full.length).map(([role, duty], i) => ({
      id: randomUUID(), tenant_id: ctx.tenantId, unit_id: u.id, term_id: termId, person_id: full[i]!.id, role, duty, from_on: start, to_on: null, exception_reason: null,
    }));
    if (rows.length) await tx.insertInto('org_positions').values(rows).execute();
    await recordUnitEvent(tx, ctx, u.id, 'term_elected', { termId, startedOn: start, endsOn, positions: rows.length, previousTermId: null });
  }
}

function termYearsOf(kind: OrgKind, years: Record<Exclude<OrgKind, 'party_group'>, number>): number {
  return kind === 'party_group' ? 3 : years[kind];
}

/** Who the demo elects: a 支委会 (or 党委委员会) of 5 where the unit is big enough, else 书记 and maybe 副书记. */
function positionPlan(kind: OrgKind, fullMembers: number): [PositionRole, PositionDuty | null][] {
  const committee: [PositionRole, PositionDuty | null][] = [['secretary', null], ['deputy_secretary', null], ['member', 'organization'], ['member', 'publicity'], ['member', 'discipline']];
  if (kind !== 'branch' || fullMembers >= 7) return committee;
  return fullMembers >= 3 ? [['secretary', null], ['deputy_secretary', null]] : [['secretary', null]];
}
