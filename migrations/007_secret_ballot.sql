-- Issue #10, item 2: secret ballots. How a member voted is never stored beside their id.
-- Threat model and what each table is for: README, "Secret ballots".

-- The key of each open secret ballot: 32 random bytes, made when it is proposed and deleted when
-- it closes (or is withdrawn). With it, and only with it, a member id maps to its ballot-box row.
CREATE TABLE ballot_keys (
  proposal_id INTEGER PRIMARY KEY REFERENCES proposals (id),
  key         BLOB    NOT NULL
);

-- The ballot box of open secret ballots: one row per voter, keyed by HMAC-SHA256(key, member id),
-- never the id, so a member can change their vote and nobody reading the table learns whose row
-- is whose once the key is gone. `choice` is the stance (or, for a poll, the options chosen);
-- `reason` the reason given, shown at close without name or stance. No time is kept: it would let
-- a row be matched with who voted when. Emptied when the ballot closes.
CREATE TABLE secret_votes (
  proposal_id INTEGER NOT NULL REFERENCES proposals (id),
  voter       TEXT    NOT NULL,
  choice      TEXT    NOT NULL,
  reason      TEXT,
  PRIMARY KEY (proposal_id, voter)
) WITHOUT ROWID;

-- Who has voted in a secret ballot (the closing-soon reminder names who has not), never how:
-- no choice, no time, rows kept in id order (not the order of voting).
CREATE TABLE secret_voters (
  proposal_id INTEGER NOT NULL REFERENCES proposals (id),
  user_id     TEXT    NOT NULL,
  PRIMARY KEY (proposal_id, user_id)
) WITHOUT ROWID;

-- The reasons given in a closed secret ballot, written at close in the order of their text: no
-- voter, no stance (shown on its card as they are).
CREATE TABLE secret_reasons (
  proposal_id INTEGER NOT NULL REFERENCES proposals (id),
  reason      TEXT    NOT NULL
);
CREATE INDEX secret_reasons_proposal ON secret_reasons (proposal_id);
