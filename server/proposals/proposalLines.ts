/**
 * A content line of a proposal read once, the way the document import reads
 * a line (parsedLine.ts: label cell, label readings, verb phrase), with the
 * two texts it carries: the base words it was written on and the words it
 * proposes. Word gives both exactly (struck and underlined runs); plain text
 * only as flattened, glued text, read against the base paragraph later
 * (flattenedLine.ts).
 */
import { parseLine, type ParsedLine } from "../../shared/import/parsedLine.js";
import type { LabelReading } from "../../shared/import/labels.js";
import { matchVerbPhrase } from "../../shared/import/verbPhrases.js";
import { letters, roman } from "../../shared/paragraphs/numbering.js";
import type { ModRun } from "../../shared/proposals/modChange.js";
import type { ProposalLine } from "./proposalSource.js";

/** A content line as the planner uses it. */
export interface ContentLine {
  lineNumber: number;
  parsed: ParsedLine;
  /** The text after the label, as written (flattened in plain text). */
  flat: string;
  /** Word only: the text after the label as runs. */
  runs: ModRun[] | null;
  /** The base words: Word without underlined runs; plain text the flattened text (a glued verb phrase: its struck part). */
  base: string;
  /** Word only: the text as proposed, without struck runs. */
  proposed: string | null;
  phrase: boolean;
}

/** Whitespace made single spaces, ends trimmed: how texts are compared. */
export function normalized(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** Reads a content line of a proposal. */
export function readContentLine(line: ProposalLine): ContentLine {
  const parsed = parseLine({ lineNumber: line.lineNumber, text: line.text });
  if (line.runs === null) {
    return {
      lineNumber: line.lineNumber, parsed, flat: parsed.text, runs: null, proposed: null,
      base: parsed.phrase?.struck?.trim() ?? parsed.text, phrase: parsed.phrase !== null,
    };
  }
  const tab = line.text.indexOf("\t");
  const start = parsed.label !== null || parsed.tabLed ? tab + 1 : 0;
  const runs = trimRuns(sliceRuns(line.runs, start).map((r) => ({ ...r, text: r.text.replace(/\t+/g, " ") })));
  const flat = runs.map((r) => r.text).join("");
  const base = normalized(runs.filter((r) => r.kind !== "insert").map((r) => r.text).join(""));
  const proposed = normalized(runs.filter((r) => r.kind !== "delete").map((r) => r.text).join(""));
  const phrase = !parsed.hadTab && (matchVerbPhrase(base) !== null || matchVerbPhrase(proposed) !== null);
  return { lineNumber: line.lineNumber, parsed, flat, runs, base, proposed, phrase };
}

function sliceRuns(runs: ModRun[], from: number): ModRun[] {
  const out: ModRun[] = [];
  let at = 0;
  for (const run of runs) {
    const end = at + run.text.length;
    if (end > from) out.push({ kind: run.kind, text: run.text.slice(Math.max(0, from - at)) });
    at = end;
  }
  return out;
}

function trimRuns(runs: ModRun[]): ModRun[] {
  const out = runs.map((r) => ({ ...r }));
  while (out.length > 0 && out[0]!.text.trimStart() === "") out.shift();
  while (out.length > 0 && out[out.length - 1]!.text.trimEnd() === "") out.pop();
  if (out.length > 0) {
    out[0]!.text = out[0]!.text.trimStart();
    out[out.length - 1]!.text = out[out.length - 1]!.text.trimEnd();
  }
  return out;
}

/** A label's core as written in its own style: "f" in "ef)" is "f)", in "(e)(f)" "(f)". */
function styled(label: string, core: string): string {
  if (label.startsWith("(")) return `(${core})`;
  return label.endsWith(")") ? `${core})` : core;
}

function coreOf(reading: LabelReading): string {
  if (reading.scheme === "letter") return letters(reading.value);
  if (reading.scheme === "roman") return roman(reading.value);
  return String(reading.value);
}

const bare = (label: string) => label.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();

/**
 * A glued label read as the base's label renumbered ("ef)": e) now f)),
 * when its struck part is the label of the paragraph it matched; null
 * otherwise.
 */
export function renumbering(line: ContentLine, baseLabel: string): { from: string; to: string } | null {
  const label = line.parsed.label;
  if (label === null) return null;
  for (const reading of line.parsed.readings) {
    if (reading.struck === undefined) continue;
    const struck = label.startsWith("(") ? reading.struck.replace(/[()]/g, "") : reading.struck.replace(/\)/g, "");
    if (bare(struck) === bare(baseLabel)) return { from: styled(label, struck), to: styled(label, coreOf(reading)) };
  }
  return null;
}
