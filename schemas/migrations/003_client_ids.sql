-- Which signed-in user each Yjs client id of a document belongs to, bound on first use.
CREATE TABLE client_ids (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  bound_at TEXT NOT NULL,
  PRIMARY KEY (document_id, client_id)
);
