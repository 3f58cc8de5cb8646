-- Sessions of people signed in with a local account (spec §3.3 session_settings). The cookie's
-- token is random (256 bits) and stored only as its SHA-256 hash; the CSRF token is derived from
-- it, so neither can be read back from the database. A session ends at expires_at, on logout, on
-- a password change (the user's other sessions), and with its user (archived users are refused at
-- once by the lookup, deleted ones take their sessions with them).
CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  client_ip    TEXT,
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
