-- The compliance view's facts per unit, kind and calendar year (issue 5; bench/compliance): for each of the year's 17
-- periods a bit — bit 0 the year, bits 1–4 the quarters, bits 5–16 the months — in three masks: held on time (started
-- before the period ended, China time), held late, planned (planned, notified or in progress). Derived only from
-- meetings, by the trigger below, in the transaction that changes a meeting: the view reads ~90,000 rows for a
-- tenant of 20,000 branches instead of aggregating its ~550,000 meetings on every call.
CREATE TABLE meeting_marks (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  year int NOT NULL,
  org_unit_id uuid NOT NULL REFERENCES org_units(id),
  kind text NOT NULL,
  on_time int NOT NULL,
  late int NOT NULL,
  planned int NOT NULL,
  PRIMARY KEY (tenant_id, year, org_unit_id, kind)
);
ALTER TABLE meeting_marks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_marks USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, DELETE ON meeting_marks TO zg_app;

-- A meeting's period ('2026', '2026-Q3', '2026-09') as its bit in the year, and the instant it ends (China time).
CREATE FUNCTION zg_period_bit(p text) RETURNS int IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE WHEN length(p) = 4 THEN 0 WHEN substr(p, 6, 1) = 'Q' THEN substr(p, 7, 1)::int ELSE 4 + substr(p, 6, 2)::int END
$$;
CREATE FUNCTION zg_period_ends(p text) RETURNS timestamptz STABLE LANGUAGE sql AS $$
  SELECT ((CASE
    WHEN length(p) = 4 THEN make_date(p::int + 1, 1, 1)
    WHEN substr(p, 6, 1) = 'Q' THEN (make_date(substr(p, 1, 4)::int, 1, 1) + make_interval(months => 3 * substr(p, 7, 1)::int))::date
    ELSE (make_date(substr(p, 1, 4)::int, substr(p, 6, 2)::int, 1) + interval '1 month')::date
  END)::text || ' 00:00:00+08')::timestamptz
$$;

-- Recomputes one (tenant, unit, kind, year) from its meetings.
CREATE FUNCTION zg_meeting_marks_refresh(t uuid, u uuid, k text, y int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM meeting_marks WHERE tenant_id = t AND year = y AND org_unit_id = u AND kind = k;
  INSERT INTO meeting_marks (tenant_id, year, org_unit_id, kind, on_time, late, planned)
  SELECT t, y, u, k,
    bit_or(CASE WHEN status = 'held' AND held_start_at < zg_period_ends(period) THEN 1 << zg_period_bit(period) ELSE 0 END),
    bit_or(CASE WHEN status = 'held' AND held_start_at >= zg_period_ends(period) THEN 1 << zg_period_bit(period) ELSE 0 END),
    bit_or(CASE WHEN status IN ('planned', 'notified', 'in_progress') THEN 1 << zg_period_bit(period) ELSE 0 END)
  FROM meetings
  WHERE tenant_id = t AND org_unit_id = u AND kind = k AND period >= y::text AND period < (y + 1)::text AND status <> 'cancelled'
  HAVING count(*) > 0;
END
$$;

CREATE FUNCTION zg_meeting_marks_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM zg_meeting_marks_refresh(OLD.tenant_id, OLD.org_unit_id, OLD.kind, substr(OLD.period, 1, 4)::int);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.org_unit_id, NEW.kind, substr(NEW.period, 1, 4)) IS DISTINCT FROM (OLD.org_unit_id, OLD.kind, substr(OLD.period, 1, 4))) THEN
    PERFORM zg_meeting_marks_refresh(NEW.tenant_id, NEW.org_unit_id, NEW.kind, substr(NEW.period, 1, 4)::int);
  END IF;
  RETURN NULL;
END
$$;

CREATE INDEX meetings_unit_kind_period ON meetings (tenant_id, org_unit_id, kind, period);
CREATE TRIGGER meetings_marks AFTER INSERT OR DELETE OR UPDATE OF org_unit_id, kind, period, status, held_start_at ON meetings
  FOR EACH ROW EXECUTE FUNCTION zg_meeting_marks_trigger();

-- Every tenant's marks from its meetings (this migration; a bulk load that disabled the trigger calls it again).
CREATE FUNCTION zg_meeting_marks_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM meeting_marks;
  INSERT INTO meeting_marks (tenant_id, year, org_unit_id, kind, on_time, late, planned)
  SELECT tenant_id, substr(period, 1, 4)::int, org_unit_id, kind,
    bit_or(CASE WHEN status = 'held' AND held_start_at < zg_period_ends(period) THEN 1 << zg_period_bit(period) ELSE 0 END),
    bit_or(CASE WHEN status = 'held' AND held_start_at >= zg_period_ends(period) THEN 1 << zg_period_bit(period) ELSE 0 END),
    bit_or(CASE WHEN status IN ('planned', 'notified', 'in_progress') THEN 1 << zg_period_bit(period) ELSE 0 END)
  FROM meetings WHERE status <> 'cancelled'
  GROUP BY tenant_id, substr(period, 1, 4)::int, org_unit_id, kind;
$$;
SELECT zg_meeting_marks_rebuild();
