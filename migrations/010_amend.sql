-- Issue #10, item 6: /amend <proposal#> <new title> [| <new reasons>], by its author while open.
-- Every vote cast before is reset (the vote history keeps them, with a removal by 'amend').
ALTER TABLE proposals ADD COLUMN amended_at INTEGER;

-- The text each amendment replaced, for the record (the author's own words: an erasure of the
-- author drops old_reasons, as it drops the proposal's reasons).
CREATE TABLE amendments (
  id          INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals (id),
  at          INTEGER NOT NULL,
  old_title   TEXT    NOT NULL,
  old_reasons TEXT    NOT NULL
);
CREATE INDEX amendments_proposal ON amendments (proposal_id);
