/**
 * Kysely table types. Each module owns its tables; this file only assembles them into the
 * database interface the query builder needs. Columns with defaults are `Generated`.
 */
import type { OrgTables } from '../../modules/org/tables.js';
import type { DevelopmentTables } from '../../modules/development/tables.js';
import type { TransferTables } from '../../modules/transfers/tables.js';
import type { ImportTables } from '../../modules/imports/tables.js';
// meetings (issue 5)
import type { MeetingTables } from '../../modules/meetings/tables.js';
import type { NotifyTables } from '../notify/tables.js';
import type { EvaluationTables } from '../../modules/evaluation/tables.js';
// platform/realtime and the live meeting room (issue 5)
import type { RealtimeTables } from '../realtime/tables.js';
import type { RoomTables } from '../../modules/meetings/room/tables.js';
// 学习教育: courses and exams (issue 6)
import type { ExamTables } from '../../modules/exams/tables.js';
import type { CourseTables } from '../../modules/courses/tables.js';
import type { LibraryTables } from '../../modules/library/tables.js';
import type { AssistantTables } from '../../modules/assistant/tables.js';
// 学习教育: VR 党史展馆
import type { ExhibitionTables } from '../../modules/exhibition/tables.js';
// learning (library, search, assistant) and the file store
import type { FileTables } from '../files/tables.js';
// dues (issue 4)
import type { DuesTables } from '../../modules/dues/tables.js';
// dues online payments and reconciliation (issue 4)
import type { DuesPaymentTables } from '../../modules/dues/payments-tables.js';
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns are legal dates; read and written as 'YYYY-MM-DD' strings (see the pg type parser in types.ts). */
export type DateString = ColumnType<string, string, string>;
export type Json<T> = ColumnType<T, string, string>;

export interface TenantsTable {
  id: string;
  code: string;
  name: string;
  kind: Generated<'enterprise' | 'platform'>;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  is_demo: Generated<boolean>;
  status: Generated<'active' | 'suspended'>;
  created_at: Generated<Date>;
}

export type OrgKind = 'group_committee' | 'committee' | 'general_branch' | 'branch' | 'party_group';

export interface OrgUnitsTable {
  id: string;
  tenant_id: string;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: OrgKind;
  name: string;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
  dissolved_at: Date | null;
}

export type PartyStatus = 'none' | 'applicant' | 'activist' | 'candidate' | 'probationary' | 'full';

export interface PeopleTable {
  id: string;
  tenant_id: string;
  org_unit_id: string;
  name: string;
  name_pinyin: Generated<string>;
  name_initials: Generated<string>;
  gender: 'male' | 'female';
  ethnicity: Generated<string>;
  birth_date: DateString | null;
  education: string | null;
  job_title: string | null;
  party_status: Generated<PartyStatus>;
  /** 入党日期: admitted as 预备党员. */
  party_joined_on: DateString | null;
  created_at: Generated<Date>;
  id_number_enc: string | null;
  id_number_hash: string | null;
  phone_enc: string | null;
  employee_no: string | null;
  /** The unit's path, kept by triggers (migration 0004); never written by the application. */
  org_path: Generated<string>;
  membership: Generated<Membership>;
  membership_note: string | null;
  applied_on: DateString | null;
  activist_on: DateString | null;
  candidate_on: DateString | null;
  /** 转正: 党龄 counts from here. */
  full_on: DateString | null;
  archived_at: Date | null;
  archived_reason: ArchivedReason | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** 流动党员 and 组织关系保留 (RULES.md §3). */
export type Membership = 'normal' | 'mobile' | 'retained';
export type ArchivedReason = 'left' | 'transferred_out' | 'deceased' | 'other';

export interface PersonEventsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  at: Generated<Date>;
  actor_user_id: string | null;
  kind: string;
  detail: Generated<unknown>;
}

export interface PersonHonoursTable {
  id: string;
  tenant_id: string;
  person_id: string;
  kind: 'award' | 'punishment';
  title: string;
  decided_on: DateString;
  issuer: Generated<string>;
  note: Generated<string>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  person_id: string | null;
  password_hash: string;
  password_changed_at: Generated<Date>;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: Generated<number>;
  status: Generated<'active' | 'disabled'>;
  locale: Generated<'zh-CN' | 'en-US'>;
  large_text: Generated<boolean>;
  last_login_at: Date | null;
  created_at: Generated<Date>;
}

export interface RecoveryCodesTable {
  id: string;
  tenant_id: string;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface RoleGrantsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  role: string;
  org_unit_id: string | null;
  granted_by: string | null;
  granted_at: Generated<Date>;
}

export type SessionStage = 'totp' | 'password_change' | 'totp_setup' | 'active';

export interface SessionsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  csrf_token: string;
  stage: SessionStage;
  pending_totp_secret_enc: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  tenant_id: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string;
  result: 'success' | 'failure' | 'denied';
  source_ip: string;
  detail: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface HolidaysTable {
  tenant_id: string;
  /** A `date` column; read it as text (to_char) so no time zone shifts it. */
  date: ColumnType<string, string, string>;
  kind: 'holiday' | 'workday';
  name: string;
}

/**
 * Every table. A module with tables of its own declares them in its `tables.ts` and is listed here, so modules
 * do not edit one shared block.
 */
export interface DB extends OrgTables, DevelopmentTables, TransferTables, ImportTables,
  // dues (issue 4)
  DuesTables, DuesPaymentTables,
  // meetings (issue 5)
  MeetingTables, NotifyTables, EvaluationTables,
  // platform/realtime and the live meeting room (issue 5)
  RealtimeTables, RoomTables,
  // the file store; 学习教育 (issue 6): library, search, assistant, courses, exams
  FileTables, LibraryTables, AssistantTables, ExamTables, CourseTables,
  // 学习教育: VR 党史展馆
  ExhibitionTables {
  person_events: PersonEventsTable;
  person_honours: PersonHonoursTable;
  tenants: TenantsTable;
  org_units: OrgUnitsTable;
  people: PeopleTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  holidays: HolidaysTable;
}
