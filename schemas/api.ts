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
});
export type UserView = z.infer<typeof UserView>;

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
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

/** Every API error body: a stable machine id and a human sentence. */
export const ApiError = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Body of `POST /api/documents/:id/revisions`. */
export const IssueRevisionBody = z.object({ name: z.string().trim().max(100).optional() }).strict();
export type IssueRevisionBody = z.infer<typeof IssueRevisionBody>;

/** One revision as the API shows it. */
export const RevisionView = z.object({ id: z.string(), number: z.number().int(), name: z.string(), issuedAt: z.string() });
export type RevisionView = z.infer<typeof RevisionView>;

/** One audit record as the API shows it. */
export const AuditView = z.object({
  id: z.number().int(),
  at: z.string(),
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
