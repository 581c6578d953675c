import { SessionRow } from "../../schemas/rows.js";
import type { Db } from "./database.js";

/** Session rows in SQLite; ids are token hashes, never tokens. */
export class SessionStore {
  constructor(private readonly db: Db) {}

  /** Stores a new session. */
  insert(row: SessionRow): void {
    this.db
      .prepare("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
      .run(row.id, row.user_id, row.created_at, row.expires_at);
  }

  /** Finds a session by id (the token hash), or null. */
  find(id: string): SessionRow | null {
    const row = this.db.prepare("SELECT id, user_id, created_at, expires_at FROM sessions WHERE id = ?").get(id);
    return row ? SessionRow.parse(row) : null;
  }

  /** Moves a session's expiry. */
  setExpiry(id: string, expiresAt: number): void {
    this.db.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?").run(expiresAt, id);
  }

  /** Deletes one session. */
  delete(id: string): void {
    this.db.prepare("DELETE FROM sessions WHERE id = ?").run(id);
  }

  /** Deletes every expired session; returns how many. */
  deleteExpired(now: number): number {
    return this.db.prepare("DELETE FROM sessions WHERE expires_at <= ?").run(now).changes;
  }
}
