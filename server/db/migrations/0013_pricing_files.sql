-- Pricing files an admin dropped in (MODEL_CONFIGS_PRICING_LOCAL_PATH, <data dir>/pricing/), as last
-- accepted: a later version that fails its check is refused and this one stays in use, also
-- across restarts (server/pricing/tables.ts). refused_sha256 is the refused version, reported once.
CREATE TABLE pricing_files (
  layer          TEXT NOT NULL,
  name           TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  content        TEXT NOT NULL,
  accepted_at    TEXT NOT NULL,
  refused_sha256 TEXT,
  PRIMARY KEY (layer, name)
);
