import type { AdminUserView } from "../../../schemas/api.js";
import type { Role } from "../../../schemas/domain.js";

/** Where an account stands: link not yet used, password set, or switched off. */
export type PersonStatus = "invited" | "active" | "disabled";

/** The status of an account; a disabled account is disabled whether or not it ever set a password. */
export function personStatus(user: AdminUserView): PersonStatus {
  if (user.disabled) return "disabled";
  return user.passwordSet ? "active" : "invited";
}

/** Value of the delegation filter for people who speak for no delegation. */
export const NO_DELEGATION = "none";
/** Value of a filter that lets everyone through. */
export const ANY = "any";

/** What the People table is narrowed to. */
export interface PeopleFilter {
  text: string;
  role: Role | typeof ANY;
  /** A delegation id, {@link NO_DELEGATION} or {@link ANY}. */
  delegation: string;
}

/** The filter that shows everyone. */
export const NO_FILTER: PeopleFilter = { text: "", role: ANY, delegation: ANY };

/** Whether an account passes the filter; the text matches name or e-mail, ignoring case and accents. */
export function matchesFilter(user: AdminUserView, filter: PeopleFilter): boolean {
  if (filter.role !== ANY && user.role !== filter.role) return false;
  if (filter.delegation === NO_DELEGATION && user.delegation) return false;
  if (filter.delegation !== ANY && filter.delegation !== NO_DELEGATION && user.delegation?.id !== filter.delegation) return false;
  const text = fold(filter.text.trim());
  return !text || fold(user.displayName).includes(text) || fold(user.email).includes(text);
}

function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}
