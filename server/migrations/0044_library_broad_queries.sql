-- Broad queries at scale (bench/search, 1,000,000 documents). zg_library_match ranks every visible passage that
-- matches: each costs a read of its tsvector (most are TOASTed) and ts_rank_cd, some 30 µs, so a common word found in
-- 5,000–40,000 passages took 0.3–3.6 s. A title holds the query's words far more rarely than a body (a title is about
-- five words, a passage about a hundred), and a title hit is what a reader of a broad query expects first.
-- This index holds each passage's title lexemes (weight A of its tsvector, 0041) so title hits are found without
-- reading the others.
CREATE INDEX library_passages_title_tsv ON library_passages USING gin (ts_filter(tsv, '{a}'));

-- The ranked matches of a query, bounded: when at least p_enough resources visible to the caller hold every query
-- word in their title, only those title hits are ranked (title_only = true); otherwise every match, as
-- zg_library_match. The caller (searchLibrary) passes the page's end (offset + page size) and falls back to the full
-- match when its own filters leave fewer title hits than a page. Visibility as zg_library_match (the caller's tenant,
-- or shared), as the table owner so the GIN indexes answer @@ (see 0041); ids and ranks only.
CREATE FUNCTION zg_library_match_top(p_query tsquery, p_enough int)
  RETURNS TABLE (passage_id uuid, resource_id uuid, rank real, title_only boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t uuid := zg_tenant();
  titled int;
BEGIN
  IF t IS NULL THEN
    RETURN;
  END IF;
  -- Counting reads no tsvector: the index answers the match, the heap only the tenant and shared columns.
  SELECT count(DISTINCT p.resource_id) INTO titled FROM library_passages p
    WHERE ts_filter(p.tsv, '{a}') @@ p_query AND (p.tenant_id = t OR p.shared);
  IF titled >= p_enough THEN
    RETURN QUERY SELECT p.id, p.resource_id, ts_rank_cd(p.tsv, p_query), true FROM library_passages p
      WHERE ts_filter(p.tsv, '{a}') @@ p_query AND (p.tenant_id = t OR p.shared);
  ELSE
    RETURN QUERY SELECT p.id, p.resource_id, ts_rank_cd(p.tsv, p_query), false FROM library_passages p
      WHERE p.tsv @@ p_query AND (p.tenant_id = t OR p.shared);
  END IF;
END
$$;
REVOKE ALL ON FUNCTION zg_library_match_top(tsquery, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_library_match_top(tsquery, int) TO zg_app;
