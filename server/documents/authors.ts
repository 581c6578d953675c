import type { Author, AuthorEntry, AuthorsPayload } from "../../schemas/api.js";
import type { UserStore } from "../storage/userStore.js";

/** How a stored user appears in attribution (their current name and delegation), or null if unknown. */
export function authorOfUser(users: UserStore, userId: string): Author | null {
  const row = users.findById(userId);
  if (!row) return null;
  return { name: row.display_name, delegation: row.delegation_name, group: row.stakeholder_group };
}

/** How a stored user appears in the Authors message: as {@link authorOfUser}, with their delegation's colour slot. */
export function authorEntryOfUser(users: UserStore, userId: string): AuthorEntry | null {
  const row = users.findById(userId);
  if (!row) return null;
  return {
    name: row.display_name,
    delegation: row.delegation_name,
    group: row.stakeholder_group,
    delegationOrder: row.delegation_id ? users.delegationOrder(row.delegation_id) : null,
  };
}

/**
 * Groups client id bindings by user into the Authors payload, looking each
 * user up once. Ids of users that no longer exist are left out.
 */
export function authorsPayload(bindings: Iterable<[number, string]>, authorOf: (userId: string) => AuthorEntry | null): AuthorsPayload {
  const byUser = new Map<string, AuthorsPayload[number] | null>();
  for (const [clientId, userId] of bindings) {
    if (!byUser.has(userId)) {
      const author = authorOf(userId);
      byUser.set(userId, author ? { ...author, clientIds: [] } : null);
    }
    byUser.get(userId)?.clientIds.push(clientId);
  }
  return [...byUser.values()].filter((entry) => entry !== null);
}
