/** Kysely types of this module's tables (listed in platform/db/schema.ts `DB`); migration 0008_imports.sql. */
import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../../platform/db/schema.js';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJobsTable {
  id: string;
  tenant_id: string;
  kind: Generated<'people' | 'dues_bases'>;
  status: ImportStatus;
  file_name: string;
  file_sha256: string;
  file_size: number;
  total: Generated<number>;
  processed: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  failed: Generated<number>;
  error: Json<{ zh: string; en: string }> | null;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type ImportRowOutcome = 'failed' | 'updated';

export interface ImportJobRowsTable {
  id: Generated<string>;
  tenant_id: string;
  job_id: string;
  row_number: number;
  outcome: ImportRowOutcome;
  column_name: Generated<string>;
  field: Generated<string>;
  message_zh: string;
  message_en: string;
  person_name: Generated<string>;
  person_id: string | null;
}

export interface ImportTables {
  import_jobs: ImportJobsTable;
  import_job_rows: ImportJobRowsTable;
}
