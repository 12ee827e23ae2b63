-- Issue #10, "decisions a group can trust": how a proposal's votes are shown.
-- 'open': the live tally and who voted how (as before); 'hidden': only how many have voted until
-- it closes, then everything; 'secret': the tally only at close, and how each member voted is never
-- stored beside their id.
ALTER TABLE proposals ADD COLUMN ballot TEXT NOT NULL DEFAULT 'open' CHECK (ballot IN ('open', 'hidden', 'secret'));
