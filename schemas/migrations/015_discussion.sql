-- The paragraph under discussion in each document's room, set by a facilitator; kept so that the hall
-- screen and everyone following find the discussion where it was after the server restarts.
CREATE TABLE discussion_state (
  document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  pid TEXT,
  set_by TEXT,
  set_at INTEGER
);
