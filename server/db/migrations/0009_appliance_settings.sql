-- Settings of the appliance itself rather than of the organisation: for now whether it listens on
-- the LAN (server/network/lanExposure.ts). One row per setting, its value as JSON. A missing row
-- means the default (LAN exposure off).
CREATE TABLE appliance_settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
