import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import {
  DocumentRow, DocumentStateRow, DocumentUpdateRow, QuarantinedUpdateRow, QuarantineSummaryRow,
} from "../../schemas/rows.js";
import { AuditStore } from "./auditStore.js";
import { updateChecksum } from "./checksum.js";
import type { Db } from "./database.js";
import { newId } from "./ids.js";

/** What a room needs to rebuild a document: the compacted state and every update not folded into it. */
export interface StoredDocument {
  state: Uint8Array | null;
  updates: DocumentUpdateRow[];
}

/** A log row to set aside and why. */
export interface UpdateToQuarantine {
  seq: number;
  reason: string;
}

/** The audit action recorded when damaged updates are set aside. */
export const QUARANTINE_ACTION = "document.quarantined";

/** One accepted update to append, with the account it came from. */
export interface UpdateToAppend {
  data: Uint8Array;
  userId: string | null;
}

const SELECT_DOCUMENT = `
  SELECT d.id, d.process_id, p.name AS process_name, d.title, d.style, d.language, d.created_at, d.updated_at,
    d.draft, d.symbol, d.dated, d.place
  FROM documents d JOIN processes p ON p.id = d.process_id`;

/**
 * Documents and their Yjs history in SQLite. The update log is append-only
 * until compaction folds the rows a room applied into `document_states` in
 * one transaction, so a crash at any point leaves either the old or the new
 * representation, never neither. A row that cannot be part of its document
 * is moved to `quarantined_updates`, never deleted.
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
    /** Read only by the secretariat and facilitators until published. */
    draft?: boolean;
  }): string {
    const id = newId();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO documents (id, process_id, title, style, language, created_at, updated_at, draft)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.processId, input.title, input.style, input.language, now, now, input.draft ? 1 : 0);
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

  /** Changes what a document prints in its header (and its title); the fields not given stay. */
  describe(id: string, details: { title?: string; symbol?: string; dated?: string; place?: string; language?: DocumentLanguage }): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `UPDATE documents SET title = coalesce(?, title), symbol = coalesce(?, symbol), dated = coalesce(?, dated),
           place = coalesce(?, place), language = coalesce(?, language), updated_at = ? WHERE id = ?`,
      )
      .run(details.title ?? null, details.symbol ?? null, details.dated ?? null, details.place ?? null, details.language ?? null, now, id);
  }

  /** Publishes a draft: from now on everyone who may read documents reads it. Whether it was a draft. */
  publish(id: string): boolean {
    return this.db.prepare("UPDATE documents SET draft = 0, updated_at = ? WHERE id = ? AND draft = 1").run(new Date().toISOString(), id).changes > 0;
  }

  /** One document's metadata, or null. */
  find(id: string): DocumentRow | null {
    const row = this.db.prepare(`${SELECT_DOCUMENT} WHERE d.id = ?`).get(id);
    return row ? DocumentRow.parse(row) : null;
  }

  /**
   * The compacted state and every row still in the log, in seq order. Not
   * bounded by `last_seq`: compaction deletes exactly the rows it folded in,
   * so whatever remains (even a row with a lower seq, appended by another
   * process during a compaction) has yet to be applied.
   */
  load(documentId: string): StoredDocument {
    const stateRow = this.db
      .prepare("SELECT state, last_seq FROM document_states WHERE document_id = ?")
      .get(documentId);
    const state = stateRow ? DocumentStateRow.parse(stateRow) : null;
    const updates = this.db
      .prepare("SELECT seq, data, checksum FROM document_updates WHERE document_id = ? ORDER BY seq")
      .all(documentId)
      .map((row) => DocumentUpdateRow.parse(row));
    return { state: state?.state ?? null, updates };
  }

  /**
   * Appends updates, each with its checksum, in one transaction (one fsync)
   * and returns their seqs in order; `alongside` writes related rows (audit
   * records) in the same transaction. Throws if the write fails; nothing is
   * then stored.
   */
  append(documentId: string, updates: UpdateToAppend[], alongside: () => void = () => {}): number[] {
    const insert = this.db.prepare(
      "INSERT INTO document_updates (document_id, data, checksum, user_id, created_at) VALUES (?, ?, ?, ?, ?)",
    );
    const touch = this.db.prepare("UPDATE documents SET updated_at = ? WHERE id = ?");
    return this.db.transaction(() => {
      const now = Date.now();
      const seqs = updates.map((u) => Number(insert.run(documentId, u.data, updateChecksum(u.data), u.userId, now).lastInsertRowid));
      if (updates.length > 0) touch.run(new Date(now).toISOString(), documentId);
      alongside();
      return seqs;
    })();
  }

  /**
   * Replaces the compacted state with `state` and deletes exactly the log
   * rows `seqs`, atomically. `state` must contain every one of them (they
   * are the rows applied to the document it was encoded from); rows not
   * named stay in the log, whatever their seq.
   */
  compact(documentId: string, state: Uint8Array, seqs: readonly number[]): void {
    const remove = this.db.prepare("DELETE FROM document_updates WHERE document_id = ? AND seq = ?");
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO document_states (document_id, state, last_seq, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(document_id) DO UPDATE SET state = excluded.state,
             last_seq = max(document_states.last_seq, excluded.last_seq), updated_at = excluded.updated_at`,
        )
        .run(documentId, state, seqs.reduce((a, b) => Math.max(a, b), 0), new Date().toISOString());
      for (const seq of seqs) remove.run(documentId, seq);
    })();
  }

  /**
   * Moves log rows that cannot be part of the document to
   * `quarantined_updates`, with their reasons, and records it in the audit
   * log, in one transaction. Returns the rows moved: a row already moved
   * (by another process loading the same document) is neither moved nor
   * recorded again.
   */
  quarantine(documentId: string, rows: readonly UpdateToQuarantine[]): UpdateToQuarantine[] {
    const move = this.db.prepare(
      `INSERT INTO quarantined_updates (document_id, seq, data, checksum, user_id, created_at, reason, quarantined_at)
       SELECT document_id, seq, data, checksum, user_id, created_at, ?, ? FROM document_updates WHERE document_id = ? AND seq = ?`,
    );
    const remove = this.db.prepare("DELETE FROM document_updates WHERE document_id = ? AND seq = ?");
    return this.db.transaction(() => {
      const at = new Date().toISOString();
      const moved = rows.filter((row) => move.run(row.reason, at, documentId, row.seq).changes > 0);
      for (const row of moved) remove.run(documentId, row.seq);
      if (moved.length > 0) {
        new AuditStore(this.db).append([{
          userId: null, documentId, pid: null, action: QUARANTINE_ACTION,
          detail: { updates: moved.map((row) => ({ seq: row.seq, reason: row.reason })) },
        }], at);
      }
      return moved;
    })();
  }

  /** The rows of a document set aside so far, in seq order. */
  listQuarantined(documentId: string): QuarantinedUpdateRow[] {
    return this.db
      .prepare("SELECT * FROM quarantined_updates WHERE document_id = ? ORDER BY seq")
      .all(documentId)
      .map((row) => QuarantinedUpdateRow.parse(row));
  }

  /** For every document with rows set aside: how many, and when the last was set aside. */
  quarantineSummary(): QuarantineSummaryRow[] {
    return this.db
      .prepare(
        `SELECT document_id, count(*) AS count, max(quarantined_at) AS last_at
         FROM quarantined_updates GROUP BY document_id`,
      )
      .all()
      .map((row) => QuarantineSummaryRow.parse(row));
  }
}
