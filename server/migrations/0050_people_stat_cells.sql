-- 党内统计 from counts kept with the records (issue 3; bench/people; decision 0042). The statistics of a subtree used
-- to be one GROUP BY over every person in it: about 0.45–0.8 s for a tenant of 1,000,000 people on two cores, growing
-- with the tenant. These cells hold, for every org unit, the counts of the people *below* it (in the units under it,
-- not in the unit itself) by one dimension at a time, keyed by what decides whether someone counts on a statistics
-- date: the party status and the *years* of joining, 转正 and archiving. The statistics of a unit read its cells and
-- add the people of the unit itself (a branch's fifty, through people_org): a few thousand rows however large the
-- subtree. A person's own unit is left out because there the keys hardly repeat (fifty people, fifty birth years):
-- its cells would be as many as the people, for every branch.
--
-- Years are enough because the statistics date is 31 December of a past year, or today, and no recorded date is
-- later than the day it was recorded (person-input.ts, workflow.ts): "joined on or before the date" is "joined in
-- that year or before". Ages are the one exception: on a day other than 31 December, a birth year at a band's edge
-- holds people on both sides of it, and the statistics service counts those few from `people` (stats/service.ts).
--
-- Kept by the statement triggers below, in the transaction that changes people, from the rows the statement changed
-- (transition tables), so a 1,000-row import chunk is one upsert, and a move of a unit (its people's org_path) moves
-- their counts. Writers of one tenant take the tenant's audit-chain lock before the upsert (the same lock every
-- audited write takes anyway), so two transactions never lock the shared cells in opposite orders.
CREATE TABLE people_stat_cells (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  -- An org unit above these people's own units (each person counts under every unit on their org_path but the last).
  unit_id uuid NOT NULL,
  -- Members' dimensions: gender, ethnicity, education ('' unknown), birth_year ('' unknown), membership.
  -- Development dimensions (anyone, member or not): applied, activist, candidate, joined, full; val is the year.
  dim text NOT NULL,
  val text NOT NULL,
  -- 'probationary' or 'full' for a member dimension (the status now), '' for a development one.
  status text NOT NULL,
  -- Years (China calendar) of 入党 and 转正 (0: not recorded, or status is not full) and of archiving (0: not archived).
  joined_y int NOT NULL,
  full_y int NOT NULL,
  archived_y int NOT NULL,
  n int NOT NULL,
  PRIMARY KEY (tenant_id, unit_id, dim, val, status, joined_y, full_y, archived_y)
) WITH (fillfactor = 70);  -- room on the page for the count's next version: updates stay HOT, no index entry each
ALTER TABLE people_stat_cells ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON people_stat_cells USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
-- Read only: the cells are written by the triggers' SECURITY DEFINER function alone.
GRANT SELECT ON people_stat_cells TO zg_app;

-- What of a person the cells depend on.
CREATE TYPE zg_people_stat_fact AS (
  tenant_id uuid, org_path text, party_status text, party_joined_on date, full_on date, archived_at timestamptz,
  gender text, ethnicity text, education text, birth_date date, membership text, applied_on date, activist_on date, candidate_on date
);
CREATE FUNCTION zg_people_stat_fact(p people) RETURNS zg_people_stat_fact IMMUTABLE LANGUAGE sql AS $$
  SELECT ROW(p.tenant_id, p.org_path, p.party_status, p.party_joined_on, p.full_on, p.archived_at, p.gender, p.ethnicity,
    p.education, p.birth_date, p.membership, p.applied_on, p.activist_on, p.candidate_on)::zg_people_stat_fact
$$;

-- The cells of people (sign 1) and, taken away, of others (sign -1), not yet summed: a member's five dimensions and
-- anyone's development dates. Read by the triggers and by the statistics for the people of a unit itself.
CREATE FUNCTION zg_people_stat_rows(p_added zg_people_stat_fact[], p_removed zg_people_stat_fact[])
  RETURNS TABLE (tenant_id uuid, org_path text, dim text, val text, status text, joined_y int, full_y int, archived_y int, sign int)
  IMMUTABLE LANGUAGE sql AS $$
  WITH f AS (
    SELECT a.*, 1 AS sign FROM unnest(p_added) a
    UNION ALL
    SELECT r.*, -1 FROM unnest(p_removed) r
  ), g AS (
    SELECT f.*,
      f.party_status IN ('probationary', 'full') AND f.party_joined_on IS NOT NULL AS member,
      coalesce(extract(year FROM f.party_joined_on)::int, 0) AS joined_y,
      CASE WHEN f.party_status = 'full' THEN coalesce(extract(year FROM f.full_on)::int, 0) ELSE 0 END AS full_y,
      coalesce(extract(year FROM f.archived_at AT TIME ZONE 'Asia/Shanghai')::int, 0) AS archived_y
    FROM f
  )
  SELECT g.tenant_id, g.org_path, d.dim, d.val, g.party_status, g.joined_y, g.full_y, g.archived_y, g.sign
  FROM g CROSS JOIN LATERAL (VALUES ('gender', g.gender), ('ethnicity', g.ethnicity), ('education', coalesce(g.education, '')),
    ('birth_year', coalesce(extract(year FROM g.birth_date)::int::text, '')), ('membership', g.membership)) d(dim, val)
  WHERE g.member
  UNION ALL
  SELECT g.tenant_id, g.org_path, d.dim, extract(year FROM d.day)::int::text, '', 0, 0, g.archived_y, g.sign
  FROM g CROSS JOIN LATERAL (VALUES ('applied', g.applied_on), ('activist', g.activist_on), ('candidate', g.candidate_on),
    ('joined', g.party_joined_on), ('full', g.full_on)) d(dim, day)
  WHERE d.day IS NOT NULL
$$;
GRANT EXECUTE ON FUNCTION zg_people_stat_rows(zg_people_stat_fact[], zg_people_stat_fact[]) TO zg_app;

-- Adds the cells of p_added and takes away those of p_removed (an update passes the old and new versions of the rows
-- whose facts changed), under every unit above each person's own.
CREATE FUNCTION zg_people_stat_apply(p_added zg_people_stat_fact[], p_removed zg_people_stat_fact[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t uuid;
BEGIN
  FOR t IN SELECT DISTINCT f.tenant_id FROM (SELECT a.tenant_id FROM unnest(p_added) a UNION SELECT r.tenant_id FROM unnest(p_removed) r) f ORDER BY 1 LOOP
    -- platform/audit/chain.ts takes the same lock for the tenant's audit records.
    PERFORM pg_advisory_xact_lock(7234002, hashtext(t::text));
  END LOOP;
  INSERT INTO people_stat_cells AS c (tenant_id, unit_id, dim, val, status, joined_y, full_y, archived_y, n)
  SELECT r.tenant_id, u.unit::uuid, r.dim, r.val, r.status, r.joined_y, r.full_y, r.archived_y, sum(r.sign)::int
  FROM (
    -- Summed per own unit first: the people of one branch share most keys above it.
    SELECT x.tenant_id, x.org_path, x.dim, x.val, x.status, x.joined_y, x.full_y, x.archived_y, sum(x.sign) AS sign
    FROM zg_people_stat_rows(p_added, p_removed) x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ) r
  CROSS JOIN LATERAL (SELECT string_to_array(trim(BOTH '/' FROM r.org_path), '/') AS units) p
  CROSS JOIN LATERAL unnest(p.units[1:cardinality(p.units) - 1]) u(unit)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(r.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (tenant_id, unit_id, dim, val, status, joined_y, full_y, archived_y) DO UPDATE SET n = c.n + excluded.n;
END
$$;
REVOKE ALL ON FUNCTION zg_people_stat_apply(zg_people_stat_fact[], zg_people_stat_fact[]) FROM PUBLIC;

-- Transition tables allow one event per trigger: three triggers, one function.
CREATE FUNCTION zg_people_stat_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM zg_people_stat_apply(ARRAY(SELECT zg_people_stat_fact(n) FROM stat_new n), '{}');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM zg_people_stat_apply('{}', ARRAY(SELECT zg_people_stat_fact(o) FROM stat_old o));
  ELSE
    -- Only the rows whose facts changed: a name or phone edit costs a comparison.
    PERFORM zg_people_stat_apply(
      ARRAY(SELECT zg_people_stat_fact(n) FROM stat_new n JOIN stat_old o ON o.id = n.id WHERE zg_people_stat_fact(n) IS DISTINCT FROM zg_people_stat_fact(o)),
      ARRAY(SELECT zg_people_stat_fact(o) FROM stat_new n JOIN stat_old o ON o.id = n.id WHERE zg_people_stat_fact(n) IS DISTINCT FROM zg_people_stat_fact(o)));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER people_stat_insert AFTER INSERT ON people REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION zg_people_stat_trigger();
CREATE TRIGGER people_stat_update AFTER UPDATE ON people REFERENCING OLD TABLE AS stat_old NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION zg_people_stat_trigger();
CREATE TRIGGER people_stat_delete AFTER DELETE ON people REFERENCING OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION zg_people_stat_trigger();

-- Every tenant's cells from its people, 100,000 people at a time (this migration; a bulk load that disabled the
-- triggers calls it again).
CREATE FUNCTION zg_people_stat_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  last_id uuid := '00000000-0000-0000-0000-000000000000';
  batch zg_people_stat_fact[];
  batch_last uuid;
BEGIN
  DELETE FROM people_stat_cells;
  LOOP
    SELECT array_agg(zg_people_stat_fact(p)), max(p.id::text COLLATE "C")::uuid INTO batch, batch_last
      FROM people p WHERE p.id IN (SELECT id FROM people WHERE id > last_id ORDER BY id LIMIT 100000);
    EXIT WHEN batch IS NULL;
    PERFORM zg_people_stat_apply(batch, '{}');
    last_id := batch_last;
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION zg_people_stat_rebuild() FROM PUBLIC;
SELECT zg_people_stat_rebuild();
