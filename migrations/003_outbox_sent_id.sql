-- The platform's id of a post is written the moment its send succeeds, before the message is
-- recorded: a retry after a failed recording finds it and records the post instead of sending again.
ALTER TABLE outbox ADD COLUMN sent_message_id TEXT;
