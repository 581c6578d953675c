import { BRACKET_MARK, BracketAttrs } from "../../schemas/brackets.js";
import type { TextRun } from "./tokens.js";

export { BRACKET_MARK };

/** Whether a Yjs format attribute holds a bracket (`bracket` or `bracket--<hash>` for overlapping marks). */
export function isBracketAttribute(key: string): boolean {
  return key === BRACKET_MARK || key.startsWith(`${BRACKET_MARK}--`);
}

/**
 * Reads the runs of a paragraph from a Y.XmlText delta (as `toDelta()`
 * returns it). Embedded non-text inserts count as no text; attributes that
 * do not parse as brackets are ignored rather than trusted.
 */
export function runsFromDelta(delta: { insert?: unknown; attributes?: Record<string, unknown> }[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const op of delta) {
    if (typeof op.insert !== "string") continue;
    const brackets: BracketAttrs[] = [];
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      if (!isBracketAttribute(key)) continue;
      const parsed = BracketAttrs.safeParse(value);
      if (parsed.success) brackets.push(parsed.data);
    }
    runs.push({ text: op.insert, brackets });
  }
  return runs;
}
