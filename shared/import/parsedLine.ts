/**
 * A cleaned source line read once: label cell, label readings and verb
 * phrase. The block classifiers work on these and never re-read raw text.
 */
import { amendmentMarker } from "./lineShapes.js";
import { readLabel, splitLabel, type LabelReading, type LabelledLine } from "./labels.js";
import type { SourceLine } from "./sourceLines.js";
import { matchVerbPhrase, type VerbPhraseMatch } from "./verbPhrases.js";

/** One source line with what the importer saw in it. */
export interface ParsedLine extends LabelledLine {
  lineNumber: number;
  /** Readings of `label` (empty when the line has no label). */
  readings: LabelReading[];
  /** The verb phrase the whole line is, if it is one (never for a line with a label or TAB). */
  phrase: VerbPhraseMatch | null;
}

/** Reads one cleaned line. */
export function parseLine(line: SourceLine): ParsedLine {
  const labelled = splitLabel(line.text);
  return {
    ...labelled,
    lineNumber: line.lineNumber,
    readings: labelled.label === null ? [] : readLabel(labelled.label),
    phrase: labelled.hadTab ? null : matchVerbPhrase(labelled.text),
  };
}

/** A line with neither a label nor a leading empty label cell. */
export function isBareLine(line: ParsedLine): boolean {
  return line.label === null && !line.tabLed;
}

/** An unlabelled line that can title a document: not a verb phrase, a field label ("Resumen:") or amendment markup. */
export function isTitleLike(line: ParsedLine): boolean {
  return line.label === null && !line.phrase && !line.text.endsWith(":") && amendmentMarker(line.text) === null;
}
