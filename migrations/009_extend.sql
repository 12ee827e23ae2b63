-- Issue #10, item 5: --extend <duration>. When a proposal (or poll) has not met its quorum at its
-- deadline, it stays open once for this long (minutes, calendar days in the channel's zone) and the
-- channel is told; extended_at says when that happened (it happens at most once).
ALTER TABLE proposals ADD COLUMN extend_minutes INTEGER CHECK (extend_minutes IS NULL OR extend_minutes > 0);
ALTER TABLE proposals ADD COLUMN extended_at INTEGER;
