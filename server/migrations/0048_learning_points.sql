-- 学习积分 (issue 6): a ledger of points earned by the records of learning (a lesson completed, a course completed, an
-- exam passed), under the tenant's rules and daily caps (tenants.settings.learning). One row per rule and source, so an
-- event earns its points once however often it is seen. Rankings are off by default (RULES.md §8) and, when a tenant
-- turns them on, are shown only within a branch.
CREATE TABLE learning_points (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  rule text NOT NULL CHECK (rule IN ('lesson_completed', 'course_completed', 'exam_passed')),
  source_id uuid NOT NULL,
  points int NOT NULL CHECK (points > 0),
  -- The day in China the points were earned (daily caps count by it).
  awarded_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, person_id, rule, source_id)
);
CREATE INDEX learning_points_day ON learning_points (tenant_id, person_id, awarded_on);
ALTER TABLE learning_points ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON learning_points USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON learning_points TO zg_app;
