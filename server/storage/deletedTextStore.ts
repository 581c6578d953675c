import { z } from "zod";
import type { Db } from "./database.js";

/** Items of a document one accepted update deleted, and who sent it. */
export interface DeletedRange {
  client: number;
  clock: number;
  length: number;
  deleter: string;
  /** When (ISO time); absent on ranges not stored yet. */
  at?: string;
}

const DeletedRow = z.object({
  client_id: z.number().int(),
  clock: z.number().int().nonnegative(),
  length: z.number().int().positive(),
  deleter_id: z.string(),
  deleted_at: z.string(),
});

/** Who deleted which items of a document: recorded by the room as it accepts updates. */
export class DeletedTextStore {
  constructor(private readonly db: Db) {}

  /** Every recorded range of a document. */
  load(documentId: string): DeletedRange[] {
    const rows = this.db.prepare("SELECT client_id, clock, length, deleter_id, deleted_at FROM deleted_text WHERE document_id = ?").all(documentId);
    return rows.map((r) => DeletedRow.parse(r))
      .map((r) => ({ client: r.client_id, clock: r.clock, length: r.length, deleter: r.deleter_id, at: r.deleted_at }));
  }

  /** Stores ranges (inside the caller's transaction); a range already recorded keeps its first deleter. */
  add(documentId: string, ranges: DeletedRange[], at: string): void {
    if (ranges.length === 0) return;
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO deleted_text (document_id, client_id, clock, length, deleter_id, deleted_at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    for (const r of ranges) insert.run(documentId, r.client, r.clock, r.length, r.deleter, at);
  }
}
