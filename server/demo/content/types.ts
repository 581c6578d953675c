import type { DocumentLanguage, DocumentStyle } from "../../../schemas/domain.js";

/**
 * A block of demo text, written by hand. Square brackets in `text` are plain
 * characters here; the seeder turns them into the document as typed text.
 */
export type DemoBlock =
  | { type: "title"; text: string }
  | { type: "openingLine"; text: string }
  | { type: "sectionHeading"; text: string }
  | { type: "verbPhrase"; part: "preambular" | "operative"; text: string }
  | { type: "paragraph"; text: string; level?: 1 | 2 };

/** One demo document. */
export interface DemoDocument {
  slug: string;
  title: string;
  style: DocumentStyle;
  language: DocumentLanguage;
  blocks: DemoBlock[];
}
