/**
 * Footnotes as Word writes them into plain text: "[footnoteRef:1]" where the
 * note is referred to (often followed by the number again, as Word shows
 * it), and "[1: 1<TAB>The note's text.]" for the note itself. The editor has
 * no footnotes, so a note becomes plain text, never a negotiation bracket: the
 * reference a superscript number, the note its text in parentheses where it
 * stands, in its paragraph: "countries¹ (¹ This term includes ...)".
 *
 * Only a note whose number was referred to before is read as one, so a
 * bracket that merely starts with a number ("[10:00]", "[3: option A / B]")
 * stays what it is. Every change is reported on its line.
 */

const REFERENCE = /\[footnoteRef:(\d+)\](\d+(?!\d))?/gi;
const NOTE_OPENING = /\[(\d+):/g;
const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
/** How many lines one note's text may run over. */
export const MAX_NOTE_LINES = 20;

function superscript(n: string): string {
  return [...n].map((d) => SUPERSCRIPT[Number(d)]).join("");
}

/** Where the bracket opened at `open` closes, counting brackets inside it; -1 when it does not close. */
function closingOf(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "[") depth += 1;
    else if (text[i] === "]" && --depth === 0) return i;
  }
  return -1;
}

/** Reads the footnotes of a text line by line, in order. */
export class FootnoteReader {
  private readonly referred = new Map<string, number>();
  private readonly written = new Set<string>();

  constructor(private readonly warnings: string[]) {}

  /** The numbers this line refers to, with those referred to before. */
  private referredWith(line: string): Set<string> {
    const numbers = new Set(this.referred.keys());
    for (const match of line.matchAll(REFERENCE)) numbers.add(match[1]!);
    return numbers;
  }

  /** Whether a note opened on this line is not closed on it (its text goes on over the next lines). */
  opensUnclosedNote(line: string): boolean {
    const referred = this.referredWith(line);
    for (const match of line.matchAll(NOTE_OPENING)) {
      if (referred.has(match[1]!) && !this.written.has(match[1]!) && closingOf(line, match.index) < 0) return true;
    }
    return false;
  }

  /** The line with its references and notes made plain text. */
  read(line: string, lineNumber: number): string {
    if (!line.includes("[")) return line;
    let out = line.replace(REFERENCE, (_all, n: string, shown: string | undefined) => {
      if (!this.referred.has(n)) this.referred.set(n, lineNumber);
      // "[footnoteRef:1]1": the "1" after it is the same reference as Word shows it.
      return superscript(n) + (shown !== undefined && shown !== n ? shown : "");
    });
    let from = 0;
    for (;;) {
      NOTE_OPENING.lastIndex = from;
      const match = NOTE_OPENING.exec(out);
      if (!match) break;
      const n = match[1]!;
      const close = closingOf(out, match.index);
      if (!this.referred.has(n) || this.written.has(n) || close < 0) {
        from = match.index + 1;
        continue;
      }
      const body = out.slice(match.index + match[0].length, close);
      // The note's text often starts with its number and a TAB, as Word lays it out.
      let text = body.replace(new RegExp(`^[ \\t]*${n}(?=[ \\t])`), "").replace(/\s+/g, " ").trim();
      const inner = /[[\]]/.test(text);
      text = text.replace(/\[/g, "(").replace(/\]/g, ")");
      const plain = `(${superscript(n)} ${text})`;
      out = out.slice(0, match.index) + plain + out.slice(close + 1);
      from = match.index + plain.length;
      this.written.add(n);
      this.warnings.push(`line ${lineNumber}: footnote ${n} kept as plain text after its reference, in parentheses ("${superscript(n)} …")` +
        `${inner ? ", its own square brackets written as parentheses" : ""}; the editor has no footnotes.`);
    }
    return out;
  }

  /** Reports references whose note the text never gave. */
  finish(): void {
    for (const [n, line] of this.referred) {
      if (!this.written.has(n)) {
        this.warnings.push(`line ${line}: footnote ${n} is referred to (kept as "${superscript(n)}") but its text is not in the file.`);
      }
    }
  }
}
