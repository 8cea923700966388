/** Kysely types of this module's tables (listed in platform/db/schema.ts `DB`); migrations 0006_development.sql, 0011_development_documents.sql. */
import type { ColumnType, Generated } from 'kysely';
import type { DateString, Json } from '../../platform/db/schema.js';

/** A step of the 发展党员 record (RULES.md §2). The status steps change people.party_status. */
export type StepKind =
  | 'application' | 'talk' | 'activist' | 'assessment' | 'thought_report' | 'candidate' | 'political_review' | 'training'
  | 'pretrial' | 'admission_meeting' | 'admission_approval' | 'probation_extension' | 'full_meeting' | 'full_approval';

export type StepPersonRole = 'talker' | 'contact' | 'introducer';

/** Kind-specific facts of a step. */
export interface StepDetail {
  /** 集中培训. */
  training?: { days: number; hours: number };
  /** 公示 before 发展对象 (candidate), 预备党员 (admission_meeting) and 转正 (full_meeting). */
  publicity?: { from: string; to: string };
  /** 延长预备期 in months. */
  extensionMonths?: number;
  /** 预审: the day the materials went to the higher 党委. */
  submittedOn?: string;
}

/** A document of a step by title and 编号; `documentId` names the uploaded file (development_documents), if any. */
export interface StepDocument { title: string; number: string; documentId?: string }

/** The content types a document file may have (checked against the file's first bytes on upload). */
export type DocumentContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface StoredViolation {
  code: string;
  severity: 'block' | 'warning';
  overridable: boolean;
  rule: string;
  message: { zh: string; en: string };
}

export interface DevelopmentStepsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  kind: StepKind;
  on_date: DateString;
  detail: Json<StepDetail>;
  documents: Json<StepDocument[]>;
  note: Generated<string>;
  violations: Json<StoredViolation[]>;
  exception_reason: string | null;
  exception_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DevelopmentStepPeopleTable {
  tenant_id: string;
  step_id: string;
  person_id: string;
  role: StepPersonRole;
}

export interface DevelopmentQuotasTable {
  tenant_id: string;
  org_unit_id: string;
  year: number;
  quota: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** An uploaded file of a person's development record (migration 0011); attached to a step when the step cites it. */
export interface DevelopmentDocumentsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  step_id: string | null;
  title: string;
  file_name: string;
  content_type: DocumentContentType;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface DevelopmentTables {
  development_steps: DevelopmentStepsTable;
  development_step_people: DevelopmentStepPeopleTable;
  development_quotas: DevelopmentQuotasTable;
  development_documents: DevelopmentDocumentsTable;
}
