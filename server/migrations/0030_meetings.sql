-- 组织生活 (issue 5; RULES.md §5): 三会一课, 主题党日, 组织生活会, 民主评议 as meeting records. The 台账 and the compliance
-- view are queries over these rows (ARCHITECTURE.md "records are the ledger"); nothing is typed in twice.
-- The live room (room/, votes, migrations 0036–0039) builds on these tables.

-- One meeting of an org unit: a 党支部 (or 党总支), or a 党小组 for kind 'group'.
-- period: the §5 period the meeting fulfils ('2026' a year, '2026-Q1' a quarter, '2026-03' a month), chosen at planning
-- (from the gap the compliance view showed, or from the planned date), so a Q1 支部党员大会 held on 3 April counts for Q1,
-- late, and Q2 still needs its own.
-- Times are instants (UTC timestamptz), shown in Asia/Shanghai. held_* are what happened; planned_* what was announced.
CREATE TABLE meetings (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  org_unit_id uuid NOT NULL REFERENCES org_units(id),
  kind text NOT NULL CHECK (kind IN ('branch_assembly', 'committee', 'group', 'lecture', 'theme_day', 'life_meeting', 'evaluation')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
  planned_start_at timestamptz NOT NULL,
  planned_end_at timestamptz NOT NULL,
  held_start_at timestamptz,
  held_end_at timestamptz,
  place text NOT NULL DEFAULT '' CHECK (length(place) <= 100),
  -- Held in the online room (云支部); video_link: an external video conference, when one is used.
  online boolean NOT NULL DEFAULT false,
  video_link text CHECK (video_link IS NULL OR length(video_link) <= 500),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'notified', 'in_progress', 'held', 'cancelled')),
  host_person_id uuid REFERENCES people(id),
  recorder_person_id uuid REFERENCES people(id),
  -- 党课: who gives it (may be a guest from outside the branch, hence text).
  lecturer text NOT NULL DEFAULT '' CHECK (length(lecturer) <= 50),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  -- Minutes (会议记录): drafted in the room or on the meeting page; signed off by the host, then fixed.
  minutes text NOT NULL DEFAULT '',
  minutes_updated_at timestamptz,
  minutes_updated_by uuid REFERENCES users(id),
  minutes_signed_at timestamptz,
  minutes_signed_by uuid REFERENCES users(id),
  minutes_signed_name text,
  notified_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK (planned_end_at > planned_start_at),
  CHECK (status <> 'held' OR held_start_at IS NOT NULL),
  CHECK (held_end_at IS NULL OR held_start_at IS NULL OR held_end_at >= held_start_at),
  CHECK (minutes_signed_at IS NULL OR status = 'held')
);
CREATE INDEX meetings_unit ON meetings (tenant_id, org_unit_id, planned_start_at);
CREATE INDEX meetings_when ON meetings (tenant_id, planned_start_at);
-- The compliance view and the 台账 read held meetings by period (bench/compliance).
CREATE INDEX meetings_held_period ON meetings (tenant_id, period, org_unit_id, kind) INCLUDE (held_start_at) WHERE status = 'held';
ALTER TABLE meetings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meetings USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
-- No DELETE: a cancelled meeting stays in the record with its reason.
GRANT SELECT, INSERT, UPDATE ON meetings TO zg_app;

CREATE TABLE meeting_agenda_items (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  position int NOT NULL CHECK (position >= 0),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  presenter text NOT NULL DEFAULT '' CHECK (length(presenter) <= 50),
  duration_minutes int CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 600),
  UNIQUE (meeting_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX meeting_agenda_items_meeting ON meeting_agenda_items (tenant_id, meeting_id, position);
ALTER TABLE meeting_agenda_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_agenda_items USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_agenda_items TO zg_app;

-- Who should attend, derived at planning from the unit's members and the kind (支委会: the committee from org_positions;
-- 党小组会: the group's members; otherwise the branch's party members), with name and party status as they were then.
-- voting: 正式党员 yes, 预备党员 no (RULES.md §5). attendance: pending until recorded; present / leave (an approved
-- leave request) / absent. Sign-in: when and by which channel (the room's rotating QR code, its button, or recorded by
-- the host).
CREATE TABLE meeting_attendees (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  person_id uuid NOT NULL REFERENCES people(id),
  person_name text NOT NULL,
  party_status text NOT NULL,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'committee', 'guest')),
  voting boolean NOT NULL,
  attendance text NOT NULL DEFAULT 'pending' CHECK (attendance IN ('pending', 'present', 'leave', 'absent')),
  leave_state text CHECK (leave_state IN ('requested', 'approved', 'rejected')),
  leave_reason text CHECK (leave_reason IS NULL OR length(leave_reason) <= 200),
  leave_requested_at timestamptz,
  leave_decided_at timestamptz,
  leave_decided_by uuid REFERENCES users(id),
  leave_decision_note text,
  signed_in_at timestamptz,
  sign_in_channel text CHECK (sign_in_channel IN ('qr', 'button', 'manual')),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, person_id),
  CHECK ((leave_state IS NULL) = (leave_reason IS NULL)),
  CHECK ((signed_in_at IS NULL) = (sign_in_channel IS NULL))
);
CREATE INDEX meeting_attendees_person ON meeting_attendees (tenant_id, person_id);
CREATE INDEX meeting_attendees_meeting ON meeting_attendees (tenant_id, meeting_id);
ALTER TABLE meeting_attendees ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_attendees USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
-- DELETE: the host may take someone off the list before the meeting is held (the service refuses afterwards).
GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_attendees TO zg_app;

-- Materials: a titled link (an URL, or a reference into the learning library). Uploaded files wait for the platform's
-- file store (docs/meetings.md).
CREATE TABLE meeting_materials (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('link', 'library')),
  ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 500),
  added_by uuid REFERENCES users(id),
  added_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_materials_meeting ON meeting_materials (tenant_id, meeting_id, added_at);
ALTER TABLE meeting_materials ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_materials USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, DELETE ON meeting_materials TO zg_app;

-- Resolutions (决议/决定事项) of a held meeting; vote_id names the room's vote that adopted it, when there was one.
CREATE TABLE meeting_resolutions (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  meeting_id uuid NOT NULL REFERENCES meetings(id),
  position int NOT NULL CHECK (position >= 0),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  vote_id uuid,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_resolutions_meeting ON meeting_resolutions (tenant_id, meeting_id, position);
ALTER TABLE meeting_resolutions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_resolutions USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_resolutions TO zg_app;
