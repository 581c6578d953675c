import { z } from "zod";
import type { Db } from "./database.js";

const InvitationRow = z.object({
  id: z.string(),
  user_id: z.string(),
  expires_at: z.number().int(),
  used_at: z.number().int().nullable(),
});
export type InvitationRow = z.infer<typeof InvitationRow>;

/** One-time password-setting links; ids are token hashes. */
export class InvitationStore {
  constructor(private readonly db: Db) {}

  /** Stores a new invitation and voids the user's earlier unused ones. */
  insert(row: { id: string; userId: string; createdBy: string | null; createdAt: number; expiresAt: number }): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE invitations SET used_at = ? WHERE user_id = ? AND used_at IS NULL").run(row.createdAt, row.userId);
      this.db
        .prepare("INSERT INTO invitations (id, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
        .run(row.id, row.userId, row.createdBy, row.createdAt, row.expiresAt);
    })();
  }

  /** Finds an invitation by id (token hash). */
  find(id: string): InvitationRow | null {
    const row = this.db.prepare("SELECT id, user_id, expires_at, used_at FROM invitations WHERE id = ?").get(id);
    return row ? InvitationRow.parse(row) : null;
  }

  /** Marks an invitation used; returns false if it already was (a second use loses the race). */
  markUsed(id: string, at: number): boolean {
    return this.db.prepare("UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL").run(at, id).changes === 1;
  }
}
