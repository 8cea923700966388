import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { txContext } from '../../platform/http/app.js';
import { writeWorkbook, type SheetSpec } from '../../platform/office/xlsx.js';
import { buildStatistics, type Statistics } from './service.js';

/** The statistics as .xlsx: a cover sheet, then one sheet per table, as the report shows them. */
export function statisticsWorkbook(s: Statistics): Promise<Buffer> {
  const cover: SheetSpec = {
    name: '说明',
    columns: [{ header: '项目', key: 'k', width: 14 }, { header: '内容', key: 'v', width: 50 }],
    rows: [
      { k: '组织', v: s.unit.name }, { k: '统计年度', v: `${s.year}年` }, { k: '统计截止日', v: s.asOf },
      { k: '党员总数', v: s.summary.members }, { k: '正式党员', v: s.summary.full }, { k: '预备党员', v: s.summary.probationary },
      { k: '说明', v: '由系统根据人员记录生成（含下级组织），不含已归档人员；流动党员和组织关系保留为当前状态。' },
    ],
  };
  const sheets = s.tables.map((t): SheetSpec => ({
    name: t.title.zh.replace(/（.*）$/, ''),
    columns: [{ header: '项目', key: 'label', width: 22 }, ...t.columns.map((c) => ({ header: c.label.zh, key: c.key, width: 12 }))],
    rows: t.rows.map((r) => ({ label: r.label.zh, ...Object.fromEntries(t.columns.map((c, i) => [c.key, r.values[i] ?? 0])) })),
  }));
  // Two tables share the 民族 prefix; keep sheet names distinct.
  const seen = new Set<string>();
  for (const sh of sheets) {
    while (seen.has(sh.name)) sh.name = `${sh.name}2`;
    seen.add(sh.name);
  }
  return writeWorkbook([cover, ...sheets]);
}

/** Exports the statistics (audited: an export leaves the system). */
export async function exportStatistics(db: Kysely<DB>, actor: Actor, q: { unitId: string; year: number }): Promise<{ file: Buffer; stats: Statistics }> {
  const stats = await buildStatistics(db, actor, q);
  const ctx = txContext(actor);
  await withTenant(db, ctx, (tx) => auditAs(tx, ctx, { action: 'stats.export', objectType: 'org_unit', objectId: q.unitId, detail: { year: q.year, asOf: stats.asOf, members: stats.summary.members } }));
  return { file: await statisticsWorkbook(stats), stats };
}
