-- 发展党员 (RULES.md §2): each person's development record as a list of dated steps, and the annual 发展计划 quota per
-- 党委. The person's status and dates on `people` are set by the same transaction that records the status step;
-- the facts the rules check (talk, training, introducers, 公示 ...) are read back from the steps.
CREATE TABLE development_steps (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  kind text NOT NULL CHECK (kind IN ('application', 'talk', 'activist', 'assessment', 'thought_report', 'candidate',
    'political_review', 'training', 'pretrial', 'admission_meeting', 'admission_approval', 'probation_extension',
    'full_meeting', 'full_approval')),
  -- The legal date of the step (谈话日期, 支部大会日期, 党委审批日期 ...).
  on_date date NOT NULL,
  -- Kind-specific facts: training days/hours, 公示 from/to, extension months, 预审 submitted date.
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- [{ "title": "...", "number": "..." }]: the documents of the step by title and 编号 (files stay in the paper archive).
  documents jsonb NOT NULL DEFAULT '[]'::jsonb,
  note text NOT NULL DEFAULT '',
  -- Rules found when the step was recorded (warnings, and blocks an authorised user excepted).
  violations jsonb NOT NULL DEFAULT '[]'::jsonb,
  exception_reason text,
  exception_by uuid REFERENCES users(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX development_steps_person ON development_steps (tenant_id, person_id, on_date);
ALTER TABLE development_steps ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON development_steps USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON development_steps TO zg_app;

-- The people named in a step: 谈话人, 培养联系人, 入党介绍人 (chosen from people, so their status can be checked).
CREATE TABLE development_step_people (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  step_id uuid NOT NULL REFERENCES development_steps(id),
  person_id uuid NOT NULL REFERENCES people(id),
  role text NOT NULL CHECK (role IN ('talker', 'contact', 'introducer')),
  PRIMARY KEY (step_id, role, person_id)
);
CREATE INDEX development_step_people_tenant ON development_step_people (tenant_id, step_id);
ALTER TABLE development_step_people ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON development_step_people USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON development_step_people TO zg_app;

-- Annual 发展计划 per 党委 (committee or group committee). Progress is derived from people, never stored.
CREATE TABLE development_quotas (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  org_unit_id uuid NOT NULL REFERENCES org_units(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quota int NOT NULL CHECK (quota >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, org_unit_id, year)
);
ALTER TABLE development_quotas ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON development_quotas USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON development_quotas TO zg_app;

-- The board and the reminders read the people on the way in (a few per cent of a tenant) within a subtree.
CREATE INDEX people_development_pipeline ON people (tenant_id, org_path)
  WHERE party_status IN ('applicant', 'activist', 'candidate', 'probationary') AND archived_at IS NULL;
