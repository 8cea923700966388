-- The Q&A assistant (智能党课助手, issue 6). Conversations belong to the person who asked: besides the tenant policy,
-- a restrictive policy keeps every row to its own user (zg.actor_id, set per transaction by withTenant), so no
-- administrator, report or analytics query can read anyone's questions — the database refuses, not only the code.
CREATE TABLE assistant_conversations (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistant_conversations_user ON assistant_conversations (tenant_id, user_id, updated_at DESC);

CREATE TABLE assistant_messages (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES assistant_conversations(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  text text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('question', 'extractive', 'model', 'none')),
  citations jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistant_messages_conversation ON assistant_messages (tenant_id, conversation_id, created_at);

-- The per-user hourly count behind the rate limit: numbers only, no questions.
CREATE TABLE assistant_usage (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  hour timestamptz NOT NULL,
  questions int NOT NULL,
  PRIMARY KEY (tenant_id, user_id, hour)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['assistant_conversations', 'assistant_messages', 'assistant_usage'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant())', t);
    EXECUTE format($p$CREATE POLICY own_rows ON %I AS RESTRICTIVE USING (user_id = nullif(current_setting('zg.actor_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('zg.actor_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON assistant_conversations, assistant_messages, assistant_usage TO zg_app;
