/**
 * Turns content lines into paragraph blocks, one run at a time: a run is
 * what one verb phrase (or a heading) opens, and labels are read against
 * the labels before them in the same run.
 */
import type { OutlineBlock } from "../../schemas/outline.js";
import { letters, roman } from "../paragraphs/numbering.js";
import { suffixedCore, type LabelReading } from "./labels.js";
import { LabelSequence, type RunContext } from "./labelSequence.js";
import type { ParsedLine } from "./parsedLine.js";

/** Reads paragraphs in document order; call `startRun` at every block boundary. */
export class RunReader {
  private sequence = new LabelSequence("free");

  /**
   * @param lines every parsed line of the document
   * @param endsRun whether line `i` closes the current run (a lookahead never crosses it)
   * @param warnings where readings worth checking are reported
   */
  constructor(
    private readonly lines: ParsedLine[],
    private readonly endsRun: (i: number) => boolean,
    private readonly warnings: string[],
  ) {}

  /** Starts a new run: labels restart, read in the given context. */
  startRun(context: RunContext): void {
    this.sequence = new LabelSequence(context);
  }

  /** The paragraph block for line `i`: labelled lines keep their label as sourceLabel; others are level 1. */
  paragraph(i: number): Extract<OutlineBlock, { type: "paragraph" }> {
    const line = this.lines[i]!;
    if (line.label === null) return { type: "paragraph", text: line.text, level: 1 };

    const { reading, level } = this.sequence.next(line.readings, {
      next: this.nextReadings(i),
      previousText: this.previousText(i),
    });
    if (reading.struck !== undefined) {
      this.warnings.push(
        `line ${line.lineNumber}: label "${line.label}" read as ${core(reading)} with ${reading.struck} struck (a flattened tracked change); kept as the source shows it.`,
      );
    }
    return { type: "paragraph", text: line.text, level, sourceLabel: line.label, importedLabel: keptCore(line.label, reading) };
  }

  /** Text of the line before `i` when it belongs to the same run ("... la:" announces sub-items). */
  private previousText(i: number): string | null {
    const before = this.lines[i - 1];
    return before && !this.endsRun(i - 1) ? before.text : null;
  }

  /** Readings of the next labelled line in the same run, if any. */
  private nextReadings(i: number): LabelReading[] | null {
    for (let j = i + 1; j < this.lines.length && !this.endsRun(j); j++) {
      const line = this.lines[j]!;
      if (line.label !== null) return line.readings;
    }
    return null;
  }
}

/**
 * The label core a paragraph keeps as the source shows it: a dotted number ("2.10.1"), a
 * suffixed one ("5 bis") and a bullet as written; otherwise the reading's current value
 * ("6" for a flattened "46", "h" for "(h)").
 */
function keptCore(label: string, reading: LabelReading): string {
  if (reading.scheme === "bullet") return label;
  if (reading.depth > 1) return label.replace(/\.$/, "");
  // "5 bis", "5 مكرراً", "5之二": one canonical core whatever words the source used.
  const suffixed = suffixedCore(label);
  if (suffixed) return suffixed;
  return core(reading);
}

function core(reading: LabelReading): string {
  if (reading.scheme === "letter") return letters(reading.value);
  if (reading.scheme === "roman") return roman(reading.value);
  return String(reading.value);
}
