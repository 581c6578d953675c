import type { Role } from "../schemas/domain.js";

/**
 * THE permission table. The client reads it to hide and prevent; the server
 * reads it to enforce. Nothing else decides who may do what.
 */
export const PERMISSIONS = {
  /** Follow a document live. */
  "document.read": ["secretariat", "facilitator", "delegate", "observer"],
  /** Insert and delete words in open paragraphs, add and split paragraphs. */
  "document.edit": ["secretariat", "facilitator", "delegate"],
  /** Bracket words, a phrase or a paragraph; offer an alternative. */
  "bracket.place": ["secretariat", "facilitator", "delegate"],
  /** Take brackets off (words stay), delete bracketed text, choose an alternative: anyone's brackets. */
  "bracket.resolve": ["secretariat", "facilitator"],
  /** Change text inside a paragraph agreed ad ref (or deleted). */
  "paragraph.editAgreed": ["secretariat", "facilitator"],
  /** Mark agreed ad ref, reopen, mark deleted, restore. */
  "paragraph.setStatus": ["secretariat", "facilitator"],
  /** Freeze the numbering as a new revision. */
  "revision.issue": ["secretariat", "facilitator"],
  /** Create documents from plain text. */
  "document.import": ["secretariat"],
  /** Read the audit log of a document's facilitator actions. */
  "audit.read": ["secretariat", "facilitator"],
  /** Create delegations and accounts, change roles, disable accounts, reset passwords, name facilitators. */
  "accounts.manage": ["secretariat"],
  /** Browse and download the whole audit log. */
  "audit.readAll": ["secretariat"],
  /** See which documents had damaged stored updates set aside, and how many. */
  "storage.health": ["secretariat"],
} as const satisfies Record<string, readonly Role[]>;

/** Something a user may or may not do. */
export type Action = keyof typeof PERMISSIONS;

/** Whether a user with this role may perform the action. */
export function can(user: { role: Role }, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(user.role);
}

/**
 * The role a user acts in on one document: anyone the secretariat named
 * facilitator of that document acts as facilitator there; the secretariat
 * stays secretariat.
 */
export function roleInDocument(role: Role, namedFacilitator: boolean): Role {
  return namedFacilitator && role !== "secretariat" ? "facilitator" : role;
}
