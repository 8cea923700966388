-- Reconciliation of online dues payments (issue 4): a provider statement (downloaded through the provider's API, or an
-- uploaded bill / bank .xlsx) matched line by line against our paid orders and the ledger's payments. Items are what
-- the matching found; a difference is resolved by a recorded decision, never by editing the ledger.
CREATE TABLE dues_statements (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  provider text NOT NULL CHECK (provider IN ('sandbox', 'wechatpay', 'alipay')),
  source text NOT NULL CHECK (source IN ('download', 'upload')),
  -- The Beijing days the statement covers (a downloaded bill: one day).
  from_date date NOT NULL,
  to_date date NOT NULL,
  file_name text NOT NULL DEFAULT '',
  file_sha256 text NOT NULL,
  lines int NOT NULL DEFAULT 0,
  matched int NOT NULL DEFAULT 0,
  missing_in_ledger int NOT NULL DEFAULT 0,
  missing_in_statement int NOT NULL DEFAULT 0,
  amount_mismatch int NOT NULL DEFAULT 0,
  other int NOT NULL DEFAULT 0,
  row_errors int NOT NULL DEFAULT 0,
  statement_fen bigint NOT NULL DEFAULT 0,
  ledger_fen bigint NOT NULL DEFAULT 0,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (to_date >= from_date)
);
CREATE INDEX dues_statements_recent ON dues_statements (tenant_id, created_at DESC);
ALTER TABLE dues_statements ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_statements USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON dues_statements TO zg_app;

CREATE TABLE dues_statement_items (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  statement_id uuid NOT NULL REFERENCES dues_statements(id),
  -- matched; missing_in_ledger (the provider has it, the ledger does not); missing_in_statement (the ledger has it, the
  -- provider does not); amount_mismatch; paid_twice (money for months meanwhile paid otherwise); refund (the provider
  -- returned money); row_error (a line of an uploaded file that could not be read: the row report).
  kind text NOT NULL CHECK (kind IN ('matched', 'missing_in_ledger', 'missing_in_statement', 'amount_mismatch', 'paid_twice', 'refund', 'row_error')),
  line_no int,
  order_no text NOT NULL DEFAULT '',
  provider_txn_id text NOT NULL DEFAULT '',
  statement_fen bigint,
  ledger_fen bigint,
  at timestamptz,
  order_id uuid REFERENCES dues_pay_orders(id),
  payment_id uuid REFERENCES dues_payments(id),
  person_id uuid REFERENCES people(id),
  message_zh text NOT NULL DEFAULT '',
  message_en text NOT NULL DEFAULT ''
);
CREATE INDEX dues_statement_items_statement ON dues_statement_items (tenant_id, statement_id, kind, line_no);
ALTER TABLE dues_statement_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_statement_items USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON dues_statement_items TO zg_app;

-- Decisions on differences: append-only (a later decision on the same item supersedes the earlier one in the view;
-- both stay).
CREATE TABLE dues_reconciliation_decisions (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  item_id uuid NOT NULL REFERENCES dues_statement_items(id),
  decision text NOT NULL CHECK (decision IN ('refunded', 'kept_as_voluntary', 'recorded_after_query', 'provider_error', 'timing', 'other')),
  note text NOT NULL CHECK (length(note) BETWEEN 2 AND 500),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dues_reconciliation_decisions_item ON dues_reconciliation_decisions (tenant_id, item_id, decided_at DESC);
ALTER TABLE dues_reconciliation_decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_reconciliation_decisions USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON dues_reconciliation_decisions TO zg_app;
