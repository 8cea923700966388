-- 组织关系转接 (RULES.md §3). One row per transfer in the SENDING tenant (`transfers`: the 存根, kept 10 years, never
-- deleted); a transfer to another tenant on the platform also has one row in the RECEIVING tenant (`transfer_inbox`,
-- same id). Each side sees only its own row through row-level security; the service writes the other side's row in
-- the same transaction after switching the tenant context (platform/db/tenancy.ts switchTenant), having checked the
-- actor's permission first.
CREATE TABLE transfers (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  -- Given when the letter is issued: 〔2026〕转字第0001号, one sequence per tenant and year.
  letter_no text,
  person_id uuid NOT NULL REFERENCES people(id),
  person_name text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('within_tenant', 'platform', 'external')),
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'issued', 'received', 'returned', 'expired', 'cancelled')),
  from_unit_id uuid NOT NULL REFERENCES org_units(id),
  from_org_name text NOT NULL,
  -- within_tenant: the receiving unit of this tenant.
  to_unit_id uuid REFERENCES org_units(id),
  -- platform: the receiving enterprise tenant (its own rows stay invisible here).
  to_tenant_id uuid REFERENCES tenants(id),
  to_tenant_name text,
  -- The receiving organization as named on the letter.
  to_org_name text NOT NULL,
  reason text NOT NULL DEFAULT '',
  validity_days int NOT NULL CHECK (validity_days BETWEEN 1 AND 93),
  -- 党费交至: 'YYYY-MM'; from the form until the dues module keeps records (then from the records).
  dues_paid_until text CHECK (dues_paid_until ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  issued_on date,
  expires_on date,
  stub_retain_until date,
  received_on date,
  -- For a transfer to another tenant: the unit that received the member there (its name; the id is theirs).
  received_org_name text,
  receipt_note text,
  returned_on date,
  return_reason text,
  expired_on date,
  cancelled_at timestamptz,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'within_tenant') = (to_unit_id IS NOT NULL)),
  CHECK ((scope = 'platform') = (to_tenant_id IS NOT NULL))
);
CREATE UNIQUE INDEX transfers_letter_no ON transfers (tenant_id, letter_no) WHERE letter_no IS NOT NULL;
-- One open transfer per person at a time.
CREATE UNIQUE INDEX transfers_open_person ON transfers (tenant_id, person_id) WHERE state IN ('draft', 'issued');
CREATE INDEX transfers_list ON transfers (tenant_id, created_at DESC);
CREATE INDEX transfers_to_unit ON transfers (tenant_id, to_unit_id) WHERE to_unit_id IS NOT NULL;
CREATE INDEX transfers_issued ON transfers (expires_on) WHERE state = 'issued';
ALTER TABLE transfers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON transfers USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
-- No DELETE: the 存根 is kept 10 years (stub_retain_until) and this platform keeps it for good.
GRANT SELECT, INSERT, UPDATE ON transfers TO zg_app;
CREATE FUNCTION zg_transfers_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'transfer records (存根) are kept; they cannot be deleted';
END $$;
CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers FOR EACH ROW EXECUTE FUNCTION zg_transfers_keep();

-- The receiving tenant's row of a transfer between tenants: what the letter says and a snapshot of the person
-- (no phone; the ID number encrypted with the receiving tenant's algorithm), so a person record can be created on
-- receipt without reading the sender's tables.
CREATE TABLE transfer_inbox (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  from_tenant_id uuid NOT NULL REFERENCES tenants(id),
  from_tenant_name text NOT NULL,
  from_org_name text NOT NULL,
  letter_no text NOT NULL,
  person_name text NOT NULL,
  -- name, gender, ethnicity, birthDate, education, partyStatus and the party dates.
  snapshot jsonb NOT NULL,
  id_number_enc text,
  id_number_hash text,
  to_org_name text NOT NULL,
  reason text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'received', 'returned', 'expired')),
  validity_days int NOT NULL,
  dues_paid_until text,
  issued_on date NOT NULL,
  expires_on date NOT NULL,
  received_on date,
  received_unit_id uuid REFERENCES org_units(id),
  received_person_id uuid REFERENCES people(id),
  returned_on date,
  return_reason text,
  expired_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transfer_inbox_list ON transfer_inbox (tenant_id, created_at DESC);
ALTER TABLE transfer_inbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON transfer_inbox USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON transfer_inbox TO zg_app;
CREATE TRIGGER transfer_inbox_no_delete BEFORE DELETE ON transfer_inbox FOR EACH ROW EXECUTE FUNCTION zg_transfers_keep();

-- The directory a sender picks the receiving enterprise from: active enterprise tenants, id/code/name only.
CREATE FUNCTION zg_transfer_directory()
  RETURNS TABLE (id uuid, code text, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.id, t.code, t.name FROM tenants t WHERE t.kind = 'enterprise' AND t.status = 'active' ORDER BY t.name
$$;
-- The periodic expiry sweep: which issued letters in any tenant are past their last valid day (ids only; each is
-- then expired inside its own tenant's context).
CREATE FUNCTION zg_transfers_overdue(p_today date)
  RETURNS TABLE (tenant_id uuid, id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.tenant_id, t.id FROM transfers t WHERE t.state = 'issued' AND t.expires_on < p_today ORDER BY t.expires_on LIMIT 500
$$;
REVOKE ALL ON FUNCTION zg_transfer_directory() FROM PUBLIC;
REVOKE ALL ON FUNCTION zg_transfers_overdue(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_transfer_directory(), zg_transfers_overdue(date) TO zg_app;
