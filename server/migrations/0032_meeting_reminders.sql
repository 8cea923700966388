-- Meeting reminders: notified meetings starting within the window that have not been reminded yet (ids only; each
-- tenant's own setting decides, inside its context, whether the reminder is due).
ALTER TABLE meetings ADD COLUMN reminded_at timestamptz;
CREATE INDEX meetings_remind ON meetings (planned_start_at) WHERE status = 'notified' AND reminded_at IS NULL;
CREATE FUNCTION zg_meetings_to_remind(p_now timestamptz, p_until timestamptz)
  RETURNS TABLE (tenant_id uuid, id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.tenant_id, m.id FROM meetings m
  WHERE m.status = 'notified' AND m.reminded_at IS NULL AND m.planned_start_at > p_now AND m.planned_start_at <= p_until
  ORDER BY m.planned_start_at LIMIT 500
$$;
REVOKE ALL ON FUNCTION zg_meetings_to_remind(timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_meetings_to_remind(timestamptz, timestamptz) TO zg_app;
