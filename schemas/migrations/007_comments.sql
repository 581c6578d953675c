-- Paragraph comments: threads anchored to a block's pid, kept out of the Yjs document so that every
-- write goes through the permission table and the audit log and never touches the text.
CREATE TABLE comment_threads (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  pid TEXT NOT NULL,                -- the block the thread is on; stays when the block is deleted or dropped
  quote_text TEXT,                  -- the quoted words as they were when quoted (NULL: the whole paragraph)
  quote_start BLOB,                 -- Yjs relative position of the first quoted character
  quote_end BLOB,                   -- Yjs relative position just after the last quoted character
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT REFERENCES users(id),
  version INTEGER NOT NULL          -- the document's comment version at the thread's last change (?since=)
);
CREATE INDEX comment_threads_document ON comment_threads(document_id, version);

-- The comments of a thread, the first one opening it. A deleted comment keeps its row (the thread
-- then says "comment deleted"); a hidden one keeps its body for the secretariat.
CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  edited_at TEXT,
  deleted_at TEXT,
  hidden_at TEXT,
  hidden_by TEXT REFERENCES users(id),
  hidden_reason TEXT
);
CREATE INDEX comments_thread ON comments(thread_id, created_at);

-- Whether observers of a document see its comments (the secretariat may hide them).
ALTER TABLE documents ADD COLUMN comments_for_observers INTEGER NOT NULL DEFAULT 1;
