-- Guardrail verdicts (the guardrails issue): every request a guardrail ran on keeps its hook results
-- as the client saw them (JSON text: before_request_hooks and after_request_hooks, each check's
-- verdict, timing and explanation), and the ids of the guardrails that passed and failed, which the
-- log filters and the guardrails graph read. NULL where no guardrail ran.
ALTER TABLE request_logs ADD COLUMN hook_results VARCHAR;
ALTER TABLE request_logs ADD COLUMN guardrails_passed VARCHAR[];
ALTER TABLE request_logs ADD COLUMN guardrails_failed VARCHAR[];

-- Async guardrails finish after their request's row was written: their verdicts arrive here, one
-- row per guardrail, and are read together with the row's own.
CREATE TABLE guardrail_async_results (
  request_id   VARCHAR NOT NULL,
  created_at   TIMESTAMP NOT NULL,
  workspace_id VARCHAR,
  trace_id     VARCHAR,
  phase        VARCHAR NOT NULL,
  guardrail_id VARCHAR NOT NULL,
  verdict      BOOLEAN NOT NULL,
  result       VARCHAR NOT NULL
);
