-- Feedback on requests (spec §2.16): a value from -10 to 10 with a weight from 0 to 1, given per
-- trace id by a workspace key. Kept beside the logs so analytics join it to them in one query.
-- (Log exports keep their metadata in SQLite, migration 0006_log_exports: they are control-plane
-- records updated as they run, not log data.)
CREATE TABLE feedback (
  id              VARCHAR NOT NULL,
  created_at      TIMESTAMP NOT NULL,
  last_updated_at TIMESTAMP NOT NULL,
  organisation_id VARCHAR,
  workspace_id    VARCHAR,
  api_key_id      VARCHAR,
  user_id         VARCHAR,
  trace_id        VARCHAR NOT NULL,
  value           SMALLINT NOT NULL,
  weight          DOUBLE NOT NULL,
  metadata        VARCHAR
);

-- Feedback per trace, as logs show it and filter on it (weighted_feedback_min/max): the weighted
-- value of one feedback is value x weight.
CREATE VIEW feedback_by_trace AS
  SELECT workspace_id,
         trace_id,
         count(*)                AS feedback_count,
         avg(value)              AS avg_value,
         avg(value * weight)     AS avg_weighted_value,
         max(last_updated_at)    AS last_feedback_at
  FROM feedback
  GROUP BY workspace_id, trace_id;
