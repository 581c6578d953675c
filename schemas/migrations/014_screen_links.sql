-- Read-only screen links: what the projector in the hall opens without signing in. Only the SHA-256
-- of a link's key is kept (hex), as for sessions, so the database gives no usable key away.
CREATE TABLE screen_links (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  key_hash TEXT NOT NULL UNIQUE,
  -- What the secretariat calls it ("Hall A, main screen").
  label TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  -- Set once revoked: the key opens nothing any more.
  revoked_at TEXT,
  revoked_by TEXT REFERENCES users(id)
);
CREATE INDEX screen_links_document ON screen_links(document_id, created_at);
