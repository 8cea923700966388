-- zg_auth_session: touch last_seen_at only when the value just read is over a minute old, instead of
-- running the UPDATE on every call (bench/README.md, Findings: ~0.12 ms per request on PGlite).
CREATE OR REPLACE FUNCTION zg_auth_session(p_id text) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE r jsonb; seen timestamptz;
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
      WHERE g.tenant_id = s.tenant_id AND g.user_id = s.user_id), '[]'::jsonb)),
    s.last_seen_at
  INTO r, seen
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN tenants t ON t.id = s.tenant_id
  WHERE s.id = p_id AND s.revoked_at IS NULL AND s.expires_at > now();
  IF r IS NOT NULL AND seen < now() - interval '60 seconds' THEN
    UPDATE sessions SET last_seen_at = now() WHERE id = p_id;
  END IF;
  RETURN r;
END $$;
REVOKE ALL ON FUNCTION zg_auth_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_auth_session(text) TO zg_app;
