-- Excel import of people (issue 3). A job per uploaded file, processed in chunks in the background (each chunk its own
-- transaction) so its progress can be polled; the report keeps one line per problem of a rejected row and one per
-- updated person. The file itself is not kept: only its name and SHA-256 (the audit record names the same hash).
CREATE TABLE import_jobs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  kind text NOT NULL DEFAULT 'people' CHECK (kind IN ('people')),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  file_size int NOT NULL,
  total int NOT NULL DEFAULT 0,
  processed int NOT NULL DEFAULT 0,
  inserted int NOT NULL DEFAULT 0,
  updated int NOT NULL DEFAULT 0,
  unchanged int NOT NULL DEFAULT 0,
  failed int NOT NULL DEFAULT 0,
  -- Why the whole job failed (unreadable file, wrong header row, server stopped), in both languages.
  error jsonb,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX import_jobs_recent ON import_jobs (tenant_id, created_at DESC);
ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_jobs USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON import_jobs TO zg_app;

CREATE TABLE import_job_rows (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  job_id uuid NOT NULL REFERENCES import_jobs(id),
  row_number int NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('failed', 'updated')),
  -- The template column ('身份证号') and the record field ('idNumber') the line is about; empty for a whole-row line.
  column_name text NOT NULL DEFAULT '',
  field text NOT NULL DEFAULT '',
  message_zh text NOT NULL,
  message_en text NOT NULL,
  -- The name on the row, to help find it; never the ID number or the phone.
  person_name text NOT NULL DEFAULT '',
  person_id uuid REFERENCES people(id)
);
CREATE INDEX import_job_rows_job ON import_job_rows (tenant_id, job_id, row_number);
ALTER TABLE import_job_rows ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_job_rows USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON import_job_rows TO zg_app;
