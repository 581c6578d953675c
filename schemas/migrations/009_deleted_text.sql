-- Who deleted what. Yjs keeps no author of a deletion, so the room records, when it accepts an
-- update and in the same transaction as the update itself, the ranges of items that update deleted
-- and the user it came from. Comparisons of revisions and tracked changes name deleters from it.
-- Compaction folds the update log; it never touches this table.
CREATE TABLE deleted_text (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL,
  clock INTEGER NOT NULL,
  length INTEGER NOT NULL,
  deleter_id TEXT NOT NULL, -- a user id; kept as written even if that account were ever removed
  deleted_at TEXT NOT NULL,
  PRIMARY KEY (document_id, client_id, clock)
);
