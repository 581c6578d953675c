import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { DocumentRow, DocumentStateRow, DocumentUpdateRow } from "../../schemas/rows.js";
import type { Db } from "./database.js";
import { newId } from "./ids.js";

/** What a room needs to rebuild a document: the compacted state and the updates after it. */
export interface StoredDocument {
  state: Uint8Array | null;
  updates: DocumentUpdateRow[];
}

/** One accepted update to append, with the account it came from. */
export interface UpdateToAppend {
  data: Uint8Array;
  userId: string | null;
}

const SELECT_DOCUMENT = `
  SELECT d.id, d.process_id, p.name AS process_name, d.title, d.style, d.language, d.created_at, d.updated_at
  FROM documents d JOIN processes p ON p.id = d.process_id`;

/**
 * Documents and their Yjs history in SQLite. The update log is append-only
 * until compaction folds a prefix of it into `document_states` in one
 * transaction, so a crash at any point leaves either the old or the new
 * representation, never neither.
 */
export class DocumentStore {
  constructor(private readonly db: Db) {}

  /** Creates a preparatory process and returns its id. */
  addProcess(name: string): string {
    const id = newId();
    this.db.prepare("INSERT INTO processes (id, name, created_at) VALUES (?, ?, ?)").run(id, name, new Date().toISOString());
    return id;
  }

  /** The most recently created process, if any. */
  newestProcessId(): string | null {
    return (this.db.prepare("SELECT id FROM processes ORDER BY created_at DESC LIMIT 1").pluck().get() as string | undefined) ?? null;
  }

  /** Creates a document with an initial Yjs state and returns its id. */
  addDocument(input: {
    processId: string;
    title: string;
    style: DocumentStyle;
    language: DocumentLanguage;
    initialState: Uint8Array;
  }): string {
    const id = newId();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO documents (id, process_id, title, style, language, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.processId, input.title, input.style, input.language, now, now);
      this.db
        .prepare("INSERT INTO document_states (document_id, state, last_seq, updated_at) VALUES (?, ?, 0, ?)")
        .run(id, input.initialState, now);
    })();
    return id;
  }

  /** All documents, newest process first, then by title. */
  list(): DocumentRow[] {
    return this.db
      .prepare(`${SELECT_DOCUMENT} ORDER BY p.created_at DESC, d.title`)
      .all()
      .map((row) => DocumentRow.parse(row));
  }

  /** One document's metadata, or null. */
  find(id: string): DocumentRow | null {
    const row = this.db.prepare(`${SELECT_DOCUMENT} WHERE d.id = ?`).get(id);
    return row ? DocumentRow.parse(row) : null;
  }

  /** The compacted state and the updates after it, in order. */
  load(documentId: string): StoredDocument {
    const stateRow = this.db
      .prepare("SELECT state, last_seq FROM document_states WHERE document_id = ?")
      .get(documentId);
    const state = stateRow ? DocumentStateRow.parse(stateRow) : null;
    const updates = this.db
      .prepare("SELECT seq, data FROM document_updates WHERE document_id = ? AND seq > ? ORDER BY seq")
      .all(documentId, state?.last_seq ?? 0)
      .map((row) => DocumentUpdateRow.parse(row));
    return { state: state?.state ?? null, updates };
  }

  /**
   * Appends updates in one transaction (one fsync) and returns the seq of the
   * last one; `alongside` writes related rows (audit records) in the same
   * transaction. Throws if the write fails; nothing is then stored.
   */
  append(documentId: string, updates: UpdateToAppend[], alongside: () => void = () => {}): number {
    const insert = this.db.prepare(
      "INSERT INTO document_updates (document_id, data, user_id, created_at) VALUES (?, ?, ?, ?)",
    );
    const touch = this.db.prepare("UPDATE documents SET updated_at = ? WHERE id = ?");
    return this.db.transaction(() => {
      const now = Date.now();
      let seq = 0;
      for (const u of updates) seq = Number(insert.run(documentId, u.data, u.userId, now).lastInsertRowid);
      if (updates.length > 0) touch.run(new Date(now).toISOString(), documentId);
      alongside();
      return seq;
    })();
  }

  /**
   * Replaces the compacted state with `state`, which must contain every
   * update up to `throughSeq`, and drops those updates, atomically.
   */
  compact(documentId: string, state: Uint8Array, throughSeq: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO document_states (document_id, state, last_seq, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(document_id) DO UPDATE SET state = excluded.state, last_seq = excluded.last_seq,
             updated_at = excluded.updated_at`,
        )
        .run(documentId, state, throughSeq, new Date().toISOString());
      this.db.prepare("DELETE FROM document_updates WHERE document_id = ? AND seq <= ?").run(documentId, throughSeq);
    })();
  }
}
