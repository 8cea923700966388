-- 党费 (RULES.md §4, 中组发〔2008〕3号). Money is integer 分 (bigint), never a float.
--  - dues_bases: a member's category and monthly base from the month the pay starts (HR enters or imports them;
--    editable: they are inputs, not the ledger).
--  - dues_payments: one row per payment received (cash confirmed by the branch, or a provider's confirmed payment);
--    unique on (method, provider_ref), so a payment recorded twice is recorded once.
--  - dues_entries: the ledger. Append-only: the application role may only SELECT and INSERT, and a trigger refuses
--    UPDATE, DELETE and TRUNCATE even to the owner (as audit_log). A mistake is corrected by a new entry that names
--    the corrected one (corrects_id) and carries the difference.
--  - dues_requests: hardship reduction / exemption (member applies, branch reviews, higher 党委 approves) and back
--    payment beyond the limit (approved by the 党委).
--  - dues_runs: each monthly run (scheduled or on demand) and what it did.
--  - dues_alerts: 3 months unpaid (reminder) and 6 consecutive months (a case the branch secretary handles by hand).

CREATE TABLE dues_bases (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  -- 'YYYY-MM': the month the pay (or pension, or status) starts; applies until the next row of the person.
  from_month text NOT NULL CHECK (from_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  category text NOT NULL CHECK (category IN ('employed', 'annual_salary', 'self_employed', 'retired', 'low_income', 'farmer', 'mobile')),
  -- Monthly base in 分; NULL for the categories with a fixed amount (low_income, farmer, mobile without fixed income).
  base_fen bigint CHECK (base_fen >= 0 AND base_fen <= 100000000000),
  note text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import', 'demo')),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, person_id, from_month),
  CHECK ((category IN ('low_income', 'farmer', 'mobile')) = (base_fen IS NULL))
);
ALTER TABLE dues_bases ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_bases USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON dues_bases TO zg_app;

CREATE TABLE dues_payments (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  method text NOT NULL CHECK (method IN ('cash', 'sandbox', 'wechatpay', 'alipay')),
  -- The provider's transaction id (cash: the receipt number, or one the server makes).
  provider_ref text NOT NULL CHECK (length(provider_ref) BETWEEN 1 AND 128),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  paid_at timestamptz NOT NULL,
  order_id uuid,
  note text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dues_payments_provider_ref ON dues_payments (tenant_id, method, provider_ref);
CREATE INDEX dues_payments_person ON dues_payments (tenant_id, person_id, paid_at);
ALTER TABLE dues_payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_payments USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON dues_payments TO zg_app;

CREATE TABLE dues_requests (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  kind text NOT NULL CHECK (kind IN ('reduction', 'exemption', 'back_payment')),
  -- submitted → reviewed (branch) → approved | rejected (党委); back_payment skips the branch review.
  state text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'reviewed', 'approved', 'rejected', 'withdrawn')),
  from_month text NOT NULL CHECK (from_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  to_month text NOT NULL CHECK (to_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  -- reduction: what the member pays per month instead (分); exemption: 0; back_payment: NULL.
  monthly_fen bigint CHECK (monthly_fen >= 0),
  reason text NOT NULL,
  applied_by uuid REFERENCES users(id),
  reviewed_by uuid REFERENCES users(id),
  reviewed_at timestamptz,
  review_note text,
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (to_month >= from_month)
);
CREATE INDEX dues_requests_person ON dues_requests (tenant_id, person_id, created_at DESC);
CREATE INDEX dues_requests_open ON dues_requests (tenant_id, state) WHERE state IN ('submitted', 'reviewed');
ALTER TABLE dues_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_requests USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON dues_requests TO zg_app;

CREATE TABLE dues_runs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  month text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  -- The subtree run on demand ('' = the whole tenant).
  scope_path text COLLATE "C" NOT NULL DEFAULT '',
  created int NOT NULL DEFAULT 0,
  adjusted int NOT NULL DEFAULT 0,
  waived int NOT NULL DEFAULT 0,
  missing_base int NOT NULL DEFAULT 0,
  alerts int NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  run_by uuid REFERENCES users(id)
);
CREATE INDEX dues_runs_month ON dues_runs (tenant_id, month, started_at DESC);
ALTER TABLE dues_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_runs USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON dues_runs TO zg_app;

CREATE TABLE dues_entries (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  -- What the entry counts toward: owed (due), paid (payment), waived, or voluntary extra.
  kind text NOT NULL CHECK (kind IN ('due', 'payment', 'waiver', 'voluntary')),
  -- 'YYYY-MM' the entry is for; NULL for voluntary extra payments.
  month text CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  amount_fen bigint NOT NULL,
  -- A correction names the entry it corrects (same kind and month) and carries the difference (may be negative).
  corrects_id uuid REFERENCES dues_entries(id),
  payment_id uuid REFERENCES dues_payments(id),
  request_id uuid REFERENCES dues_requests(id),
  run_id uuid REFERENCES dues_runs(id),
  -- How a due was derived: category, base, rate in basis points (1/10000) or a fixed amount; the rule in words.
  category text,
  base_fen bigint,
  rate_bp int,
  -- A single voluntary payment of 1000 元 or more goes wholly to 中央 (RULES.md §4).
  central boolean NOT NULL DEFAULT false,
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (corrects_id IS NOT NULL OR amount_fen >= 0),
  CHECK ((kind = 'voluntary') = (month IS NULL))
);
-- One derived due per member and month: what makes a monthly run idempotent (a re-run inserts nothing new).
CREATE UNIQUE INDEX dues_entries_one_due ON dues_entries (tenant_id, person_id, month) WHERE kind = 'due' AND corrects_id IS NULL;
CREATE INDEX dues_entries_person ON dues_entries (tenant_id, person_id, month);
CREATE INDEX dues_entries_month ON dues_entries (tenant_id, month, kind);
CREATE INDEX dues_entries_payment ON dues_entries (tenant_id, payment_id) WHERE payment_id IS NOT NULL;
ALTER TABLE dues_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_entries USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON dues_entries TO zg_app;

CREATE FUNCTION zg_dues_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the dues ledger is append-only: correct an entry with a new entry';
END $$;
CREATE TRIGGER dues_entries_append_only BEFORE UPDATE OR DELETE ON dues_entries FOR EACH ROW EXECUTE FUNCTION zg_dues_append_only();
CREATE TRIGGER dues_entries_no_truncate BEFORE TRUNCATE ON dues_entries FOR EACH STATEMENT EXECUTE FUNCTION zg_dues_append_only();
CREATE TRIGGER dues_payments_append_only BEFORE UPDATE OR DELETE ON dues_payments FOR EACH ROW EXECUTE FUNCTION zg_dues_append_only();
CREATE TRIGGER dues_payments_no_truncate BEFORE TRUNCATE ON dues_payments FOR EACH STATEMENT EXECUTE FUNCTION zg_dues_append_only();

CREATE TABLE dues_alerts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  -- reminder: unpaid 3 months (the member and the branch are told); case: 6 consecutive months unpaid — the branch
  -- must handle it per §4 (possible 自行脱党); the platform never acts on it.
  kind text NOT NULL CHECK (kind IN ('reminder', 'case')),
  -- The first unpaid month of the streak: one alert of each kind per streak.
  since_month text NOT NULL CHECK (since_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  unpaid_months int NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  notes text NOT NULL DEFAULT '',
  -- The branch's decision on a case, in its words (paid up, good reason recorded, 自行脱党 procedure started, ...).
  outcome text,
  handled_by uuid REFERENCES users(id),
  handled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, person_id, kind, since_month)
);
CREATE INDEX dues_alerts_open ON dues_alerts (tenant_id, state, created_at DESC);
ALTER TABLE dues_alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_alerts USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON dues_alerts TO zg_app;

-- The scheduled run: which active enterprise tenants have no run for the month yet (ids only; each is then run
-- inside its own tenant's context).
CREATE FUNCTION zg_dues_tenants_due(p_month text)
  RETURNS TABLE (tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.id FROM tenants t
  WHERE t.kind = 'enterprise' AND t.status = 'active'
    AND NOT EXISTS (SELECT 1 FROM dues_runs r WHERE r.tenant_id = t.id AND r.month = p_month AND r.scope_path = '' AND r.finished_at IS NOT NULL)
  ORDER BY t.id LIMIT 500
$$;
REVOKE ALL ON FUNCTION zg_dues_tenants_due(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_dues_tenants_due(text) TO zg_app;

-- Imports of dues bases use the import job machinery.
ALTER TABLE import_jobs DROP CONSTRAINT IF EXISTS import_jobs_kind_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN ('people', 'dues_bases'));
