import type { UserView } from "../../schemas/api.js";
import type { DocumentLanguage, Role, StakeholderGroup } from "../../schemas/domain.js";
import { UserRow } from "../../schemas/rows.js";
import type { Db } from "./database.js";
import { newId } from "./ids.js";

const SELECT_USER = `
  SELECT u.id, u.email, u.display_name, u.password_hash, u.role, u.delegation_id, u.disabled, u.locale,
         d.name AS delegation_name, d.stakeholder_group
  FROM users u LEFT JOIN delegations d ON d.id = u.delegation_id`;

/** Users and delegations in SQLite. */
export class UserStore {
  constructor(private readonly db: Db) {}

  /** Finds an account by e-mail (case-insensitive), or null. */
  findByEmail(email: string): UserRow | null {
    const row = this.db.prepare(`${SELECT_USER} WHERE u.email = ?`).get(email.toLowerCase());
    return row ? UserRow.parse(row) : null;
  }

  /** Finds an account by id, or null. */
  findById(id: string): UserRow | null {
    const row = this.db.prepare(`${SELECT_USER} WHERE u.id = ?`).get(id);
    return row ? UserRow.parse(row) : null;
  }

  /** How many delegations were created before this one (its place in creation order), or null if there is none. */
  delegationOrder(delegationId: string): number | null {
    const row = this.db.prepare(
      "SELECT (SELECT count(*) FROM delegations e WHERE e.rowid < d.rowid) AS n FROM delegations d WHERE d.id = ?",
    ).get(delegationId) as { n: number } | undefined;
    return row ? row.n : null;
  }

  /** Creates a delegation and returns its id. */
  addDelegation(name: string, stakeholderGroup: StakeholderGroup): string {
    const id = newId();
    this.db
      .prepare("INSERT INTO delegations (id, name, stakeholder_group, created_at) VALUES (?, ?, ?, ?)")
      .run(id, name, stakeholderGroup, new Date().toISOString());
    return id;
  }

  /** Creates an account and returns its id. `passwordHash` is already hashed. */
  addUser(input: {
    email: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    delegationId: string | null;
  }): string {
    const id = newId();
    this.db
      .prepare(
        `INSERT INTO users (id, email, display_name, password_hash, role, delegation_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.email.toLowerCase(), input.displayName, input.passwordHash, input.role,
        input.delegationId, new Date().toISOString());
    return id;
  }

  /** Every account, by display name. */
  list(): UserRow[] {
    return this.db.prepare(`${SELECT_USER} ORDER BY u.display_name`).all().map((r) => UserRow.parse(r));
  }

  /** Every delegation, by name. */
  listDelegations(): { id: string; name: string; stakeholder_group: StakeholderGroup }[] {
    return this.db
      .prepare("SELECT id, name, stakeholder_group FROM delegations ORDER BY name")
      .all() as { id: string; name: string; stakeholder_group: StakeholderGroup }[];
  }

  /** Finds a delegation by id or (case-insensitive) name. */
  findDelegation(idOrName: string): { id: string; name: string; stakeholder_group: StakeholderGroup } | null {
    const row = this.db
      .prepare("SELECT id, name, stakeholder_group FROM delegations WHERE id = ? OR lower(name) = lower(?)")
      .get(idOrName, idOrName);
    return (row as { id: string; name: string; stakeholder_group: StakeholderGroup } | undefined) ?? null;
  }

  /** Changes an account's fields; only the given ones. */
  update(id: string, changes: { displayName?: string; role?: Role; delegationId?: string | null; disabled?: boolean }): void {
    const sets: string[] = [];
    const values: unknown[] = [];
    if (changes.displayName !== undefined) sets.push("display_name = ?"), values.push(changes.displayName);
    if (changes.role !== undefined) sets.push("role = ?"), values.push(changes.role);
    if (changes.delegationId !== undefined) sets.push("delegation_id = ?"), values.push(changes.delegationId);
    if (changes.disabled !== undefined) sets.push("disabled = ?"), values.push(changes.disabled ? 1 : 0);
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE users SET ${sets.join(", ")} WHERE id = ?`).run(...values, id);
  }

  /** Stores the account's interface language. */
  setLocale(id: string, locale: DocumentLanguage): void {
    this.db.prepare("UPDATE users SET locale = ? WHERE id = ?").run(locale, id);
  }

  /** Stores a new password hash. */
  setPasswordHash(id: string, passwordHash: string): void {
    this.db.prepare("UPDATE users SET password_hash = ? WHERE id = ?").run(passwordHash, id);
  }

  /** Number of accounts; zero on a fresh data directory. */
  count(): number {
    return this.db.prepare("SELECT count(*) FROM users").pluck().get() as number;
  }
}

/** The public view of a user row: never the password hash. */
export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    delegation:
      row.delegation_id && row.delegation_name && row.stakeholder_group
        ? { id: row.delegation_id, name: row.delegation_name, stakeholderGroup: row.stakeholder_group }
        : null,
    locale: row.locale,
  };
}
