import { ProposalRow, type ProposalStatus } from "../../schemas/proposals.js";
import type { Db } from "./database.js";
import { newId } from "./ids.js";

const COLUMNS = "id, document_id, label, kind, pid, base_text, text, reasons, status, author_id, delegation_id, created_at, updated_at, submitted_at, " +
  "applied_pid, applied_as, applied_by, applied_at";

/** Proposals against documents' texts, in SQLite. */
export class ProposalStore {
  constructor(private readonly db: Db) {}

  /** Runs `change` in one immediate transaction (an import's drafts and their audit records, all or none); returns its result. */
  write<T>(change: () => T): T {
    return this.db.transaction(change).immediate();
  }

  /** Stores a new draft proposal; returns null when its label is already used in the document. */
  add(input: Omit<ProposalRow, "id" | "status" | "created_at" | "updated_at" | "submitted_at" | `applied_${string}`>): ProposalRow | null {
    const now = new Date().toISOString();
    const row: ProposalRow = {
      ...input, id: newId(), status: "draft", created_at: now, updated_at: now, submitted_at: null,
      applied_pid: null, applied_as: null, applied_by: null, applied_at: null,
    };
    const inserted = this.db.prepare(
      `INSERT OR IGNORE INTO proposals (${COLUMNS}) VALUES (@id, @document_id, @label, @kind, @pid, @base_text, @text, @reasons, @status,
        @author_id, @delegation_id, @created_at, @updated_at, @submitted_at, @applied_pid, @applied_as, @applied_by, @applied_at)`,
    ).run(row).changes;
    return inserted === 1 ? row : null;
  }

  /** How many proposals of a document carry a label starting with `prefix` (to number the next). */
  countWithPrefix(documentId: string, prefix: string): number {
    return this.db.prepare("SELECT count(*) FROM proposals WHERE document_id = ? AND label LIKE ? ESCAPE '\\'")
      .pluck().get(documentId, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`) as number;
  }

  /** One proposal of a document by its label, or null. */
  find(documentId: string, label: string): ProposalRow | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM proposals WHERE document_id = ? AND label = ?`).get(documentId, label);
    return row ? ProposalRow.parse(row) : null;
  }

  /** A document's proposals, oldest first. */
  list(documentId: string): ProposalRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM proposals WHERE document_id = ? ORDER BY created_at, rowid`).all(documentId)
      .map((r) => ProposalRow.parse(r));
  }

  /** Moves a proposal to `status` from one of `from`; whether it did. */
  setStatus(id: string, from: ProposalStatus[], status: ProposalStatus): boolean {
    const now = new Date().toISOString();
    return this.db.prepare(
      `UPDATE proposals SET status = ?, updated_at = ?, submitted_at = CASE WHEN ? = 'submitted' THEN ? ELSE submitted_at END
       WHERE id = ? AND status IN (${from.map(() => "?").join(", ")})`,
    ).run(status, now, status, now, id, ...from).changes === 1;
  }

  /** Changes a draft's text and reasons; whether it was still a draft. */
  revise(id: string, text: string | null, reasons: string): boolean {
    return this.db.prepare("UPDATE proposals SET text = ?, reasons = ?, updated_at = ? WHERE id = ? AND status = 'draft'")
      .run(text, reasons, new Date().toISOString(), id).changes === 1;
  }

  /**
   * Records that a submitted proposal was applied to the paragraph `pid` of
   * the working draft; whether it was still submitted. Run inside the
   * transaction that stores the change.
   */
  markApplied(id: string, pid: string, as: "bracketed" | "agreed", by: string): boolean {
    const now = new Date().toISOString();
    return this.db.prepare(
      `UPDATE proposals SET status = 'applied', applied_pid = ?, applied_as = ?, applied_by = ?, applied_at = ?, updated_at = ?
       WHERE id = ? AND status = 'submitted'`,
    ).run(pid, as, by, now, now, id).changes === 1;
  }

  /** Whether a document takes new proposals. */
  isOpen(documentId: string): boolean {
    return this.db.prepare("SELECT proposals_open FROM documents WHERE id = ?").pluck().get(documentId) === 1;
  }

  /** Opens or closes a document's proposal period. */
  setOpen(documentId: string, open: boolean): void {
    this.db.prepare("UPDATE documents SET proposals_open = ? WHERE id = ?").run(open ? 1 : 0, documentId);
  }
}
