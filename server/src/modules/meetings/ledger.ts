/**
 * The 三会一课 台账 of an org subtree for a period, exported to .xlsx and .docx — from the same meeting records as the
 * compliance view (held meetings with their attendance), never typed in again. Exports are audited. Minutes exports
 * (.docx and PDF in 公文 layout) are here too.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { AppError, badField, forbidden } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { writeWorkbook } from '../../platform/office/xlsx.js';
import { writeOfficialDocx } from '../../platform/office/docx.js';
import { PdfFontMissing, writeOfficialPdf } from '../../platform/office/pdf.js';
import { chineseOrdinal, type DocBlock, type OfficialDocument } from '../../platform/office/official.js';
import { loadMeetingInScope } from './api.js';
import { complianceIn, viewUnit, type BranchCompliance } from './compliance.js';
import { materialsOf, resolutionsOf } from './present.js';
import { minutesDocument } from './minutes-document.js';
import { tenantMeetingSettings } from './planning.js';
import { chinaTimeText, KIND_NAMES, KIND_ORDER, parsePeriod, periodLabel, periodsFor, type Light } from './rules.js';
import type { MeetingKind } from './tables.js';

/** More than this many meetings: the .docx is refused (choose a smaller unit or the .xlsx). */
export const LEDGER_DOCX_MAX_MEETINGS = 3000;
export const LEDGER_XLSX_MAX_MEETINGS = 100_000;

export interface LedgerRow {
  id: string; unitId: string; unitName: string; unitPath: string; kind: MeetingKind; title: string; period: string;
  heldStartAt: Date; heldEndAt: Date | null; place: string; online: boolean; host: string; recorder: string; lecturer: string;
  expected: number; present: number; leave: string[]; absent: string[]; agenda: string[]; resolutions: number; signedAt: Date | null;
}

/** Held meetings in the subtree for the periods the view covers (the periods the compliance view judges). */
export async function ledgerRows(tx: Tx, path: string, view: string, frequency: Record<MeetingKind, 'month' | 'quarter' | 'year'>, limit: number): Promise<LedgerRow[]> {
  const periods = [...new Set(KIND_ORDER.flatMap((k) => periodsFor(view, frequency[k])))];
  const rows = await tx.selectFrom('meetings as m').innerJoin('org_units as u', 'u.id', 'm.org_unit_id')
    .leftJoin('people as h', 'h.id', 'm.host_person_id').leftJoin('people as r', 'r.id', 'm.recorder_person_id')
    .select(['m.id', 'm.org_unit_id', 'u.name as unit_name', 'u.path', 'm.kind', 'm.title', 'm.period', 'm.held_start_at', 'm.held_end_at', 'm.place', 'm.online',
      'h.name as host', 'r.name as recorder', 'm.lecturer', 'm.minutes_signed_at'])
    .where('m.status', '=', 'held').where('m.period', 'in', periods).where(subtreeRange('u.path', path))
    .orderBy('u.path').orderBy('m.held_start_at').orderBy('m.id').limit(limit + 1).execute();
  if (rows.length > limit) throw new AppError(400, 'too_large', { zh: `所选范围内的会议超过 ${limit} 次，请选择下级组织或较短的周期`, en: `More than ${limit} meetings; choose a smaller unit or period` }, 'unitId');
  const ids = rows.map((r) => r.id);
  const att = ids.length ? await tx.selectFrom('meeting_attendees').select(['meeting_id', 'person_name', 'attendance', 'leave_reason']).where('meeting_id', 'in', ids).orderBy('person_name').execute() : [];
  const agenda = ids.length ? await tx.selectFrom('meeting_agenda_items').select(['meeting_id', 'title']).where('meeting_id', 'in', ids).orderBy('position').execute() : [];
  const res = ids.length ? await tx.selectFrom('meeting_resolutions').select(['meeting_id']).where('meeting_id', 'in', ids).execute() : [];
  const by = <T extends { meeting_id: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(x.meeting_id, [...(m.get(x.meeting_id) ?? []), x]);
    return m;
  };
  const attBy = by(att);
  const agendaBy = by(agenda);
  const resBy = by(res);
  return rows.map((r) => {
    const a = attBy.get(r.id) ?? [];
    return {
      id: r.id, unitId: r.org_unit_id, unitName: r.unit_name, unitPath: r.path, kind: r.kind, title: r.title, period: r.period,
      heldStartAt: r.held_start_at as Date, heldEndAt: r.held_end_at, place: r.place, online: r.online, host: r.host ?? '', recorder: r.recorder ?? '',
      lecturer: r.lecturer, expected: a.length, present: a.filter((x) => x.attendance === 'present').length,
      leave: a.filter((x) => x.attendance === 'leave').map((x) => x.person_name), absent: a.filter((x) => x.attendance === 'absent').map((x) => x.person_name),
      agenda: (agendaBy.get(r.id) ?? []).map((x) => x.title), resolutions: (resBy.get(r.id) ?? []).length, signedAt: r.minutes_signed_at,
    };
  });
}

const LIGHT_ZH: Record<Light, string> = { green: '按时', amber: '需关注', red: '缺开', open: '未到期', future: '—' };
const dateText = (d: Date) => chinaTimeText(d).split(' ')[0] as string;

function complianceLine(b: BranchCompliance): string {
  return b.kinds.filter((k) => k.applicable).map((k) => `${KIND_NAMES[k.kind].zh}：按时${k.held}次${k.late ? `、补开${k.late}次` : ''}${k.missing ? `、缺开${k.missing}次` : ''}`).join('；');
}

interface LedgerData { unitName: string; period: string; rows: LedgerRow[]; branches: BranchCompliance[] }

async function ledgerData(tx: Tx, actor: Actor, unitId: string | undefined, period: string, limit: number): Promise<LedgerData> {
  if (!parsePeriod(period)) throw badField('period', { zh: '周期格式不正确', en: 'Not a valid period' });
  const unit = await viewUnit(tx, actor, unitId);
  const s = await tenantMeetingSettings(tx, actor.tenantId);
  const rows = await ledgerRows(tx, unit.path, period, s.frequency, limit);
  const c = await complianceIn(tx, unit, period, s);
  return { unitName: unit.name, period, rows, branches: c.branches };
}

export async function exportLedgerXlsx(db: Kysely<DB>, actor: Actor, q: { unitId?: string | undefined; period: string }): Promise<{ file: Buffer; name: string }> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const d = await ledgerData(tx, actor, q.unitId, q.period, LEDGER_XLSX_MAX_MEETINGS);
    const file = await writeWorkbook([
      {
        name: '会议台账',
        columns: [
          { header: '党组织', key: 'unit', width: 24 }, { header: '会议类型', key: 'kind', width: 14 }, { header: '会议名称', key: 'title', width: 30 },
          { header: '所属周期', key: 'period', width: 14 }, { header: '召开时间', key: 'held', width: 20 }, { header: '地点', key: 'place', width: 16 },
          { header: '主持人', key: 'host', width: 10 }, { header: '记录人', key: 'recorder', width: 10 }, { header: '授课人', key: 'lecturer', width: 10 },
          { header: '应到', key: 'expected', width: 6 }, { header: '实到', key: 'present', width: 6 }, { header: '请假人员', key: 'leave', width: 20 },
          { header: '缺席人员', key: 'absent', width: 20 }, { header: '议程', key: 'agenda', width: 40 }, { header: '决议事项数', key: 'resolutions', width: 10 },
          { header: '记录签发', key: 'signed', width: 12 },
        ],
        rows: d.rows.map((r) => ({
          unit: r.unitName, kind: KIND_NAMES[r.kind].zh, title: r.title, period: periodLabel(r.period), held: chinaTimeText(r.heldStartAt),
          place: r.online ? `线上${r.place ? `（${r.place}）` : ''}` : r.place, host: r.host, recorder: r.recorder, lecturer: r.lecturer,
          expected: r.expected, present: r.present, leave: r.leave.join('、'), absent: r.absent.join('、'), agenda: r.agenda.join('；'),
          resolutions: r.resolutions, signed: r.signedAt ? dateText(r.signedAt) : '未签发',
        })),
      },
      {
        name: '落实情况',
        columns: [
          { header: '党支部', key: 'unit', width: 24 }, { header: '总体', key: 'light', width: 8 },
          ...KIND_ORDER.map((k) => ({ header: KIND_NAMES[k].zh, key: k, width: 16 })),
        ],
        rows: d.branches.map((b) => ({
          unit: b.name, light: LIGHT_ZH[b.light],
          ...Object.fromEntries(b.kinds.map((k) => [k.kind, k.applicable ? `${LIGHT_ZH[k.light]}（按时${k.held}${k.late ? ` 补开${k.late}` : ''}${k.missing ? ` 缺开${k.missing}` : ''}）` : '不适用'])),
        })),
      },
    ]);
    await auditAs(tx, ctx, { action: 'meeting.ledger_export', objectType: 'org_unit', objectId: q.unitId ?? '', detail: { period: q.period, format: 'xlsx', meetings: d.rows.length } });
    return { file, name: `三会一课台账-${d.unitName}-${periodLabel(q.period)}` };
  });
}

export function ledgerDocument(d: LedgerData): OfficialDocument {
  const byUnit = new Map<string, LedgerRow[]>();
  for (const r of d.rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  const blocks: DocBlock[] = [];
  d.branches.forEach((b, i) => {
    blocks.push({ kind: 'heading1', text: `${chineseOrdinal(i + 1)}、${b.name}` });
    blocks.push({ kind: 'paragraph', text: `落实情况：${LIGHT_ZH[b.light]}。${complianceLine(b)}。` });
    // A 党小组's meetings are listed under its branch.
    const rows = [...byUnit.entries()].filter(([, rs]) => rs[0]?.unitPath.startsWith(d.branches[i]!.path)).flatMap(([, rs]) => rs)
      .sort((x, y) => x.heldStartAt.getTime() - y.heldStartAt.getTime());
    if (rows.length === 0) {
      blocks.push({ kind: 'paragraph', text: '本期没有召开的会议记录。' });
      return;
    }
    blocks.push({
      kind: 'table',
      columns: [{ header: '日期', width: 3 }, { header: '类型', width: 3 }, { header: '会议名称', width: 6 }, { header: '应到/实到', width: 2 }, { header: '主持人', width: 2 }, { header: '记录签发', width: 2 }],
      rows: rows.map((r) => [dateText(r.heldStartAt), KIND_NAMES[r.kind].zh, r.unitId === b.unitId ? r.title : `${r.unitName}：${r.title}`, `${r.expected}/${r.present}`, r.host, r.signedAt ? '已签发' : '未签发']),
    });
  });
  if (blocks.length === 0) blocks.push({ kind: 'paragraph', text: '所选范围内没有党支部。' });
  return { title: `${d.unitName}${periodLabel(d.period)}三会一课台账`, blocks };
}

export async function exportLedgerDocx(db: Kysely<DB>, actor: Actor, q: { unitId?: string | undefined; period: string }): Promise<{ file: Buffer; name: string }> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const d = await ledgerData(tx, actor, q.unitId, q.period, LEDGER_DOCX_MAX_MEETINGS);
    const file = await writeOfficialDocx(ledgerDocument(d));
    await auditAs(tx, ctx, { action: 'meeting.ledger_export', objectType: 'org_unit', objectId: q.unitId ?? '', detail: { period: q.period, format: 'docx', meetings: d.rows.length } });
    return { file, name: `三会一课台账-${d.unitName}-${periodLabel(q.period)}` };
  });
}

/** The minutes as .docx or PDF: the host, and those who may read the unit's meetings (not every attendee). */
export async function exportMinutes(db: Kysely<DB>, actor: Actor, id: string, format: 'docx' | 'pdf'): Promise<{ file: Buffer; name: string }> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const m = await loadMeetingInScope(tx, actor, id);
    if (!m.viewer.manage && !can(actor, 'meetings.read', m.meeting.orgPath)) {
      throw forbidden({ zh: '会议记录由主持人和会议管理人员导出', en: 'The host and managers export the minutes' });
    }
    const doc = minutesDocument(m, await resolutionsOf(tx, id), await materialsOf(tx, id));
    let file: Buffer;
    try {
      file = format === 'docx' ? await writeOfficialDocx(doc) : await writeOfficialPdf(doc);
    } catch (err) {
      if (err instanceof PdfFontMissing) throw new AppError(503, 'pdf_font_missing', { zh: '服务器未安装中文字体，暂不能导出 PDF，请导出 Word 文档', en: 'No CJK font on the server for PDF; export the Word document' });
      throw err;
    }
    await auditAs(tx, ctx, { action: 'meeting.minutes_export', objectType: 'meeting', objectId: id, detail: { format, signed: m.meeting.minutesSignedAt !== null } });
    return { file, name: doc.title };
  });
}
