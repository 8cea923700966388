-- Reports over a whole tenant (党内统计 over 1M people, bench/people) read every row, so what the tenant policy costs
-- per row counts. Measured at 1M people on PostgreSQL 15 (bench/README.md, 党内统计):
-- 1. `tenant_id = zg_tenant()` inlines to `tenant_id = nullif(current_setting('zg.tenant_id', true), '')::uuid`, a
--    setting lookup and a uuid parse for every row a sequential scan reads: about half the time of a bare count(*) of
--    the tenant. `(SELECT zg_tenant())` is an InitPlan, evaluated once per statement; `tenant_id = $0` is still an
--    index condition. Same rows, same USING semantics; WITH CHECK is left as it is (writes check few rows).
-- 2. zg_tenant() was PARALLEL UNSAFE (the default), and since every tenant table's policy calls it, no statement under
--    row-level security could use a parallel plan. It only reads settings, and parallel workers start with the leader's
--    settings (zg.* included), so it is PARALLEL SAFE; so is zg_platform().
ALTER FUNCTION zg_tenant() PARALLEL SAFE;
ALTER FUNCTION zg_platform() PARALLEL SAFE;

DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_policies
    WHERE schemaname = 'public' AND policyname = 'tenant_isolation' AND qual = '(tenant_id = zg_tenant())'
  LOOP
    EXECUTE format('ALTER POLICY tenant_isolation ON %I USING (tenant_id = (SELECT zg_tenant()))', t);
  END LOOP;
END $$;
