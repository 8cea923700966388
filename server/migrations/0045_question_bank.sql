-- 题库 (issue 6): questions in categories, with a difficulty, kept in versions. A question's row holds what drawing a
-- random paper needs now (category, difficulty, current version, archived); each edit writes a new immutable version,
-- and papers and attempts name the version they used, so an old attempt is always graded against what its taker saw.
-- A correction is a version too (change_kind 'corrected'); regrading an exam moves its attempts onto it (0046).
CREATE TABLE question_categories (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  sort_order int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE UNIQUE INDEX question_categories_name ON question_categories (tenant_id, name) WHERE archived_at IS NULL;
ALTER TABLE question_categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON question_categories USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON question_categories TO zg_app;

CREATE TABLE questions (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  category_id uuid NOT NULL REFERENCES question_categories(id),
  -- Fixed for the life of a question: a regrade only ever swaps a version of the same kind.
  kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'true_false', 'fill', 'short')),
  -- 1 易, 2 中, 3 难.
  difficulty smallint NOT NULL CHECK (difficulty BETWEEN 1 AND 3),
  current_version int NOT NULL DEFAULT 1,
  current_version_id uuid NOT NULL,
  -- The current version's stem, for lists and search without a join.
  stem text NOT NULL,
  archived_at timestamptz,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Drawing a random paper: live questions of one category and difficulty.
CREATE INDEX questions_draw ON questions (tenant_id, category_id, difficulty) WHERE archived_at IS NULL;
CREATE INDEX questions_recent ON questions (tenant_id, updated_at DESC);
ALTER TABLE questions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON questions USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON questions TO zg_app;

CREATE TABLE question_versions (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  question_id uuid NOT NULL REFERENCES questions(id),
  version int NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'true_false', 'fill', 'short')),
  category_id uuid NOT NULL REFERENCES question_categories(id),
  difficulty smallint NOT NULL CHECK (difficulty BETWEEN 1 AND 3),
  stem text NOT NULL CHECK (length(stem) BETWEEN 1 AND 2000),
  -- [{ "key": "A", "text": "…" }, …] for single and multiple choice; [] otherwise.
  options jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- By kind: { "correct": "A" } · { "correct": ["A","C"] } · { "correct": true } · { "blanks": [["中国共产党","中共"], …] }
  -- · { "reference": "…" } (short answer, graded by a person).
  answer jsonb NOT NULL,
  explanation text NOT NULL DEFAULT '',
  change_kind text NOT NULL CHECK (change_kind IN ('created', 'edited', 'corrected', 'imported')),
  change_note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (question_id, version)
);
ALTER TABLE question_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON question_versions USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
-- Versions are never changed: an edit is a new row.
GRANT SELECT, INSERT ON question_versions TO zg_app;
