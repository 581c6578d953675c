/**
 * How each of the six UN languages writes a negotiated text, as data: one
 * table per language (ar.ts, zh.ts, en.ts, fr.ts, ru.ts, es.ts), read by
 * numbering (labels, bis/ter, references) and by the import (verb phrases,
 * language detection, label reading). Nothing else in the code asks which
 * language a document is in; it asks the language's table.
 */
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";

/** What a label's core is wrapped in: "(" and ")" for (a), "" and "." for 1. */
export interface LabelForm {
  before: string;
  after: string;
}

/** The part of a resolution a paragraph belongs to, or "plain" (declaration style, or outside any verb-phrase block). */
export type ReferencePart = "operative" | "preambular" | "plain";

/** One language's conventions. Every field is required: a language missing one does not compile. */
export interface LanguageConventions {
  language: DocumentLanguage;
  /** Writing direction of the language's script. */
  direction: "ltr" | "rtl";
  /** Letters of the language's script (for detection); Latin for English, French and Spanish. */
  script: RegExp;
  /** Words are separated by spaces; Chinese runs them together, so its phrases match without a word boundary. */
  spacedWords: boolean;
  /** Between a label and its suffix: " " ("5 bis"); Chinese writes "5之二". */
  suffixJoiner: string;
  /** The sequence lettered items take: a b c ..., or أ ب ج ... in the Arabic abjad order. */
  letters: readonly string[];
  /** How the n-th (1-based) sub-item under a lettered item is written: i, ii ...; ’1‘ ’2‘ ...; ㈠ ㈡ ... */
  romanNumeral: (n: number) => string;
  /** Insertion suffixes in order: bis, ter, quater ... (past the list, a number in parentheses). */
  suffixes: readonly string[];
  /** How numbers, letters and roman sub-items are wrapped, by document style. */
  forms: Record<DocumentStyle, Record<"number" | "letter" | "roman", LabelForm>>;
  /**
   * How delegates refer to a paragraph: `label` as the resolution style writes it ("5 bis",
   * "(c)"), `sub` a sub-paragraph's label or null. "OP5 bis", "PP (c)", "para 12 (a)"; "الفقرة 5
   * مكرراً من المنطوق"; "执行部分第5段之二".
   */
  reference: (part: ReferencePart, label: string, sub: string | null) => string;
  /** Opening verb phrases of resolution blocks, lower case, as matched at the start of a line. */
  phrases: { preambular: readonly string[]; operative: readonly string[] };
  /** Words after a phrase that leave it a bare phrase ("further", "además", "также"). */
  phraseModifiers: readonly string[];
  /** Common function words only this language (among those of its script) uses, for detection. */
  functionWords: readonly string[];
  /** Other letter sequences a source in this language may label with (Russian texts also letter а) б) в)). */
  alsoReadLetters: readonly (readonly string[])[];
}

/** a, b ... z */
export const LATIN_LETTERS: readonly string[] = Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i));

/** Latin multiplicative adverbs, as United Nations and ITU texts in English, French and Spanish write them. */
export const LATIN_SUFFIXES: readonly string[] = [
  "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies",
  "undecies", "duodecies", "terdecies", "quaterdecies", "quindecies", "sexdecies",
  "septdecies", "octodecies", "novodecies", "vicies",
];

/** Lower-case roman numerals: i, ii, iii, iv ... */
export function roman(n: number): string {
  const table: [number, string][] = [
    [1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"],
    [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"],
  ];
  let out = "";
  let rest = n;
  for (const [value, numeral] of table) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

/** The n-th (1-based) item of a letter sequence; past its end, two letters (aa, ab ...), as ITU texts continue. */
export function nthLetter(sequence: readonly string[], n: number): string {
  let out = "";
  for (let i = n; i > 0; i = Math.floor((i - 1) / sequence.length)) out = sequence[(i - 1) % sequence.length]! + out;
  return out;
}

/** The value of a label written in a letter sequence ("c" is 3, "aa" 27, "ب" 2), or null if it is not one. */
export function letterValue(sequence: readonly string[], label: string): number | null {
  const whole = sequence.indexOf(label);
  if (whole >= 0) return whole + 1;
  if (label.length !== 2) return null;
  const [first, second] = [sequence.indexOf(label[0]!), sequence.indexOf(label[1]!)];
  return first >= 0 && second >= 0 ? (first + 1) * sequence.length + second + 1 : null;
}

/**
 * References as negotiators say them in the room, in every language that
 * keeps them: "OP5 bis", "PP (c)", and a declaration's paragraph by the
 * language's own abbreviation (`paragraph`: "para", "par.", "párr.").
 */
export function roomReferences(paragraph: string): LanguageConventions["reference"] {
  return (part, label, sub) => {
    const full = sub ? `${label} ${sub}` : label;
    return part === "operative" ? `OP${full}` : part === "preambular" ? `PP ${full}` : `${paragraph} ${full}`;
  };
}

/** The value of a lower-case roman numeral (i, iv, xii), the inverse of {@link roman}. */
export function romanValue(numeral: string): number {
  const digit: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const here = digit[numeral[i]!]!;
    const next = digit[numeral[i + 1] ?? ""] ?? 0;
    total += here < next ? -here : here;
  }
  return total;
}
