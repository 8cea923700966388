// Excel import of people (issue 3 “Excel”): template, row-by-row report, invalid rows change nothing, re-import
// changes nothing, match by ID number, scope of 所在组织, tenant isolation. Person rules are members/person-input.ts.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, rowCounts } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { readWorkbook } from '../../platform/office/xlsx.js';
import { checkPersonInput } from '../members/person-input.js';
import { mapHeaders, parseRow, PEOPLE_COLUMNS } from './people-columns.js';
import { idNumberFor, importAndWait, memberRow, peopleFile, upload, type SheetRow } from './testing.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let c1: TestUnit;
let b1: TestUnit;
let c2: TestUnit;
/** 组织委员 of 一公司党委: imports into its subtree only. */
let zuzhi: Agent;
/** 人力资源 tenant-wide. */
let hr: Agent;

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { name: '集团党委' });
  c1 = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'committee', name: '一公司党委' });
  b1 = await makeUnit(t, tenant.tenantId, { parentId: c1.id, kind: 'branch', name: '第一党支部' });
  c2 = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'committee', name: '二公司党委' });
  await makeUnit(t, tenant.tenantId, { parentId: c2.id, kind: 'branch', name: '第一党支部' });
  zuzhi = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: c1.id, displayName: '组织委员甲' }));
  hr = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'hr_staff', displayName: '人事甲' }));
});

afterAll(async () => {
  await t?.close();
});

const B1 = '集团党委/一公司党委/第一党支部';
const peopleOf = (tenantId: string) => asOwner(t.database, (tx) => tx.selectFrom('people').selectAll().where('tenant_id', '=', tenantId).execute());
const rowsOf = async (a: Agent, id: string, q = '') => (await a.get(`/api/imports/${id}/rows?pageSize=200${q}`)).json<{ items: { rowNumber: number; outcome: string; column: string; field: string; message: { zh: string } }[]; total: number; columns: string[] }>();

describe('template', () => {
  it('downloads a workbook whose header row is the import columns, with drop-downs, an example row that passes the person rules, and 填写说明', async () => {
    const res = await zuzhi.get('/api/imports/people/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readWorkbook(res.rawPayload);
    expect(sheet.name).toBe('人员信息');
    expect(sheet.headers).toEqual(PEOPLE_COLUMNS.map((c) => c.header));
    expect(sheet.headers).toEqual(expect.arrayContaining(['姓名', '性别', '民族', '身份证号', '出生日期', '手机号', '学历', '职务', '工号', '所在组织', '政治面貌', '申请日期', '积极分子日期', '发展对象日期', '入党日期', '转正日期', '党籍状态']));
    // Round trip: the example row parses and satisfies the person rules (its org unit aside, resolved at import).
    const parsed = parseRow(sheet.rows[0]!.cells, mapHeaders(sheet.headers));
    expect(parsed.problems).toEqual([]);
    expect(checkPersonInput({ ...parsed.input, orgUnitId: 'x' }, '2026-11-25')).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const data = wb.getWorksheet('人员信息')!;
    const col = (h: string) => data.getColumn(PEOPLE_COLUMNS.findIndex((c) => c.header === h) + 1).letter;
    expect(data.getCell(`${col('性别')}500`).dataValidation.formulae).toEqual(['"男,女"']);
    expect(data.getCell(`${col('政治面貌')}3`).dataValidation.type).toBe('list');
    expect(data.getCell(`${col('民族')}3`).dataValidation.formulae?.[0]).toContain('基诺族');
    expect(wb.getWorksheet('填写说明')!.getCell('A2').value).toBe('姓名');
  });

  it('is refused to roles without people.import', async () => {
    const sec = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: b1.id }));
    expect((await sec.get('/api/imports/people/template.xlsx')).statusCode).toBe(403);
    expect((await upload(sec, await peopleFile([memberRow(1, B1)]))).statusCode).toBe(403);
  });
});

describe('import', () => {
  const good: SheetRow[] = [
    memberRow(101, B1),
    memberRow(102, '一公司党委/第一党支部', { 姓名: '李慧', 性别: '女', 身份证号: idNumberFor('1990-02-03', 5, 'female'), 政治面貌: '入党积极分子', 入党日期: '', 转正日期: '', 申请日期: '2024-03-01', 积极分子日期: '2024-09-01' }),
    memberRow(103, '第一党支部', { 政治面貌: '群众', 入党日期: '', 转正日期: '', 手机号: '' }),
  ];
  const bad: SheetRow[] = [
    memberRow(104, B1, { 身份证号: idNumberFor('1980-05-06', 104).slice(0, 17) + 'Y' }), // row 5: check digit
    memberRow(105, B1, { 转正日期: '2006-01-01' }), // row 6: 转正 within the 1-year 预备期
    memberRow(106, '集团党委/二公司党委/第一党支部'), // row 7: outside 一公司党委
    memberRow(107, B1, { 身份证号: idNumberFor('1980-05-06', 101) }), // row 8: repeats row 2
    memberRow(108, '不存在的支部', { 性别: '未知', 民族: '火星族' }), // row 9: three problems
  ];

  let firstJob: string;

  it('puts valid rows in and reports each problem of the others by row, column and reason; rejected rows write nothing', async () => {
    const before = await peopleOf(tenant.tenantId);
    const file = await peopleFile([...good, ...bad]);
    const job = await importAndWait(t.app, zuzhi, file, '一公司.xlsx');
    firstJob = job.id;
    expect(job).toMatchObject({ status: 'done', fileName: '一公司.xlsx', total: 8, processed: 8, inserted: 3, updated: 0, unchanged: 0, failed: 5, error: null, createdBy: '组织委员甲' });
    expect(job.fileSha256).toBe(createHash('sha256').update(file).digest('hex'));

    const after = await peopleOf(tenant.tenantId);
    expect(after.length - before.length).toBe(3);
    const names = after.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['导入党员101', '李慧', '导入党员103']));
    for (const n of [104, 105, 106, 107, 108]) expect(names).not.toContain(`导入党员${n}`);
    const li = after.find((p) => p.name === '李慧')!;
    expect(li).toMatchObject({ gender: 'female', party_status: 'activist', org_unit_id: b1.id, birth_date: '1990-02-03', applied_on: '2024-03-01', activist_on: '2024-09-01', phone_enc: expect.stringMatching(/^aes:/) });
    expect(li.id_number_hash).toBe(t.cipher.lookupHash(idNumberFor('1990-02-03', 5, 'female')));
    expect(t.cipher.decrypt(li.id_number_enc!)).toBe(idNumberFor('1990-02-03', 5, 'female'));

    const report = await rowsOf(zuzhi, job.id);
    const at = (row: number) => report.items.filter((r) => r.rowNumber === row);
    expect(report.items.every((r) => r.outcome === 'failed')).toBe(true);
    expect(at(5)).toMatchObject([{ column: '身份证号', field: 'idNumber' }]);
    expect(at(6)).toMatchObject([{ column: '转正日期', field: 'fullOn', message: { zh: expect.stringContaining('预备期') } }]);
    expect(at(7)).toMatchObject([{ column: '所在组织', message: { zh: expect.stringContaining('不在您的管理范围内') } }]);
    expect(at(8)).toMatchObject([{ column: '身份证号', message: { zh: '身份证号与第2行重复' } }]);
    expect(at(9).map((r) => r.column).sort()).toEqual(['民族', '性别', '所在组织'].sort());
    expect(report.total).toBe(7);
    expect(report.columns.sort()).toEqual(['所在组织', '民族', '性别', '身份证号', '转正日期'].sort());
    expect((await rowsOf(zuzhi, job.id, `&column=${encodeURIComponent('身份证号')}`)).items.map((r) => r.rowNumber)).toEqual([5, 8]);

    // History for each new person; the audit names the job and its hash, never an ID number.
    const events = await asOwner(t.database, (tx) => tx.selectFrom('person_events').selectAll().where('person_id', '=', li.id).execute());
    expect(events).toMatchObject([{ kind: 'created', detail: { source: 'import', jobId: job.id } }]);
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.tenantId).where('object_id', '=', job.id).orderBy('seq').execute());
    expect(audit.map((a) => a.action)).toEqual(['people.import', 'people.import_create', 'people.import_finish']);
    expect(audit[2]!.detail).toMatchObject({ sha256: job.fileSha256, inserted: 3, failed: 5, total: 8 });
    expect(JSON.stringify(audit)).not.toContain(idNumberFor('1980-05-06', 101));
    expect(JSON.stringify(audit)).not.toContain('13800138000');
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await rowCounts(t.database, ['people', 'person_events']);
    const job = await importAndWait(t.app, zuzhi, await peopleFile([...good, ...bad]));
    expect(job).toMatchObject({ status: 'done', total: 8, inserted: 0, updated: 0, unchanged: 3, failed: 5 });
    expect(await rowCounts(t.database, ['people', 'person_events'])).toEqual(before);
    const versions = (await peopleOf(tenant.tenantId)).filter((p) => p.name.startsWith('导入党员') || p.name === '李慧').map((p) => p.version);
    expect(versions.every((v) => v === 1)).toBe(true);
  });

  it('updates a person matched by ID number (history line and audit record), and reports the update', async () => {
    const changed = [{ ...good[0]!, 职务: '支部书记', 手机号: '13900139000' }, good[1]!, good[2]!];
    const job = await importAndWait(t.app, zuzhi, await peopleFile(changed));
    expect(job).toMatchObject({ status: 'done', total: 3, inserted: 0, updated: 1, unchanged: 2, failed: 0 });
    const p = (await peopleOf(tenant.tenantId)).find((x) => x.name === '导入党员101')!;
    expect(p).toMatchObject({ job_title: '支部书记', version: 2 });
    expect(t.cipher.decrypt(p.phone_enc!)).toBe('13900139000');
    const events = await asOwner(t.database, (tx) => tx.selectFrom('person_events').selectAll().where('person_id', '=', p.id).orderBy('at').execute());
    expect(events.map((e) => e.kind)).toEqual(['created', 'updated']);
    expect(events[1]!.detail).toMatchObject({ fields: expect.arrayContaining(['jobTitle', 'phone']), source: 'import' });
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').selectAll().where('action', '=', 'people.update').where('object_id', '=', p.id).execute());
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('13900139000');
    const report = await rowsOf(zuzhi, job.id, '&outcome=updated');
    expect(report.items).toMatchObject([{ rowNumber: 2, outcome: 'updated', message: { zh: expect.stringMatching(/职务.*手机号|手机号.*职务/) } }]);
  });

  it('refuses to change a person registered outside the importer’s scope, and matches a bare name only when unique in scope', async () => {
    // hr (tenant-wide) sees two 第一党支部: the bare name is ambiguous for it, unique for 一公司党委's 组织委员.
    const elsewhere = memberRow(120, '二公司党委/第一党支部');
    const j1 = await importAndWait(t.app, hr, await peopleFile([elsewhere, memberRow(121, '第一党支部')]));
    expect(j1).toMatchObject({ inserted: 1, failed: 1 });
    expect((await rowsOf(hr, j1.id)).items).toMatchObject([{ rowNumber: 3, column: '所在组织', message: { zh: expect.stringContaining('请填写全称路径') } }]);
    const j2 = await importAndWait(t.app, zuzhi, await peopleFile([{ ...elsewhere, 所在组织: B1 }]));
    expect(j2).toMatchObject({ inserted: 0, updated: 0, failed: 1 });
    expect((await rowsOf(zuzhi, j2.id)).items).toMatchObject([{ column: '身份证号', message: { zh: expect.stringContaining('管理范围之外') } }]);
    const p = (await peopleOf(tenant.tenantId)).find((x) => x.name === '导入党员120')!;
    expect(p.org_unit_id).not.toBe(b1.id);
  });

  it('fails a file whose header row lacks required columns, naming them, and writes no person', async () => {
    const before = await rowCounts(t.database, ['people']);
    const job = await importAndWait(t.app, zuzhi, await peopleFile([{ 姓名: '某人' }], ['姓名', '性别']));
    expect(job.status).toBe('failed');
    expect(job.error?.zh).toContain('身份证号');
    expect(job.error?.zh).toContain('所在组织');
    expect(await rowCounts(t.database, ['people'])).toEqual(before);
  });

  it('refuses a file that is not .xlsx before any job exists, writing nothing', async () => {
    const tables = ['import_jobs', 'import_job_rows', 'people', 'audit_log'] as const;
    const before = await rowCounts(t.database, tables);
    const res = await upload(zuzhi, Buffer.from('姓名,性别\n张三,男\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'file' });
    expect((await upload(zuzhi, Buffer.alloc(0))).statusCode).toBe(400);
    expect(await rowCounts(t.database, tables)).toEqual(before);
  });

  it('lists the importer’s jobs, newest first; another importer of narrower scope does not see them', async () => {
    const list = (await zuzhi.get('/api/imports?pageSize=50')).json<{ items: { id: string; createdBy: string }[]; total: number }>();
    expect(list.items.length).toBeGreaterThanOrEqual(5);
    expect(list.items.every((j) => j.createdBy === '组织委员甲')).toBe(true);
    expect(list.items[list.items.length - 1]!.id).toBe(firstJob);
    const other = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: c2.id }));
    expect((await other.get(`/api/imports/${firstJob}`)).statusCode).toBe(404);
    expect((await other.get('/api/imports')).json<{ total: number }>().total).toBe(0);
    // The tenant-wide importer sees all of them.
    expect((await hr.get(`/api/imports/${firstJob}`)).statusCode).toBe(200);
  });

  it('downloads the report as .xlsx with row, column and reason (audited as an export)', async () => {
    const res = await zuzhi.get(`/api/imports/${firstJob}/report.xlsx`);
    expect(res.statusCode).toBe(200);
    const sheet = await readWorkbook(res.rawPayload);
    expect(sheet.headers).toEqual(['行号', '结果', '姓名', '列', '原因']);
    expect(sheet.rows).toHaveLength(7);
    expect(sheet.rows[0]!.cells.slice(0, 4)).toEqual(['5', '未导入', '导入党员104', '身份证号']);
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('action').where('object_id', '=', firstJob).where('action', '=', 'people.import_report_export').execute());
    expect(audit).toHaveLength(1);
  });
});

describe('tenant isolation', () => {
  it('matches ID numbers only within the tenant and hides other tenants’ jobs', async () => {
    const other = await makeTenant(t);
    const oRoot = await makeUnit(t, other.tenantId, { name: '集团党委' });
    const oBranch = await makeUnit(t, other.tenantId, { parentId: oRoot.id, kind: 'branch', name: '第一党支部' });
    const oHr = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'hr_staff' }));
    // The same person as in the first tenant (same ID number): a new record here, nothing changes there.
    const before = await peopleOf(tenant.tenantId);
    const job = await importAndWait(t.app, oHr, await peopleFile([memberRow(101, '集团党委/第一党支部')]));
    expect(job).toMatchObject({ status: 'done', inserted: 1, updated: 0, unchanged: 0 });
    expect((await peopleOf(other.tenantId)).map((p) => p.org_unit_id)).toEqual([oBranch.id]);
    expect(await peopleOf(tenant.tenantId)).toEqual(before);
    expect((await zuzhi.get(`/api/imports/${job.id}`)).statusCode).toBe(404);
    expect((await zuzhi.get(`/api/imports/${job.id}/rows`)).statusCode).toBe(404);
    expect((await zuzhi.get(`/api/imports/${job.id}/report.xlsx`)).statusCode).toBe(404);
    // And the other tenant's importer cannot name this tenant's units.
    const j2 = await importAndWait(t.app, oHr, await peopleFile([memberRow(130, B1)]));
    expect(j2).toMatchObject({ inserted: 0, failed: 1 });
  });
});
