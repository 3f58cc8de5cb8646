-- The metadata but `_user` as one string (server/logs/events.ts metadataText): filters, text search
-- and groups by a metadata key read it with string functions, where decoding the metadata_key /
-- metadata_value lists costs ~0.3 s per 10 million rows before any work. Each pair is chr(31), the
-- key, chr(30), the value (no chr(30) when the value is NULL), and the text ends with chr(31);
-- chr(28) to chr(31) inside keys and values are escaped as chr(28) followed by chr(16) to chr(19).
ALTER TABLE request_logs ADD COLUMN metadata_text VARCHAR;
UPDATE request_logs SET metadata_text = coalesce(array_to_string(list_transform(
    list_filter(list_zip(metadata_key, metadata_value), p -> p[1] IS DISTINCT FROM '_user'),
    p -> chr(31)
      || coalesce(replace(replace(replace(replace(p[1], chr(28), chr(28) || chr(16)), chr(29), chr(28) || chr(17)), chr(30), chr(28) || chr(18)), chr(31), chr(28) || chr(19)), '')
      || CASE WHEN p[2] IS NULL THEN ''
              ELSE chr(30) || replace(replace(replace(replace(p[2], chr(28), chr(28) || chr(16)), chr(29), chr(28) || chr(17)), chr(30), chr(28) || chr(18)), chr(31), chr(28) || chr(19))
         END), ''), '') || chr(31);
