import { ScreenLinkRow } from "../../schemas/rows.js";
import type { Db } from "./database.js";
import { newId } from "./ids.js";

/** A screen link to store; its key is known only by its hash. */
export interface NewScreenLink {
  documentId: string;
  keyHash: string;
  label: string;
  createdBy: string;
}

const SELECT = `SELECT s.id, s.document_id, s.key_hash, s.label, s.created_by, u.display_name AS created_by_name,
  s.created_at, s.revoked_at, s.revoked_by
  FROM screen_links s JOIN users u ON u.id = s.created_by`;

/** Read-only screen links of documents in SQLite; keys are stored as hashes, never as keys. */
export class ScreenLinkStore {
  constructor(private readonly db: Db) {}

  /** Stores a new link and returns it; `alongside` writes related rows (its audit record) in the same transaction. */
  create(link: NewScreenLink, alongside: (row: ScreenLinkRow) => void = () => {}): ScreenLinkRow {
    return this.db.transaction(() => {
      const id = newId();
      this.db
        .prepare("INSERT INTO screen_links (id, document_id, key_hash, label, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .run(id, link.documentId, link.keyHash, link.label, link.createdBy, new Date().toISOString());
      const row = this.find(id)!;
      alongside(row);
      return row;
    })();
  }

  /** The links of a document, newest first, revoked ones included. */
  listByDocument(documentId: string): ScreenLinkRow[] {
    return this.db
      .prepare(`${SELECT} WHERE s.document_id = ? ORDER BY s.created_at DESC, s.rowid DESC`)
      .all(documentId)
      .map((row) => ScreenLinkRow.parse(row));
  }

  /** A link by id, revoked or not, or null. */
  find(id: string): ScreenLinkRow | null {
    const row = this.db.prepare(`${SELECT} WHERE s.id = ?`).get(id);
    return row ? ScreenLinkRow.parse(row) : null;
  }

  /** The link whose key hashes to `keyHash`, or null when there is none or it was revoked. */
  findLiveByKeyHash(keyHash: string): ScreenLinkRow | null {
    const row = this.db.prepare(`${SELECT} WHERE s.key_hash = ? AND s.revoked_at IS NULL`).get(keyHash);
    return row ? ScreenLinkRow.parse(row) : null;
  }

  /** Whether a link exists and is not revoked. */
  isLive(id: string): boolean {
    return this.db.prepare("SELECT 1 FROM screen_links WHERE id = ? AND revoked_at IS NULL").get(id) !== undefined;
  }

  /**
   * Revokes a link, running `alongside` (its audit record) in the same
   * transaction; false, with nothing written, when it was already revoked.
   */
  revoke(id: string, by: string, alongside: () => void = () => {}): boolean {
    return this.db.transaction(() => {
      const revoked = this.db
        .prepare("UPDATE screen_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
        .run(new Date().toISOString(), by, id).changes === 1;
      if (revoked) alongside();
      return revoked;
    })();
  }
}
