-- Text an edit moved rather than wrote: splitting or joining paragraphs re-creates the moved words
-- under the editor's Yjs client id. Each range of such new items keeps the author of the words it
-- carries (NULL: the draft's own text, written by no one in the room).
CREATE TABLE carried_text (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL,
  clock INTEGER NOT NULL,
  length INTEGER NOT NULL,
  author_id TEXT, -- a user id; kept as written even if that account were ever removed
  PRIMARY KEY (document_id, client_id, clock)
);
