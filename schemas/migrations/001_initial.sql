-- Accounts, sessions, documents and the per-document update log.
CREATE TABLE processes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE delegations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  stakeholder_group TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  delegation_id TEXT REFERENCES delegations(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- id is the SHA-256 of the session token (hex); the token itself is never stored.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  process_id TEXT NOT NULL REFERENCES processes(id),
  title TEXT NOT NULL,
  style TEXT NOT NULL,
  language TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The compacted Yjs state of a document: every update with seq <= last_seq is merged in.
CREATE TABLE document_states (
  document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  state BLOB NOT NULL,
  last_seq INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);

-- Accepted Yjs updates not yet merged into document_states, in arrival order.
CREATE TABLE document_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  data BLOB NOT NULL,
  user_id TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX document_updates_doc_seq ON document_updates(document_id, seq);
