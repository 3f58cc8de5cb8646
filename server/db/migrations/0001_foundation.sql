-- Foundation: organisation, workspaces, users, API keys and the model catalog.
-- JSON columns hold Portkey-shaped objects (limits, defaults, configurations) as text.

CREATE TABLE organisations (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  settings        TEXT NOT NULL DEFAULT '{}',
  created_at      TEXT NOT NULL,
  last_updated_at TEXT NOT NULL
);

CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  organisation_id      TEXT NOT NULL REFERENCES organisations(id),
  email                TEXT NOT NULL COLLATE NOCASE,
  first_name           TEXT,
  last_name            TEXT,
  role                 TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  password_hash        TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL,
  last_updated_at      TEXT NOT NULL,
  UNIQUE (organisation_id, email)
);

CREATE TABLE workspaces (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  slug            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  description     TEXT,
  is_default      INTEGER NOT NULL DEFAULT 0,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  defaults        TEXT NOT NULL DEFAULT '{}',
  usage_limits    TEXT NOT NULL DEFAULT '[]',
  rate_limits     TEXT NOT NULL DEFAULT '[]',
  created_at      TEXT NOT NULL,
  last_updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX workspaces_one_default ON workspaces (organisation_id) WHERE is_default = 1;

CREATE TABLE workspace_members (
  workspace_id    TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role            TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'member')),
  created_at      TEXT NOT NULL,
  last_updated_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE api_keys (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  workspace_id    TEXT REFERENCES workspaces(id),
  user_id         TEXT REFERENCES users(id),
  type            TEXT NOT NULL CHECK (type IN ('organisation-service', 'workspace-service', 'workspace-user')),
  name            TEXT NOT NULL,
  description     TEXT,
  masked_key      TEXT NOT NULL,
  scopes          TEXT NOT NULL DEFAULT '[]',
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exhausted', 'expired')),
  creation_mode   TEXT NOT NULL DEFAULT 'api' CHECK (creation_mode IN ('ui', 'api', 'auto')),
  rate_limits     TEXT,
  usage_limits    TEXT,
  current_usage   REAL NOT NULL DEFAULT 0,
  defaults        TEXT NOT NULL DEFAULT '{}',
  alert_emails    TEXT NOT NULL DEFAULT '[]',
  expires_at      TEXT,
  rotation_policy TEXT,
  last_reset_at   TEXT,
  created_at      TEXT NOT NULL,
  last_updated_at TEXT NOT NULL,
  CHECK ((type = 'organisation-service') = (workspace_id IS NULL)),
  CHECK ((type = 'workspace-user') = (user_id IS NOT NULL))
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

-- Secrets of a key, stored only as SHA-256 hashes. A rotated key has a second row until its
-- transition period ends (expires_at).
CREATE TABLE api_key_secrets (
  hash       TEXT PRIMARY KEY,
  api_key_id TEXT NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE INDEX api_key_secrets_key ON api_key_secrets (api_key_id);

-- Stored credentials for one AI service. Org-level when workspace_id is NULL. The provider key and
-- the secret configuration fields are sealed with AES-256-GCM (key_encrypted, secret_configurations);
-- configurations holds only the fields that are safe to show.
CREATE TABLE integrations (
  id                      TEXT PRIMARY KEY,
  organisation_id         TEXT NOT NULL REFERENCES organisations(id),
  workspace_id            TEXT REFERENCES workspaces(id),
  slug                    TEXT NOT NULL,
  name                    TEXT NOT NULL,
  description             TEXT,
  ai_provider_id          TEXT NOT NULL,
  status                  TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  key_encrypted           TEXT,
  masked_key              TEXT,
  configurations          TEXT NOT NULL DEFAULT '{}',
  secret_configurations   TEXT,
  allow_all_models        INTEGER NOT NULL DEFAULT 1,
  global_workspace_access TEXT,
  pricing_adjustments     TEXT,
  secret_mappings         TEXT NOT NULL DEFAULT '[]',
  tags                    TEXT NOT NULL DEFAULT '[]',
  created_at              TEXT NOT NULL,
  last_updated_at         TEXT NOT NULL,
  UNIQUE (organisation_id, slug)
);
CREATE INDEX integrations_workspace ON integrations (workspace_id);

-- Which workspaces may use an org-level integration, with their allocation of its budget.
CREATE TABLE integration_workspaces (
  integration_id  TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  workspace_id    TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  enabled         INTEGER NOT NULL,
  usage_limits    TEXT NOT NULL DEFAULT '[]',
  rate_limits     TEXT NOT NULL DEFAULT '[]',
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exhausted')),
  current_usage   REAL NOT NULL DEFAULT 0,
  last_reset_at   TEXT,
  created_at      TEXT NOT NULL,
  last_updated_at TEXT NOT NULL,
  PRIMARY KEY (integration_id, workspace_id)
);
CREATE INDEX integration_workspaces_workspace ON integration_workspaces (workspace_id);

-- Models of an integration. secret_configurations seals per-model custom_headers.
CREATE TABLE integration_models (
  integration_id        TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  slug                  TEXT NOT NULL,
  enabled               INTEGER NOT NULL,
  is_custom             INTEGER NOT NULL DEFAULT 0,
  is_finetune           INTEGER NOT NULL DEFAULT 0,
  base_model_slug       TEXT,
  configurations        TEXT,
  secret_configurations TEXT,
  pricing_config        TEXT,
  created_at            TEXT NOT NULL,
  last_updated_at       TEXT NOT NULL,
  PRIMARY KEY (integration_id, slug)
);

-- A workspace's instance of an integration, addressed as @slug. Legacy virtual keys are providers
-- too; their model_config is derived from the integration's configurations.
CREATE TABLE providers (
  id              TEXT PRIMARY KEY,
  workspace_id    TEXT NOT NULL REFERENCES workspaces(id),
  integration_id  TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  slug            TEXT NOT NULL,
  name            TEXT NOT NULL,
  note            TEXT,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exhausted', 'expired')),
  usage_limits    TEXT,
  rate_limits     TEXT,
  current_usage   REAL NOT NULL DEFAULT 0,
  expires_at      TEXT,
  last_reset_at   TEXT,
  created_at      TEXT NOT NULL,
  last_updated_at TEXT NOT NULL,
  UNIQUE (workspace_id, slug)
);
CREATE INDEX providers_integration ON providers (integration_id);
