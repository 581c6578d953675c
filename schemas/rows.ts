import { z } from "zod";
import { DocumentLanguage, DocumentStyle, Role, StakeholderGroup } from "./domain.js";

/** A `users` row joined with its delegation, as read from SQLite. */
export const UserRow = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string(),
  password_hash: z.string(),
  role: Role,
  delegation_id: z.string().nullable(),
  disabled: z.number().int(),
  locale: DocumentLanguage.nullable(),
  delegation_name: z.string().nullable(),
  stakeholder_group: StakeholderGroup.nullable(),
});
export type UserRow = z.infer<typeof UserRow>;

/** A `sessions` row. Times are epoch milliseconds. */
export const SessionRow = z.object({
  id: z.string(),
  user_id: z.string(),
  created_at: z.number().int(),
  expires_at: z.number().int(),
});
export type SessionRow = z.infer<typeof SessionRow>;

/** A `documents` row joined with its process name. */
export const DocumentRow = z.object({
  id: z.string(),
  process_id: z.string(),
  process_name: z.string(),
  title: z.string(),
  style: DocumentStyle,
  language: DocumentLanguage,
  created_at: z.string(),
  updated_at: z.string(),
  /** 1 while only the secretariat and facilitators may read it (an import not yet published). */
  draft: z.union([z.literal(0), z.literal(1)]),
  symbol: z.string(),
  /** YYYY-MM-DD or empty. */
  dated: z.string(),
  place: z.string(),
});
export type DocumentRow = z.infer<typeof DocumentRow>;

/** A `document_states` row. */
export const DocumentStateRow = z.object({
  state: z.instanceof(Uint8Array),
  last_seq: z.number().int(),
});
export type DocumentStateRow = z.infer<typeof DocumentStateRow>;

/** A `document_updates` row as loaded for replay; `checksum` is null on rows older than checksums. */
export const DocumentUpdateRow = z.object({
  seq: z.number().int(),
  data: z.instanceof(Uint8Array),
  checksum: z.string().nullable(),
});
export type DocumentUpdateRow = z.infer<typeof DocumentUpdateRow>;

/** A `quarantined_updates` row: a log row set aside with the reason, as it was. */
export const QuarantinedUpdateRow = z.object({
  document_id: z.string(),
  seq: z.number().int(),
  data: z.instanceof(Uint8Array),
  checksum: z.string().nullable(),
  user_id: z.string().nullable(),
  created_at: z.number().int(),
  reason: z.string(),
  quarantined_at: z.string(),
});
export type QuarantinedUpdateRow = z.infer<typeof QuarantinedUpdateRow>;

/** How many updates of a document are set aside, and when the last was. */
export const QuarantineSummaryRow = z.object({
  document_id: z.string(),
  count: z.number().int(),
  last_at: z.string(),
});
export type QuarantineSummaryRow = z.infer<typeof QuarantineSummaryRow>;

/** An `audit_log` row joined with the acting user's name. */
export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  user_id: z.string().nullable(),
  user_name: z.string().nullable(),
  document_id: z.string().nullable(),
  pid: z.string().nullable(),
  action: z.string(),
  detail: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

/** A `revisions` row without its state. */
export const RevisionRow = z.object({
  id: z.string(),
  document_id: z.string(),
  number: z.number().int(),
  name: z.string(),
  issued_by: z.string().nullable(),
  issued_at: z.string(),
  note: z.string(),
});
export type RevisionRow = z.infer<typeof RevisionRow>;

/** A `comment_threads` row. */
export const CommentThreadRow = z.object({
  id: z.string(),
  document_id: z.string(),
  pid: z.string(),
  quote_text: z.string().nullable(),
  quote_start: z.instanceof(Uint8Array).nullable(),
  quote_end: z.instanceof(Uint8Array).nullable(),
  created_by: z.string(),
  created_at: z.string(),
  resolved_at: z.string().nullable(),
  resolved_by: z.string().nullable(),
  version: z.number().int(),
});
export type CommentThreadRow = z.infer<typeof CommentThreadRow>;

/** A `comments` row. */
export const CommentRow = z.object({
  id: z.string(),
  thread_id: z.string(),
  author_id: z.string(),
  body: z.string(),
  created_at: z.string(),
  edited_at: z.string().nullable(),
  deleted_at: z.string().nullable(),
  hidden_at: z.string().nullable(),
  hidden_by: z.string().nullable(),
  hidden_reason: z.string().nullable(),
});
export type CommentRow = z.infer<typeof CommentRow>;

/** A `screen_links` row joined with its creator's name. */
export const ScreenLinkRow = z.object({
  id: z.string(),
  document_id: z.string(),
  key_hash: z.string(),
  label: z.string(),
  created_by: z.string(),
  created_by_name: z.string(),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
  revoked_by: z.string().nullable(),
});
export type ScreenLinkRow = z.infer<typeof ScreenLinkRow>;

/** A `discussion_state` row: the paragraph under discussion in a document's room (null columns: none). */
export const DiscussionRow = z.object({
  document_id: z.string(),
  pid: z.string().nullable(),
  set_by: z.string().nullable(),
  set_at: z.number().int().nullable(),
});
export type DiscussionRow = z.infer<typeof DiscussionRow>;
