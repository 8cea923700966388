-- 课程学习 (issue 6): courses of ordered lessons (each a library resource with an expected study duration), assigned to
-- org subtrees or people with a due date. Study time is measured by the server (RULES.md §8): study_sessions records
-- each page view of a lesson from its heartbeats, with the time counted; lesson_progress holds each person's totals per
-- lesson. Statistics of study hours are sums over study_sessions, never a typed-in number.
CREATE TABLE courses (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  -- The organising unit: managing the course needs courses.manage on it.
  org_unit_id uuid NOT NULL REFERENCES org_units(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'archived')),
  -- Open to everyone in the enterprise (listed under 更多课程), besides those it is assigned to.
  open_to_all boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX courses_recent ON courses (tenant_id, updated_at DESC);
ALTER TABLE courses ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON courses USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON courses TO zg_app;

-- A lesson is a library resource (modules/library) shown in the course's order. A lesson taken out of a course after
-- people studied it is marked removed, so their time stays on record.
CREATE TABLE course_lessons (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  course_id uuid NOT NULL REFERENCES courses(id),
  position int NOT NULL CHECK (position >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  -- The library resource (its id; the library may serve a resource another enterprise shares with the platform).
  resource_id uuid NOT NULL,
  resource_kind text NOT NULL CHECK (resource_kind IN ('article', 'pdf', 'video', 'audio', 'image')),
  -- Expected study time; for video and audio the length of the recording.
  duration_seconds int NOT NULL CHECK (duration_seconds BETWEEN 30 AND 36000),
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE INDEX course_lessons_course ON course_lessons (tenant_id, course_id, position) WHERE removed_at IS NULL;
ALTER TABLE course_lessons ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON course_lessons USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON course_lessons TO zg_app;

CREATE TABLE course_assignments (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  course_id uuid NOT NULL REFERENCES courses(id),
  org_unit_id uuid REFERENCES org_units(id),
  person_id uuid REFERENCES people(id),
  due_on date NOT NULL,
  assigned_by uuid REFERENCES users(id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  CHECK ((org_unit_id IS NULL) <> (person_id IS NULL))
);
CREATE INDEX course_assignments_course ON course_assignments (tenant_id, course_id) WHERE withdrawn_at IS NULL;
CREATE INDEX course_assignments_unit ON course_assignments (tenant_id, org_unit_id) WHERE withdrawn_at IS NULL AND org_unit_id IS NOT NULL;
CREATE INDEX course_assignments_person ON course_assignments (tenant_id, person_id) WHERE withdrawn_at IS NULL AND person_id IS NOT NULL;
ALTER TABLE course_assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON course_assignments USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON course_assignments TO zg_app;

-- One page view of a lesson, from its first heartbeat to its last. client_key is the page's random id; a person has at
-- most one active session (a second tab or device supersedes the first).
CREATE TABLE study_sessions (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  user_id uuid NOT NULL REFERENCES users(id),
  lesson_id uuid NOT NULL REFERENCES course_lessons(id),
  course_id uuid NOT NULL REFERENCES courses(id),
  client_key uuid NOT NULL,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'ended', 'superseded')),
  started_at timestamptz NOT NULL,
  last_beat_at timestamptz NOT NULL,
  last_seq int NOT NULL,
  beats int NOT NULL DEFAULT 1,
  counted_ms int NOT NULL DEFAULT 0 CHECK (counted_ms >= 0),
  ended_at timestamptz,
  UNIQUE (person_id, client_key)
);
CREATE UNIQUE INDEX study_sessions_one_active ON study_sessions (tenant_id, person_id) WHERE state = 'active';
CREATE INDEX study_sessions_started ON study_sessions (tenant_id, started_at);
CREATE INDEX study_sessions_person ON study_sessions (tenant_id, person_id, started_at);
ALTER TABLE study_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON study_sessions USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON study_sessions TO zg_app;

CREATE TABLE lesson_progress (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  person_id uuid NOT NULL REFERENCES people(id),
  lesson_id uuid NOT NULL REFERENCES course_lessons(id),
  course_id uuid NOT NULL REFERENCES courses(id),
  studied_ms int NOT NULL DEFAULT 0 CHECK (studied_ms >= 0),
  -- Furthest credibly played position of a video or audio lesson, in seconds.
  furthest_position int NOT NULL DEFAULT 0,
  completed_at timestamptz,
  last_studied_at timestamptz,
  PRIMARY KEY (tenant_id, person_id, lesson_id)
);
CREATE INDEX lesson_progress_course ON lesson_progress (tenant_id, course_id, person_id);
ALTER TABLE lesson_progress ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lesson_progress USING (tenant_id = (SELECT zg_tenant())) WITH CHECK (tenant_id = zg_tenant());
GRANT SELECT, INSERT, UPDATE ON lesson_progress TO zg_app;
