-- What an outcome document prints in its header, and whether it is still a draft.
-- A draft (an imported document until the secretariat publishes it) is read only by the
-- secretariat and facilitators. Every existing document is published.
ALTER TABLE documents ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
-- The document symbol, e.g. WSIS+20/MPP/3/Rev.2; empty when not given.
ALTER TABLE documents ADD COLUMN symbol TEXT NOT NULL DEFAULT '';
-- The date the document bears (YYYY-MM-DD), empty when not given.
ALTER TABLE documents ADD COLUMN dated TEXT NOT NULL DEFAULT '';
-- Where it was adopted or issued, e.g. Geneva.
ALTER TABLE documents ADD COLUMN place TEXT NOT NULL DEFAULT '';
