-- The monthly run inserts a due entry per member (1,000,000 in one statement at the scale of bench/dues-run). Each
-- foreign key on those rows is a lookup per row, and a key check on `people` takes a FOR KEY SHARE row lock, i.e. a
-- write to every member's row (and its WAL) each month. The rows come from `people` itself in the run's own statement
-- (and from `dues_payments`/`dues_requests`, which keep their keys to people); tenant isolation is row-level security
-- (WITH CHECK); runs are never deleted. So the ledger keeps its keys to the rows it names (corrections, payments,
-- requests) and drops the per-row checks against people, tenants and runs. The ledger is append-only (0020).
ALTER TABLE dues_entries DROP CONSTRAINT IF EXISTS dues_entries_person_id_fkey;
ALTER TABLE dues_entries DROP CONSTRAINT IF EXISTS dues_entries_tenant_id_fkey;
ALTER TABLE dues_entries DROP CONSTRAINT IF EXISTS dues_entries_run_id_fkey;
