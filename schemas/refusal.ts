import { z } from "zod";

const pid = z.string().min(1).max(40);
const frozen = z.enum(["agreed", "deleted"]);

/**
 * Why the server refused a change, as sent in the websocket close frame
 * (JSON, at most 120 bytes): the rule that was broken and what a sentence
 * about it needs. The client words it in the interface language, with the
 * same wording it uses for the rules it prevents itself (the paragraph rules
 * of shared/document/changeRules.ts, under their own names), so no words of
 * any language cross the wire. `who` names a bracket's delegation or placer,
 * shortened to fit.
 */
export const RefusalReason = z.discriminatedUnion("rule", [
  // The paragraph rules (shared/document/changeRules.ts RuleViolation).
  z.object({ rule: z.literal("readOnly") }),
  z.object({ rule: z.literal("statusChange"), pid }),
  z.object({ rule: z.literal("attributeChange"), pid, attribute: z.string().max(40) }),
  z.object({ rule: z.literal("kindChange"), pid }),
  z.object({ rule: z.literal("removeRevised"), pid }),
  z.object({ rule: z.literal("missingAttribute"), pid, attribute: z.string().max(40) }),
  z.object({ rule: z.literal("invalidAttribute"), pid, attribute: z.string().max(40) }),
  z.object({ rule: z.literal("frozenText"), pid, status: frozen }),
  z.object({ rule: z.literal("frozenRemove"), pid, status: frozen }),
  z.object({ rule: z.literal("addNotOpen"), pid }),
  z.object({ rule: z.literal("removeOthersBracket"), who: z.string() }),
  z.object({ rule: z.literal("attributionChanged") }),
  z.object({ rule: z.literal("placeBracket") }),
  z.object({ rule: z.literal("forgedBracket") }),
  z.object({ rule: z.literal("agreedWithBrackets"), pid, count: z.number().int().nonnegative() }),
  // Item by item (server/collab/itemRules.ts).
  /** Content in a place the document has none for (a node type, a root). */
  z.object({ rule: z.literal("notDescribed") }),
  /** An attribute or mark value the allow-list does not allow. */
  z.object({ rule: z.literal("invalidValue") }),
  /** Anything changed inside a paragraph agreed ad ref or marked deleted. */
  z.object({ rule: z.literal("frozenItem"), pid, status: frozen }),
  /** Someone else's bracketed words taken out, moved or re-typed. */
  z.object({ rule: z.literal("othersBracketedWords"), who: z.string() }),
  // The update as a whole.
  /** Yjs could not apply the update. */
  z.object({ rule: z.literal("unappliable") }),
  /** The update deletes or builds on text the server does not have. */
  z.object({ rule: z.literal("unknownText") }),
  z.object({ rule: z.literal("missingPid") }),
  z.object({ rule: z.literal("duplicatePid"), pid }),
  /** The update writes with a Yjs client id another user already wrote with. */
  z.object({ rule: z.literal("stolenClientId") }),
  /** The document is at its size budget (MAX_DOCUMENT_BYTES). */
  z.object({ rule: z.literal("documentFull"), bytes: z.number().int().nonnegative() }),
  // The room's other messages.
  /** Only a facilitator moves the discussion (sets the paragraph under discussion). */
  z.object({ rule: z.literal("leadDiscussion") }),
]);
export type RefusalReason = z.infer<typeof RefusalReason>;
