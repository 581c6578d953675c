import { DiscussionRow } from "../../schemas/rows.js";
import { CurrentParagraph, NO_CURRENT_PARAGRAPH } from "../../shared/collab/currentParagraph.js";
import type { Db } from "./database.js";

/** The paragraph under discussion per document, in SQLite. */
export class DiscussionStore {
  constructor(private readonly db: Db) {}

  /** Where the discussion of a document stands; nowhere when never set (or the stored row no longer reads). */
  load(documentId: string): CurrentParagraph {
    const raw = this.db.prepare("SELECT * FROM discussion_state WHERE document_id = ?").get(documentId);
    if (raw === undefined) return NO_CURRENT_PARAGRAPH;
    const row = DiscussionRow.parse(raw);
    const current = CurrentParagraph.safeParse({ pid: row.pid, by: row.set_by, at: row.set_at });
    return current.success ? current.data : NO_CURRENT_PARAGRAPH;
  }

  save(documentId: string, current: CurrentParagraph): void {
    this.db.prepare(
      `INSERT INTO discussion_state (document_id, pid, set_by, set_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET pid = excluded.pid, set_by = excluded.set_by, set_at = excluded.set_at`,
    ).run(documentId, current.pid, current.by, current.at);
  }
}
