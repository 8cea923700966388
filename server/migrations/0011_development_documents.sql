-- 发展党员 documents as files (RULES.md §2): the scans of 入党申请书, 思想汇报, 政审材料 ... of a person's record.
-- A file is uploaded first (step_id NULL) and attached when the step that cites it is recorded, so the step form can
-- upload while it is being filled in; once attached it stays with that step. Files are never changed or deleted
-- (the record is an archive), hence no UPDATE beyond step_id and no DELETE for the application role.
CREATE TABLE development_documents (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  step_id uuid REFERENCES development_steps(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size int NOT NULL CHECK (size > 0 AND size <= 5242880),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX development_documents_person ON development_documents (tenant_id, person_id, uploaded_at);
CREATE INDEX development_documents_step ON development_documents (tenant_id, step_id) WHERE step_id IS NOT NULL;
ALTER TABLE development_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON development_documents USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON development_documents TO zg_app;
GRANT UPDATE (step_id) ON development_documents TO zg_app;
