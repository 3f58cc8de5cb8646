-- The `_user` metadata value in a column of its own: the users graphs and groups (spec §2.9) count
-- and group by it, and reading it out of the metadata lists costs ~10x a plain column scan.
ALTER TABLE request_logs ADD COLUMN metadata_user VARCHAR;
UPDATE request_logs SET metadata_user = metadata_value[list_position(metadata_key, '_user')];
