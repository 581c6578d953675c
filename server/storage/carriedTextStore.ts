import { z } from "zod";
import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import type { Db } from "./database.js";

const CarriedRow = z.object({
  client_id: z.number().int(),
  clock: z.number().int(),
  length: z.number().int().positive(),
  author_id: z.string().nullable(),
});

/** Text moved by an edit, with the true author of each range (null: the draft's own text). */
export class CarriedTextStore {
  constructor(private readonly db: Db) {}

  /** Every carried range of a document. */
  load(documentId: string): CarriedRange<string | null>[] {
    const rows = this.db.prepare("SELECT client_id, clock, length, author_id FROM carried_text WHERE document_id = ?").all(documentId);
    return rows.map((r) => CarriedRow.parse(r)).map((r) => ({ client: r.client_id, clock: r.clock, length: r.length, author: r.author_id }));
  }

  /** Stores ranges (inside the caller's transaction). */
  add(documentId: string, ranges: CarriedRange<string | null>[]): void {
    if (ranges.length === 0) return;
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO carried_text (document_id, client_id, clock, length, author_id) VALUES (?, ?, ?, ?, ?)",
    );
    for (const r of ranges) insert.run(documentId, r.client, r.clock, r.length, r.author);
  }
}
