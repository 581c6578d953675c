-- Which paragraph of the working draft an applied proposal became, and how: the paragraph remembers
-- the proposals it came from (by pid), and the compilation shows what was applied, by whom, when.
ALTER TABLE proposals ADD COLUMN applied_pid TEXT;
-- 'bracketed' (in brackets attributed to the proposer) or 'agreed' (applied as plain text).
ALTER TABLE proposals ADD COLUMN applied_as TEXT CHECK (applied_as IN ('bracketed', 'agreed'));
ALTER TABLE proposals ADD COLUMN applied_by TEXT;
ALTER TABLE proposals ADD COLUMN applied_at TEXT;
CREATE INDEX proposals_applied ON proposals(document_id, applied_pid) WHERE applied_pid IS NOT NULL;
