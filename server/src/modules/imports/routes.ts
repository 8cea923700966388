import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, PageQuery, Paged, Str } from '../../platform/http/schema.js';
import { XLSX_CONTENT_TYPE, xlsxDisposition } from '../../platform/office/xlsx.js';
import { getJob, ImportRunner, jobReportFile, jobRows, listJobs, MAX_FILE_BYTES, startPeopleImport } from './service.js';
import { peopleTemplate } from './workbooks.js';

const tags = ['imports'];
const Message = Type.Object({ zh: Type.String(), en: Type.String() });
export const ImportJob = Type.Object({
  id: Type.String(), status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  fileName: Type.String(), fileSha256: Type.String(), fileSize: Type.Integer(),
  total: Type.Integer(), processed: Type.Integer(), inserted: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), failed: Type.Integer(),
  error: Nullable(Message), createdBy: Type.String(), createdAt: Type.String(), startedAt: Nullable(Type.String()), finishedAt: Nullable(Type.String()),
});
const Outcome = Type.Union([Type.Literal('failed'), Type.Literal('updated')]);
const ReportLine = Type.Object({
  rowNumber: Type.Integer(), outcome: Outcome, column: Type.String(), field: Type.String(), message: Message, personName: Type.String(), personId: Nullable(Type.String()),
});

/**
 * Small batches on PGlite: its one connection is shared with every other request, which wait at most one chunk.
 * PostgreSQL takes large batches (the 100,000-row target) while other requests use other connections.
 */
const CHUNK = { pglite: 200, postgresql: 1000 } as const;

/** The runner of each app (tests build several apps in one process). */
export const importRunners = new WeakMap<App, ImportRunner>();

export async function importRoutes(app: App): Promise<void> {
  const deps = { db: app.deps.database.db, cipher: app.deps.cipher };
  const runner = new ImportRunner(CHUNK[app.deps.database.kind]);
  importRunners.set(app, runner);
  // Closing the app lets a running job finish its chunk and record that it stopped, before the database closes.
  app.addHook('onClose', async () => runner.stop());

  app.get('/api/imports/people/template.xlsx', {
    config: { permission: 'people.import' },
    schema: { tags, summary: '下载人员导入模板（.xlsx，含下拉选项和填写说明）' },
  }, async (_req, reply) => reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', xlsxDisposition('people-import-template', '人员导入模板')).send(await peopleTemplate()));

  // The upload is the raw file (no multipart dependency); its own scope holds the binary parser and the larger limit.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    for (const type of [XLSX_CONTENT_TYPE, 'application/octet-stream']) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    }
    scope.post('/api/imports/people', {
      config: { permission: 'people.import' },
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags, summary: '上传 .xlsx 导入人员（请求体为文件本身；后台分批处理，轮询进度）',
        querystring: Obj({ fileName: Str(1, 200) }),
        response: { 200: Type.Object({ id: Type.String() }) },
      },
    }, async (req) => {
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return { id: await startPeopleImport(deps, runner, actorOf(req), { fileName: req.query.fileName, data }) };
    });
  });

  app.get('/api/imports', {
    config: { permission: 'people.import' },
    schema: { tags, summary: '导入记录（分页）', querystring: Obj(PageQuery), response: { 200: Paged(ImportJob) } },
  }, async (req) => ({ ...(await listJobs(deps.db, runner, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/imports/:id', {
    config: { permission: 'people.import' },
    schema: { tags, summary: '导入任务进度和结果', params: IdParams, response: { 200: ImportJob } },
  }, async (req) => getJob(deps.db, runner, actorOf(req), req.params.id));

  app.get('/api/imports/:id/rows', {
    config: { permission: 'people.import' },
    schema: {
      tags, summary: '导入报告：有错误的行（行号、列、原因）和更新的人员',
      params: IdParams, querystring: Obj({ ...PageQuery, outcome: Type.Optional(Outcome), column: Type.Optional(Str(1, 50)) }),
      response: { 200: Type.Intersect([Paged(ReportLine), Type.Object({ columns: Type.Array(Type.String()) })]) },
    },
  }, async (req) => ({ ...(await jobRows(deps.db, runner, actorOf(req), req.params.id, req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/imports/:id/report.xlsx', {
    config: { permission: 'people.import' },
    schema: { tags, summary: '下载导入报告（.xlsx）', params: IdParams },
  }, async (req, reply) => {
    const { file, fileName } = await jobReportFile(deps.db, runner, actorOf(req), req.params.id);
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', xlsxDisposition('import-report', `导入报告-${fileName}`)).send(file);
  });
}
