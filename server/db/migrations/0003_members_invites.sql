-- Workspaces, members and invites (spec §2.4, §2.5).

-- Workspace metadata (distinct from defaults.metadata, which requests inherit), and the budget
-- counter that `reset_usage` clears; the limits issue enforces usage_limits against it.
ALTER TABLE workspaces ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
ALTER TABLE workspaces ADD COLUMN current_usage REAL NOT NULL DEFAULT 0;
ALTER TABLE workspaces ADD COLUMN last_reset_at TEXT;

CREATE INDEX workspace_members_user ON workspace_members (user_id);

-- An invitation to join the organisation. The link's token is random and stored only as its
-- SHA-256 hash. `expired` is not stored by the API: a pending invite past expires_at reads as
-- expired (the value is allowed so that a sweeper may record it).
CREATE TABLE invites (
  id                        TEXT PRIMARY KEY,
  organisation_id           TEXT NOT NULL REFERENCES organisations(id),
  email                     TEXT NOT NULL COLLATE NOCASE,
  role                      TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  token_hash                TEXT NOT NULL UNIQUE,
  status                    TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'cancelled', 'expired')),
  -- {scopes, name?, metadata?, expires_at?} for the workspace user keys made on acceptance.
  workspace_api_key_details TEXT,
  -- The inviting person, when a person invited; the API key that sent the request otherwise.
  invited_by                TEXT,
  invited_by_api_key_id     TEXT,
  accepted_user_id          TEXT REFERENCES users(id) ON DELETE SET NULL,
  expires_at                TEXT NOT NULL,
  accepted_at               TEXT,
  cancelled_at              TEXT,
  created_at                TEXT NOT NULL,
  last_updated_at           TEXT NOT NULL
);
CREATE INDEX invites_email ON invites (organisation_id, email);

-- The workspaces an invite grants, with the role in each. Deleting a workspace drops it from
-- pending invites.
CREATE TABLE invite_workspaces (
  invite_id    TEXT NOT NULL REFERENCES invites(id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'member')),
  PRIMARY KEY (invite_id, workspace_id)
);
CREATE INDEX invite_workspaces_workspace ON invite_workspaces (workspace_id);
