-- Integrity of the update log. Each row carries the SHA-256 of its bytes (lowercase hex), so bytes
-- altered on disk are told apart from bytes as written; rows written before this migration keep
-- NULL and are checked only by applying them.
ALTER TABLE document_updates ADD COLUMN checksum TEXT;

-- From now on compaction deletes exactly the rows it folded into document_states, and loading
-- reads every row still in document_updates: document_states.last_seq is the highest seq folded
-- in, kept for the record, no longer a bound on what is loaded.

-- Rows of document_updates that could not be part of their document (bytes altered, not one whole
-- update, failing to apply, or referring to content the document lacks), moved here byte for byte
-- with the reason instead of being skipped or deleted. Never read back into a document by the server.
CREATE TABLE quarantined_updates (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,           -- the row's seq in document_updates
  data BLOB NOT NULL,
  checksum TEXT,                  -- as the row had it
  user_id TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,    -- when the row was written (epoch ms), as the row had it
  reason TEXT NOT NULL,
  quarantined_at TEXT NOT NULL,
  PRIMARY KEY (document_id, seq)
);
