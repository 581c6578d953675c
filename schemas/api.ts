import { z } from "zod";
import { DocumentLanguage, DocumentStyle, Role, StakeholderGroup } from "./domain.js";

/** Body of `POST /api/auth/login`. */
export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** A delegation as the API shows it. */
export const DelegationView = z.object({
  id: z.string(),
  name: z.string(),
  stakeholderGroup: StakeholderGroup,
});
export type DelegationView = z.infer<typeof DelegationView>;

/** The signed-in user as the API shows it (never the password hash). */
export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  delegation: DelegationView.nullable(),
  /** The interface language the account chose; null until it chooses (the browser's language applies). */
  locale: DocumentLanguage.nullable(),
});
export type UserView = z.infer<typeof UserView>;

/** Body of `PATCH /api/auth/me`: the account's interface language, one of the six UN languages. */
export const UpdateMeBody = z.object({ locale: DocumentLanguage }).strict();
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

/** Response of `POST /api/auth/login` and `GET /api/auth/me`. */
export const SessionResponse = z.object({ user: UserView });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** One row of `GET /api/documents`. */
export const DocumentSummary = z.object({
  id: z.string(),
  title: z.string(),
  style: DocumentStyle,
  language: DocumentLanguage,
  processName: z.string(),
  updatedAt: z.string(),
  /** Read only by the secretariat and facilitators until the secretariat publishes it. */
  draft: z.boolean(),
  /** The document symbol ("WSIS+20/MPP/3/Rev.2"), or "". */
  symbol: z.string(),
  /** The date it bears, YYYY-MM-DD, or "". */
  date: z.string(),
  /** Where it is issued ("Geneva"), or "". */
  place: z.string(),
  /**
   * Damaged updates of the document's stored log set aside (quarantined) so
   * far, and when the last was; only for those who may see storage health,
   * only when there are any.
   */
  quarantined: z.object({ count: z.number().int().positive(), lastAt: z.string() }).optional(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

/**
 * `GET /api/documents/:id`: the summary plus the signed-in user as they act
 * on this document, read afresh (`me.role` is their role here; the server
 * stamps the same identity on their presence).
 */
export const DocumentDetail = DocumentSummary.extend({ myRole: Role, me: UserView });
export type DocumentDetail = z.infer<typeof DocumentDetail>;

/**
 * Every API error body: a stable machine id, an English sentence, and the
 * variable parts of the sentence that matter (`params`: a revision number, a
 * size, a name), from which the client words `errors.<id>` in the interface language.
 */
export const ApiError = z.object({
  error: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Body of `PATCH /api/documents/:id`: what the document prints in its header. Fields left out stay as they are. */
export const DocumentDetailsBody = z.strictObject({
  title: z.string().trim().min(1, "The title cannot be empty.").max(300).optional(),
  symbol: z.string().trim().max(100).optional(),
  date: z.union([
    z.literal(""),
    z.iso.date({ message: "A date is written YYYY-MM-DD." }),
  ]).optional(),
  place: z.string().trim().max(100).optional(),
  /** How the document numbers and dates: changeable only while it is a draft, since its references are not in use yet. */
  language: DocumentLanguage.optional(),
});
export type DocumentDetailsBody = z.infer<typeof DocumentDetailsBody>;

/** Body of `POST /api/documents/:id/revisions`. */
export const IssueRevisionBody = z.object({
  name: z.string().trim().max(100).optional(),
  /** What the facilitator says of this revision ("after the second reading"), shown in the list. */
  note: z.string().trim().max(500).optional(),
}).strict();
export type IssueRevisionBody = z.infer<typeof IssueRevisionBody>;

/** One revision as the API shows it. */
export const RevisionView = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  issuedAt: z.string(),
  /** Who issued it, as they are named now; null when issued by the platform or the account is gone. */
  issuedBy: z.string().nullable(),
  note: z.string(),
});
export type RevisionView = z.infer<typeof RevisionView>;

/** One audit record as the API shows it. */
export const AuditView = z.object({
  id: z.number().int(),
  at: z.string(),
  documentId: z.string().nullable(),
  userName: z.string().nullable(),
  pid: z.string().nullable(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditView = z.infer<typeof AuditView>;

/** Query of `POST /api/documents/import` (the body is the raw text file). */
export const ImportQuery = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  language: DocumentLanguage.optional(),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

/** Response of a successful import. */
export const ImportResponse = z.object({
  document: DocumentSummary,
  paragraphs: z.number().int(),
  warnings: z.array(z.string()),
});
export type ImportResponse = z.infer<typeof ImportResponse>;

/** Body of `POST /api/admin/delegations`. */
export const CreateDelegationBody = z.object({
  name: z.string().trim().min(2).max(200),
  stakeholderGroup: StakeholderGroup,
}).strict();
export type CreateDelegationBody = z.infer<typeof CreateDelegationBody>;

/** Body of `POST /api/admin/users`: invites a user, who sets a password through a one-time link. */
export const InviteUserBody = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  displayName: z.string().trim().min(1).max(200),
  role: Role,
  delegationId: z.string().nullable().optional(),
  /** The account's interface language, chosen for it (its invitation page and its messages use it); else the person chooses. */
  locale: DocumentLanguage.optional(),
}).strict();
export type InviteUserBody = z.infer<typeof InviteUserBody>;

/** Body of `PATCH /api/admin/users/:id`. */
export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  delegationId: z.string().nullable().optional(),
  disabled: z.boolean().optional(),
}).strict();
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

/** An account as the secretariat sees it. */
export const AdminUserView = UserView.extend({
  disabled: z.boolean(),
  passwordSet: z.boolean(),
  /** Until when failed sign-ins hold the account back at some address (ISO time); absent or null when nowhere. */
  signInHeldUntil: z.string().nullable().optional(),
});
export type AdminUserView = z.infer<typeof AdminUserView>;

/** Response when an invitation or password reset link is made. */
export const InvitationResponse = z.object({ user: AdminUserView, inviteUrl: z.string(), expiresAt: z.string() });
export type InvitationResponse = z.infer<typeof InvitationResponse>;

/** Response of `GET /api/auth/invitations/:token`: whom the link is for. */
export const InvitationView = z.object({ email: z.string(), displayName: z.string(), locale: DocumentLanguage.nullable() });
export type InvitationView = z.infer<typeof InvitationView>;

/** Body of `POST /api/auth/invitations/:token`. */
export const AcceptInvitationBody = z.object({ password: z.string().min(10, "Use at least 10 characters.").max(1024) }).strict();
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;

/** Body of `PUT /api/admin/documents/:id/facilitators`. */
export const FacilitatorsBody = z.object({ userIds: z.array(z.string()).max(100) }).strict();
export type FacilitatorsBody = z.infer<typeof FacilitatorsBody>;

/** Body of `POST /api/admin/documents`: an empty document. */
export const CreateDocumentBody = z.object({
  title: z.string().trim().min(1).max(300),
  style: DocumentStyle,
  language: DocumentLanguage,
}).strict();
export type CreateDocumentBody = z.infer<typeof CreateDocumentBody>;

/** Who wrote text, as attribution shows them. */
export const Author = z.object({
  name: z.string().max(200),
  delegation: z.string().max(300).nullable(),
  group: StakeholderGroup.nullable(),
});
export type Author = z.infer<typeof Author>;

/** An author as the Authors message names them. */
export const AuthorEntry = Author.extend({
  /** The user's id (as brackets carry their placer's): an editor knows which words are its user's own. */
  userId: z.string().max(64),
  /** Position of the author's delegation in the order delegations were created: a stable colour slot. */
  delegationOrder: z.number().int().nonnegative().nullable(),
});
export type AuthorEntry = z.infer<typeof AuthorEntry>;

/** An author and the Yjs client ids the server bound to them. */
export const AuthorBinding = AuthorEntry.extend({ clientIds: z.array(z.number().int().nonnegative()) });
export type AuthorBinding = z.infer<typeof AuthorBinding>;

/** Items that carry words another author wrote (moved by splitting or joining paragraphs); null: the draft's own words. */
export const CarriedView = z.object({
  client: z.number().int().nonnegative(),
  clock: z.number().int().nonnegative(),
  length: z.number().int().positive(),
  author: AuthorEntry.nullable(),
});
export type CarriedView = z.infer<typeof CarriedView>;

/** Payload of the collaboration protocol's Authors message. */
export const AuthorsPayload = z.object({ authors: z.array(AuthorBinding), carried: z.array(CarriedView) });
export type AuthorsPayload = z.infer<typeof AuthorsPayload>;

/** Who proposed the words of one paragraph, per delegation (or person without one). */
export const ParagraphAttribution = z.object({
  pid: z.string(),
  reference: z.string(),
  contributors: z.array(z.object({
    name: z.string(),
    delegation: z.string().nullable(),
    group: StakeholderGroup.nullable(),
    characters: z.number().int(),
  })),
  segments: z.array(z.object({ text: z.string(), delegation: z.string().nullable(), group: StakeholderGroup.nullable() })),
});
export type ParagraphAttribution = z.infer<typeof ParagraphAttribution>;

/** Filters of the audit log browser (`GET /api/admin/audit`, `.csv`). */
export const AuditQuery = z.object({
  documentId: z.string().optional(),
  action: z.string().max(100).optional(),
  userId: z.string().optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Longest comment, in characters. */
export const MAX_COMMENT_CHARS = 10_000;
/** Longest quote a thread may anchor to, in characters. */
export const MAX_QUOTE_CHARS = 2_000;
/** Longest reason the secretariat gives for hiding a comment. */
export const MAX_HIDE_REASON_CHARS = 500;

const commentBody = z.string()
  .refine((s) => s.trim().length > 0, "A comment cannot be empty.")
  .refine((s) => s.length <= MAX_COMMENT_CHARS, `A comment has at most ${MAX_COMMENT_CHARS.toLocaleString("en")} characters.`);

/** Body of `POST /api/documents/:id/comments`: a new thread on a block, optionally quoting words of it. */
export const NewThreadBody = z.object({
  pid: z.string().min(1).max(64),
  body: commentBody,
  /**
   * Words of the block the thread is about. `offset` is where they start in
   * the block's text (UTF-16 units, a line break counting one); when the
   * block changed since, the occurrence nearest to it is taken. Without it
   * the words must occur exactly once in the block.
   */
  quote: z.object({
    text: z.string().min(1, "A quote cannot be empty.").max(MAX_QUOTE_CHARS, `A quote has at most ${MAX_QUOTE_CHARS} characters.`),
    offset: z.number().int().nonnegative().optional(),
  }).strict().optional(),
}).strict();
export type NewThreadBody = z.infer<typeof NewThreadBody>;

/** Body of a reply, and of an edit of one's own comment. */
export const CommentTextBody = z.object({ body: commentBody }).strict();
export type CommentTextBody = z.infer<typeof CommentTextBody>;

/** Body of `PUT .../comments/:commentId/visibility`: the secretariat hides a comment (with a reason) or shows it again. */
export const CommentVisibilityBody = z.discriminatedUnion("hidden", [
  z.object({ hidden: z.literal(true), reason: z.string().trim().min(1, "Say why the comment is hidden.").max(MAX_HIDE_REASON_CHARS) }).strict(),
  z.object({ hidden: z.literal(false) }).strict(),
]);
export type CommentVisibilityBody = z.infer<typeof CommentVisibilityBody>;

/** Body of `PUT /api/documents/:id/comments/settings`. */
export const CommentSettingsBody = z.object({ observersSee: z.boolean() }).strict();
export type CommentSettingsBody = z.infer<typeof CommentSettingsBody>;

/** Who wrote a comment or acted on a thread. */
export const CommentPerson = Author.extend({ userId: z.string() });
export type CommentPerson = z.infer<typeof CommentPerson>;

/** One comment of a thread. `body` is null when it was deleted, or hidden from this reader. */
export const CommentView = z.object({
  id: z.string(),
  author: CommentPerson,
  body: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  hidden: z.object({ at: z.string(), by: CommentPerson.nullable(), reason: z.string() }).nullable(),
});
export type CommentView = z.infer<typeof CommentView>;

/** Where quoted words are now: still as quoted, changed, or gone (their text is kept in `text`). */
export const QuoteState = z.enum(["intact", "changed", "deleted"]);
export type QuoteState = z.infer<typeof QuoteState>;

/** The words a thread quotes: as they were, their anchors (Yjs relative positions, base64) and, on the server's reading, where they are now. */
export const QuoteView = z.object({
  text: z.string(),
  start: z.string(),
  end: z.string(),
  now: z.object({ state: QuoteState, from: z.number().int(), to: z.number().int(), text: z.string() }).nullable(),
});
export type QuoteView = z.infer<typeof QuoteView>;

/** A comment thread with its comments, oldest first. */
export const ThreadView = z.object({
  id: z.string(),
  documentId: z.string(),
  pid: z.string(),
  /** The block as it stands now: its reference ("OP13") and status, or null when it is no longer in the document. */
  paragraph: z.object({ reference: z.string(), kind: z.string(), status: z.string() }).nullable(),
  quote: QuoteView.nullable(),
  createdBy: CommentPerson,
  createdAt: z.string(),
  resolved: z.object({ at: z.string(), by: CommentPerson.nullable() }).nullable(),
  /** The document's comment version at this thread's last change. */
  version: z.number().int(),
  comments: z.array(CommentView),
  /**
   * Only in live messages: `comments` holds just the comments this change
   * touched (none when only the thread changed); the reader merges them into
   * the thread it has.
   */
  partial: z.literal(true).optional(),
});
export type ThreadView = z.infer<typeof ThreadView>;

/** The comment settings of a document. */
export const CommentSettings = z.object({ observersSee: z.boolean() });
export type CommentSettings = z.infer<typeof CommentSettings>;

/** Response of `GET /api/documents/:id/comments`: threads changed after `?since=` (all without it). */
export const CommentsResponse = z.object({
  /** Pass as `?since=` to get only what changed after this answer. */
  cursor: z.number().int(),
  settings: CommentSettings,
  /** True for an observer when the secretariat hid comments from observers: `threads` is then empty. */
  hiddenFromMe: z.boolean(),
  threads: z.array(ThreadView),
});
export type CommentsResponse = z.infer<typeof CommentsResponse>;

/** Payload of the collaboration protocol's Comments message: threads as they now are, or a settings change. */
export const CommentsPayload = z.object({
  cursor: z.number().int(),
  threads: z.array(ThreadView),
  settings: CommentSettings.optional(),
});
export type CommentsPayload = z.infer<typeof CommentsPayload>;

/** Query of `GET /api/documents/:id/export`. */
export const ExportQuery = z.object({
  /** The agreed text for adoption, the negotiation text as it stands, or the comments by paragraph. */
  variant: z.enum(["agreed", "negotiation", "comments"]),
  format: z.enum(["docx", "pdf", "html", "md"]),
  /** A named revision's text as it was issued (Rev.N), instead of the text now. */
  revision: z.coerce.number().int().positive().optional(),
  /** Agreed text with paragraphs still open: `stop` (409, naming them) or `mark` them "[not yet agreed]". */
  open: z.enum(["stop", "mark"]).default("stop"),
  /** Negotiation text in the compilation style: each bracket names who placed it. */
  compilation: z.enum(["0", "1"]).default("0"),
}).strict();
export type ExportQuery = z.infer<typeof ExportQuery>;
