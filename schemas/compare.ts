/**
 * The shapes of revisions read back and compared: an issued revision's text,
 * and the comparison of two texts of a document (docs/EXPORTS.md).
 */
import { z } from "zod";
import { Author, RevisionView } from "./api.js";
import { ParagraphStatus } from "./domain.js";

/** Query of `GET /api/documents/:id/compare`: an issued revision against a later one, or against the text now. */
export const CompareQuery = z.strictObject({
  from: z.coerce.number().int().positive(),
  to: z.union([z.literal("live"), z.coerce.number().int().positive()]).default("live"),
  format: z.enum(["json", "docx", "pdf", "html"]).default("json"),
});
export type CompareQuery = z.infer<typeof CompareQuery>;

const ComparedSide = z.object({ label: z.string(), status: ParagraphStatus });

/** One block of a comparison: how it changed, and its words as pieces kept, inserted or deleted, each naming who. */
export const BlockComparisonView = z.object({
  pid: z.string(),
  kind: z.enum(["title", "openingLine", "sectionHeading", "verbPhrase", "paragraph"]),
  change: z.enum(["same", "changed", "added", "deleted"]),
  moved: z.boolean(),
  from: ComparedSide.nullable(),
  to: ComparedSide.nullable(),
  /** A new paragraph split off another, or a deleted one merged into another: that other paragraph. */
  origin: z.object({ kind: z.enum(["split", "merged"]), pid: z.string(), label: z.string() }).optional(),
  pieces: z.array(z.object({
    op: z.enum(["same", "inserted", "deleted"]),
    text: z.string(),
    by: Author.nullable(),
    /** Words moved between paragraphs by a split or join, not written or struck. */
    moved: z.boolean().optional(),
  })),
});

/** Response of `GET /api/documents/:id/compare?format=json`. */
export const ComparisonView = z.object({
  from: z.object({ number: z.number().int(), name: z.string(), issuedAt: z.string() }),
  /** Null when compared with the text now. */
  to: z.object({ number: z.number().int(), name: z.string(), issuedAt: z.string() }).nullable(),
  blocks: z.array(BlockComparisonView),
  summary: z.object({ changed: z.number().int(), added: z.number().int(), deleted: z.number().int(), moved: z.number().int(), agreed: z.number().int() }),
});
export type ComparisonView = z.infer<typeof ComparisonView>;

/** Response of `GET /api/documents/:id/revisions/:n`: an issued revision's text as it was, with the labels it had. */
export const RevisionTextView = z.object({
  revision: RevisionView,
  blocks: z.array(z.object({
    pid: z.string(),
    kind: z.enum(["title", "openingLine", "sectionHeading", "verbPhrase", "paragraph"]),
    level: z.number().int(),
    status: ParagraphStatus,
    label: z.string(),
    /** The words with brackets and alternatives written in: "[shall / should] ensure". */
    text: z.string(),
  })),
});
export type RevisionTextView = z.infer<typeof RevisionTextView>;
