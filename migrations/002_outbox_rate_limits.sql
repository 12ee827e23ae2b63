-- Rate-limited retries (429 with Retry-After) are the platform pacing us, not failing: they are
-- counted apart from failed attempts, under their own, larger bound.
ALTER TABLE outbox ADD COLUMN rate_limited INTEGER NOT NULL DEFAULT 0;
