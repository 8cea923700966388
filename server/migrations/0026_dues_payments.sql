-- Online payment of 党费 (issue 4): the tenant's payment providers, payment orders, and the sandbox provider's own
-- record of its trades. The ledger itself (dues_payments, dues_entries) is migration 0020's; a paid order reaches it
-- through recordPayment in the same transaction, idempotent on (method, provider transaction id).

-- Per tenant and provider: public settings as JSON (merchant/app ids, key serials, public keys, gateway), secrets
-- (private key, APIv3 key) as one field-cipher ciphertext. Secrets are write-only through the API.
CREATE TABLE dues_pay_providers (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  provider text NOT NULL CHECK (provider IN ('sandbox', 'wechatpay', 'alipay')),
  enabled boolean NOT NULL DEFAULT false,
  config jsonb NOT NULL DEFAULT '{}'::jsonb,
  secrets_enc text,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, provider)
);
ALTER TABLE dues_pay_providers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_pay_providers USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON dues_pay_providers TO zg_app;

-- A member's online payment: our order number, the amount the server computed from the ledger (never the client's
-- or the provider's), and its state: created → paid | closed | expired. A paid notice for a closed or expired order
-- still pays it (the provider took the money); nothing turns a paid order back.
CREATE TABLE dues_pay_orders (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  order_no text NOT NULL CHECK (order_no ~ '^[0-9A-Za-z_-]{6,32}$'),
  person_id uuid NOT NULL REFERENCES people(id),
  user_id uuid REFERENCES users(id),
  provider text NOT NULL CHECK (provider IN ('sandbox', 'wechatpay', 'alipay')),
  channel text NOT NULL CHECK (channel IN ('checkout', 'qr', 'jsapi', 'redirect')),
  purpose text NOT NULL CHECK (purpose IN ('months', 'voluntary')),
  -- The 'YYYY-MM' months paid (purpose months), as a JSON array.
  months jsonb NOT NULL DEFAULT '[]'::jsonb,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  state text NOT NULL DEFAULT 'created' CHECK (state IN ('created', 'paid', 'closed', 'expired')),
  -- What the payer's device needs (a code URL, JSAPI parameters, a redirect URL); null for the sandbox checkout.
  pay_action jsonb,
  expires_at timestamptz NOT NULL,
  provider_txn_id text,
  paid_at timestamptz,
  payment_id uuid REFERENCES dues_payments(id),
  -- How the state last changed: the notice or query that paid it, or why it closed.
  settled_by text CHECK (settled_by IN ('notify', 'query')),
  close_reason text CHECK (close_reason IN ('cancelled', 'expired', 'provider_closed', 'provider_error')),
  -- Set when money arrived for months meanwhile paid otherwise (cash, another order): the ledger shows it as voluntary
  -- extra, and reconciliation lists it until someone records a decision.
  attention text CHECK (attention IN ('months_already_paid')),
  last_checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'paid') = (provider_txn_id IS NOT NULL AND paid_at IS NOT NULL))
);
CREATE UNIQUE INDEX dues_pay_orders_no ON dues_pay_orders (tenant_id, order_no);
CREATE UNIQUE INDEX dues_pay_orders_txn ON dues_pay_orders (tenant_id, provider, provider_txn_id) WHERE provider_txn_id IS NOT NULL;
CREATE INDEX dues_pay_orders_person ON dues_pay_orders (tenant_id, person_id, created_at DESC);
CREATE INDEX dues_pay_orders_open ON dues_pay_orders (tenant_id, expires_at) WHERE state = 'created';
CREATE INDEX dues_pay_orders_paid ON dues_pay_orders (tenant_id, provider, paid_at) WHERE state = 'paid';
ALTER TABLE dues_pay_orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dues_pay_orders USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON dues_pay_orders TO zg_app;

-- The sandbox provider's side of each trade (what a real provider keeps on its servers): it answers queries and
-- writes the statement from here, independently of our orders, so reconciliation has two sides to compare.
CREATE TABLE payment_sandbox_trades (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  order_no text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'closed')),
  txn_id text,
  paid_at timestamptz,
  notify_url text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, order_no)
);
CREATE INDEX payment_sandbox_trades_paid ON payment_sandbox_trades (tenant_id, paid_at) WHERE status = 'paid';
ALTER TABLE payment_sandbox_trades ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payment_sandbox_trades USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON payment_sandbox_trades TO zg_app;

-- The sweep (query orders whose notice never came, expire old ones) runs without a session: which tenants have open
-- orders older than the given age (ids only; each is then handled inside its own tenant's context).
CREATE FUNCTION zg_dues_pay_open_tenants(p_older_than interval)
  RETURNS TABLE (tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT o.tenant_id FROM dues_pay_orders o
  WHERE o.state = 'created' AND o.created_at < now() - p_older_than
  LIMIT 500
$$;
REVOKE ALL ON FUNCTION zg_dues_pay_open_tenants(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_dues_pay_open_tenants(interval) TO zg_app;
