-- Issue #9, "fair rotation that survives real life": pings every n weeks or monthly, roles that say
-- what they are and who may hold them, and who was available at each ping (for /rotation stats).

-- How often the rotation pings, beside its weekday and time: 'week', 'weeks <n> <monday ISO date>'
-- (every n weeks, in the series through that week) or 'month <n>' (n-th weekday; -1 = last).
ALTER TABLE channels ADD COLUMN rotation_repeat TEXT NOT NULL DEFAULT 'week';

-- What a role does, in the role's own words (shown in the ping and /rotation show).
ALTER TABLE roles ADD COLUMN description TEXT;

-- Members a role is limited to (a treasurer, say). No rows for a role: anyone on the rotation.
CREATE TABLE role_eligible (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  role       TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  PRIMARY KEY (channel_fk, role, user_id)
) WITHOUT ROWID;

-- Who was on the rotation and not away when a period's holders were fixed. Recorded from this
-- version on (earlier periods have no rows): /rotation stats counts a member's available periods.
CREATE TABLE period_available (
  channel_fk INTEGER NOT NULL REFERENCES channels (id),
  period     TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  PRIMARY KEY (channel_fk, period, user_id)
) WITHOUT ROWID;
CREATE INDEX period_available_user ON period_available (channel_fk, user_id);
