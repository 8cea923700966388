-- Library search pages in two tiers (decision 0041): the resources with every query word in their title first, then
-- the others, each tier by score. A broad query's first pages come from the title hits alone (0044); the page after
-- the last title hit ranks every match, and with the tier in the order it continues where the title hits ended —
-- before, it re-ranked everything by score alone, so a title hit could come again and a body match be skipped.
-- Same function as 0044 with title_hit added (true for every row of the title-only answer).
DROP FUNCTION zg_library_match_top(tsquery, int);
CREATE FUNCTION zg_library_match_top(p_query tsquery, p_enough int)
  RETURNS TABLE (passage_id uuid, resource_id uuid, rank real, title_only boolean, title_hit boolean)
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
    RETURN QUERY SELECT p.id, p.resource_id, ts_rank_cd(p.tsv, p_query), true, true FROM library_passages p
      WHERE ts_filter(p.tsv, '{a}') @@ p_query AND (p.tenant_id = t OR p.shared);
  ELSE
    RETURN QUERY SELECT p.id, p.resource_id, ts_rank_cd(p.tsv, p_query), false, ts_filter(p.tsv, '{a}') @@ p_query FROM library_passages p
      WHERE p.tsv @@ p_query AND (p.tenant_id = t OR p.shared);
  END IF;
END
$$;
REVOKE ALL ON FUNCTION zg_library_match_top(tsquery, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_library_match_top(tsquery, int) TO zg_app;
