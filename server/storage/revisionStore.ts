import { z } from "zod";
import { RevisionRow } from "../../schemas/rows.js";
import type { Db } from "./database.js";
import { newId } from "./ids.js";

/** Issued revisions of documents. */
export class RevisionStore {
  constructor(private readonly db: Db) {}

  /** Number the next revision of a document will get (1 for the first). */
  nextNumber(documentId: string): number {
    const max = this.db.prepare("SELECT max(number) FROM revisions WHERE document_id = ?").pluck().get(documentId) as number | null;
    return (max ?? 0) + 1;
  }

  /** Stores an issued revision and returns its row. */
  add(input: { documentId: string; number: number; name: string; note?: string; state: Uint8Array; issuedBy: string }): RevisionRow {
    const row: RevisionRow = {
      id: newId(),
      document_id: input.documentId,
      number: input.number,
      name: input.name,
      issued_by: input.issuedBy,
      issued_at: new Date().toISOString(),
      note: input.note ?? "",
    };
    this.db
      .prepare("INSERT INTO revisions (id, document_id, number, name, state, issued_by, issued_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(row.id, row.document_id, row.number, row.name, input.state, row.issued_by, row.issued_at, row.note);
    return row;
  }

  /** The text of a document's revision `number` as it was issued (a Yjs update), or null when there is none. */
  state(documentId: string, number: number): { row: RevisionRow; state: Uint8Array } | null {
    const raw = this.db
      .prepare("SELECT id, document_id, number, name, issued_by, issued_at, note, state FROM revisions WHERE document_id = ? AND number = ?")
      .get(documentId, number) as (Record<string, unknown> & { state: Uint8Array }) | undefined;
    if (!raw) return null;
    const { state, ...row } = raw;
    return { row: RevisionRow.parse(row), state: z.instanceof(Uint8Array).parse(state) };
  }

  /** A document's revisions, oldest first. */
  list(documentId: string): RevisionRow[] {
    return this.db
      .prepare("SELECT id, document_id, number, name, issued_by, issued_at, note FROM revisions WHERE document_id = ? ORDER BY number")
      .all(documentId)
      .map((r) => RevisionRow.parse(r));
  }
}
