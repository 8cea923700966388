-- The live meeting room (云支部 / 微党会, issue 5; modules/meetings/room, votes.ts; docs/meetings.md "Live room").
-- What the room shows changes through room events (platform/realtime, channel 'meeting:<id>'); these tables hold the
-- room's current state, so a snapshot plus the events after its sequence is the room as everyone sees it.

-- One row per meeting that has been opened live. qr_key: the secret the rotating sign-in code is signed with (never
-- leaves the server). Agenda items and materials are the meetings module's rows; no foreign key, so that module stays
-- free to replace its agenda before the meeting (a stale id simply shows nothing).
CREATE TABLE meeting_rooms (
  meeting_id uuid PRIMARY KEY REFERENCES meetings(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  qr_key text NOT NULL,
  current_agenda_item_id uuid,
  shown_material_id uuid,
  -- Who may edit the minutes draft now (a short lock the editor renews), so two drafters never overwrite each other.
  minutes_lock_user_id uuid REFERENCES users(id),
  minutes_lock_name text,
  minutes_lock_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE meeting_rooms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_rooms USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON meeting_rooms TO zg_app;

-- The speaking queue: a raised hand waits until the host gives the floor; one open request per person.
CREATE TABLE meeting_speakers (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  person_id uuid NOT NULL REFERENCES people(id),
  person_name text NOT NULL,
  state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'speaking', 'done', 'withdrawn')),
  raised_at timestamptz NOT NULL DEFAULT now(),
  floor_at timestamptz,
  done_at timestamptz
);
CREATE UNIQUE INDEX meeting_speakers_open ON meeting_speakers (meeting_id, person_id) WHERE state IN ('waiting', 'speaking');
CREATE INDEX meeting_speakers_meeting ON meeting_speakers (tenant_id, meeting_id, raised_at);
ALTER TABLE meeting_speakers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_speakers USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON meeting_speakers TO zg_app;

-- The discussion stream (kept with the meeting record; never edited).
CREATE TABLE meeting_messages (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  user_id uuid NOT NULL REFERENCES users(id),
  person_id uuid REFERENCES people(id),
  author_name text NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_messages_meeting ON meeting_messages (tenant_id, meeting_id, at);
ALTER TABLE meeting_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_messages USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON meeting_messages TO zg_app;

-- Votes (表决) in a meeting, RULES.md §5 (votes-rules.ts). The result columns are written once, when the vote closes;
-- until then nobody, the host included, can read a count of choices (the service never computes one).
CREATE TABLE meeting_votes (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  ballot text NOT NULL CHECK (ballot IN ('open', 'secret')),
  body text NOT NULL CHECK (body IN ('assembly', 'committee')),
  agenda_item_id uuid,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  opened_by uuid REFERENCES users(id),
  closed_at timestamptz,
  closed_by uuid REFERENCES users(id),
  should_attend int,
  present int,
  yes int,
  no int,
  abstain int,
  quorum_met boolean,
  passed boolean,
  CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
  CHECK (state = 'open' OR (yes IS NOT NULL AND no IS NOT NULL AND abstain IS NOT NULL AND passed IS NOT NULL))
);
-- One open vote at a time in a meeting.
CREATE UNIQUE INDEX meeting_votes_one_open ON meeting_votes (meeting_id) WHERE state = 'open';
CREATE INDEX meeting_votes_meeting ON meeting_votes (tenant_id, meeting_id, opened_at);
ALTER TABLE meeting_votes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_votes USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON meeting_votes TO zg_app;

-- "Has voted": one row per member and vote, whatever device or channel the ballot came from (the primary key is the
-- one-ballot rule). For an open ballot (举手表决) the choice is public and kept here; for a secret ballot it is never
-- here (CHECK), and the row carries no time, so nothing in it can be lined up with a ballot.
CREATE TABLE meeting_vote_voters (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  vote_id uuid NOT NULL REFERENCES meeting_votes(id),
  person_id uuid NOT NULL REFERENCES people(id),
  secret boolean NOT NULL,
  choice text CHECK (choice IN ('yes', 'no', 'abstain')),
  PRIMARY KEY (vote_id, person_id),
  CHECK (secret = (choice IS NULL))
);
CREATE INDEX meeting_vote_voters_tenant ON meeting_vote_voters (tenant_id, vote_id);
ALTER TABLE meeting_vote_voters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_vote_voters USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON meeting_vote_voters TO zg_app;

-- Ballots: the choice only — no voter, no time, a random id. Written in the same transaction as the voter's row, so a
-- ballot is never lost nor counted twice; the tally counts these.
CREATE TABLE meeting_vote_ballots (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  vote_id uuid NOT NULL REFERENCES meeting_votes(id),
  choice text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain'))
);
CREATE INDEX meeting_vote_ballots_vote ON meeting_vote_ballots (tenant_id, vote_id);
ALTER TABLE meeting_vote_ballots ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_vote_ballots USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT ON meeting_vote_ballots TO zg_app;

-- When a secret vote closes, its ballots are written again in random order in the closing transaction: afterwards
-- neither their physical order nor the transaction that wrote them follows the order in which members voted (the
-- voters' rows do). The application role may not delete ballots; this function, for the current tenant's closed
-- secret vote only, may.
CREATE FUNCTION zg_vote_reshuffle(p_vote uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM meeting_votes WHERE id = p_vote AND tenant_id = zg_tenant() AND ballot = 'secret' AND state = 'closed') THEN
    RAISE EXCEPTION 'zg_vote_reshuffle: not a closed secret vote of this tenant';
  END IF;
  WITH d AS (DELETE FROM meeting_vote_ballots WHERE vote_id = p_vote AND tenant_id = zg_tenant() RETURNING tenant_id, choice)
  INSERT INTO meeting_vote_ballots (id, tenant_id, vote_id, choice) SELECT gen_random_uuid(), tenant_id, p_vote, choice FROM d ORDER BY random();
END $$;
REVOKE ALL ON FUNCTION zg_vote_reshuffle(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION zg_vote_reshuffle(uuid) TO zg_app;
