-- How long a request waited for a provider's or integration's concurrency slot
-- (max_concurrent_requests, issue 14), in ms; NULL when it did not wait.
ALTER TABLE request_logs ADD COLUMN queue_time DOUBLE;
