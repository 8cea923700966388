/** Kysely types of this module's tables (listed in platform/db/schema.ts `DB`); migrations 0047–0049. */
import type { ColumnType, Generated } from 'kysely';
import type { DateString } from '../../platform/db/schema.js';
import type { LessonKind, PointRule } from './rules.js';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type CourseState = 'draft' | 'published' | 'archived';

export interface CoursesTable {
  id: string;
  tenant_id: string;
  org_unit_id: string;
  title: string;
  description: Generated<string>;
  state: Generated<CourseState>;
  open_to_all: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Stamp;
  published_at: NullableStamp;
}

export interface CourseLessonsTable {
  id: string;
  tenant_id: string;
  course_id: string;
  position: number;
  title: string;
  resource_id: string;
  resource_kind: LessonKind;
  duration_seconds: number;
  created_at: Generated<Date>;
  removed_at: NullableStamp;
}

export interface CourseAssignmentsTable {
  id: string;
  tenant_id: string;
  course_id: string;
  org_unit_id: string | null;
  person_id: string | null;
  due_on: DateString;
  assigned_by: string | null;
  assigned_at: Generated<Date>;
  withdrawn_at: NullableStamp;
}

export type SessionState = 'active' | 'ended' | 'superseded';

export interface StudySessionsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  /** Null for records that did not come through an account (imported history, demo data). */
  user_id: string | null;
  lesson_id: string;
  course_id: string;
  client_key: string;
  state: Generated<SessionState>;
  started_at: Stamp;
  last_beat_at: Stamp;
  last_seq: number;
  beats: Generated<number>;
  counted_ms: Generated<number>;
  ended_at: NullableStamp;
}

export interface LessonProgressTable {
  tenant_id: string;
  person_id: string;
  lesson_id: string;
  course_id: string;
  studied_ms: Generated<number>;
  furthest_position: Generated<number>;
  completed_at: NullableStamp;
  last_studied_at: NullableStamp;
}

export interface LearningPointsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  rule: PointRule;
  source_id: string;
  points: number;
  awarded_on: DateString;
  created_at: Generated<Date>;
}

export interface CourseTables {
  courses: CoursesTable;
  course_lessons: CourseLessonsTable;
  course_assignments: CourseAssignmentsTable;
  study_sessions: StudySessionsTable;
  lesson_progress: LessonProgressTable;
  learning_points: LearningPointsTable;
}
