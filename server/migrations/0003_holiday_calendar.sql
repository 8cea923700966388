-- Holiday calendar (RULES.md §2): a tenant's 放假 and 调休 rows per year. A year with no rows falls back to the
-- built-in defaults in the application (server/src/modules/members/calendar.ts).
CREATE TABLE holidays (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL DEFAULT '',
  PRIMARY KEY (tenant_id, date)
);

ALTER TABLE holidays ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON holidays USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON holidays TO zg_app;
