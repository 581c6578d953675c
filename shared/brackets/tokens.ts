import type { BracketAttrs } from "../../schemas/brackets.js";

/** A stretch of text and the brackets around it (in any order). */
export interface TextRun {
  text: string;
  brackets: BracketAttrs[];
}

/** A paragraph's text as a balanced sequence of bracket openings, text and closings. */
export type BracketToken =
  | { kind: "open"; bracket: BracketAttrs; altIndex: number | null }
  | { kind: "text"; text: string }
  | { kind: "close"; bracket: BracketAttrs; altIndex: number | null };

/** Earlier-placed brackets are outer; ties broken by id so every client draws the same nesting. */
function outerFirst(a: BracketAttrs, b: BracketAttrs): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Turns runs into tokens that are balanced by construction: a bracket opens
 * where its text starts and closes where it ends; when two brackets cross
 * (possible after concurrent edits) the inner one is closed and reopened, so
 * the drawn brackets always nest. Alternatives are numbered by order of
 * appearance within their set.
 */
export function bracketTokens(runs: TextRun[]): BracketToken[] {
  const tokens: BracketToken[] = [];
  const stack: BracketAttrs[] = [];
  const altOrder = new Map<string, string[]>();
  const altIndex = (b: BracketAttrs): number | null => {
    if (!b.alt) return null;
    let ids = altOrder.get(b.alt);
    if (!ids) altOrder.set(b.alt, (ids = []));
    if (!ids.includes(b.id)) ids.push(b.id);
    return ids.indexOf(b.id) + 1;
  };
  const close = () => {
    const b = stack.pop()!;
    tokens.push({ kind: "close", bracket: b, altIndex: altIndex(b) });
  };
  for (const run of runs) {
    if (run.text.length === 0) continue;
    const ids = new Set(run.brackets.map((b) => b.id));
    while (stack.some((b) => !ids.has(b.id))) close();
    const open = new Set(stack.map((b) => b.id));
    for (const b of [...run.brackets].sort(outerFirst)) {
      if (open.has(b.id)) continue;
      open.add(b.id);
      stack.push(b);
      tokens.push({ kind: "open", bracket: b, altIndex: altIndex(b) });
    }
    const last = tokens[tokens.length - 1];
    if (last?.kind === "text") last.text += run.text;
    else tokens.push({ kind: "text", text: run.text });
  }
  while (stack.length > 0) close();
  return tokens;
}

/** How a bracket opening is written in plain text: `[` or `[Alt 2: `. */
export function openingText(altIndex: number | null): string {
  return altIndex === null ? "[" : `[Alt ${altIndex}: `;
}

/** The paragraph as negotiators write it, with `[`, `]` and `[Alt n: ` in place. */
export function bracketedText(runs: TextRun[]): string {
  return bracketTokens(runs)
    .map((t) => (t.kind === "text" ? t.text : t.kind === "open" ? openingText(t.altIndex) : "]"))
    .join("");
}

/** One bracket in a paragraph: its attributes and the words inside it. */
export interface BracketSummary {
  bracket: BracketAttrs;
  text: string;
  /** Position among its alternatives (1-based), or null for a plain bracket. */
  altIndex: number | null;
}

/** Every distinct bracket of a paragraph, in order of opening. */
export function listBrackets(runs: TextRun[]): BracketSummary[] {
  const byId = new Map<string, BracketSummary>();
  const open: BracketSummary[] = [];
  for (const token of bracketTokens(runs)) {
    if (token.kind === "open") {
      let summary = byId.get(token.bracket.id);
      if (!summary) byId.set(token.bracket.id, (summary = { bracket: token.bracket, text: "", altIndex: token.altIndex }));
      open.push(summary);
    } else if (token.kind === "close") {
      const i = open.findIndex((s) => s.bracket.id === token.bracket.id);
      if (i >= 0) open.splice(i, 1);
    } else {
      for (const s of open) s.text += token.text;
    }
  }
  return [...byId.values()];
}

/** Whether a token sequence is balanced: every close matches the innermost open. */
export function isBalanced(tokens: BracketToken[]): boolean {
  const stack: string[] = [];
  for (const t of tokens) {
    if (t.kind === "open") stack.push(t.bracket.id);
    else if (t.kind === "close" && stack.pop() !== t.bracket.id) return false;
  }
  return stack.length === 0;
}
