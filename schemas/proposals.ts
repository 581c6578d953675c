/**
 * Proposals against a document's text (ITU MOD, ADD, SUP, NOC): the API's
 * bodies and views, and the stored row.
 */
import { z } from "zod";
import { Author } from "./api.js";

export const ProposalKind = z.enum(["MOD", "ADD", "SUP", "NOC"]);
export type ProposalKind = z.infer<typeof ProposalKind>;

export const ProposalStatus = z.enum(["draft", "submitted", "withdrawn", "applied"]);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

/** A proposal's public id as the ITU writes them: "EUR/12A3/1", "ATU/35A18/1". */
export const ProposalLabel = z.string().trim().max(40).regex(/^[A-Za-z0-9+.-]+(\/[A-Za-z0-9+.()-]+)+$/, "An id is parts separated by /, such as EUR/12A3/1.");

/** Body of `POST /api/documents/:id/proposals`. */
export const ProposalBody = z.strictObject({
  kind: ProposalKind,
  /** The paragraph it is about (MOD, SUP, NOC), or the block after which the new paragraph goes (ADD). */
  pid: z.string().min(1).max(64),
  /** The paragraph as proposed: MOD and ADD only. */
  text: z.string().trim().min(1).max(20_000).optional(),
  reasons: z.string().trim().max(5_000, "Reasons are at most 5,000 characters."),
  /** The proposal's id; given by the proposer, or made from the delegation and a number. */
  id: ProposalLabel.optional(),
}).superRefine((body, ctx) => {
  const needsText = body.kind === "MOD" || body.kind === "ADD";
  if (needsText && body.text === undefined) ctx.addIssue({ code: "custom", path: ["text"], message: `A ${body.kind} gives the paragraph as proposed.` });
  if (!needsText && body.text !== undefined) ctx.addIssue({ code: "custom", path: ["text"], message: `A ${body.kind} proposes no text.` });
});
export type ProposalBody = z.infer<typeof ProposalBody>;

/** A `proposals` row. */
export const ProposalRow = z.object({
  id: z.string(),
  document_id: z.string(),
  label: z.string(),
  kind: ProposalKind,
  pid: z.string(),
  base_text: z.string(),
  text: z.string().nullable(),
  reasons: z.string(),
  status: ProposalStatus,
  author_id: z.string(),
  delegation_id: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  submitted_at: z.string().nullable(),
});
export type ProposalRow = z.infer<typeof ProposalRow>;

/** A proposal as the API shows it; a MOD with its change as runs of the base paragraph's words. */
export const ProposalView = z.object({
  id: z.string(),
  kind: ProposalKind,
  pid: z.string(),
  status: ProposalStatus,
  reasons: z.string(),
  text: z.string().nullable(),
  base: z.string(),
  runs: z.array(z.object({ kind: z.enum(["equal", "insert", "delete"]), text: z.string() })).nullable(),
  proposer: Author.nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type ProposalView = z.infer<typeof ProposalView>;
