-- Notifications (platform/notify): an in-app inbox per account, and e-mail through SMTP when the server is configured
-- for it (SMTP_URL) and the person has given an address. Meetings notify, remind and report leave decisions through it.

CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id),
  -- What it is about, as a short code the UI names ('meeting.notice', 'meeting.reminder', …).
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 50),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
  -- A path inside the web app ('/meetings/…').
  link text CHECK (link IS NULL OR length(link) <= 300),
  -- One notification per user and key: a reminder sweep that runs twice sends once.
  dedupe_key text CHECK (dedupe_key IS NULL OR length(dedupe_key) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (tenant_id, user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX notifications_inbox ON notifications (tenant_id, user_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (tenant_id, user_id) WHERE read_at IS NULL;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON notifications TO zg_app;
GRANT UPDATE (read_at) ON notifications TO zg_app;

-- Where a user wants e-mail. The address is personal information: encrypted at rest (platform/crypto/fields.ts).
CREATE TABLE notification_contacts (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id),
  email_enc text,
  email_enabled boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  CHECK (NOT email_enabled OR email_enc IS NOT NULL)
);
ALTER TABLE notification_contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_contacts USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON notification_contacts TO zg_app;

-- E-mails waiting for the SMTP sender. The address is looked up when sending (no copy of it here).
CREATE TABLE email_outbox (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  notification_id uuid NOT NULL REFERENCES notifications(id),
  user_id uuid NOT NULL REFERENCES users(id),
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_outbox_tenant ON email_outbox (tenant_id, created_at);
ALTER TABLE email_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON email_outbox USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON email_outbox TO zg_app;

-- The sender's sweep: which e-mails in any tenant are due (ids only; each is then sent inside its tenant's context).
CREATE FUNCTION zg_email_outbox_due(p_now timestamptz, p_limit int)
  RETURNS TABLE (tenant_id uuid, id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT o.tenant_id, o.id FROM email_outbox o WHERE o.status = 'pending' AND o.next_attempt_at <= p_now ORDER BY o.next_attempt_at LIMIT p_limit
$$;

REVOKE ALL ON FUNCTION zg_email_outbox_due(timestamptz, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_email_outbox_due(timestamptz, int) TO zg_app;
