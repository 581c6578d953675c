-- Who did what to which paragraph, when: facilitator actions, revisions, refused updates.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id TEXT REFERENCES users(id),
  document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
  pid TEXT,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_document ON audit_log(document_id, id);

-- Issued revisions: the frozen text and labels at the moment of issuing.
CREATE TABLE revisions (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  state BLOB NOT NULL,
  issued_by TEXT REFERENCES users(id),
  issued_at TEXT NOT NULL,
  UNIQUE (document_id, number)
);
