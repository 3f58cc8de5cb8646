-- Key lifecycle: scheduled rotation, the sealed copy of a secret made by a scheduled rotation, and
-- the invariants of rotation (one current secret per key, at most two secrets in all).

-- When the key is next rotated by the worker (UTC midnight, ISO 8601); NULL when nothing is
-- scheduled. The schedule itself stays in rotation_policy (JSON).
ALTER TABLE api_keys ADD COLUMN next_rotation_at TEXT;
ALTER TABLE api_keys ADD COLUMN last_rotated_at TEXT;
UPDATE api_keys
  SET next_rotation_at = strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(rotation_policy, '$.next_rotation_at'))
  WHERE rotation_policy IS NOT NULL AND json_valid(rotation_policy);
CREATE INDEX api_keys_next_rotation ON api_keys (next_rotation_at) WHERE next_rotation_at IS NOT NULL;
CREATE INDEX api_keys_expires ON api_keys (expires_at) WHERE expires_at IS NOT NULL AND status <> 'expired';
CREATE INDEX api_keys_workspace_user ON api_keys (workspace_id, user_id) WHERE user_id IS NOT NULL;

-- A secret made by a scheduled rotation, sealed with the master key (AES-256-GCM) so an admin can
-- reveal it once (docs/adr/0003-scheduled-key-rotation.md). NULL otherwise, and cleared when
-- revealed or when the secret stops being the current one. Authentication still uses only `hash`.
ALTER TABLE api_key_secrets ADD COLUMN sealed_secret TEXT;

-- The current secret has expires_at NULL; a rotated-out one keeps working until its expires_at.
CREATE UNIQUE INDEX api_key_secrets_one_current ON api_key_secrets (api_key_id) WHERE expires_at IS NULL;
CREATE INDEX api_key_secrets_expires ON api_key_secrets (expires_at) WHERE expires_at IS NOT NULL;
CREATE TRIGGER api_key_secrets_at_most_two BEFORE INSERT ON api_key_secrets
  WHEN (SELECT count(*) FROM api_key_secrets WHERE api_key_id = NEW.api_key_id) >= 2
BEGIN
  SELECT RAISE(ABORT, 'an API key holds at most two secrets');
END;
