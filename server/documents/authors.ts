import type { Author, AuthorBinding, AuthorEntry, AuthorsPayload, CarriedView } from "../../schemas/api.js";
import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import type { UserStore } from "../storage/userStore.js";

/** How a stored user appears in attribution (their current name and delegation), or null if unknown. */
export function authorOfUser(users: UserStore, userId: string): Author | null {
  const entry = authorEntryOfUser(users, userId);
  return entry && { name: entry.name, delegation: entry.delegation, group: entry.group };
}

/** How a stored user appears in the Authors message: as {@link authorOfUser}, with their delegation's colour slot. */
export function authorEntryOfUser(users: UserStore, userId: string): AuthorEntry | null {
  const row = users.findById(userId);
  if (!row) return null;
  return {
    userId: row.id,
    name: row.display_name,
    delegation: row.delegation_name,
    group: row.stakeholder_group,
    delegationOrder: row.delegation_id ? users.delegationOrder(row.delegation_id) : null,
  };
}

/**
 * The Authors payload for client id bindings and carried ranges, looking
 * each user up once. Users that no longer exist are left out (their words
 * then show as nobody's).
 */
export function authorsPayload(
  bindings: Iterable<[number, string]>,
  carried: Iterable<CarriedRange<string | null>>,
  authorOf: (userId: string) => AuthorEntry | null,
): AuthorsPayload {
  const known = new Map<string, AuthorEntry | null>();
  const lookup = (userId: string) => {
    if (!known.has(userId)) known.set(userId, authorOf(userId));
    return known.get(userId)!;
  };
  const byUser = new Map<string, AuthorBinding>();
  for (const [clientId, userId] of bindings) {
    const author = lookup(userId);
    if (!author) continue;
    const entry = byUser.get(userId) ?? { ...author, clientIds: [] };
    entry.clientIds.push(clientId);
    byUser.set(userId, entry);
  }
  const carriedViews: CarriedView[] = [];
  for (const range of carried) {
    carriedViews.push({ client: range.client, clock: range.clock, length: range.length, author: range.author === null ? null : lookup(range.author) });
  }
  return { authors: [...byUser.values()], carried: carriedViews };
}
