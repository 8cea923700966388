-- VR 党史展馆 (学习教育, issue 6): exhibition halls of rooms walked in order, with exhibits hung on the rooms' walls.
-- An exhibit is a library resource (an image, or an article shown as an excerpt) with a date on the timeline, a title,
-- a short text and, optionally, a fixed place on a wall (otherwise laid out by date: modules/exhibition/rules.ts).
-- What a visitor sees follows the library: an exhibit is shown only to those who may read its resource. The
-- resource is referenced by id without a foreign key, as course lessons do (migration 0047): deleting or withdrawing
-- a resource is the library's business, and the hall editor shows such an exhibit as unavailable.
CREATE TABLE exhibition_halls (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  -- The organising unit: curating needs exhibition.manage on it; a published hall reaches the unit's subtree.
  org_unit_id uuid NOT NULL REFERENCES org_units(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
  intro text NOT NULL DEFAULT '' CHECK (length(intro) <= 1000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  version int NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX exhibition_halls_recent ON exhibition_halls (tenant_id, updated_at DESC);
ALTER TABLE exhibition_halls ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exhibition_halls USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON exhibition_halls TO zg_app;

-- Rooms (展厅) are walked in `position` order, joined by doorways; the theme colours the walls.
CREATE TABLE exhibition_rooms (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  hall_id uuid NOT NULL REFERENCES exhibition_halls(id) ON DELETE CASCADE,
  position int NOT NULL CHECK (position >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 40),
  intro text NOT NULL DEFAULT '' CHECK (length(intro) <= 500),
  theme text NOT NULL DEFAULT 'red' CHECK (theme IN ('red', 'gold', 'stone', 'blue')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exhibition_rooms_hall ON exhibition_rooms (tenant_id, hall_id, position);
ALTER TABLE exhibition_rooms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exhibition_rooms USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON exhibition_rooms TO zg_app;

CREATE TABLE exhibition_exhibits (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  hall_id uuid NOT NULL REFERENCES exhibition_halls(id) ON DELETE CASCADE,
  room_id uuid NOT NULL REFERENCES exhibition_rooms(id) ON DELETE CASCADE,
  -- The library resource (its id; it may be one another enterprise shares with the platform).
  resource_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
  -- The date on the timeline: a year, and the month when known.
  year int NOT NULL CHECK (year BETWEEN 1800 AND 2100),
  month int CHECK (month BETWEEN 1 AND 12),
  -- A fixed place (wall and slot counted from the room's entrance), or both null for the automatic layout by date.
  wall text CHECK (wall IN ('left', 'right')),
  slot int CHECK (slot BETWEEN 1 AND 12),
  CHECK ((wall IS NULL) = (slot IS NULL)),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exhibition_exhibits_room ON exhibition_exhibits (tenant_id, room_id, year, month);
CREATE INDEX exhibition_exhibits_hall ON exhibition_exhibits (tenant_id, hall_id);
-- One exhibit per fixed place.
CREATE UNIQUE INDEX exhibition_exhibits_place ON exhibition_exhibits (room_id, wall, slot) WHERE wall IS NOT NULL;
ALTER TABLE exhibition_exhibits ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exhibition_exhibits USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON exhibition_exhibits TO zg_app;
