/** Kysely types of the file store's table (listed in platform/db/schema.ts `DB`); migration 0040_stored_files.sql. */
import type { ColumnType, Generated } from 'kysely';
import type { FileKind } from './content.js';

export interface StoredFilesTable {
  id: string;
  tenant_id: string;
  sha256: string;
  size: number;
  kind: FileKind;
  content_type: string;
  original_name: string;
  storage: 'local' | 's3';
  storage_key: string;
  uploaded_by: string | null;
  /** Readable by every tenant of the platform (a shared library resource); still written only by its tenant. */
  shared: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FileTables {
  stored_files: StoredFilesTable;
}
