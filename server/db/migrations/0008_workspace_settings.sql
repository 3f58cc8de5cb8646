-- A workspace's own security settings (spec §3.3): values for the sections the organisation lets
-- workspaces override (organisations.settings.workspace_overrides). The rest of a workspace's
-- settings come from its organisation.
ALTER TABLE workspaces ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
