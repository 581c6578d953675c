/**
 * A delegation's proposal document as read from a file, before it meets the
 * text it amends: its lines cut into segments at the ITU markers ("MOD
 * ATU/35A18/1", "ADD EUR/12A3/2", "SUP", "NOC"), each with its content lines
 * and its "Reasons:" line. What comes before the first marker (a summary, an
 * introduction) is no proposal and is skipped, with one note saying so.
 */
import type { ProposalKind } from "../../schemas/proposals.js";
import { amendmentMarker, isReasonsLine } from "../../shared/import/lineShapes.js";
import type { ModRun } from "../../shared/proposals/modChange.js";

/** Something an import reports about a line of the file (0: about the whole file). */
export interface ImportNote {
  line: number;
  message: string;
}

/** One line of a proposal file. */
export interface ProposalLine {
  lineNumber: number;
  /** The line as plain text shows it, TABs kept: in a Word file, struck and underlined words glued as plain text would show them. */
  text: string;
  /** A Word file's line as runs: kept, underlined (`insert`) and struck (`delete`); null for plain text, where the marks are lost. */
  runs: ModRun[] | null;
}

/** What one marker opens: its kind and id, its content lines and its reasons. */
export interface ProposalSegment {
  kind: ProposalKind;
  /** The id as written after the marker, or "" when none is. */
  id: string;
  lineNumber: number;
  lines: ProposalLine[];
  reasons: string;
}

/** A file read for proposals: where its lines came from, and its segments. */
export interface ProposalSource {
  format: "text" | "word";
  segments: ProposalSegment[];
  notes: ImportNote[];
}

/** A file that could not be read at all. */
export type ProposalSourceResult = { ok: true; source: ProposalSource } | { ok: false; error: string };

const LINE_PREFIX = /^lines? (\d+)(?:-\d+)?: /;

/** A reader's warning ("line 12: ...") as a note on its line; others are about the whole file. */
export function warningNote(warning: string): ImportNote {
  const match = LINE_PREFIX.exec(warning);
  return match ? { line: Number(match[1]), message: warning.slice(match[0].length) } : { line: 0, message: warning };
}

/** The marker a line is ("MOD\tATU/35A18/1"), with its id, or null. */
function markerOf(text: string): { kind: ProposalKind; id: string } | null {
  const plain = text.replace(/\s+/g, " ").trim();
  const kind = amendmentMarker(plain) as ProposalKind | null;
  if (!kind) return null;
  return { kind, id: plain.slice(kind.length).trim().split(" ")[0] ?? "" };
}

/** Cuts a file's lines into proposal segments at their markers. */
export function readSegments(lines: ProposalLine[], notes: ImportNote[]): ProposalSegment[] {
  const segments: ProposalSegment[] = [];
  const before: ProposalLine[] = [];
  let current: ProposalSegment | null = null;
  let inReasons = false;
  for (const line of lines) {
    const marker = markerOf(line.text);
    if (marker) {
      current = { ...marker, lineNumber: line.lineNumber, lines: [], reasons: "" };
      segments.push(current);
      inReasons = false;
      continue;
    }
    if (!current) {
      before.push(line);
      continue;
    }
    const plain = line.text.replace(/\t/g, " ").trim();
    if (isReasonsLine(plain)) {
      current.reasons = plain.slice(plain.indexOf(":") + 1).trim();
      inReasons = true;
    } else if (inReasons) {
      // Reasons written over several paragraphs go on until the next marker.
      current.reasons = [current.reasons, plain].filter((r) => r !== "").join("\n");
    } else {
      current.lines.push(line);
    }
  }
  if (before.length > 0 && segments.length > 0) {
    const first = before[0]!.lineNumber;
    const last = before[before.length - 1]!.lineNumber;
    notes.push({
      line: first,
      message: `${first === last ? `line ${first} comes` : `lines ${first}-${last} come`} before the first ADD, MOD, SUP or NOC marker ` +
        "(a summary or introduction): not a proposal, so skipped.",
    });
  }
  if (segments.length === 0) {
    notes.push({ line: 0, message: "No ADD, MOD, SUP or NOC marker (such as \"MOD<TAB>EUR/12A3/1\" on a line of its own) was found: the file holds no proposal Accord can read." });
  }
  for (const segment of segments) {
    if (segment.lines.length === 0) notes.push({ line: segment.lineNumber, message: `the ${segment.kind} marker is followed by no text.` });
  }
  return segments;
}
