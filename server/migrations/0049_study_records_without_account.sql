-- A study session's account (study_sessions.user_id) is who studied through the app. Records that did not come through
-- an account — study history brought over from another system, and the demo enterprise's generated records — have
-- none: the person (person_id) is what statistics and progress count by.
ALTER TABLE study_sessions ALTER COLUMN user_id DROP NOT NULL;
