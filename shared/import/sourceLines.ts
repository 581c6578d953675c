/**
 * First step of the plain-text import: from a decoded string to the lines
 * that carry text. Word leftovers (bookmarks, underscore rules, BOM) and
 * blank lines are dropped here; everything else survives, one entry per
 * line, with its line number in the source for messages.
 */

/** One line of the source that survived cleaning. Tabs are kept: they separate labels from text. */
export interface SourceLine {
  /** 1-based line number in the source as given (after CRLF normalisation). */
  lineNumber: number;
  text: string;
}

/** The cleaned lines, or why the text cannot be imported. */
export type SourceLinesResult =
  | { ok: true; lines: SourceLine[]; warnings: string[] }
  | { ok: false; error: string };

/** Above this share of control or replacement characters a text is taken for a binary file. */
export const MAX_GARBAGE_SHARE = 0.1;

// Word's manual line break (\v), page break (\f) and the Unicode separators end a line too.
const LINE_BREAK = /\r\n|[\r\n\u000B\u000C\u2028\u2029]/;
const BOOKMARK = /\[bookmark:[^\]\n]*\]/gi;
const UNDERSCORE_RULE = /^_+$/;
// C0 controls other than tab and line breaks, DEL, and U+FFFD (what a decoder puts for bytes it cannot read).
const GARBAGE = /[\u0001-\u0008\u000E-\u001F\u007F\uFFFD]/g;
// Spaces that may precede a label; tabs are significant and stay.
const LEADING_SPACES = /^[ \u00A0\u2007\u202F\u3000]+/;

/**
 * Footnotes as Word writes them into plain text: "[footnoteRef:1]" where the
 * note is referred to (often followed by the number again, as Word shows it),
 * and "[1: 1<TAB>The note's text.]" for the note itself. The editor has no
 * footnotes, so a note becomes plain text, never a negotiation bracket: the
 * reference a superscript number, the note its text in parentheses after it,
 * in its paragraph: "countries¹ (¹ This term includes ...)".
 */
const FOOTNOTE_REF = /\[footnoteRef:(\d+)\](\d+(?!\d))?/gi;
const FOOTNOTE_TEXT = /\[(\d+):[ \t]*([^\]]*)\]/g;
const FOOTNOTE_OPEN = /\[\d+:[^\]]*$/;
/** How many lines one footnote's text may run over before it is taken as a stray bracket. */
const MAX_FOOTNOTE_LINES = 20;
const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

function superscript(n: string): string {
  return [...n].map((d) => SUPERSCRIPT[Number(d)]).join("");
}

function openFootnote(line: string): boolean {
  return FOOTNOTE_OPEN.test(line);
}

/** A line with its footnote references and texts turned into plain text, each change reported. */
function readFootnotes(line: string, lineNumber: number, warnings: string[]): string {
  if (!line.includes("[")) return line;
  const numbers: string[] = [];
  const out = line
    .replace(FOOTNOTE_REF, (_all, n: string, shown: string | undefined) => {
      // "[footnoteRef:1]1": the "1" after it is the same reference as Word shows it.
      return superscript(n) + (shown !== undefined && shown !== n ? shown : "");
    })
    .replace(FOOTNOTE_TEXT, (_all, n: string, body: string) => {
      numbers.push(n);
      // The note's text often starts with its number and a TAB, as Word lays it out.
      const text = body.replace(new RegExp(`^${n}(?=[\\s\\t])`), "").replace(/\s+/g, " ").trim();
      return `(${superscript(n)} ${text})`;
    });
  for (const n of numbers) {
    warnings.push(`line ${lineNumber}: footnote ${n} kept as plain text after its reference, in parentheses ("${superscript(n)} …"); the editor has no footnotes.`);
  }
  return out;
}

/** Splits a decoded text into the lines worth importing, refusing empty and binary-looking input. */
export function readSourceLines(text: string): SourceLinesResult {
  if (text.includes("\u0000")) {
    return { ok: false, error: "This looks like a binary file (it contains NUL bytes), not plain text. Save the document as plain text (UTF-8) and import that." };
  }
  const garbage = text.match(GARBAGE)?.length ?? 0;
  if (text.length > 0 && garbage / text.length > MAX_GARBAGE_SHARE) {
    const percent = Math.round((100 * garbage) / text.length);
    return {
      ok: false,
      error: `This looks like a binary file or a text in another encoding (${percent}% control or unreadable characters). Save the document as plain text (UTF-8) and import that.`,
    };
  }

  const warnings: string[] = [];
  const replacements = text.split("\uFFFD").length - 1;
  if (replacements > 0) {
    warnings.push(`${replacements} unreadable character(s) (\uFFFD) in the text: the file may not have been UTF-8; check accented letters.`);
  }

  const lines: SourceLine[] = [];
  const raws = text.replace(/\uFEFF/g, "").normalize("NFC").split(LINE_BREAK);
  for (let index = 0; index < raws.length; index++) {
    let raw = raws[index]!;
    const lineNumber = index + 1;
    // A footnote's text may run over several lines: they are read as one, up to its closing bracket.
    while (openFootnote(raw) && index + 1 < raws.length && index + 1 - lineNumber < MAX_FOOTNOTE_LINES) {
      index += 1;
      raw += ` ${raws[index]!.trim()}`;
    }
    raw = readFootnotes(raw, lineNumber, warnings);
    const cleaned = raw.replace(BOOKMARK, "").replace(LEADING_SPACES, "").trimEnd();
    if (cleaned.trim() === "" || UNDERSCORE_RULE.test(cleaned.trim())) continue;
    lines.push({ lineNumber, text: cleaned });
  }

  if (lines.length === 0) {
    return { ok: false, error: "The text is empty: nothing is left after removing blank lines, Word bookmarks and underscore rules." };
  }
  return { ok: true, lines, warnings };
}
