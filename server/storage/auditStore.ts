import { AuditRow } from "../../schemas/rows.js";
import type { Db } from "./database.js";

/** A new audit record. */
export interface AuditRecord {
  userId: string | null;
  documentId: string | null;
  pid: string | null;
  action: string;
  detail: Record<string, unknown>;
}

/** The append-only audit log. */
export class AuditStore {
  constructor(private readonly db: Db) {}

  /** Appends records (inside the caller's transaction, if any). */
  append(records: AuditRecord[], at = new Date().toISOString()): void {
    const insert = this.db.prepare(
      "INSERT INTO audit_log (at, user_id, document_id, pid, action, detail) VALUES (?, ?, ?, ?, ?, ?)",
    );
    for (const r of records) insert.run(at, r.userId, r.documentId, r.pid, r.action, JSON.stringify(r.detail));
  }

  /** Records matching every given filter, newest first, at most `limit`. */
  search(filter: { documentId?: string; action?: string; userId?: string; from?: string; to?: string }, limit = 1000): AuditRow[] {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.documentId) where.push("a.document_id = ?"), values.push(filter.documentId);
    if (filter.action) where.push("a.action LIKE ?"), values.push(`${filter.action}%`);
    if (filter.userId) where.push("a.user_id = ?"), values.push(filter.userId);
    if (filter.from) where.push("a.at >= ?"), values.push(filter.from);
    if (filter.to) where.push("a.at < ?"), values.push(filter.to);
    return this.db
      .prepare(
        `SELECT a.id, a.at, a.user_id, u.display_name AS user_name, a.document_id, a.pid, a.action, a.detail
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY a.id DESC LIMIT ?`,
      )
      .all(...values, limit)
      .map((row) => AuditRow.parse(row));
  }

  /** The newest records of a document first, at most `limit`. */
  listForDocument(documentId: string, limit = 200): AuditRow[] {
    return this.db
      .prepare(
        `SELECT a.id, a.at, a.user_id, u.display_name AS user_name, a.document_id, a.pid, a.action, a.detail
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.document_id = ? ORDER BY a.id DESC LIMIT ?`,
      )
      .all(documentId, limit)
      .map((row) => AuditRow.parse(row));
  }
}
