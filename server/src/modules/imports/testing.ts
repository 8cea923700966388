/** Test helpers for the import module: valid ID numbers, people workbooks, upload-and-wait. */
import { idCheckDigit } from '../../platform/identity/id-number.js';
import { writeWorkbook } from '../../platform/office/xlsx.js';
import type { App } from '../../platform/http/app.js';
import type { Agent } from '../../testing/factories.js';
import { PEOPLE_COLUMNS } from './people-columns.js';
import { importRunners } from './routes.js';
import type { ImportJobView } from './service.js';

/** A valid 18-digit ID number (GB 11643) for a birth date 'YYYY-MM-DD', a sequence 0–499 and a gender. */
export function idNumberFor(birthDate: string, n: number, gender: 'male' | 'female' = 'male'): string {
  const seq = n * 2 + (gender === 'male' ? 1 : 0);
  if (seq > 999) throw new Error('idNumberFor: sequence out of range');
  const first17 = `110105${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

/** A sheet row by template header (姓名, 性别, …); missing cells are empty. */
export type SheetRow = Partial<Record<string, string>>;

/** A row for a 正式党员 with every required field filled. */
export function memberRow(n: number, orgUnit: string, over: SheetRow = {}): SheetRow {
  return {
    姓名: `导入党员${n}`, 性别: '男', 民族: '汉族', 身份证号: idNumberFor('1980-05-06', n), 所在组织: orgUnit, 政治面貌: '正式党员',
    入党日期: '2005-07-01', 转正日期: '2006-07-01', 学历: '大学本科', 手机号: '13800138000', ...over,
  };
}

export function peopleFile(rows: SheetRow[], headers: readonly string[] = PEOPLE_COLUMNS.map((c) => c.header)): Promise<Buffer> {
  return writeWorkbook([{ name: '人员信息', columns: headers.map((h) => ({ header: h, key: h, text: true })), rows }]);
}

export async function upload(a: Agent, file: Buffer, fileName = '人员.xlsx') {
  return a.inject({ method: 'POST', url: `/api/imports/people?fileName=${encodeURIComponent(fileName)}`, payload: file, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
}

/** Uploads and waits for the background job; returns the finished job as the API shows it. */
export async function importAndWait(app: App, a: Agent, file: Buffer, fileName?: string): Promise<ImportJobView> {
  const res = await upload(a, file, fileName);
  if (res.statusCode !== 200) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  const id = res.json<{ id: string }>().id;
  await importRunners.get(app)?.settled(id);
  const job = await a.get(`/api/imports/${id}`);
  return job.json<ImportJobView>();
}
