/**
 * Bases from .xlsx with the import job machinery (modules/imports: a job row, background processing in the app's
 * ImportRunner, progress, a row-by-row report in import_job_rows). Members are matched by 身份证号 (keyed hash) or 工号;
 * a row with any error changes nothing; re-importing the same file changes nothing (putBase answers 'unchanged').
 */
import { createHash, randomUUID } from 'node:crypto';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { badField, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { readWorkbook, writeWorkbook, type ReadSheet } from '../../platform/office/xlsx.js';
import type { ImportRunner } from '../imports/service.js';
import { CATEGORY_LABELS, DUES_CATEGORIES, isFixedCategory, type DuesCategory } from './rules.js';
import { checkBase, putBase } from './bases.js';

const JOB: Msg = { zh: '导入任务', en: 'Import job' };
const CHUNK = 200;

const COLUMNS = [
  { header: '姓名', key: 'name', width: 10, help: '必填，用于核对' },
  { header: '身份证号', key: 'idNumber', width: 22, text: true, help: '身份证号或工号至少填一项，用于找到人员' },
  { header: '工号', key: 'employeeNo', width: 10, text: true, help: '身份证号或工号至少填一项' },
  { header: '起始月份', key: 'fromMonth', width: 10, text: true, help: '新工资开始发放的月份，写作 2026-11（自该月起按新基数计算）' },
  { header: '类别', key: 'category', width: 16, list: DUES_CATEGORIES.map((c) => CATEGORY_LABELS[c].zh), help: `从下拉列表选择：${DUES_CATEGORIES.map((c) => CATEGORY_LABELS[c].zh).join('、')}` },
  { header: '月缴费基数（元）', key: 'base', width: 16, text: true, help: '税后月收入（离退休为养老金总额），精确到分，如 4523.50；固定金额的类别不填' },
  { header: '备注', key: 'note', width: 20, help: '选填' },
] as const;

export function basesTemplate(): Promise<Buffer> {
  return writeWorkbook([
    {
      name: '缴费基数',
      columns: COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, ...('list' in c ? { list: c.list } : {}), ...('text' in c ? { text: true } : {}) })),
      rows: [{ name: '张慧娟', idNumber: '11010519491231002X', employeeNo: '', fromMonth: '2026-11', category: '在职', base: '4523.50', note: '' }],
      validationRows: 5_000,
    },
    {
      name: '填写说明',
      columns: [{ header: '列', key: 'k', width: 18 }, { header: '填写要求', key: 'v', width: 90 }],
      rows: [...COLUMNS.map((c) => ({ k: c.header, v: c.help })), { k: '说明', v: '第2行是示例，导入前请删除或改写。同一人同一起始月份再次导入时更新基数，相同则不变。应交党费由系统按规定计算，不需填写。' }],
    },
  ]);
}

/** '4523.5' / '4,523.50' / '4523' → 分, exactly (no float); null when not a money amount with at most 2 decimals. */
export function parseYuan(text: string): number | null {
  const t = text.replace(/[,，\s]/g, '').replace(/元$/, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const CATEGORY_BY_LABEL = new Map<string, DuesCategory>([
  ...DUES_CATEGORIES.map((c) => [CATEGORY_LABELS[c].zh, c] as [string, DuesCategory]),
  ['学生', 'low_income'], ['失业', 'low_income'], ['低保', 'low_income'], ['离休', 'retired'], ['退休', 'retired'], ['流动', 'mobile'], ['个体户', 'self_employed'],
]);

export async function startBasesImport(deps: { db: Kysely<DB>; cipher: FieldCipher }, runner: ImportRunner, actor: Actor, file: { fileName: string; data: Buffer }): Promise<string> {
  if (file.data.length < 4 || file.data.readUInt32LE(0) !== 0x04034b50) {
    throw badField('file', { zh: '文件不是 .xlsx 格式，请使用下载的导入模板', en: 'The file is not an .xlsx workbook; use the downloaded template' });
  }
  const ctx = txContext(actor);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  await withTenant(deps.db, ctx, async (tx) => {
    await tx.insertInto('import_jobs').values({ id, tenant_id: ctx.tenantId, kind: 'dues_bases', status: 'queued', file_name: file.fileName, file_sha256: sha256, file_size: file.data.length, error: null, created_by: actor.userId }).execute();
    await auditAs(tx, ctx, { action: 'dues.base_import', objectType: 'import_job', objectId: id, detail: { fileName: file.fileName, sha256, size: file.data.length } });
  });
  runner.launch(id, () => processBases(deps, actor, ctx, id, file.data));
  return id;
}

async function processBases(deps: { db: Kysely<DB>; cipher: FieldCipher }, actor: Actor, ctx: TxContext, id: string, data: Buffer): Promise<void> {
  const finish = (status: 'done' | 'failed', error: Msg | null) => withTenant(deps.db, ctx, async (tx) => {
    const j = await tx.updateTable('import_jobs').set({ status, error: error ? JSON.stringify(error) : null, finished_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await auditAs(tx, ctx, { action: 'dues.base_import_finish', objectType: 'import_job', objectId: id, result: status === 'done' ? 'success' : 'failure', detail: { inserted: j.inserted, updated: j.updated, unchanged: j.unchanged, failed: j.failed } });
  });
  try {
    let sheet: ReadSheet;
    try {
      sheet = await readWorkbook(data);
    } catch {
      return await finish('failed', { zh: '无法读取文件，文件可能已损坏', en: 'The file cannot be read' });
    }
    const col = (h: string) => sheet.headers.indexOf(h);
    const idx = Object.fromEntries(COLUMNS.map((c) => [c.key, col(c.header)])) as Record<(typeof COLUMNS)[number]['key'], number>;
    const missing = COLUMNS.filter((c) => ['name', 'fromMonth', 'category'].includes(c.key) && idx[c.key] < 0).map((c) => c.header);
    if (missing.length) return await finish('failed', { zh: `表头缺少必填列：${missing.join('、')}。请使用下载的导入模板`, en: `The header row lacks: ${missing.join(', ')}` });
    await withTenant(deps.db, ctx, (tx) => tx.updateTable('import_jobs').set({ status: 'running', started_at: new Date(), total: sheet.rows.length }).where('id', '=', id).execute());
    const seen = new Map<string, number>();
    for (let start = 0; start < sheet.rows.length; start += CHUNK) {
      const rows = sheet.rows.slice(start, start + CHUNK);
      await withTenant(deps.db, ctx, async (tx) => {
        const c = { inserted: 0, updated: 0, unchanged: 0, failed: 0 };
        const report: { row_number: number; outcome: 'failed' | 'updated'; column_name: string; field: string; message_zh: string; message_en: string; person_name: string; person_id: string | null }[] = [];
        for (const row of rows) {
          const cell = (k: keyof typeof idx) => (idx[k] >= 0 ? row.cells[idx[k]] ?? '' : '').trim();
          const name = cell('name');
          const fail = (column: string, field: string, m: Msg) => report.push({ row_number: row.rowNumber, outcome: 'failed', column_name: column, field, message_zh: m.zh, message_en: m.en, person_name: name, person_id: null });
          const before = report.length;
          const category = CATEGORY_BY_LABEL.get(cell('category'));
          if (!category) fail('类别', 'category', { zh: `类别应为：${DUES_CATEGORIES.map((x) => CATEGORY_LABELS[x].zh).join('、')}`, en: 'Unknown category' });
          const baseText = cell('base');
          const baseFen = baseText === '' ? null : parseYuan(baseText);
          if (baseText !== '' && baseFen === null) fail('月缴费基数（元）', 'baseFen', { zh: '基数应为金额，最多两位小数，如 4523.50', en: 'The base must be an amount with at most 2 decimals' });
          if (category) for (const p of checkBase({ fromMonth: cell('fromMonth'), category, baseFen: isFixedCategory(category) && baseText === '' ? null : baseFen })) {
            if (!(p.field === 'baseFen' && baseText !== '' && baseFen === null)) fail(p.field === 'fromMonth' ? '起始月份' : '月缴费基数（元）', p.field, p.message);
          }
          const idNumber = cell('idNumber').toUpperCase();
          const employeeNo = cell('employeeNo');
          let person: { id: string; name: string; org_path: string; party_status: string; archived_at: Date | null } | undefined;
          if (!idNumber && !employeeNo) fail('身份证号', 'idNumber', { zh: '请填写身份证号或工号', en: 'Enter the ID number or the employee number' });
          else {
            const q = tx.selectFrom('people').select(['id', 'name', 'org_path', 'party_status', 'archived_at']);
            const found = idNumber ? await q.where('id_number_hash', '=', deps.cipher.lookupHash(idNumber)).execute() : await q.where('employee_no', '=', employeeNo).execute();
            if (found.length !== 1) fail(idNumber ? '身份证号' : '工号', idNumber ? 'idNumber' : 'employeeNo', found.length ? { zh: '工号对应多名人员，请填写身份证号', en: 'Several people have this employee number' } : { zh: '找不到该人员，请先在人员信息中登记', en: 'No such person; register them first' });
            else if (!can(actor, 'dues.bases', found[0]!.org_path)) fail(idNumber ? '身份证号' : '工号', 'idNumber', { zh: '该人员不在您的管理范围内', en: 'This person is outside your scope' });
            else if (found[0]!.archived_at || !['probationary', 'full'].includes(found[0]!.party_status)) fail('姓名', 'name', { zh: '该人员不是在册党员', en: 'This person is not a current party member' });
            else if (name && found[0]!.name !== name) fail('姓名', 'name', { zh: `姓名与登记的“${found[0]!.name}”不一致`, en: 'The name differs from the record' });
            else person = found[0];
          }
          if (person) {
            const key = `${person.id}|${cell('fromMonth')}`;
            const first = seen.get(key);
            if (first !== undefined) fail('起始月份', 'fromMonth', { zh: `与第${first}行是同一人同一月份`, en: `Same person and month as row ${first}` });
            else seen.set(key, row.rowNumber);
          }
          if (report.length > before || !person || !category) {
            c.failed++;
            continue;
          }
          const r = await putBase(tx, ctx, { personId: person.id, fromMonth: cell('fromMonth'), category, baseFen: isFixedCategory(category) ? null : baseFen, note: cell('note'), source: 'import' }, false);
          c[r]++;
          if (r === 'updated') report.push({ row_number: row.rowNumber, outcome: 'updated', column_name: '', field: '', message_zh: '已更新基数', message_en: 'Base updated', person_name: name, person_id: person.id });
        }
        if (c.inserted + c.updated > 0) await auditAs(tx, ctx, { action: 'dues.base_import_rows', objectType: 'import_job', objectId: id, detail: { rows: [rows[0]?.rowNumber, rows[rows.length - 1]?.rowNumber], inserted: c.inserted, updated: c.updated } });
        if (report.length) await tx.insertInto('import_job_rows').values(report.map((r) => ({ ...r, tenant_id: ctx.tenantId, job_id: id }))).execute();
        await tx.updateTable('import_jobs').set((eb) => ({
          processed: eb('processed', '+', rows.length), inserted: eb('inserted', '+', c.inserted), updated: eb('updated', '+', c.updated), unchanged: eb('unchanged', '+', c.unchanged), failed: eb('failed', '+', c.failed),
        })).where('id', '=', id).execute();
      });
      await yieldToOthers();
    }
    await finish('done', null);
  } catch (err) {
    console.error('dues bases import failed', id, err);
    await finish('failed', { zh: '导入时发生内部错误，已处理的行已保存；请稍后重新导入', en: 'An internal error stopped the import; processed rows are kept' }).catch(() => undefined);
  }
}

/** The job and its report lines (the importer's own jobs). */
export async function basesImportJob(db: Kysely<DB>, runner: ImportRunner, actor: Actor, id: string) {
  const activeAtRead = runner.snapshot(); // before the read: see ImportRunner.snapshot
  return withTenant(db, txContext(actor), async (tx) => {
    const j = await tx.selectFrom('import_jobs').selectAll().where('id', '=', id).where('kind', '=', 'dues_bases').where('created_by', '=', actor.userId).executeTakeFirst();
    if (!j) throw notFound(JOB);
    const rows = await tx.selectFrom('import_job_rows').selectAll().where('job_id', '=', id).orderBy('row_number').orderBy('id').limit(500).execute();
    const orphan = (j.status === 'queued' || j.status === 'running') && !activeAtRead.has(j.id);
    return {
      id: j.id, status: orphan ? ('failed' as const) : j.status, fileName: j.file_name, total: j.total, processed: j.processed, inserted: j.inserted, updated: j.updated,
      unchanged: j.unchanged, failed: j.failed, error: orphan ? { zh: '服务器重启，导入中断；请重新导入（已导入的行不会重复写入）', en: 'The server restarted; import again' } : j.error,
      rows: rows.map((r) => ({ rowNumber: r.row_number, outcome: r.outcome, column: r.column_name, message: { zh: r.message_zh, en: r.message_en }, personName: r.person_name })),
    };
  });
}
