-- Log exports (spec §2.10): a filter and a list of fields, run in the background into a JSONL file
-- in <data dir>/exports/. Control-plane records: created, edited, started and cancelled through the
-- Admin API and updated after every chunk while they run, so they live here and not in DuckDB.
-- No foreign keys: an export outlives the key, user or workspace that made it.
CREATE TABLE log_exports (
  id                    TEXT PRIMARY KEY,
  organisation_id       TEXT NOT NULL,
  workspace_id          TEXT,            -- NULL: every workspace (made with an organisation key)
  description           TEXT,
  filters               TEXT NOT NULL DEFAULT '{}',
  requested_data        TEXT NOT NULL DEFAULT '[]',
  status                TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'in_progress', 'success', 'failed', 'stopped')),
  total_rows            INTEGER,         -- rows the export holds, counted when it is created, edited or started
  exported_rows         INTEGER NOT NULL DEFAULT 0,
  error_message         TEXT,
  file_bytes            INTEGER,
  created_by            TEXT NOT NULL,   -- the user of a user key, else the API key
  created_by_user_id    TEXT,            -- whose data-visibility limits the export follows
  created_by_api_key_id TEXT NOT NULL,
  started_at            TEXT,
  finished_at           TEXT,
  created_at            TEXT NOT NULL,
  last_updated_at       TEXT NOT NULL
);
CREATE INDEX log_exports_workspace ON log_exports (workspace_id, created_at);
CREATE INDEX log_exports_status ON log_exports (status);
