import type { Db } from "./database.js";

/** Facilitators named per document. */
export class FacilitatorStore {
  constructor(private readonly db: Db) {}

  /** User ids named facilitator of a document. */
  list(documentId: string): string[] {
    return this.db.prepare("SELECT user_id FROM document_facilitators WHERE document_id = ?").pluck().all(documentId) as string[];
  }

  /** Whether a user is named facilitator of a document. */
  has(documentId: string, userId: string): boolean {
    return this.db.prepare("SELECT 1 FROM document_facilitators WHERE document_id = ? AND user_id = ?").get(documentId, userId) !== undefined;
  }

  /** Replaces the facilitators of a document. */
  set(documentId: string, userIds: string[]): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM document_facilitators WHERE document_id = ?").run(documentId);
      const insert = this.db.prepare("INSERT INTO document_facilitators (document_id, user_id) VALUES (?, ?)");
      for (const id of new Set(userIds)) insert.run(documentId, id);
    })();
  }
}
