-- Issue #10, item 3: option polls. A poll is a proposal of kind 'poll': it shares the numbering,
-- deadlines, reminders, quorum, ballots and the decision log. Its question is the title; its
-- options are below. A poll that closed with a result is stored as 'passed' (shown as "decided"),
-- one nobody voted in as 'rejected' (shown as "no votes"): the status CHECK of 001 has no new words.
ALTER TABLE proposals ADD COLUMN kind TEXT NOT NULL DEFAULT 'proposal' CHECK (kind IN ('proposal', 'poll'));
-- 1: members may choose several options (--multi).
ALTER TABLE proposals ADD COLUMN multi INTEGER NOT NULL DEFAULT 0 CHECK (multi IN (0, 1));

-- A poll's options, 1 to 10, with how many chose each (kept up to date like a proposal's counts).
CREATE TABLE poll_options (
  proposal_id INTEGER NOT NULL REFERENCES proposals (id),
  position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 10),
  label       TEXT    NOT NULL,
  votes       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proposal_id, position)
) WITHOUT ROWID;

-- A member's current choice in an open or hidden poll: the options chosen, as "1" or "1,3".
-- (Secret polls keep theirs in the secret ballot box, like secret proposals.)
CREATE TABLE poll_votes (
  proposal_id INTEGER NOT NULL REFERENCES proposals (id),
  user_id     TEXT    NOT NULL,
  choices     TEXT    NOT NULL,
  source      TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, user_id)
) WITHOUT ROWID;

-- Append-only, like vote_history: every choice and its removal (choices NULL).
CREATE TABLE poll_vote_history (
  id          INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals (id),
  user_id     TEXT    NOT NULL,
  choices     TEXT,
  source      TEXT    NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX poll_vote_history_proposal ON poll_vote_history (proposal_id);
CREATE TRIGGER poll_vote_history_no_delete BEFORE DELETE ON poll_vote_history
BEGIN SELECT RAISE(ABORT, 'poll_vote_history is append-only'); END;
-- The one change allowed: an erasure in progress replaces the member's id by their pseudonym.
CREATE TRIGGER poll_vote_history_no_update BEFORE UPDATE ON poll_vote_history
WHEN NOT (
  NEW.id = OLD.id AND NEW.proposal_id = OLD.proposal_id AND NEW.choices IS OLD.choices
  AND NEW.source = OLD.source AND NEW.at = OLD.at
  AND EXISTS (SELECT 1 FROM erasure_in_progress e WHERE OLD.user_id = e.user_id AND NEW.user_id = e.pseudonym)
)
BEGIN SELECT RAISE(ABORT, 'poll_vote_history is append-only'); END;
