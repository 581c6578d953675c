-- Proposals against a document's text, the ITU way: MOD (change a paragraph), ADD (a new paragraph
-- after one), SUP (suppress one), NOC (no change), each with its id (e.g. EUR/12A3/1) and reasons.
-- A draft proposal is its delegation's alone; submitted, everyone who reads the document reads it.
CREATE TABLE proposals (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  -- The public id, unique per document: the delegation's prefix and a number, or as the proposer gave it.
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('MOD', 'ADD', 'SUP', 'NOC')),
  -- The base paragraph (MOD, SUP, NOC), or the block after which the new paragraph goes (ADD).
  pid TEXT NOT NULL,
  -- The base paragraph's words when the proposal was made ('' for ADD): what a MOD is shown against.
  base_text TEXT NOT NULL,
  -- The paragraph as proposed (MOD, ADD); NULL for SUP and NOC.
  text TEXT,
  reasons TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'withdrawn', 'applied')),
  author_id TEXT NOT NULL,
  -- The proposer's delegation; proposals belong to it (NULL: the author's alone).
  delegation_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  UNIQUE (document_id, label)
);
CREATE INDEX proposals_document ON proposals(document_id, created_at);

-- Whether a document takes new proposals (the secretariat closes the proposal period).
ALTER TABLE documents ADD COLUMN proposals_open INTEGER NOT NULL DEFAULT 1 CHECK (proposals_open IN (0, 1));
