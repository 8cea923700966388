/** Bases over HTTP: the list of members with the base in force and the monthly due, one member's history, and edits. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import type { Actor } from '../../platform/access/actor.js';
import { can } from '../../platform/access/actor.js';
import { badField } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { personOrThrow } from '../members/person-access.js';
import { monthlyDue, type DuesCategory } from './rules.js';
import { chinaMonth, tenantDuesSettings } from './ledger.js';
import { putBase } from './bases.js';
import { reportUnit } from './reports.js';

export async function listBases(db: Kysely<DB>, actor: Actor, q: { orgUnitId?: string | undefined; q?: string | undefined; missing?: boolean | undefined; page: number; pageSize: number }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const unit = await reportUnit(tx, actor, q.orgUnitId);
    const settings = await tenantDuesSettings(tx, actor.tenantId);
    const month = chinaMonth();
    const text = (q.q ?? '').trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    const where = sql`p.party_status in ('probationary', 'full') and p.archived_at is null and ${subtreeRange('p.org_path', unit.path)}
      ${text ? sql`and (p.name like ${`%${text}%`} or p.name_pinyin like ${`${text}%`} or p.name_initials like ${`${text}%`})` : sql``}
      ${q.missing ? sql`and b.category is null` : sql``}`;
    const from = sql`from people p join org_units o on o.id = p.org_unit_id
      left join lateral (select x.from_month, x.category, x.base_fen, x.source from dues_bases x where x.person_id = p.id and x.from_month <= ${month} order by x.from_month desc limit 1) b on true`;
    const total = await sql<{ n: number }>`select count(*)::int as n ${from} where ${where}`.execute(tx);
    const { rows } = await sql<{ id: string; name: string; unit_name: string; org_path: string; from_month: string | null; category: DuesCategory | null; base_fen: string | null; source: string | null }>`
      select p.id, p.name, o.name as unit_name, p.org_path, b.from_month, b.category, b.base_fen, b.source ${from} where ${where}
      order by p.org_path, p.name_pinyin, p.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(tx);
    return {
      unit: { id: unit.id, name: unit.name },
      items: rows.map((r) => {
        const baseFen = r.base_fen === null ? null : Number(r.base_fen);
        return {
          personId: r.id, name: r.name, unitName: r.unit_name, fromMonth: r.from_month, category: r.category, baseFen,
          monthlyFen: r.category ? monthlyDue(r.category, baseFen, settings).monthlyFen : null, canEdit: can(actor, 'dues.bases', r.org_path),
        };
      }),
      total: total.rows[0]?.n ?? 0,
    };
  });
}

export async function baseHistory(db: Kysely<DB>, actor: Actor, personId: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const p = await personOrThrow(tx, actor, personId, 'dues.read');
    const settings = await tenantDuesSettings(tx, actor.tenantId);
    const rows = await tx.selectFrom('dues_bases as b').leftJoin('users as u', 'u.id', 'b.created_by').selectAll('b').select('u.display_name as by')
      .where('b.person_id', '=', personId).orderBy('b.from_month', 'desc').execute();
    return {
      person: { id: p.id, name: p.name },
      canEdit: can(actor, 'dues.bases', p.org_path),
      items: rows.map((r) => {
        const baseFen = r.base_fen === null ? null : Number(r.base_fen);
        return { id: r.id, fromMonth: r.from_month, category: r.category, baseFen, monthlyFen: monthlyDue(r.category, baseFen, settings).monthlyFen, note: r.note, source: r.source, by: r.by ?? null, updatedAt: r.updated_at.toISOString() };
      }),
    };
  });
}

export async function saveBase(db: Kysely<DB>, actor: Actor, personId: string, input: { fromMonth: string; category: DuesCategory; baseFen: number | null; note?: string | undefined }) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const p = await personOrThrow(tx, actor, personId, 'dues.bases');
    if (p.archived_at || !['probationary', 'full'].includes(p.party_status)) throw badField('personId', { zh: '只有在册党员（含预备党员）交纳党费', en: 'Only current party members pay dues' });
    const r = await putBase(tx, ctx, { personId, fromMonth: input.fromMonth, category: input.category, baseFen: input.baseFen, note: input.note ?? '', source: 'manual' });
    if (r === 'unchanged') throw badField('baseFen', { zh: '与已登记的基数相同，没有变化', en: 'Same as the base on record; nothing changed' });
    return { result: r };
  });
}
