import type { UserView } from "../../schemas/api.js";
import { roleInDocument } from "../../shared/permissions.js";
import type { FacilitatorStore } from "../storage/facilitatorStore.js";

/** The user as they act on one document: a named facilitator of it acts as facilitator there. */
export function userInDocument(user: UserView, documentId: string, facilitators: FacilitatorStore): UserView {
  const role = roleInDocument(user.role, facilitators.has(documentId, user.id));
  return role === user.role ? user : { ...user, role };
}
