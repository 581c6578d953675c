import { z } from "zod";
import type { Db } from "./database.js";

const BindingRow = z.object({ client_id: z.number().int(), user_id: z.string() });

/** Bindings of Yjs client ids to users, per document. */
export class ClientIdStore {
  constructor(private readonly db: Db) {}

  /** Every binding of a document. */
  load(documentId: string): Map<number, string> {
    const rows = this.db.prepare("SELECT client_id, user_id FROM client_ids WHERE document_id = ?").all(documentId);
    return new Map(rows.map((r) => BindingRow.parse(r)).map((r) => [r.client_id, r.user_id]));
  }

  /** Stores new bindings (inside the caller's transaction). */
  bind(documentId: string, bindings: Map<number, string>): void {
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO client_ids (document_id, client_id, user_id, bound_at) VALUES (?, ?, ?, ?)",
    );
    const now = new Date().toISOString();
    for (const [clientId, userId] of bindings) insert.run(documentId, clientId, userId, now);
  }
}
