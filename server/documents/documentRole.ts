import type { UserView } from "../../schemas/api.js";
import type { DocumentRow } from "../../schemas/rows.js";
import { can, roleInDocument } from "../../shared/permissions.js";
import type { DocumentStore } from "../storage/documentStore.js";
import type { FacilitatorStore } from "../storage/facilitatorStore.js";

/** The user as they act on one document: a named facilitator of it acts as facilitator there. */
export function userInDocument(user: UserView, documentId: string, facilitators: FacilitatorStore): UserView {
  const role = roleInDocument(user.role, facilitators.has(documentId, user.id));
  return role === user.role ? user : { ...user, role };
}

/**
 * A document as one user may reach it, with the user as they act on it: null
 * when there is no such document, or when it is a draft (an import not yet
 * published) and they may not read drafts, so a draft's existence is not told.
 */
export function readableDocument(
  deps: { documents: DocumentStore; facilitators: FacilitatorStore },
  user: UserView,
  id: string,
): { row: DocumentRow; user: UserView } | null {
  const row = deps.documents.find(id);
  if (!row) return null;
  const acting = userInDocument(user, row.id, deps.facilitators);
  if (!can(acting, "document.read")) return null;
  if (row.draft === 1 && !can(acting, "document.readDraft")) return null;
  return { row, user: acting };
}
