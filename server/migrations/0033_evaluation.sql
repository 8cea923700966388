-- 民主评议党员 (issue 5; RULES.md §5): a yearly round per 党支部 — self-assessment, peer ratings 优秀/合格/基本合格/不合格,
-- the branch committee's opinion and the final grade.
-- Peer ratings are anonymous to everyone: no table holds who rated whom. A rating adds one to a counter per subject and
-- grade (evaluation_tallies: no rater, no time); evaluation_raters only records that a person has rated (one sheet per
-- person), with no time and no link to the counters. Tallies are shown only after rating has closed and only for a
-- subject with at least 5 ratings (modules/evaluation/rules.ts), so nobody can work back from a change in a count.

CREATE TABLE evaluation_rounds (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  org_unit_id uuid NOT NULL REFERENCES org_units(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  -- open: self-assessment and peer rating; review: rating closed, the committee gives opinions and grades; closed: final.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'review', 'closed')),
  meeting_id uuid REFERENCES meetings(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  rating_closed_at timestamptz,
  closed_at timestamptz,
  UNIQUE (tenant_id, org_unit_id, year)
);
ALTER TABLE evaluation_rounds ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON evaluation_rounds USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON evaluation_rounds TO zg_app;

CREATE TABLE evaluation_participants (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  round_id uuid NOT NULL REFERENCES evaluation_rounds(id),
  person_id uuid NOT NULL REFERENCES people(id),
  person_name text NOT NULL,
  self_assessment text NOT NULL DEFAULT '' CHECK (length(self_assessment) <= 5000),
  self_submitted_at timestamptz,
  committee_opinion text NOT NULL DEFAULT '' CHECK (length(committee_opinion) <= 2000),
  final_grade text CHECK (final_grade IN ('excellent', 'qualified', 'basic', 'unqualified')),
  decided_at timestamptz,
  PRIMARY KEY (round_id, person_id)
);
CREATE INDEX evaluation_participants_person ON evaluation_participants (tenant_id, person_id);
ALTER TABLE evaluation_participants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON evaluation_participants USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON evaluation_participants TO zg_app;

-- Counters of peer ratings per subject and grade. Deliberately no rater and no timestamp.
CREATE TABLE evaluation_tallies (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  round_id uuid NOT NULL REFERENCES evaluation_rounds(id),
  subject_person_id uuid NOT NULL REFERENCES people(id),
  grade text NOT NULL CHECK (grade IN ('excellent', 'qualified', 'basic', 'unqualified')),
  votes int NOT NULL CHECK (votes >= 0),
  PRIMARY KEY (round_id, subject_person_id, grade)
);
ALTER TABLE evaluation_tallies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON evaluation_tallies USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON evaluation_tallies TO zg_app;
GRANT UPDATE (votes) ON evaluation_tallies TO zg_app;

-- That a person has rated in a round (one rating sheet each). Deliberately no timestamp.
CREATE TABLE evaluation_raters (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  round_id uuid NOT NULL REFERENCES evaluation_rounds(id),
  rater_person_id uuid NOT NULL REFERENCES people(id),
  PRIMARY KEY (round_id, rater_person_id)
);
ALTER TABLE evaluation_raters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON evaluation_raters USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON evaluation_raters TO zg_app;
