import { z } from "zod";
import { StakeholderGroup } from "./domain.js";

/** Name of the bracket mark in the schema and prefix of its Yjs format attributes. */
export const BRACKET_MARK = "bracket";

/**
 * Attributes of a bracket mark: which bracket it is, which set of
 * alternatives it is an option of (if any), and who placed it when. Stored
 * on the text inside the brackets; the `[` `]` characters themselves are
 * drawn, never typed, so they can never become unbalanced.
 */
export const BracketAttrs = z.strictObject({
  id: z.string().min(1),
  /** Id of the alternatives this bracket is an option of, or null for a plain bracket. */
  alt: z.string().nullable(),
  userId: z.string(),
  name: z.string(),
  delegation: z.string().nullable(),
  group: StakeholderGroup.nullable(),
  /** ISO time the bracket was placed. */
  at: z.string(),
});
export type BracketAttrs = z.infer<typeof BracketAttrs>;

/** Who places a bracket: the signed-in user's identity, stamped on every bracket they place. */
export type BracketPlacer = Omit<BracketAttrs, "id" | "alt" | "at">;
