import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type TxContext } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { readWorkbook } from '../../platform/office/xlsx.js';
import { JobFailure, runPeopleImport, type ImportDeps } from './people-import.js';
import type { ImportJobsTable, ImportRowOutcome } from './tables.js';
import { reportWorkbook } from './workbooks.js';

const JOB: Msg = { zh: '导入任务', en: 'Import job' };
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Import jobs run in this process after the upload answers. The runner knows which are still running, so a job left
 * 'running' by a stopped server is shown as interrupted, and shutdown waits for the chunk in hand.
 */
export class ImportRunner {
  private readonly active = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(readonly chunkSize: number) {}

  isActive(id: string): boolean {
    return this.active.has(id);
  }

  /**
   * The jobs running here, taken before a job row is read. A job leaves this set only after its final status is
   * committed, so a row read afterwards that still says queued/running while its id was not in the snapshot can no
   * longer progress. Asking after the read instead would call a job that finished in between an orphan.
   */
  snapshot(): ReadonlySet<string> {
    return new Set(this.active.keys());
  }

  get stopped(): boolean {
    return this.stopping;
  }

  launch(id: string, work: () => Promise<void>): void {
    const p = work().finally(() => this.active.delete(id));
    this.active.set(id, p);
  }

  /** Resolves when the job is no longer running here (tests, benchmark). */
  async settled(id: string): Promise<void> {
    await this.active.get(id);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.active.values()]);
  }
}

export interface UploadedFile { fileName: string; data: Buffer }

/** Starts an import: checks the file, records the job (audited with the file's hash), and processes it in the background. */
export async function startPeopleImport(deps: ImportDeps, runner: ImportRunner, actor: Actor, file: UploadedFile): Promise<string> {
  if (file.data.length === 0) throw badField('file', { zh: '文件是空的', en: 'The file is empty' });
  // .xlsx is a ZIP container: anything else (an old .xls, a CSV) is refused before a job exists.
  if (file.data.length < 4 || file.data.readUInt32LE(0) !== 0x04034b50) {
    throw badField('file', { zh: '文件不是 .xlsx 格式，请使用下载的导入模板（Excel 2007 及以后版本）', en: 'The file is not an .xlsx workbook; use the downloaded template' });
  }
  const ctx = txContext(actor);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  await withTenant(deps.db, ctx, async (tx) => {
    await tx.insertInto('import_jobs').values({ id, tenant_id: ctx.tenantId, status: 'queued', file_name: file.fileName, file_sha256: sha256, file_size: file.data.length, error: null, created_by: actor.userId }).execute();
    await auditAs(tx, ctx, { action: 'people.import', objectType: 'import_job', objectId: id, detail: { fileName: file.fileName, sha256, size: file.data.length } });
  });
  runner.launch(id, () => processJob(deps, runner, actor, ctx, id, file.data, sha256, file.fileName));
  return id;
}

async function processJob(deps: ImportDeps, runner: ImportRunner, actor: Actor, ctx: TxContext, id: string, data: Buffer, sha256: string, fileName: string): Promise<void> {
  const finish = async (status: 'done' | 'failed', error: Msg | null) => {
    await withTenant(deps.db, ctx, async (tx) => {
      const j = await tx.updateTable('import_jobs').set({ status, error: error ? JSON.stringify(error) : null, finished_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await auditAs(tx, ctx, {
        action: 'people.import_finish', objectType: 'import_job', objectId: id, result: status === 'done' ? 'success' : 'failure',
        detail: { fileName, sha256, total: j.total, inserted: j.inserted, updated: j.updated, unchanged: j.unchanged, failed: j.failed, ...(error ? { error: error.en } : {}) },
      });
    });
  };
  try {
    await withTenant(deps.db, ctx, (tx) => tx.updateTable('import_jobs').set({ status: 'running', started_at: new Date() }).where('id', '=', id).execute());
    let sheet;
    try {
      sheet = await readWorkbook(data);
    } catch {
      throw new JobFailure({ zh: '无法读取文件，文件可能已损坏或不是 Excel 工作簿', en: 'The file cannot be read; it may be damaged or not an Excel workbook' });
    }
    await withTenant(deps.db, ctx, (tx) => tx.updateTable('import_jobs').set({ total: sheet.rows.length }).where('id', '=', id).execute());
    await runPeopleImport(deps, actor, ctx, id, sheet, { chunkSize: runner.chunkSize, stopped: () => runner.stopped });
    await finish('done', null);
  } catch (err) {
    const msg = err instanceof JobFailure ? err.msg : { zh: '导入时发生内部错误，已处理的行已保存；请稍后重新导入', en: 'An internal error stopped the import; processed rows are kept. Import again later' };
    if (!(err instanceof JobFailure)) console.error('import job failed', id, err);
    await finish('failed', msg).catch((e: unknown) => console.error('import job: could not record failure', id, e));
  }
}

type JobRow = Selectable<ImportJobsTable> & { created_by_name: string | null };

const INTERRUPTED: Msg = { zh: '服务器重启，导入中断；已处理的行已保存，请重新导入（已导入的行不会重复写入）', en: 'The server restarted and the import stopped; processed rows are kept. Import again (rows already in are recognised)' };

function jobView(j: JobRow, activeAtRead: ReadonlySet<string>) {
  // A job this process is not running can no longer progress: show it as failed, not as stuck.
  const orphan = (j.status === 'queued' || j.status === 'running') && !activeAtRead.has(j.id);
  const error = orphan ? INTERRUPTED : j.error;
  return {
    id: j.id, status: orphan ? ('failed' as const) : j.status, fileName: j.file_name, fileSha256: j.file_sha256, fileSize: j.file_size,
    total: j.total, processed: j.processed, inserted: j.inserted, updated: j.updated, unchanged: j.unchanged, failed: j.failed,
    error, createdBy: j.created_by_name ?? '', createdAt: j.created_at.toISOString(),
    startedAt: j.started_at ? j.started_at.toISOString() : null, finishedAt: j.finished_at ? j.finished_at.toISOString() : null,
  };
}
export type ImportJobView = ReturnType<typeof jobView>;

/**
 * Jobs an actor may see: their own, and all of the tenant's for someone who imports tenant-wide. A report names
 * people, so it is not shown to other importers of narrower scope.
 */
function visibleJobs(actor: Actor) {
  const tenantWide = scopesFor(actor, 'people.import').includes('');
  return (qb: ReturnType<typeof baseQuery>) => (tenantWide ? qb : qb.where('j.created_by', '=', actor.userId));
}

function baseQuery(tx: Kysely<DB>) {
  // People imports only (dues bases use the same tables: modules/dues/bases-import.ts).
  return tx.selectFrom('import_jobs as j').leftJoin('users as u', 'u.id', 'j.created_by').selectAll('j').select('u.display_name as created_by_name').where('j.kind', '=', 'people');
}

export async function getJob(db: Kysely<DB>, runner: ImportRunner, actor: Actor, id: string): Promise<ImportJobView> {
  const activeAtRead = runner.snapshot();
  return withTenant(db, txContext(actor), async (tx) => {
    const j = await visibleJobs(actor)(baseQuery(tx).where('j.id', '=', id)).executeTakeFirst();
    if (!j) throw notFound(JOB);
    return jobView(j, activeAtRead);
  });
}

export async function listJobs(db: Kysely<DB>, runner: ImportRunner, actor: Actor, q: { page: number; pageSize: number }) {
  const activeAtRead = runner.snapshot();
  return withTenant(db, txContext(actor), async (tx) => {
    const scoped = visibleJobs(actor);
    const total = await scoped(baseQuery(tx)).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await scoped(baseQuery(tx)).orderBy('j.created_at', 'desc').orderBy('j.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return { items: rows.map((r) => jobView(r, activeAtRead)), total: Number(total.n) };
  });
}

export interface RowQuery { page: number; pageSize: number; outcome?: ImportRowOutcome | undefined; column?: string | undefined }

export async function jobRows(db: Kysely<DB>, runner: ImportRunner, actor: Actor, id: string, q: RowQuery) {
  await getJob(db, runner, actor, id);
  return withTenant(db, txContext(actor), async (tx) => {
    let base = tx.selectFrom('import_job_rows').where('job_id', '=', id);
    if (q.outcome) base = base.where('outcome', '=', q.outcome);
    if (q.column) base = base.where('column_name', '=', q.column);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll().orderBy('row_number').orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    // The columns that have problems, for the report's filter.
    const columns = await tx.selectFrom('import_job_rows').select('column_name').distinct().where('job_id', '=', id).where('outcome', '=', 'failed').where('column_name', '<>', '').orderBy('column_name').execute();
    return {
      items: rows.map((r) => ({ rowNumber: r.row_number, outcome: r.outcome, column: r.column_name, field: r.field, message: { zh: r.message_zh, en: r.message_en }, personName: r.person_name, personId: r.person_id })),
      total: Number(total.n),
      columns: columns.map((c) => c.column_name),
    };
  });
}

/** The whole report as .xlsx (downloads are audited as exports: the report names people). */
export async function jobReportFile(db: Kysely<DB>, runner: ImportRunner, actor: Actor, id: string): Promise<{ file: Buffer; fileName: string }> {
  const job = await getJob(db, runner, actor, id);
  const ctx = txContext(actor);
  const rows = await withTenant(db, ctx, async (tx) => {
    const r = await tx.selectFrom('import_job_rows').select(['row_number', 'outcome', 'column_name', 'message_zh', 'person_name']).where('job_id', '=', id).orderBy('row_number').orderBy('id').execute();
    await auditAs(tx, ctx, { action: 'people.import_report_export', objectType: 'import_job', objectId: id, detail: { lines: r.length } });
    return r;
  });
  const file = await reportWorkbook(
    { ...job, createdAt: new Date(job.createdAt), finishedAt: job.finishedAt ? new Date(job.finishedAt) : null },
    rows.map((r) => ({ rowNumber: r.row_number, outcome: r.outcome, column: r.column_name, messageZh: r.message_zh, personName: r.person_name })),
  );
  return { file, fileName: job.fileName.replace(/\.xlsx$/i, '') };
}
