-- 考试 (issue 6): exams with a fixed paper or random papers drawn by category × difficulty, an audience (org subtrees
-- or people), open and close times, a time limit, attempt limits and what a taker sees afterwards.
-- Attempts keep the paper they were given (question versions, order, option order and the seed that drew them), the
-- answers as autosaved, and every grading as its own row (exam_gradings): submitting, the deadline job, manual grading
-- of short answers and regrades each add one, so a score's history is kept and an attempt version is graded once
-- (UNIQUE (attempt_id, grade_no)).
CREATE TABLE exams (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  -- The organising unit: managing the exam needs exams.manage on it.
  org_unit_id uuid NOT NULL REFERENCES org_units(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'archived')),
  paper_mode text NOT NULL CHECK (paper_mode IN ('fixed', 'random')),
  -- Random papers: [{ "categoryId", "difficulty", "count", "points" }, …].
  rules jsonb NOT NULL DEFAULT '[]'::jsonb,
  time_limit_minutes int NOT NULL CHECK (time_limit_minutes BETWEEN 1 AND 600),
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  max_attempts int NOT NULL CHECK (max_attempts BETWEEN 1 AND 20),
  pass_score int NOT NULL CHECK (pass_score >= 0),
  shuffle_questions boolean NOT NULL DEFAULT true,
  shuffle_options boolean NOT NULL DEFAULT true,
  -- Multiple choice with some right and none wrong earns half the points.
  multiple_partial boolean NOT NULL DEFAULT false,
  -- What a taker sees after submitting: the score; the score and the correct answers; nothing until the exam closes.
  reveal text NOT NULL DEFAULT 'score' CHECK (reveal IN ('score', 'answers', 'after_close')),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  CHECK (closes_at > opens_at)
);
CREATE INDEX exams_recent ON exams (tenant_id, opens_at DESC);
ALTER TABLE exams ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exams USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON exams TO zg_app;

-- A fixed paper: the questions in order, each pinned to the version chosen (a regrade moves it to the corrected one).
CREATE TABLE exam_paper_items (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  exam_id uuid NOT NULL REFERENCES exams(id),
  position int NOT NULL CHECK (position >= 1),
  question_id uuid NOT NULL REFERENCES questions(id),
  version_id uuid NOT NULL REFERENCES question_versions(id),
  points int NOT NULL CHECK (points BETWEEN 1 AND 100),
  PRIMARY KEY (exam_id, position)
);
ALTER TABLE exam_paper_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exam_paper_items USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON exam_paper_items TO zg_app;

-- Who takes the exam: everyone in an org subtree, or named people.
CREATE TABLE exam_audience (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  exam_id uuid NOT NULL REFERENCES exams(id),
  org_unit_id uuid REFERENCES org_units(id),
  person_id uuid REFERENCES people(id),
  CHECK ((org_unit_id IS NULL) <> (person_id IS NULL))
);
CREATE INDEX exam_audience_exam ON exam_audience (tenant_id, exam_id);
CREATE INDEX exam_audience_person ON exam_audience (tenant_id, person_id) WHERE person_id IS NOT NULL;
ALTER TABLE exam_audience ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exam_audience USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, DELETE ON exam_audience TO zg_app;

CREATE TABLE exam_attempts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  exam_id uuid NOT NULL REFERENCES exams(id),
  person_id uuid NOT NULL REFERENCES people(id),
  user_id uuid NOT NULL REFERENCES users(id),
  attempt_no int NOT NULL CHECK (attempt_no >= 1),
  -- open → submitted (graded automatically; short answers wait for a grader) → graded.
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'submitted', 'graded')),
  -- The paper as given, in display order: [{ "q", "v", "points", "options": ["C","A",…] }, …].
  paper jsonb NOT NULL,
  seed text NOT NULL,
  -- Answers by position ("1": "A", "2": ["A","C"], "3": true, "4": ["…"], "5": "…"), as autosaved.
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,
  answers_rev int NOT NULL DEFAULT 0,
  answers_saved_at timestamptz,
  started_at timestamptz NOT NULL,
  -- The server's deadline: start + time limit, never past the exam's close.
  deadline_at timestamptz NOT NULL,
  submitted_at timestamptz,
  submitted_by text CHECK (submitted_by IN ('taker', 'deadline')),
  -- The client's token of the submission that closed the attempt (a retry with it gets the same answer).
  submit_token text,
  grade_no int NOT NULL DEFAULT 0,
  score int,
  max_score int NOT NULL,
  passed boolean,
  -- Short answers still waiting for a grader.
  pending_manual int NOT NULL DEFAULT 0,
  UNIQUE (exam_id, person_id, attempt_no),
  CHECK ((state = 'open') = (submitted_at IS NULL))
);
-- One attempt in progress per person and exam: a second start returns the open one.
CREATE UNIQUE INDEX exam_attempts_one_open ON exam_attempts (exam_id, person_id) WHERE state = 'open';
CREATE INDEX exam_attempts_exam ON exam_attempts (tenant_id, exam_id, state);
CREATE INDEX exam_attempts_person ON exam_attempts (tenant_id, person_id, started_at DESC);
CREATE INDEX exam_attempts_due ON exam_attempts (deadline_at) WHERE state = 'open';
ALTER TABLE exam_attempts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exam_attempts USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
-- Attempts are kept: no DELETE.
GRANT SELECT, INSERT, UPDATE ON exam_attempts TO zg_app;

CREATE TABLE exam_gradings (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  attempt_id uuid NOT NULL REFERENCES exam_attempts(id),
  grade_no int NOT NULL CHECK (grade_no >= 1),
  reason text NOT NULL CHECK (reason IN ('submit', 'deadline', 'manual', 'regrade')),
  score int NOT NULL,
  max_score int NOT NULL,
  passed boolean NOT NULL,
  pending_manual int NOT NULL DEFAULT 0,
  -- Per position: { "score", "correct" (true/false, null while a grader has not scored it), "by": "auto"|"grader", "comment" }.
  items jsonb NOT NULL,
  graded_by uuid REFERENCES users(id),
  graded_at timestamptz NOT NULL,
  note text NOT NULL DEFAULT '',
  UNIQUE (attempt_id, grade_no)
);
ALTER TABLE exam_gradings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exam_gradings USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
-- The history of a score: rows are only ever added.
GRANT SELECT, INSERT ON exam_gradings TO zg_app;

-- The deadline job: open attempts past their deadline and grace in any tenant (ids only; each is then closed and
-- graded inside its own tenant's context).
CREATE FUNCTION zg_exam_attempts_due(p_before timestamptz)
  RETURNS TABLE (tenant_id uuid, id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.tenant_id, a.id FROM exam_attempts a WHERE a.state = 'open' AND a.deadline_at < p_before ORDER BY a.deadline_at LIMIT 500
$$;
REVOKE ALL ON FUNCTION zg_exam_attempts_due(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_exam_attempts_due(timestamptz) TO zg_app;
