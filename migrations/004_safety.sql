-- Issue #17, "safe in a real group": consented swaps, caps on open proposals, closing reasons,
-- coalesced notices, retention indexes, and erasure of a member's data ("forget me").

-- Caps on open proposals, per channel and per author (changed with /leaderful settings max-open …).
ALTER TABLE channels ADD COLUMN max_open INTEGER NOT NULL DEFAULT 50;
ALTER TABLE channels ADD COLUMN max_open_per_member INTEGER NOT NULL DEFAULT 10;
-- Counting a channel's (and an author's) open proposals reads only this small partial index.
CREATE INDEX proposals_open_by_author ON proposals (channel_fk, author_id) WHERE status = 'open';

-- Why a proposal was closed early or withdrawn, as the closer wrote it (shown in the outcome).
ALTER TABLE proposals ADD COLUMN close_reason TEXT;

-- A swap is an offer the other member accepts. Offers lapse when their week ends (expires_at = the
-- next rotation ping); runDue deletes lapsed ones, accept/decline delete the ones they settle.
CREATE TABLE swap_offers (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  period     TEXT    NOT NULL,
  from_user  TEXT    NOT NULL,
  to_user    TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (channel_fk, period, from_user, to_user)
) WITHOUT ROWID;
CREATE INDEX swap_offers_to ON swap_offers (channel_fk, to_user);
CREATE INDEX swap_offers_expiry ON swap_offers (expires_at);

-- Digests of rotation-change notices posted lately: an identical notice within a short window is
-- not posted again. Pruned by runDue.
CREATE TABLE recent_notices (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  digest     TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (channel_fk, digest)
) WITHOUT ROWID;
CREATE INDEX recent_notices_at ON recent_notices (at);

-- Retention: runDue deletes finished outbox rows and old exactly-once keys by age.
CREATE INDEX outbox_finished ON outbox (created_at) WHERE status IN ('done', 'failed');
CREATE INDEX scheduled_keys_at ON scheduled_keys (at);

-- Erasure ("forget me"). While an erasure runs, its transaction holds one row here: the member's id
-- and the pseudonym replacing it. vote_history stays append-only except for exactly that
-- replacement: the member's own rows may change user_id from the id to the pseudonym (their reason
-- dropped), and another member's reason that names the id may be rewritten so it no longer does.
-- Every other column must stay as it was. The row is deleted before the transaction commits.
CREATE TABLE erasure_in_progress (
  user_id   TEXT NOT NULL,
  pseudonym TEXT NOT NULL CHECK (pseudonym LIKE 'forgotten:%')
);

DROP TRIGGER vote_history_no_update;
CREATE TRIGGER vote_history_no_update BEFORE UPDATE ON vote_history
WHEN NOT (
  NEW.id = OLD.id AND NEW.proposal_id = OLD.proposal_id AND NEW.stance IS OLD.stance
  AND NEW.source = OLD.source AND NEW.at = OLD.at
  AND EXISTS (
    SELECT 1 FROM erasure_in_progress e
    WHERE (OLD.user_id = e.user_id AND NEW.user_id = e.pseudonym AND NEW.reason IS NULL)
       OR (NEW.user_id = OLD.user_id AND instr(OLD.reason, e.user_id) > 0
           AND NEW.reason IS NOT NULL AND instr(NEW.reason, e.user_id) = 0)
  )
)
BEGIN SELECT RAISE(ABORT, 'vote_history is append-only'); END;
