-- The library (学习教育, issue 6): resources — articles (sanitized HTML), PDFs, images, audio and video (bytes in the
-- file store, migration 0040) — with tags, an org scope (visible in an org subtree; '' = the whole enterprise),
-- publish/unpublish, and sharing with the whole platform (政工云 resource sharing: readable by every tenant, written
-- only by its own).
CREATE TABLE library_resources (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  kind text NOT NULL CHECK (kind IN ('article', 'pdf', 'image', 'audio', 'video')),
  -- 'regulation': an excerpt of a regulation (党章, 支部工作条例 …), which the assistant cites as such.
  category text NOT NULL DEFAULT 'general' CHECK (category IN ('general', 'history', 'regulation', 'policy')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
  source text NOT NULL DEFAULT '' CHECK (length(source) <= 200),
  body_html text NOT NULL DEFAULT '',
  body_text text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  file_id uuid REFERENCES stored_files(id),
  scope_unit_id uuid REFERENCES org_units(id),
  scope_path text COLLATE "C" NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  shared boolean NOT NULL DEFAULT false,
  -- 'pending' while a long body is being indexed in the background.
  index_state text NOT NULL DEFAULT 'done' CHECK (index_state IN ('pending', 'done')),
  published_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX library_resources_recent ON library_resources (tenant_id, status, published_at DESC);
CREATE INDEX library_resources_scope ON library_resources (tenant_id, scope_path);
CREATE INDEX library_resources_shared ON library_resources (published_at DESC) WHERE shared;
ALTER TABLE library_resources ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON library_resources USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
-- Other tenants read what is shared and published; SELECT-only, so they can change nothing.
CREATE POLICY shared_read ON library_resources FOR SELECT USING (shared AND status = 'published' AND (SELECT zg_tenant()) IS NOT NULL);
GRANT SELECT, INSERT, UPDATE, DELETE ON library_resources TO zg_app;

-- Passages: each resource's text (title, summary, body) cut into pieces of about 400 characters, each with a
-- tsvector of jieba lexemes (title A, title pinyin C, text B). Search hits, their snippets and the assistant's quotes
-- are passages. `shared` mirrors "resource shared and published", so visibility is decided on the passage itself.
CREATE TABLE library_passages (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  resource_id uuid NOT NULL REFERENCES library_resources(id) ON DELETE CASCADE,
  ordinal int NOT NULL,
  text text NOT NULL,
  tsv tsvector NOT NULL,
  shared boolean NOT NULL DEFAULT false,
  UNIQUE (resource_id, ordinal)
);
CREATE INDEX library_passages_tsv ON library_passages USING gin (tsv);
CREATE INDEX library_passages_resource ON library_passages (tenant_id, resource_id, ordinal);
ALTER TABLE library_passages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON library_passages USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
CREATE POLICY shared_read ON library_passages FOR SELECT USING (shared AND (SELECT zg_tenant()) IS NOT NULL);
GRANT SELECT, INSERT, UPDATE, DELETE ON library_passages TO zg_app;

-- The full-text match, as the table owner. Under row-level security PostgreSQL evaluates the policy before any
-- operator that is not leakproof, and @@ (ts_match_vq) is not: a query as zg_app would read every visible passage
-- and test each, never touching the GIN index (the LIKE problem of migration 0009, measured in bench/search). This
-- function applies the same visibility as the policies — the caller's tenant, or shared — itself, so the GIN index
-- answers @@; it returns ids and ranks only, and everything shown is then read under row-level security.
CREATE FUNCTION zg_library_match(p_query tsquery)
  RETURNS TABLE (passage_id uuid, resource_id uuid, rank real)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.id, p.resource_id, ts_rank_cd(p.tsv, p_query)
  FROM library_passages p
  WHERE p.tsv @@ p_query
    AND (SELECT zg_tenant()) IS NOT NULL
    AND (p.tenant_id = (SELECT zg_tenant()) OR p.shared)
$$;
REVOKE ALL ON FUNCTION zg_library_match(tsquery) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_library_match(tsquery) TO zg_app;
