import type { DocumentOutline, OutlineBlock } from "../../../schemas/outline.js";

/** A block of demo text, written by hand (see schemas/outline.ts). */
export type DemoBlock = OutlineBlock;

/** One demo document: an outline with a stable slug. */
export interface DemoDocument extends DocumentOutline {
  slug: string;
}
