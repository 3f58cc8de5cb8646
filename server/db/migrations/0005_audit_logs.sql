-- Audit log (spec §2.11): one row per Admin API mutation, login or failed login. Rows outlive the
-- things they name, so there are no foreign keys. Bodies, query strings and headers are stored
-- with their secrets already masked (server/audit/mask.ts). `seq` orders rows written in the same
-- millisecond; `timestamp` is ISO 8601 UTC with milliseconds, so text order is time order.

CREATE TABLE audit_logs (
  seq                  INTEGER PRIMARY KEY,
  id                   TEXT NOT NULL UNIQUE,
  timestamp            TEXT NOT NULL,
  organisation_id      TEXT NOT NULL,
  workspace_id         TEXT,
  -- The acting person (the key's owner, or the logged-in user) and the acting key, when known.
  user_id              TEXT,
  user_type            TEXT CHECK (user_type IN ('user', 'api_key')),
  api_key_id           TEXT,
  api_key_type         TEXT,
  method               TEXT NOT NULL,
  uri                  TEXT NOT NULL,
  request_id           TEXT NOT NULL,
  request_body         TEXT,
  query_params         TEXT,
  request_headers      TEXT,
  response_status_code INTEGER NOT NULL,
  resource_type        TEXT NOT NULL,
  resource_id          TEXT,
  action               TEXT NOT NULL,
  client_ip            TEXT,
  user_agent           TEXT,
  -- Always NULL on the appliance: there is no offline IP-to-country database.
  country              TEXT
);

CREATE INDEX audit_logs_time      ON audit_logs (timestamp);
CREATE INDEX audit_logs_workspace ON audit_logs (workspace_id, timestamp);
CREATE INDEX audit_logs_user      ON audit_logs (user_id, timestamp);
CREATE INDEX audit_logs_api_key   ON audit_logs (api_key_id, timestamp);
CREATE INDEX audit_logs_resource  ON audit_logs (resource_type, action, timestamp);
CREATE INDEX audit_logs_request   ON audit_logs (request_id);
CREATE INDEX audit_logs_client_ip ON audit_logs (client_ip, timestamp);
