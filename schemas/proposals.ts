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
  /** The paragraph of the working draft the proposal was applied to (an ADD: the paragraph it became). */
  applied_pid: z.string().nullable(),
  applied_as: z.enum(["bracketed", "agreed"]).nullable(),
  applied_by: z.string().nullable(),
  applied_at: z.string().nullable(),
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
  /** Where and how it was applied to the working draft, once applied. */
  applied: z.object({ pid: z.string(), as: z.enum(["bracketed", "agreed"]), by: Author.nullable(), at: z.string() }).nullable(),
});
export type ProposalView = z.infer<typeof ProposalView>;

/** Query of `GET /api/documents/:id/proposals/compilation`: narrowed to a delegation, a stakeholder group or a kind. */
export const CompilationQuery = z.strictObject({
  delegation: z.string().max(300).optional(),
  group: z.string().max(60).optional(),
  kind: ProposalKind.optional(),
});
export type CompilationQuery = z.infer<typeof CompilationQuery>;

/** The compilation of proposals: every block of the text with the submitted proposals on it (ADDs after it), side by side. */
export const ProposalCompilation = z.object({
  blocks: z.array(z.object({
    pid: z.string(),
    kind: z.enum(["title", "openingLine", "sectionHeading", "verbPhrase", "paragraph"]),
    label: z.string(),
    /** The block as it stands, brackets written in: `[`, `]`, `[Alt 2: `. */
    text: z.string(),
    proposals: z.array(ProposalView),
    /** Pairs of MODs (by id) that change the same words of this paragraph. */
    conflicts: z.array(z.tuple([z.string(), z.string()])),
  })),
  /** Proposals on paragraphs no longer in the text. */
  orphans: z.array(ProposalView),
  counts: z.object({ MOD: z.number().int(), ADD: z.number().int(), SUP: z.number().int(), NOC: z.number().int() }),
});
export type ProposalCompilation = z.infer<typeof ProposalCompilation>;

/**
 * Answer of `POST /api/documents/:id/proposals/import`: the drafts made
 * from a proposal file, and what the import says about its lines (line 0:
 * the whole file). A refusal for recognising nothing carries the notes too.
 */
export const ProposalImportResult = z.object({
  proposals: z.array(ProposalView),
  notes: z.array(z.object({ line: z.number().int().nonnegative(), message: z.string() })),
});
export type ProposalImportResult = z.infer<typeof ProposalImportResult>;
