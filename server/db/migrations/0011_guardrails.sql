-- Saved guardrails (spec §2.7): checks with parameters and actions, at organisation level
-- (workspace_id NULL: usable from every workspace) or in one workspace. Addressed by a slug unique
-- across the appliance (guard_<name>-<random>) or the UUID. Every create and update writes an
-- immutable version; the gateway compiles the current one once and keeps it until it changes.
-- A workspace's guardrails go with the workspace.
CREATE TABLE guardrails (
  id                 TEXT PRIMARY KEY,
  organisation_id    TEXT NOT NULL REFERENCES organisations(id),
  workspace_id       TEXT REFERENCES workspaces(id) ON DELETE CASCADE,
  slug               TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  current_version_id TEXT NOT NULL,
  owner_id           TEXT,
  updated_by         TEXT,
  created_at         TEXT NOT NULL,
  last_updated_at    TEXT NOT NULL
);
CREATE INDEX guardrails_scope ON guardrails (organisation_id, workspace_id, created_at);

-- checks and actions hold the validated definitions as JSON text.
CREATE TABLE guardrail_versions (
  id           TEXT PRIMARY KEY,
  guardrail_id TEXT NOT NULL REFERENCES guardrails(id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  name         TEXT NOT NULL,
  checks       TEXT NOT NULL,
  actions      TEXT NOT NULL,
  created_by   TEXT,
  created_at   TEXT NOT NULL,
  UNIQUE (guardrail_id, version)
);

-- The organisation's defaults (GET/PUT /v1/admin/organisation/defaults): guardrails that apply to
-- every request of every workspace, as lists of guardrail slugs or ids.
CREATE TABLE organisation_defaults (
  organisation_id   TEXT PRIMARY KEY REFERENCES organisations(id),
  input_guardrails  TEXT NOT NULL DEFAULT '[]',
  output_guardrails TEXT NOT NULL DEFAULT '[]',
  updated_by        TEXT,
  last_updated_at   TEXT NOT NULL
);
