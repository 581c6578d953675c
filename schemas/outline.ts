import { z } from "zod";
import { DocumentLanguage, DocumentStyle } from "./domain.js";

/**
 * A document as a flat list of blocks in reading order: what the demo
 * content, the plain-text importer and (later) exporters exchange. Square
 * brackets in `text` are typed characters; they become attributed bracket
 * marks when the outline is turned into a document.
 */
export const OutlineBlock = z.discriminatedUnion("type", [
  z.object({ type: z.literal("title"), text: z.string() }),
  z.object({ type: z.literal("openingLine"), text: z.string() }),
  z.object({ type: z.literal("sectionHeading"), text: z.string() }),
  z.object({ type: z.literal("verbPhrase"), part: z.enum(["preambular", "operative"]), text: z.string() }),
  z.object({
    type: z.literal("paragraph"),
    text: z.string(),
    level: z.union([z.literal(1), z.literal(2)]).optional(),
    /** The label the source showed ("a)", "12", "iii)"), kept for checking; labels are computed. */
    sourceLabel: z.string().optional(),
    /**
     * The label core the paragraph keeps as the source wrote it ("h", "2.10.1", "6" for a
     * flattened "46"), until the first revision renumbers.
     */
    importedLabel: z.string().min(1).max(32).optional(),
  }),
]);
export type OutlineBlock = z.infer<typeof OutlineBlock>;

/** A whole document as an outline. */
export const DocumentOutline = z.object({
  title: z.string().min(1),
  style: DocumentStyle,
  language: DocumentLanguage,
  blocks: z.array(OutlineBlock),
});
export type DocumentOutline = z.infer<typeof DocumentOutline>;
