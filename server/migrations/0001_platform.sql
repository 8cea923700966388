-- Platform foundation: tenants, org tree, people, accounts, roles, sessions, audit.
-- Runs on PGlite (PostgreSQL 18) and PostgreSQL 15+: only SQL both accept.

-- The application role owns no table, so row-level security always applies to it.
-- The role is cluster-wide: two databases of one cluster migrating at once may both try to create it;
-- the loser waits for the winner's commit and then sees a duplicate, which is what it wanted anyway.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zg_app') THEN
    CREATE ROLE zg_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  EXECUTE format('GRANT zg_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL; -- already a member, or a superuser who needs no grant
END $$;

GRANT USAGE ON SCHEMA public TO zg_app;

-- Request context, set per transaction with set_config(..., true) by withTenant().
CREATE FUNCTION zg_tenant() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('zg.tenant_id', true), '')::uuid $$;
CREATE FUNCTION zg_platform() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('zg.platform', true), '') = 'on' $$;

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'enterprise' CHECK (kind IN ('enterprise', 'platform')),
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_demo boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- The platform's own tenant holds platform operators and the platform audit chain.
INSERT INTO tenants (id, code, name, kind) VALUES ('00000000-0000-0000-0000-000000000000', 'platform', '政工云平台', 'platform');

CREATE TABLE org_units (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  parent_id uuid REFERENCES org_units(id),
  -- Materialised path of ids ('/<root>/<child>/'); "C" collation lets a btree index serve prefix (subtree) scans.
  path text COLLATE "C" NOT NULL,
  depth int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('group_committee', 'committee', 'general_branch', 'branch', 'party_group')),
  name text NOT NULL,
  sort_order int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  dissolved_at timestamptz
);
CREATE INDEX org_units_tenant_path ON org_units (tenant_id, path);
CREATE INDEX org_units_parent ON org_units (tenant_id, parent_id);

CREATE TABLE people (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  org_unit_id uuid NOT NULL REFERENCES org_units(id),
  name text NOT NULL,
  name_pinyin text NOT NULL DEFAULT '',
  name_initials text NOT NULL DEFAULT '',
  gender text NOT NULL CHECK (gender IN ('male', 'female')),
  ethnicity text NOT NULL DEFAULT '汉族',
  birth_date date,
  education text,
  job_title text,
  party_status text NOT NULL DEFAULT 'none'
    CHECK (party_status IN ('none', 'applicant', 'activist', 'candidate', 'probationary', 'full')),
  party_joined_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_org ON people (tenant_id, org_unit_id, name);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  username text NOT NULL,
  display_name text NOT NULL,
  person_id uuid REFERENCES people(id),
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT true,
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  totp_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_last_step bigint NOT NULL DEFAULT 0,   -- last accepted TOTP time step: a code is never accepted twice
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en-US')),
  large_text boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_tenant_username ON users (tenant_id, lower(username));

CREATE TABLE recovery_codes (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz
);
CREATE INDEX recovery_codes_user ON recovery_codes (tenant_id, user_id);

CREATE TABLE role_grants (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL,
  org_unit_id uuid REFERENCES org_units(id),
  granted_by uuid,
  granted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, user_id, role, org_unit_id)
);
CREATE INDEX role_grants_user ON role_grants (tenant_id, user_id);

CREATE TABLE sessions (
  id text PRIMARY KEY,               -- SHA-256 of the cookie token; the token itself is never stored
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  stage text NOT NULL CHECK (stage IN ('totp', 'password_change', 'totp_setup', 'active')),
  pending_totp_secret_enc text,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL DEFAULT '',
  action text NOT NULL,
  object_type text NOT NULL DEFAULT '',
  object_id text NOT NULL DEFAULT '',
  result text NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
  source_ip text NOT NULL DEFAULT '',
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (tenant_id, seq)
);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);

-- Append-only: no role may change or remove an audit record through SQL, not even the owner.
CREATE FUNCTION zg_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION zg_audit_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION zg_audit_immutable();

-- Row-level security on every tenant table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['org_units', 'people', 'users', 'recovery_codes', 'role_grants', 'sessions', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = zg_tenant()) WITH CHECK (tenant_id = zg_tenant())', t);
  END LOOP;
END $$;

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON tenants FOR SELECT USING (id = zg_tenant() OR zg_platform());
CREATE POLICY tenant_platform_insert ON tenants FOR INSERT WITH CHECK (zg_platform());
CREATE POLICY tenant_platform_update ON tenants FOR UPDATE USING (zg_platform() OR id = zg_tenant());

GRANT SELECT, INSERT, UPDATE ON tenants TO zg_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON org_units, people, users, recovery_codes, role_grants, sessions TO zg_app;
GRANT SELECT, INSERT ON audit_log TO zg_app;

-- Authentication must find an account before the tenant is known. These two definer functions
-- answer only the ids needed to set the tenant context; everything else is then read under RLS.
CREATE FUNCTION zg_auth_find_user(p_tenant_code text, p_username text)
  RETURNS TABLE (tenant_id uuid, user_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.id, u.id FROM tenants t LEFT JOIN users u ON u.tenant_id = t.id AND lower(u.username) = lower(p_username)
  WHERE t.code = lower(p_tenant_code) AND t.status = 'active'
$$;
CREATE FUNCTION zg_auth_find_session(p_session_id text)
  RETURNS TABLE (tenant_id uuid, user_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.tenant_id, s.user_id FROM sessions s
  WHERE s.id = p_session_id AND s.revoked_at IS NULL AND s.expires_at > now()
$$;
REVOKE ALL ON FUNCTION zg_auth_find_user(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION zg_auth_find_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_auth_find_user(text, text), zg_auth_find_session(text) TO zg_app;

-- Resolves a session cookie in one round trip: the session, its account, tenant settings and role
-- grants (with org paths). Touches last_seen_at at most once a minute. The caller applies the idle
-- and expiry rules, which are tenant settings, and revokes the session when they say so.
CREATE FUNCTION zg_auth_session(p_id text) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE r jsonb;
BEGIN
  SELECT jsonb_build_object(
    'sessionId', s.id, 'tenantId', s.tenant_id, 'userId', s.user_id, 'csrfToken', s.csrf_token,
    'stage', s.stage, 'lastSeenAt', s.last_seen_at, 'createdAt', s.created_at, 'expiresAt', s.expires_at,
    'username', u.username, 'displayName', u.display_name, 'personId', u.person_id, 'userStatus', u.status,
    'locale', u.locale, 'largeText', u.large_text, 'passwordChangedAt', u.password_changed_at,
    'tenantCode', t.code, 'tenantName', t.name, 'tenantKind', t.kind, 'tenantStatus', t.status, 'settings', t.settings,
    'grants', coalesce((
      SELECT jsonb_agg(jsonb_build_object('role', g.role, 'orgUnitId', g.org_unit_id, 'path', coalesce(o.path, '')))
      FROM role_grants g LEFT JOIN org_units o ON o.id = g.org_unit_id
      WHERE g.tenant_id = s.tenant_id AND g.user_id = s.user_id), '[]'::jsonb))
  INTO r
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN tenants t ON t.id = s.tenant_id
  WHERE s.id = p_id AND s.revoked_at IS NULL AND s.expires_at > now();
  IF r IS NOT NULL THEN
    UPDATE sessions SET last_seen_at = now() WHERE id = p_id AND last_seen_at < now() - interval '60 seconds';
  END IF;
  RETURN r;
END $$;
REVOKE ALL ON FUNCTION zg_auth_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_auth_session(text) TO zg_app;
