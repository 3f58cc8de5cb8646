-- Budgets, rate limits and limit policies (issue 14, ADR 0016 and 0017). The gateway counts in
-- memory; these tables are where the counts are made durable, once a second and at shutdown.

-- One row per budget counter: an API key, a workspace budget, a provider, an integration's
-- allocation to a workspace, or one entity of a usage-limit policy. cost is in USD.
CREATE TABLE usage_counters (
  counter_key          TEXT PRIMARY KEY,
  cost                 REAL NOT NULL DEFAULT 0,
  tokens               INTEGER NOT NULL DEFAULT 0,
  requests             INTEGER NOT NULL DEFAULT 0,
  status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exhausted')),
  threshold_alert_sent INTEGER NOT NULL DEFAULT 0,
  exhausted_alert_sent INTEGER NOT NULL DEFAULT 0,
  last_reset_at        TEXT,
  next_reset_at        TEXT,
  anchor               TEXT NOT NULL,
  -- The definition last applied (type, limit, threshold, schedule), to notice changes made while stopped.
  definition           TEXT,
  updated_at           TEXT NOT NULL
);

-- Rate-limit windows (requests and tokens), so a restart does not hand out a fresh day or week.
CREATE TABLE rate_windows (
  window_key TEXT PRIMARY KEY,
  state      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE usage_limit_policies (
  id                  TEXT PRIMARY KEY,
  organisation_id     TEXT NOT NULL REFERENCES organisations(id),
  workspace_id        TEXT REFERENCES workspaces(id) ON DELETE CASCADE,
  name                TEXT NOT NULL,
  description         TEXT,
  conditions          TEXT NOT NULL,
  group_by            TEXT NOT NULL,
  type                TEXT NOT NULL CHECK (type IN ('cost', 'tokens', 'requests')),
  credit_limit        REAL NOT NULL,
  alert_threshold     REAL,
  periodic_reset      TEXT CHECK (periodic_reset IN ('weekly', 'monthly')),
  periodic_reset_days INTEGER,
  next_usage_reset_at TEXT,
  status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_by          TEXT,
  created_at          TEXT NOT NULL,
  last_updated_at     TEXT NOT NULL
);
CREATE INDEX usage_limit_policies_org ON usage_limit_policies (organisation_id, workspace_id);

CREATE TABLE rate_limit_policies (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  workspace_id    TEXT REFERENCES workspaces(id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  description     TEXT,
  target          TEXT NOT NULL DEFAULT 'llm' CHECK (target IN ('llm', 'mcp_tools')),
  conditions      TEXT NOT NULL,
  group_by        TEXT NOT NULL,
  type            TEXT NOT NULL CHECK (type IN ('requests', 'tokens')),
  unit            TEXT NOT NULL CHECK (unit IN ('rps', 'rpm', 'rph', 'rpd', 'rpw')),
  value           INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_by      TEXT,
  created_at      TEXT NOT NULL,
  last_updated_at TEXT NOT NULL
);
CREATE INDEX rate_limit_policies_org ON rate_limit_policies (organisation_id, workspace_id);

-- Each distinct group_by combination a usage-limit policy has counted (its counter is
-- usage_counters 'policy:<id>').
CREATE TABLE policy_entities (
  id           TEXT PRIMARY KEY,
  policy_id    TEXT NOT NULL REFERENCES usage_limit_policies(id) ON DELETE CASCADE,
  value_key    TEXT NOT NULL,
  workspace_id TEXT,
  created_at   TEXT NOT NULL,
  UNIQUE (policy_id, value_key)
);

-- In-app notifications: budget alerts and exhaustion, listed by GET /v1/notifications.
CREATE TABLE notifications (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL,
  workspace_id    TEXT,
  type            TEXT NOT NULL,
  subject_type    TEXT NOT NULL,
  subject_id      TEXT NOT NULL,
  message         TEXT NOT NULL,
  data            TEXT NOT NULL DEFAULT '{}',
  created_at      TEXT NOT NULL
);
CREATE INDEX notifications_created ON notifications (organisation_id, created_at);

-- Explicit upstream concurrency (NULL: unlimited, the model server's own queue decides).
ALTER TABLE providers ADD COLUMN max_concurrent_requests INTEGER;
ALTER TABLE integrations ADD COLUMN max_concurrent_requests INTEGER;
