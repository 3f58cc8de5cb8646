-- Saved routing configs (spec §2.3). A config belongs to one workspace and is addressed by a slug
-- that is unique across the appliance (pc-<name>-<random>), so organisation keys can name it
-- without a workspace. Every create and update writes an immutable version; current_version_id
-- points at the one the gateway serves.

CREATE TABLE configs (
  id                 TEXT PRIMARY KEY,
  organisation_id    TEXT NOT NULL REFERENCES organisations(id),
  workspace_id       TEXT NOT NULL REFERENCES workspaces(id),
  slug               TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  is_default         INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  current_version_id TEXT NOT NULL,
  owner_id           TEXT,
  updated_by         TEXT,
  created_at         TEXT NOT NULL,
  last_updated_at    TEXT NOT NULL
);
CREATE INDEX configs_workspace ON configs (workspace_id, created_at);
-- At most one default config per workspace.
CREATE UNIQUE INDEX configs_one_default ON configs (workspace_id) WHERE is_default = 1;

-- config holds the validated config object as JSON text; name is the config's name at that version.
CREATE TABLE config_versions (
  id         TEXT PRIMARY KEY,
  config_id  TEXT NOT NULL REFERENCES configs(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  name       TEXT NOT NULL,
  config     TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (config_id, version)
);
