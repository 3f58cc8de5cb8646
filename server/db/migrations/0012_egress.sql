-- Outbound connections (server/security/egress/, docs/adr/0023): the destinations admins allowed
-- through the Admin API, and what the appliance did about outbound calls: which destinations it
-- contacted (counted per feature) and which attempts it refused, with the caller.
CREATE TABLE egress_allow_list (
  id              TEXT PRIMARY KEY,
  destination     TEXT NOT NULL UNIQUE,
  description     TEXT,
  created_at      TEXT NOT NULL,
  -- Who added it: 'user' (a person's session) or 'api_key', the id, and a label to show (email, key name).
  created_by_type TEXT,
  created_by_id   TEXT,
  created_by_name TEXT
);

CREATE TABLE egress_contacts (
  destination TEXT NOT NULL,
  feature     TEXT NOT NULL,
  requests    INTEGER NOT NULL DEFAULT 0,
  connections INTEGER NOT NULL DEFAULT 0,
  first_at    TEXT NOT NULL,
  last_at     TEXT NOT NULL,
  PRIMARY KEY (destination, feature)
);

CREATE TABLE egress_refusals (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL,
  destination  TEXT NOT NULL,
  feature      TEXT NOT NULL,
  caller_type  TEXT,
  caller_id    TEXT,
  caller_name  TEXT,
  workspace_id TEXT,
  trace_id     TEXT
);
CREATE INDEX egress_refusals_at ON egress_refusals (at);
