/** Kysely types of this module's tables (listed in platform/db/schema.ts `DB`); migrations 0045 and 0046. */
import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../../platform/db/schema.js';
import type { AnswerKey, Difficulty, DrawRule, ItemGrade, PaperItem, QuestionKind, QuestionOption, Reveal } from './rules.js';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface QuestionCategoriesTable {
  id: string;
  tenant_id: string;
  name: string;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
  archived_at: NullableStamp;
}

export interface QuestionsTable {
  id: string;
  tenant_id: string;
  category_id: string;
  kind: QuestionKind;
  difficulty: Difficulty;
  current_version: Generated<number>;
  current_version_id: string;
  stem: string;
  archived_at: NullableStamp;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Stamp;
}

export type ChangeKind = 'created' | 'edited' | 'corrected' | 'imported';

export interface QuestionVersionsTable {
  id: string;
  tenant_id: string;
  question_id: string;
  version: number;
  kind: QuestionKind;
  category_id: string;
  difficulty: Difficulty;
  stem: string;
  options: Json<QuestionOption[]>;
  answer: Json<AnswerKey>;
  explanation: Generated<string>;
  change_kind: ChangeKind;
  change_note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type ExamState = 'draft' | 'published' | 'archived';

export interface ExamsTable {
  id: string;
  tenant_id: string;
  org_unit_id: string;
  title: string;
  description: Generated<string>;
  state: Generated<ExamState>;
  paper_mode: 'fixed' | 'random';
  rules: Json<DrawRule[]>;
  time_limit_minutes: number;
  opens_at: Stamp;
  closes_at: Stamp;
  max_attempts: number;
  pass_score: number;
  shuffle_questions: boolean;
  shuffle_options: boolean;
  multiple_partial: boolean;
  reveal: Reveal;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Stamp;
  published_at: NullableStamp;
}

export interface ExamPaperItemsTable {
  tenant_id: string;
  exam_id: string;
  position: number;
  question_id: string;
  version_id: string;
  points: number;
}

export interface ExamAudienceTable {
  id: string;
  tenant_id: string;
  exam_id: string;
  org_unit_id: string | null;
  person_id: string | null;
}

export type AttemptState = 'open' | 'submitted' | 'graded';

export interface ExamAttemptsTable {
  id: string;
  tenant_id: string;
  exam_id: string;
  person_id: string;
  user_id: string;
  attempt_no: number;
  state: Generated<AttemptState>;
  paper: Json<PaperItem[]>;
  seed: string;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  answers_rev: Generated<number>;
  answers_saved_at: NullableStamp;
  started_at: Stamp;
  deadline_at: Stamp;
  submitted_at: NullableStamp;
  submitted_by: 'taker' | 'deadline' | null;
  submit_token: string | null;
  grade_no: Generated<number>;
  score: number | null;
  max_score: number;
  passed: boolean | null;
  pending_manual: Generated<number>;
}

export type GradingReason = 'submit' | 'deadline' | 'manual' | 'regrade';

export interface ExamGradingsTable {
  id: string;
  tenant_id: string;
  attempt_id: string;
  grade_no: number;
  reason: GradingReason;
  score: number;
  max_score: number;
  passed: boolean;
  pending_manual: Generated<number>;
  items: Json<Record<string, ItemGrade>>;
  graded_by: string | null;
  graded_at: Stamp;
  note: Generated<string>;
}

export interface ExamTables {
  question_categories: QuestionCategoriesTable;
  questions: QuestionsTable;
  question_versions: QuestionVersionsTable;
  exams: ExamsTable;
  exam_paper_items: ExamPaperItemsTable;
  exam_audience: ExamAudienceTable;
  exam_attempts: ExamAttemptsTable;
  exam_gradings: ExamGradingsTable;
}
