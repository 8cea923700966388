import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB, PeopleTable } from '../../platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../platform/db/tenancy.js';
import type { FieldAlgorithm, FieldCipher } from '../../platform/crypto/fields.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import type { Msg } from '../../platform/http/errors.js';
import type { LegalDate } from '../../platform/dates/legal-date.js';
import { checkPersonInput, normalizePersonInput, personRowValues, tenantFieldAlgorithm, type PersonInput, type PersonRowValues } from '../members/person-input.js';
import { recordPersonEvent } from '../members/person-access.js';
import { todayInChina } from '../org/clock.js';
import type { ReadSheet } from '../../platform/office/xlsx.js';
import { COLUMN_BY_FIELD, mapHeaders, parseRow, type HeaderMap, type ImportField } from './people-columns.js';
import { OrgMatcher } from './org-match.js';
import type { ImportJobRowsTable } from './tables.js';

/**
 * Processing of one people import, chunk by chunk. Each chunk is one transaction: its rows are validated with the
 * person rules (members/person-input.ts), matched to existing people by the ID number's keyed hash (one lookup per
 * chunk), and written in batches; the job's counters move with it, so a poll sees progress and a failure keeps the
 * chunks already done. A rejected row changes nothing but its report lines.
 */

export interface ImportDeps { db: Kysely<DB>; cipher: FieldCipher }

export interface RunOptions {
  chunkSize: number;
  /** Asked between chunks; true stops the job (server shutting down). */
  stopped: () => boolean;
  today?: LegalDate;
}

type ReportLine = Omit<Insertable<ImportJobRowsTable>, 'tenant_id' | 'job_id'>;
type PersonRow = Selectable<PeopleTable>;

/** Stored columns a re-import compares (the ciphertexts differ on every encryption; the phone is compared in clear). */
const COMPARED: readonly (keyof PersonRowValues)[] = [
  'name', 'gender', 'ethnicity', 'birth_date', 'education', 'job_title', 'employee_no', 'org_unit_id', 'party_status',
  'applied_on', 'activist_on', 'candidate_on', 'party_joined_on', 'full_on', 'membership', 'membership_note',
];
const FIELD_OF_COLUMN: Record<string, keyof PersonInput> = {
  name: 'name', gender: 'gender', ethnicity: 'ethnicity', birth_date: 'birthDate', education: 'education', job_title: 'jobTitle',
  employee_no: 'employeeNo', org_unit_id: 'orgUnitId', party_status: 'partyStatus', applied_on: 'appliedOn', activist_on: 'activistOn',
  candidate_on: 'candidateOn', party_joined_on: 'partyJoinedOn', full_on: 'fullOn', membership: 'membership', membership_note: 'membershipNote',
};

export class JobFailure extends Error {
  constructor(readonly msg: Msg) {
    super(msg.en);
  }
}

function line(rowNumber: number, field: ImportField | '', message: Msg, personName: string, outcome: 'failed' | 'updated' = 'failed', personId: string | null = null): ReportLine {
  const column = field === '' ? '' : (COLUMN_BY_FIELD.get(field)?.header ?? '');
  return { row_number: rowNumber, outcome, column_name: column, field, message_zh: message.zh, message_en: message.en, person_name: personName, person_id: personId };
}

interface Counters { processed: number; inserted: number; updated: number; unchanged: number; failed: number }

interface JobContext {
  deps: ImportDeps;
  actor: Actor;
  ctx: TxContext;
  jobId: string;
  headers: HeaderMap;
  matcher: OrgMatcher;
  alg: FieldAlgorithm;
  today: LegalDate;
  /** ID-number hash → the row that first used it in this file. */
  seen: Map<string, number>;
}

/** Checks the header row; a file without the required columns fails as a whole, naming them. */
export function headersOrFail(sheet: ReadSheet): HeaderMap {
  const headers = mapHeaders(sheet.headers);
  if (sheet.headers.length === 0) throw new JobFailure({ zh: '文件中没有表头，请使用下载的导入模板', en: 'The file has no header row; use the downloaded template' });
  if (headers.missing.length > 0) {
    const names = headers.missing.map((c) => c.header);
    throw new JobFailure({ zh: `表头缺少必填列：${names.join('、')}。请使用下载的导入模板`, en: `The header row lacks required columns: ${names.join(', ')}. Use the downloaded template` });
  }
  return headers;
}

export async function runPeopleImport(deps: ImportDeps, actor: Actor, ctx: TxContext, jobId: string, sheet: ReadSheet, opts: RunOptions): Promise<Counters> {
  const headers = headersOrFail(sheet);
  const { matcher, alg } = await withTenant(deps.db, ctx, async (tx) => {
    const units = await tx.selectFrom('org_units').select(['id', 'parent_id', 'name', 'path']).where('dissolved_at', 'is', null).execute();
    return { matcher: new OrgMatcher(units, (path) => can(actor, 'people.import', path)), alg: await tenantFieldAlgorithm(tx, ctx.tenantId) };
  });
  const job: JobContext = { deps, actor, ctx, jobId, headers, matcher, alg, today: opts.today ?? todayInChina(), seen: new Map() };
  const total: Counters = { processed: 0, inserted: 0, updated: 0, unchanged: 0, failed: 0 };
  const chunks: ReadSheet['rows'][] = [];
  for (let start = 0; start < sheet.rows.length; start += opts.chunkSize) chunks.push(sheet.rows.slice(start, start + opts.chunkSize));
  // Pipelined: the next chunk is validated (CPU, this thread) while the database writes the current one.
  let next = chunks.length > 0 ? prepareChunk(job, chunks[0]!) : null;
  for (let i = 0; next !== null; i++) {
    if (opts.stopped()) throw new JobFailure({ zh: '服务器停止，导入中断；已处理的行已保存，请重新导入剩余部分（重复导入不会重复写入）', en: 'The server stopped and the import was interrupted; processed rows are kept. Import the file again (rows already in are recognised)' });
    const current = next;
    const writing = withTenant(deps.db, ctx, (tx) => writeChunk(tx, job, current));
    // Let the write start before the next chunk's validation takes the thread.
    await yieldToOthers();
    next = i + 1 < chunks.length ? prepareChunk(job, chunks[i + 1]!) : null;
    const c = await writing;
    for (const k of Object.keys(total) as (keyof Counters)[]) total[k] += c[k];
    // Let other requests have the database (PGlite has one connection) and the event loop between chunks.
    await yieldToOthers();
  }
  return total;
}

interface Candidate { rowNumber: number; values: PersonRowValues; phone: string | null }

interface PreparedChunk {
  rows: ReadSheet['rows'];
  candidates: Candidate[];
  report: ReportLine[];
  failedRows: Set<number>;
}

/** Each row on its own, without the database: vocabulary, 所在组织, person rules, duplicates within the file. */
function prepareChunk(job: JobContext, rows: ReadSheet['rows']): PreparedChunk {
  const report: ReportLine[] = [];
  const failedRows = new Set<number>();
  const fail = (rowNumber: number, field: ImportField | '', message: Msg, name: string) => {
    failedRows.add(rowNumber);
    report.push(line(rowNumber, field, message, name));
  };

  const candidates: Candidate[] = [];
  for (const row of rows) {
    const parsed = parseRow(row.cells, job.headers);
    const name = parsed.input.name;
    for (const p of parsed.problems) fail(row.rowNumber, p.field, p.message, name);
    let orgUnitId = '';
    if (parsed.orgUnit !== '') {
      const m = job.matcher.match(parsed.orgUnit);
      if (m.ok) orgUnitId = m.unitId;
      else fail(row.rowNumber, 'orgUnit', m.message, name);
    }
    const reported = new Set(parsed.problems.map((p) => p.field));
    const input: PersonInput = { ...parsed.input, orgUnitId: orgUnitId || 'unresolved' };
    for (const p of checkPersonInput(input, job.today)) {
      const field: ImportField = p.field === 'orgUnitId' ? 'orgUnit' : p.field;
      if (!reported.has(field)) fail(row.rowNumber, field, p.message, name);
    }
    if (failedRows.has(row.rowNumber)) continue;
    const values = personRowValues(input, job.deps.cipher, job.alg);
    const hash = values.id_number_hash!;
    const first = job.seen.get(hash);
    if (first !== undefined) {
      fail(row.rowNumber, 'idNumber', { zh: `身份证号与第${first}行重复`, en: `The ID number repeats row ${first}` }, name);
      continue;
    }
    job.seen.set(hash, row.rowNumber);
    candidates.push({ rowNumber: row.rowNumber, values, phone: normalizePersonInput(input).phone });
  }
  return { rows, candidates, report, failedRows };
}

/** The chunk's transaction: who exists already (one lookup), then batch writes and the job's counters. */
async function writeChunk(tx: Tx, job: JobContext, chunk: PreparedChunk): Promise<Counters> {
  const { rows, candidates, report, failedRows } = chunk;
  const fail = (rowNumber: number, field: ImportField | '', message: Msg, name: string) => {
    failedRows.add(rowNumber);
    report.push(line(rowNumber, field, message, name));
  };

  // One lookup for the chunk: who is already registered under these ID numbers.
  const hashes = candidates.map((c) => c.values.id_number_hash!);
  const existing = hashes.length === 0 ? [] : await tx.selectFrom('people').selectAll().where('id_number_hash', 'in', hashes).execute();
  const byHash = new Map(existing.map((p) => [p.id_number_hash!, p]));

  const inserts: NewPerson[] = [];
  let unchanged = 0;
  let updated = 0;
  for (const c of candidates) {
    const p = byHash.get(c.values.id_number_hash!);
    if (!p) {
      inserts.push({ id: randomUUID(), tenant_id: job.ctx.tenantId, ...c.values });
      continue;
    }
    if (!can(job.actor, 'people.import', p.org_path)) {
      fail(c.rowNumber, 'idNumber', { zh: '该身份证号的人员已登记在您管理范围之外的组织，不能由您导入修改', en: 'A person with this ID number is registered in an org unit outside your scope' }, c.values.name);
      continue;
    }
    if (p.archived_at !== null) {
      fail(c.rowNumber, 'idNumber', { zh: '该身份证号的人员已归档（离职、转出等），请先在人员信息中处理', en: 'The person with this ID number is archived (left, transferred out…); handle it in the people records first' }, c.values.name);
      continue;
    }
    const changed = changedColumns(p, c, job.deps.cipher);
    if (changed.length === 0) {
      unchanged++;
      continue;
    }
    const ok = await updatePerson(tx, job, p, c, changed);
    if (!ok) {
      fail(c.rowNumber, '', { zh: '该人员正被他人修改，请稍后重新导入', en: 'Someone else is changing this person; import again later' }, c.values.name);
      continue;
    }
    updated++;
    report.push(line(c.rowNumber, '', { zh: `已更新：${changed.map(fieldLabelZh).join('、')}`, en: `Updated: ${changed.map((k) => FIELD_OF_COLUMN[k] ?? k).join(', ')}` }, c.values.name, 'updated', p.id));
  }

  // Batch writes: new people, their 'created' history lines, one audit record naming them, the report, the counters.
  if (inserts.length > 0) {
    await insertPeople(tx, inserts);
    await insertCreatedEvents(tx, job, inserts);
    await auditAs(tx, job.ctx, {
      action: 'people.import_create', objectType: 'import_job', objectId: job.jobId,
      detail: { count: inserts.length, rows: [rows[0]?.rowNumber ?? 0, rows[rows.length - 1]?.rowNumber ?? 0], personIds: inserts.map((p) => p.id) },
    });
  }
  if (report.length > 0) await tx.insertInto('import_job_rows').values(report.map((r) => ({ ...r, tenant_id: job.ctx.tenantId, job_id: job.jobId }))).execute();
  const counters: Counters = { processed: rows.length, inserted: inserts.length, updated, unchanged, failed: failedRows.size };
  await tx.updateTable('import_jobs').set((eb) => ({
    processed: eb('processed', '+', counters.processed), inserted: eb('inserted', '+', counters.inserted), updated: eb('updated', '+', counters.updated),
    unchanged: eb('unchanged', '+', counters.unchanged), failed: eb('failed', '+', counters.failed),
  })).where('id', '=', job.jobId).execute();
  return counters;
}

function changedColumns(p: PersonRow, c: Candidate, cipher: FieldCipher): (keyof PersonRowValues)[] {
  const out: (keyof PersonRowValues)[] = COMPARED.filter((k) => (p[k as keyof PersonRow] ?? null) !== (c.values[k] ?? null));
  let stored: string | null = null;
  try {
    stored = p.phone_enc === null ? null : cipher.decrypt(p.phone_enc);
  } catch {
    stored = null;
  }
  if (stored !== c.phone) out.push('phone_enc');
  return out;
}

const COLUMN_LABEL: Partial<Record<keyof PersonRowValues, string>> = { phone_enc: '手机号', org_unit_id: '所在组织' };
function fieldLabelZh(k: keyof PersonRowValues): string {
  const field = FIELD_OF_COLUMN[k];
  return COLUMN_LABEL[k] ?? (field ? COLUMN_BY_FIELD.get(field)?.header : undefined) ?? k;
}

/** Updates one person (optimistic on version), with history lines and an audit record, as the people form does. */
async function updatePerson(tx: Tx, job: JobContext, p: PersonRow, c: Candidate, changed: (keyof PersonRowValues)[]): Promise<boolean> {
  const { id_number_enc: _id, id_number_hash: _hash, phone_enc, ...rest } = c.values;
  // Unchanged secrets keep their ciphertext (no needless re-encryption).
  const set = { ...rest, phone_enc: changed.includes('phone_enc') ? phone_enc : p.phone_enc };
  const r = await tx.updateTable('people').set({ ...set, version: p.version + 1, updated_at: new Date() }).where('id', '=', p.id).where('version', '=', p.version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const fields = changed.map((k) => (k === 'phone_enc' ? 'phone' : FIELD_OF_COLUMN[k] ?? k));
  if (changed.includes('org_unit_id')) await recordPersonEvent(tx, job.ctx, p.id, 'moved', { from: p.org_unit_id, to: c.values.org_unit_id, source: 'import', jobId: job.jobId });
  const others = fields.filter((f) => f !== 'orgUnitId');
  if (others.length > 0) await recordPersonEvent(tx, job.ctx, p.id, 'updated', { fields: others, source: 'import', jobId: job.jobId });
  await auditAs(tx, job.ctx, { action: 'people.update', objectType: 'person', objectId: p.id, detail: { name: c.values.name, fields, source: 'import', jobId: job.jobId } });
  return true;
}

type NewPerson = PersonRowValues & { id: string; tenant_id: string };

/**
 * Batch insert as one statement over arrays (unnest): a handful of parameters instead of 22 per row, which the
 * server parses and plans once. org_path is filled by the trigger, as for any insert.
 */
async function insertPeople(tx: Tx, rows: NewPerson[]): Promise<void> {
  const col = <K extends keyof NewPerson>(k: K) => rows.map((r) => r[k]);
  await sql`insert into people (id, tenant_id, org_unit_id, name, name_pinyin, name_initials, gender, ethnicity, birth_date, id_number_enc,
      id_number_hash, phone_enc, education, job_title, employee_no, party_status, applied_on, activist_on, candidate_on, party_joined_on, full_on,
      membership, membership_note)
    select * from unnest(${col('id')}::uuid[], ${col('tenant_id')}::uuid[], ${col('org_unit_id')}::uuid[], ${col('name')}::text[],
      ${col('name_pinyin')}::text[], ${col('name_initials')}::text[], ${col('gender')}::text[], ${col('ethnicity')}::text[], ${col('birth_date')}::date[],
      ${col('id_number_enc')}::text[], ${col('id_number_hash')}::text[], ${col('phone_enc')}::text[], ${col('education')}::text[], ${col('job_title')}::text[],
      ${col('employee_no')}::text[], ${col('party_status')}::text[], ${col('applied_on')}::date[], ${col('activist_on')}::date[], ${col('candidate_on')}::date[],
      ${col('party_joined_on')}::date[], ${col('full_on')}::date[], ${col('membership')}::text[], ${col('membership_note')}::text[])`.execute(tx);
}

/** The 'created' history line of each new person (as the people form writes one), in one statement. */
async function insertCreatedEvents(tx: Tx, job: JobContext, rows: NewPerson[]): Promise<void> {
  const details = rows.map((p) => JSON.stringify({ partyStatus: p.party_status, orgUnitId: p.org_unit_id, source: 'import', jobId: job.jobId }));
  await sql`insert into person_events (id, tenant_id, person_id, actor_user_id, kind, detail)
    select gen_random_uuid(), ${job.ctx.tenantId}::uuid, p, ${job.ctx.actorId}::uuid, 'created', d::jsonb
    from unnest(${rows.map((r) => r.id)}::uuid[], ${details}::text[]) as u(p, d)`.execute(tx);
}
