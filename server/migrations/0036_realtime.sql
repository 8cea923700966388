-- platform/realtime (docs/decisions/0007-realtime-rooms.md): what a live room shows is an ordered log of events per
-- channel, kept in the database, so a client that reconnects replays from the last sequence it saw and a second server
-- process (or one restarted) serves the same room. No domain words here: a channel is a module's name for a room
-- ('meeting:<id>'), an event a type and a JSON document the module chose.

-- The channel's last sequence: the row lock taken by `UPDATE ... SET last_seq = last_seq + 1` orders concurrent
-- writers, so sequences are gapless and commit in order (a listener that reads "after N" never skips one).
CREATE TABLE realtime_channels (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  channel text NOT NULL CHECK (length(channel) BETWEEN 1 AND 100),
  last_seq bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, channel)
);
ALTER TABLE realtime_channels ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON realtime_channels USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON realtime_channels TO zg_app;

CREATE TABLE realtime_events (
  tenant_id uuid NOT NULL,
  channel text NOT NULL,
  seq bigint NOT NULL CHECK (seq > 0),
  type text NOT NULL CHECK (length(type) BETWEEN 1 AND 50),
  data jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel, seq),
  FOREIGN KEY (tenant_id, channel) REFERENCES realtime_channels (tenant_id, channel)
);
ALTER TABLE realtime_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON realtime_events USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
-- Append-only for the application: a replayed room is the room as it happened.
GRANT SELECT, INSERT ON realtime_events TO zg_app;

-- Who is connected to a channel now, across server processes: one row per open socket, refreshed by its process
-- (seen_at) and removed when the socket closes; rows of a process that died age out (platform/realtime/presence.ts).
CREATE TABLE realtime_presence (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  channel text NOT NULL,
  connection_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  node_id uuid NOT NULL,
  connected_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id)
);
CREATE INDEX realtime_presence_channel ON realtime_presence (tenant_id, channel, seen_at);
ALTER TABLE realtime_presence ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON realtime_presence USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON realtime_presence TO zg_app;
