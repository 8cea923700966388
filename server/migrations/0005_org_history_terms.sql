-- Org management (issue 3; RULES.md §1): history of each unit, terms (任期, 换届) and positions (书记/副书记/委员).

-- What happened to a unit (created, renamed, moved, merged, dissolved, elections, positions, exceptions), shown on the
-- unit. Written by the service that made the change, in the same transaction as the change and its audit record.
CREATE TABLE org_unit_events (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  unit_id uuid NOT NULL REFERENCES org_units(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  -- The actor's display name at the time, so the history reads the same after an account is renamed.
  actor_name text NOT NULL DEFAULT '',
  kind text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX org_unit_events_unit ON org_unit_events (tenant_id, unit_id, at);
ALTER TABLE org_unit_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_unit_events USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON org_unit_events TO zg_app;

-- One elected term of a unit's leadership (班子). started_on is the election date; regular_ends_on follows from the
-- tenant's term length for the unit's kind; ends_on differs from it after an approved extension or early election.
-- ended_on is set when the next election (or a merge or dissolution) closes the term.
CREATE TABLE org_terms (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  unit_id uuid NOT NULL REFERENCES org_units(id),
  started_on date NOT NULL,
  regular_ends_on date NOT NULL,
  ends_on date NOT NULL,
  change_reason text,
  ended_on date,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on > started_on)
);
CREATE INDEX org_terms_unit ON org_terms (tenant_id, unit_id, started_on);
-- 换届提醒 scans the open terms by end date.
CREATE INDEX org_terms_open_ends ON org_terms (tenant_id, ends_on) WHERE ended_on IS NULL;
-- At most one open term per unit.
CREATE UNIQUE INDEX org_terms_one_open ON org_terms (tenant_id, unit_id) WHERE ended_on IS NULL;
ALTER TABLE org_terms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_terms USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON org_terms TO zg_app;

-- 书记 / 副书记 / 委员 of a unit, with an optional duty (组织委员, 宣传委员, 纪检委员), from and to dates.
-- exception_reason: a §1 size rule was overridden for this appointment by the higher organisation (see service).
CREATE TABLE org_positions (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  unit_id uuid NOT NULL REFERENCES org_units(id),
  term_id uuid REFERENCES org_terms(id),
  person_id uuid NOT NULL REFERENCES people(id),
  role text NOT NULL CHECK (role IN ('secretary', 'deputy_secretary', 'member')),
  duty text CHECK (duty IN ('organization', 'publicity', 'discipline')),
  from_on date NOT NULL,
  to_on date,
  exception_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (to_on IS NULL OR to_on >= from_on)
);
CREATE INDEX org_positions_unit ON org_positions (tenant_id, unit_id) WHERE to_on IS NULL;
CREATE INDEX org_positions_person ON org_positions (tenant_id, person_id);
-- A person holds at most one current position in a unit.
CREATE UNIQUE INDEX org_positions_one_current ON org_positions (tenant_id, unit_id, person_id) WHERE to_on IS NULL;
ALTER TABLE org_positions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_positions USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON org_positions TO zg_app;
