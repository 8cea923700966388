/** Kysely types of the library's tables (listed in platform/db/schema.ts `DB`); migration 0041_library.sql. */
import type { ColumnType, Generated } from 'kysely';

export type ResourceKind = 'article' | 'pdf' | 'image' | 'audio' | 'video';
export type ResourceCategory = 'general' | 'history' | 'regulation' | 'policy';
export type ResourceStatus = 'draft' | 'published';

export interface LibraryResourcesTable {
  id: string;
  tenant_id: string;
  kind: ResourceKind;
  category: Generated<ResourceCategory>;
  title: string;
  summary: Generated<string>;
  source: Generated<string>;
  body_html: Generated<string>;
  body_text: Generated<string>;
  tags: Generated<string[]>;
  file_id: string | null;
  scope_unit_id: string | null;
  scope_path: Generated<string>;
  status: Generated<ResourceStatus>;
  shared: Generated<boolean>;
  index_state: Generated<'pending' | 'done'>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LibraryPassagesTable {
  id: string;
  tenant_id: string;
  resource_id: string;
  ordinal: number;
  text: string;
  tsv: string;
  shared: Generated<boolean>;
}

export interface LibraryTables {
  library_resources: LibraryResourcesTable;
  library_passages: LibraryPassagesTable;
}
