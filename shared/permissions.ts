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
  /** Move the discussion: set the paragraph under discussion, which the hall screen and followers show. */
  "discussion.lead": ["secretariat", "facilitator"],
  /** Create and revoke read-only screen links of a document (the projector in the hall). */
  "screen.manage": ["secretariat"],
  /** Freeze the numbering as a new revision. */
  "revision.issue": ["secretariat", "facilitator"],
  /** Create documents from plain text or Word. */
  "document.import": ["secretariat"],
  /** Read a draft (an imported document not yet published). */
  "document.readDraft": ["secretariat", "facilitator"],
  /** Publish a draft to every participant. */
  "document.publish": ["secretariat"],
  /** Change what a document prints in its header: title, symbol, date, place. */
  "document.describe": ["secretariat"],
  /** Read the audit log of a document's facilitator actions. */
  "audit.read": ["secretariat", "facilitator"],
  /** Create delegations and accounts, change roles, disable accounts, reset passwords, name facilitators. */
  "accounts.manage": ["secretariat"],
  /** Browse and download the whole audit log. */
  "audit.readAll": ["secretariat"],
  /** See which documents had damaged stored updates set aside, and how many. */
  "storage.health": ["secretariat"],
  /** Read a document's comment threads (observers only while the document lets them). */
  "comment.read": ["secretariat", "facilitator", "delegate", "observer"],
  /** Open a thread on a paragraph, reply to one. */
  "comment.write": ["secretariat", "facilitator", "delegate"],
  /** Change the text of a comment: its author only (see AUTHOR_MAY). */
  "comment.edit": [],
  /** Delete a comment, leaving "comment deleted" in its thread: its author only (see AUTHOR_MAY). */
  "comment.delete": [],
  /** Resolve or reopen any thread; a thread's author may too (see AUTHOR_MAY). */
  "comment.resolve": ["secretariat", "facilitator"],
  /** Hide a comment with a reason, or show it again. */
  "comment.hide": ["secretariat"],
  /** Let observers see a document's comments, or not. */
  "comment.configure": ["secretariat"],
  /** Draft, submit and withdraw proposals (MOD, ADD, SUP, NOC) in the name of one's delegation. */
  "proposal.write": ["secretariat", "facilitator", "delegate"],
  /** Apply submitted proposals to the working draft. */
  "proposal.apply": ["secretariat", "facilitator"],
  /** Open or close a document's proposal period. */
  "proposal.configure": ["secretariat"],
} as const satisfies Record<string, readonly Role[]>;

/** Something a user may or may not do. */
export type Action = keyof typeof PERMISSIONS;

/**
 * Actions the author of their subject may take besides the roles above,
 * each provided the author may still do what the second action names (an
 * author made observer edits nothing).
 */
export const AUTHOR_MAY: Partial<Record<Action, Action>> = {
  "comment.edit": "comment.write",
  "comment.delete": "comment.write",
  "comment.resolve": "comment.write",
};

/** What an action is done to: anything with an author (a comment, a thread). */
export interface Subject {
  authorId: string;
}

/**
 * Whether a user may perform the action: by their role, or on a subject
 * they wrote when {@link AUTHOR_MAY} lets its author.
 */
export function can(user: { role: Role; id?: string }, action: Action, subject?: Subject): boolean {
  if ((PERMISSIONS[action] as readonly Role[]).includes(user.role)) return true;
  const requires = AUTHOR_MAY[action];
  return requires !== undefined && subject !== undefined && user.id !== undefined &&
    subject.authorId === user.id && can(user, requires);
}

/**
 * The role a user acts in on one document: anyone the secretariat named
 * facilitator of that document acts as facilitator there; the secretariat
 * stays secretariat.
 */
export function roleInDocument(role: Role, namedFacilitator: boolean): Role {
  return namedFacilitator && role !== "secretariat" ? "facilitator" : role;
}
