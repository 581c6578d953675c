import type { BracketAttrs, BracketPlacer } from "../../schemas/brackets.js";
import type { TextRun } from "./tokens.js";

/** A typed-in text turned into runs, and the bracket characters that could not be paired. */
export interface ParsedBrackets {
  runs: TextRun[];
  /** Offsets of `[` or `]` left as literal characters because they had no partner. */
  unpaired: number[];
}

const ALT_PREFIX = /^\[\s*Alt(?:ernative)?\s*(\d+)\s*:\s*/i;

/**
 * Reads square brackets typed as characters (in imported texts and drafts
 * written elsewhere) into bracket runs: `[words]`, nested brackets, and
 * `[Alt 1: one] [Alt 2: two]` as one set of alternatives. Every bracket is
 * attributed to `placer` (the person importing) at `at`; unpaired bracket
 * characters stay literal text.
 */
export function parseBracketedText(
  text: string,
  placer: BracketPlacer,
  at: string,
  newId: () => string,
): ParsedBrackets {
  // First pass: pair brackets; unpaired ones stay literal.
  const partner = new Map<number, number>();
  const stack: number[] = [];
  const unpaired: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "[") stack.push(i);
    else if (text[i] === "]") {
      const open = stack.pop();
      if (open === undefined) unpaired.push(i);
      else partner.set(open, i).set(i, open);
    }
  }
  unpaired.push(...stack);

  const runs: TextRun[] = [];
  const open: BracketAttrs[] = [];
  // Per nesting depth: the alternatives set a just-closed option belongs to, while only spaces follow it.
  const lastAlt = new Map<number, { alt: string; end: number }>();
  let buffer = "";
  const flush = () => {
    if (buffer) runs.push({ text: buffer, brackets: [...open] });
    buffer = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "[" && partner.has(i)) {
      flush();
      const prefix = ALT_PREFIX.exec(text.slice(i, partner.get(i)));
      let alt: string | null = null;
      if (prefix) {
        const previous = lastAlt.get(open.length);
        const contiguous = previous && /^\s*$/.test(text.slice(previous.end + 1, i));
        alt = contiguous ? previous.alt : newId();
        i += prefix[0].length - 1;
      }
      open.push({ ...placer, id: newId(), alt, at });
    } else if (ch === "]" && partner.has(i)) {
      flush();
      const closed = open.pop()!;
      if (closed.alt) lastAlt.set(open.length, { alt: closed.alt, end: i });
    } else {
      buffer += ch;
    }
  }
  flush();
  return { runs, unpaired: unpaired.sort((a, b) => a - b) };
}
