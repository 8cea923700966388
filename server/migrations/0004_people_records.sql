-- People and member records (issue 3; RULES.md §1–3). One row per employee (职工), party member or not.
-- Sensitive fields are encrypted by the application (FieldCipher); `id_number_hash` is a keyed hash for exact search
-- and for matching re-imported rows. `org_path` copies the unit's materialised path so a subtree is one index range
-- on people itself (kept right by triggers when a person or a unit moves).
ALTER TABLE people
  ADD COLUMN id_number_enc text,
  ADD COLUMN id_number_hash text,
  ADD COLUMN phone_enc text,
  ADD COLUMN employee_no text,
  ADD COLUMN org_path text COLLATE "C" NOT NULL DEFAULT '',
  -- 流动党员 (away without transfer) and 组织关系保留 (kept open, e.g. graduates): RULES.md §3.
  ADD COLUMN membership text NOT NULL DEFAULT 'normal' CHECK (membership IN ('normal', 'mobile', 'retained')),
  ADD COLUMN membership_note text,
  -- §2 dates: 递交申请, 确定积极分子, 确定发展对象; party_joined_on is 入党日期 (admitted as 预备党员); full_on 转正.
  ADD COLUMN applied_on date,
  ADD COLUMN activist_on date,
  ADD COLUMN candidate_on date,
  ADD COLUMN full_on date,
  -- A person who left the enterprise or whose 组织关系 was transferred out is archived, never deleted.
  ADD COLUMN archived_at timestamptz,
  ADD COLUMN archived_reason text CHECK (archived_reason IN ('left', 'transferred_out', 'deceased', 'other')),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  -- Optimistic concurrency: an edit names the version it read.
  ADD COLUMN version int NOT NULL DEFAULT 1;

UPDATE people p SET org_path = o.path FROM org_units o WHERE o.id = p.org_unit_id;
UPDATE people SET full_on = party_joined_on + interval '1 year' WHERE party_status = 'full' AND party_joined_on IS NOT NULL;

CREATE FUNCTION zg_people_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT path INTO NEW.org_path FROM org_units WHERE id = NEW.org_unit_id;
  RETURN NEW;
END $$;
CREATE TRIGGER people_org_path BEFORE INSERT OR UPDATE OF org_unit_id ON people
  FOR EACH ROW EXECUTE FUNCTION zg_people_org_path();

CREATE FUNCTION zg_org_units_path_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET org_path = NEW.path WHERE org_unit_id = NEW.id AND tenant_id = NEW.tenant_id;
  RETURN NEW;
END $$;
CREATE TRIGGER org_units_path_changed AFTER UPDATE OF path ON org_units
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION zg_org_units_path_changed();

CREATE UNIQUE INDEX people_id_number ON people (tenant_id, id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX people_subtree ON people (tenant_id, org_path, name_pinyin);
CREATE INDEX people_pinyin ON people (tenant_id, name_pinyin text_pattern_ops);
CREATE INDEX people_initials ON people (tenant_id, name_initials text_pattern_ops);
CREATE INDEX people_name ON people (tenant_id, name text_pattern_ops);

-- What happened to a person, shown as their history: edits, status steps, moves, transfers, awards. Written by the
-- service that made the change, in the same transaction as the change and its audit record.
CREATE TABLE person_events (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  kind text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX person_events_person ON person_events (tenant_id, person_id, at);
ALTER TABLE person_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON person_events USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON person_events TO zg_app;

-- 奖励和处分 (awards and punishments).
CREATE TABLE person_honours (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  kind text NOT NULL CHECK (kind IN ('award', 'punishment')),
  title text NOT NULL,
  decided_on date NOT NULL,
  issuer text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_honours_person ON person_honours (tenant_id, person_id, decided_on);
ALTER TABLE person_honours ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON person_honours USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON person_honours TO zg_app;
