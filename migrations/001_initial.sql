-- Leaderful schema v1. Times are epoch milliseconds (UTC); local dates are ISO strings in the channel's zone.

CREATE TABLE channels (
  id                    INTEGER PRIMARY KEY,
  platform              TEXT    NOT NULL,
  space_id              TEXT    NOT NULL,
  channel_id            TEXT    NOT NULL,
  name                  TEXT,
  timezone              TEXT    NOT NULL,
  window_minutes        INTEGER NOT NULL,
  rule                  TEXT    NOT NULL CHECK (rule IN ('consent', 'majority', 'supermajority')),
  quorum                TEXT,
  rotation_weekday      INTEGER NOT NULL CHECK (rotation_weekday BETWEEN 1 AND 7),
  rotation_time         TEXT    NOT NULL,
  reminder_lead_minutes INTEGER NOT NULL,
  stewards              TEXT    NOT NULL DEFAULT '[]',
  next_rotation_at      INTEGER,
  next_proposal_number  INTEGER NOT NULL DEFAULT 1,
  created_at            INTEGER NOT NULL,
  UNIQUE (platform, space_id, channel_id)
);
CREATE INDEX channels_rotation_due ON channels (next_rotation_at) WHERE next_rotation_at IS NOT NULL;

CREATE TABLE users (
  platform     TEXT NOT NULL,
  space_id     TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  display_name TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (platform, space_id, user_id)
) WITHOUT ROWID;

CREATE TABLE proposals (
  id         INTEGER PRIMARY KEY,
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  number     INTEGER NOT NULL,
  author_id  TEXT    NOT NULL,
  title      TEXT    NOT NULL,
  reasons    TEXT    NOT NULL DEFAULT '',
  rule       TEXT    NOT NULL CHECK (rule IN ('consent', 'majority', 'supermajority')),
  quorum     TEXT,
  created_at INTEGER NOT NULL,
  closes_at  INTEGER NOT NULL,
  remind_at  INTEGER,
  status     TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'passed', 'rejected', 'no_quorum', 'withdrawn')),
  closed_at  INTEGER,
  closed_by  TEXT,
  agree      INTEGER NOT NULL DEFAULT 0,
  disagree   INTEGER NOT NULL DEFAULT 0,
  abstain    INTEGER NOT NULL DEFAULT 0,
  block      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (channel_fk, number)
);
-- The scheduler reads only these partial indexes, so its cost follows the due work, not the table.
CREATE INDEX proposals_due ON proposals (closes_at) WHERE status = 'open';
CREATE INDEX proposals_remind_due ON proposals (remind_at) WHERE status = 'open' AND remind_at IS NOT NULL;
CREATE INDEX proposals_decided ON proposals (channel_fk, closed_at) WHERE status <> 'open';

CREATE TABLE votes (
  proposal_id INTEGER NOT NULL REFERENCES proposals (id),
  user_id     TEXT    NOT NULL,
  stance      TEXT    NOT NULL CHECK (stance IN ('agree', 'disagree', 'abstain', 'block')),
  reason      TEXT,
  source      TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, user_id)
) WITHOUT ROWID;

-- Append-only: every cast, change and removal (stance NULL) of a vote.
CREATE TABLE vote_history (
  id          INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals (id),
  user_id     TEXT    NOT NULL,
  stance      TEXT    CHECK (stance IS NULL OR stance IN ('agree', 'disagree', 'abstain', 'block')),
  reason      TEXT,
  source      TEXT    NOT NULL,
  at          INTEGER NOT NULL
);
CREATE TRIGGER vote_history_no_update BEFORE UPDATE ON vote_history
BEGIN SELECT RAISE(ABORT, 'vote_history is append-only'); END;
CREATE TRIGGER vote_history_no_delete BEFORE DELETE ON vote_history
BEGIN SELECT RAISE(ABORT, 'vote_history is append-only'); END;

-- Every message the bot posted, with the platform's id for it.
CREATE TABLE messages (
  id                  INTEGER PRIMARY KEY,
  channel_fk          INTEGER NOT NULL REFERENCES channels (id),
  ref                 TEXT    NOT NULL UNIQUE,
  platform_message_id TEXT    NOT NULL,
  posted_at           INTEGER NOT NULL,
  last_edit_at        INTEGER,
  UNIQUE (channel_fk, platform_message_id)
);

CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  channel_fk  INTEGER NOT NULL REFERENCES channels (id),
  ref         TEXT    NOT NULL,
  op          TEXT    NOT NULL CHECK (op IN ('post', 'edit')),
  payload     TEXT    NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'done', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_at     INTEGER NOT NULL,
  lease_until INTEGER,
  last_error  TEXT,
  created_at  INTEGER NOT NULL,
  done_at     INTEGER
);
CREATE INDEX outbox_open ON outbox (id) WHERE status IN ('pending', 'sending');
-- At most one pending edit per message: later edits coalesce into it.
CREATE UNIQUE INDEX outbox_one_pending_edit ON outbox (ref) WHERE op = 'edit' AND status = 'pending';

-- Exactly-once keys of scheduled posts (reminder:<id>, outcome:<id>, rotation:<channel>:<period>).
CREATE TABLE scheduled_keys (
  key TEXT PRIMARY KEY,
  at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Platform event ids already handled (Slack event_id, Discord interaction id), pruned after a day.
CREATE TABLE seen_events (
  key TEXT PRIMARY KEY,
  at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX seen_events_at ON seen_events (at);

CREATE TABLE roles (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  name       TEXT    NOT NULL,
  position   INTEGER NOT NULL,
  PRIMARY KEY (channel_fk, name)
) WITHOUT ROWID;

CREATE TABLE roster (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  user_id    TEXT    NOT NULL,
  join_seq   INTEGER NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1,
  away_until INTEGER,
  joined_at  INTEGER NOT NULL,
  PRIMARY KEY (channel_fk, user_id)
) WITHOUT ROWID;

-- A period (the week starting at a rotation ping) once its holders are fixed.
CREATE TABLE periods (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  period     TEXT    NOT NULL,
  starts_at  INTEGER NOT NULL,
  PRIMARY KEY (channel_fk, period)
) WITHOUT ROWID;

CREATE TABLE assignments (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  period     TEXT    NOT NULL,
  role       TEXT    NOT NULL,
  user_id    TEXT,
  source     TEXT    NOT NULL CHECK (source IN ('auto', 'volunteer', 'skip', 'swap')),
  PRIMARY KEY (channel_fk, period, role)
) WITHOUT ROWID;

CREATE TABLE volunteers (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  period     TEXT    NOT NULL,
  role       TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  PRIMARY KEY (channel_fk, period, role)
) WITHOUT ROWID;

CREATE TABLE skips (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  period     TEXT    NOT NULL,
  role       TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (channel_fk, period, role, user_id)
) WITHOUT ROWID;
