import type { BracketAttrs } from "../../schemas/brackets.js";
import { RefusalReason } from "../../schemas/refusal.js";
import type { RuleViolation } from "../document/changeRules.js";

export { RefusalReason } from "../../schemas/refusal.js";

/**
 * The most bytes a refusal takes in a close frame. RFC 6455 allows 123 bytes
 * of reason; the server's sockets cut reasons at 120 characters, so staying
 * within 120 bytes means nothing is ever cut.
 */
export const MAX_REFUSAL_BYTES = 120;

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text).length;

/** Who a bracket is named after in a sentence: its delegation, else the person who placed it. */
export function bracketOwner(bracket: Pick<BracketAttrs, "delegation" | "name">): string {
  return bracket.delegation ?? bracket.name;
}

/** A paragraph rule's violation as the server sends it: the bracket reduced to whose it is. */
export function refusalOfViolation(violation: RuleViolation): RefusalReason {
  return violation.rule === "removeOthersBracket" ? { rule: violation.rule, who: bracketOwner(violation.bracket) } : violation;
}

/** Keeps whole characters (grapheme clusters) of `text` while `fits` holds for the shortened text with an ellipsis. */
function shorten(text: string, fits: (shortened: string) => boolean): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
  for (let keep = graphemes.length - 1; keep > 0; keep -= 1) {
    const shortened = `${graphemes.slice(0, keep).join("")}…`;
    if (fits(shortened)) return shortened;
  }
  return "…";
}

/**
 * The close reason for a refusal: its JSON, at most MAX_REFUSAL_BYTES of
 * UTF-8. Only a bracket owner's name is long enough to need it: it is
 * shortened at a whole character (an Arabic name is 2 bytes a letter, a
 * Chinese one 3) and ends in "…".
 */
export function writeRefusalReason(reason: RefusalReason): string {
  const json = JSON.stringify(reason);
  if (bytesOf(json) <= MAX_REFUSAL_BYTES || !("who" in reason)) return json;
  const fits = (who: string) => bytesOf(JSON.stringify({ ...reason, who })) <= MAX_REFUSAL_BYTES;
  return JSON.stringify({ ...reason, who: shorten(reason.who, fits) });
}

/**
 * Reads a close reason sent by writeRefusalReason; null for anything else
 * (an older server's English sentence, a protocol error's text), which the
 * client then shows as it came.
 */
export function readRefusalReason(text: string): RefusalReason | null {
  if (!text.startsWith("{")) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = RefusalReason.safeParse(value);
  return parsed.success ? parsed.data : null;
}
