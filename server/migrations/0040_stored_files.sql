-- Stored files (platform/files): one row per uploaded file, the bytes in the file store (local disk under DATA_DIR, or
-- S3-compatible storage) under a content-addressed key '<tenant>/<sha[0..2]>/<sha256>'. The kind and content type
-- are what the bytes are (detected), never what the name or the browser said. A row is written only after its bytes
-- are stored, so a row never points at nothing; bytes whose row was rolled back are unreferenced and harmless.
CREATE TABLE stored_files (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size > 0),
  kind text NOT NULL CHECK (kind IN ('pdf', 'image', 'video', 'audio', 'text', 'docx', 'xlsx')),
  content_type text NOT NULL,
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
  storage text NOT NULL CHECK (storage IN ('local', 's3')),
  storage_key text NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  shared boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stored_files_sha ON stored_files (tenant_id, sha256);
ALTER TABLE stored_files ENABLE ROW LEVEL SECURITY;
-- Written and read by its tenant; a shared file (政工云 resource sharing) is also readable by any signed-in tenant.
-- SELECT-only policies do not apply to UPDATE or DELETE, so another tenant can read a shared row and change nothing.
CREATE POLICY tenant_isolation ON stored_files USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
CREATE POLICY shared_read ON stored_files FOR SELECT USING (shared AND (SELECT zg_tenant()) IS NOT NULL);
GRANT SELECT, INSERT, DELETE ON stored_files TO zg_app;
GRANT UPDATE (shared) ON stored_files TO zg_app;
