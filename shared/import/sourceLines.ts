/**
 * First step of the plain-text import: from a decoded string to the lines
 * that carry text. Word leftovers (bookmarks, underscore rules, BOM) and
 * blank lines are dropped here; everything else survives, one entry per
 * line, with its line number in the source for messages. Footnotes are
 * made plain text here (footnotes.ts).
 */
import { FootnoteReader, MAX_NOTE_LINES } from "./footnotes.js";

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
  const notes = new FootnoteReader(warnings);
  for (let index = 0; index < raws.length; index++) {
    let raw = raws[index]!;
    const lineNumber = index + 1;
    // A footnote's text may run over several lines: read as one when its closing bracket comes within a few.
    if (notes.opensUnclosedNote(raw)) {
      let joined = raw;
      let last = index;
      while (last + 1 < raws.length && last - index < MAX_NOTE_LINES && notes.opensUnclosedNote(joined)) {
        last += 1;
        joined += ` ${raws[last]!.trim()}`;
      }
      if (notes.opensUnclosedNote(joined)) {
        warnings.push(`line ${lineNumber}: a footnote's text opens here but does not close within ${MAX_NOTE_LINES} lines; kept as written.`);
      } else {
        raw = joined;
        index = last;
      }
    }
    raw = notes.read(raw, lineNumber);
    const cleaned = raw.replace(BOOKMARK, "").replace(LEADING_SPACES, "").trimEnd();
    if (cleaned.trim() === "" || UNDERSCORE_RULE.test(cleaned.trim())) continue;
    lines.push({ lineNumber, text: cleaned });
  }

  notes.finish();
  if (lines.length === 0) {
    return { ok: false, error: "The text is empty: nothing is left after removing blank lines, Word bookmarks and underscore rules." };
  }
  return { ok: true, lines, warnings };
}
