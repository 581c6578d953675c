-- One-time links that let an invited user (or one whose password was reset) set a password.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY, -- SHA-256 of the token, hex
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX invitations_user ON invitations(user_id);

-- Facilitators named for one document; they have facilitator powers there whatever their role.
CREATE TABLE document_facilitators (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (document_id, user_id)
);
