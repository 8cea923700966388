-- People search at 1M rows (bench/people). Under row-level security PostgreSQL evaluates the tenant policy before any
-- non-leakproof operator, and LIKE (textlike) is not leakproof: a LIKE 'prefix%' is never an index condition on
-- people. Comparisons (>=, <, ~>=~, ~<~) are leakproof, so the application searches prefixes as ranges
-- (modules/members/people-search.ts). Pinyin and initials are ASCII: in the "C" collation their ranges and the list
-- order (name_pinyin, id) come from one plain btree each, so the first page of a 1M-person tenant is an index walk.
-- Lists show current people (archived_at IS NULL): the indexes carry archived_at, so a capped count of up to 10,001
-- matches is an index-only scan instead of 10,001 heap visits.
ALTER TABLE people
  ALTER COLUMN name_pinyin TYPE text COLLATE "C",
  ALTER COLUMN name_initials TYPE text COLLATE "C";
DROP INDEX people_pinyin;
DROP INDEX people_initials;
DROP INDEX people_subtree;
CREATE INDEX people_pinyin ON people (tenant_id, name_pinyin, id) INCLUDE (archived_at);
-- Initials that cannot be pinyin (zhj, wj) are listed in initials order: a walk of this index, not a sort.
CREATE INDEX people_initials ON people (tenant_id, name_initials, name_pinyin, id) INCLUDE (archived_at);
CREATE INDEX people_subtree ON people (tenant_id, org_path, name_pinyin, id) INCLUDE (archived_at);
-- Lists of members by status (正式党员, 预备党员 …), often with an age band: one range on (status, birth date).
CREATE INDEX people_status_birth ON people (tenant_id, party_status, birth_date) INCLUDE (archived_at);
