/**
 * A proposal file read against the document's text: what each line proposes
 * and why each line that proposes nothing does not. Pure: the route stores
 * the plan.
 *
 * - A line that matches a paragraph and differs gives a MOD on it (a SUP
 *   under a SUP marker, a NOC under a NOC marker; a Word line struck whole
 *   is a SUP); one equal to it gives nothing.
 * - A line that matches no paragraph gives an ADD after the last block a
 *   line matched.
 * - Headings (title, opening line, verb phrase) take no proposal: a change
 *   to one is noted.
 * - One marker often covers many paragraphs; each proposal is one
 *   paragraph, so the first takes the marker's id and the others the id
 *   with a suffix, in the order of the text (ATU/35A18/1, ATU/35A18/1.2 ...).
 */
import { ProposalLabel, type ProposalKind } from "../../schemas/proposals.js";
import { wordChanges } from "../../shared/compare/wordChanges.js";
import { readFlattenedLine } from "./flattenedLine.js";
import { matchLines, type MatchBlock } from "./matchLines.js";
import { normalized, readContentLine, renumbering, type ContentLine } from "./proposalLines.js";
import type { ImportNote, ProposalSegment, ProposalSource } from "./proposalSource.js";

/** A block of the text as the planner sees it. */
export interface PlanBlock extends MatchBlock {
  pid: string;
  /** A paragraph marked deleted takes no proposal, nor an ADD after it. */
  deleted: boolean;
  /** Its label as shown ("e)", "3"), "" for a heading. */
  label: string;
}

/** One proposal to store. */
export interface PlannedProposal {
  label: string;
  kind: ProposalKind;
  pid: string;
  text: string | null;
  /** The paragraph's words now ("" for an ADD). */
  base: string;
  reasons: string;
  lineNumber: number;
}

/** What an import will store, and what it says about the file. */
export interface ImportPlan {
  proposals: PlannedProposal[];
  notes: ImportNote[];
}

const MAX_REASONS = 5_000;
const MAX_TEXT = 20_000;

/** Plans the proposals a file makes against the text's blocks; `isTaken` says whether an id is already used in the document. */
export function planProposals(source: ProposalSource, blocks: PlanBlock[], language: string, isTaken: (label: string) => boolean): ImportPlan {
  const notes: ImportNote[] = [...source.notes];
  const lines: { segment: ProposalSegment; line: ContentLine }[] = source.segments.flatMap((segment) =>
    segment.lines.map((l) => ({ segment, line: readContentLine(l) })).filter(({ line }) => normalized(line.flat) !== ""));
  const matches = matchLines(lines.map(({ line }, i) => ({
    text: line.base,
    phrase: line.phrase,
    labelled: line.parsed.label !== null,
    // Only a line of the same marker, unlabelled and no verb phrase, continues the line before it.
    mayContinue: line.parsed.label === null && !line.parsed.tabLed && !line.phrase && lines[i - 1]?.segment === lines[i]!.segment,
  })), blocks);

  // A line broken over two is read as one.
  const joined = lines.map(({ line }) => line);
  matches.continues.forEach((head, i) => {
    if (head === null) return;
    joined[head] = joinLines(joined[head]!, lines[i]!.line);
    notes.push({ line: lines[i]!.line.lineNumber, message: `read as the rest of line ${lines[head]!.line.lineNumber} (one paragraph over two lines).` });
  });

  const bySegment = new Map<ProposalSegment, Omit<PlannedProposal, "label" | "reasons">[]>();
  let anchor: PlanBlock | null = null;
  lines.forEach(({ segment }, i) => {
    if (matches.continues[i] !== null) return;
    const line = joined[i]!;
    const matched = matches.block[i];
    const planned = bySegment.get(segment) ?? [];
    bySegment.set(segment, planned);
    const note = (message: string) => notes.push({ line: line.lineNumber, message });
    if (matched === null || matched === undefined) {
      const made = unmatched(segment.kind, line, anchor, note);
      if (made) planned.push({ ...made, lineNumber: line.lineNumber });
      return;
    }
    const block = blocks[matched]!;
    anchor = block;
    const made = block.kind === "paragraph" ? onParagraph(segment.kind, line, block, language, note) : onHeading(line, block, language, note);
    if (made) planned.push({ ...made, pid: block.pid, lineNumber: line.lineNumber });
  });

  const proposals: PlannedProposal[] = [];
  const used = new Set<string>();
  for (const segment of source.segments) {
    const planned = bySegment.get(segment) ?? [];
    if (planned.length === 0) continue;
    const markerNote = (message: string) => notes.push({ line: segment.lineNumber, message });
    if (!ProposalLabel.safeParse(segment.id).success) {
      markerNote(`the ${segment.kind} marker's id "${segment.id}" is not an id such as EUR/12A3/1, so its ${planned.length} proposal(s) are not imported.`);
      continue;
    }
    let reasons = segment.reasons;
    if (reasons.length > MAX_REASONS) {
      markerNote(`the reasons are ${reasons.length} characters long: kept to the first ${MAX_REASONS}, as a proposal's reasons are at most that.`);
      reasons = reasons.slice(0, MAX_REASONS);
    }
    const labels = planned.map((_, k) => (k === 0 ? segment.id : `${segment.id}.${k + 1}`));
    if (planned.length > 1) {
      markerNote(`${segment.id} changes ${planned.length} paragraphs; a proposal in Accord is about one paragraph, so they are ` +
        `${labels[0]} and ${labels[1]}${planned.length > 2 ? ` to ${labels[labels.length - 1]}` : ""}, in the order of the text.`);
    }
    planned.forEach((p, k) => {
      const label = labels[k]!;
      if (!ProposalLabel.safeParse(label).success) {
        notes.push({ line: p.lineNumber, message: `the id ${label} would be longer than an id may be (40 characters): this proposal is not imported.` });
      } else if (used.has(label) || isTaken(label)) {
        notes.push({ line: p.lineNumber, message: `the id ${label} is already used in this document: this proposal is skipped.` });
      } else if (p.text !== null && p.text.length > MAX_TEXT) {
        notes.push({ line: p.lineNumber, message: `the proposed paragraph is longer than ${MAX_TEXT.toLocaleString("en")} characters: not imported.` });
      } else {
        used.add(label);
        proposals.push({ ...p, label, reasons });
      }
    });
  }
  notes.sort((a, b) => a.line - b.line);
  return { proposals, notes };
}

type Made = { kind: ProposalKind; pid: string; text: string | null; base: string };

/** A line that matches no block: under MOD or ADD a new paragraph after the last matched block. */
function unmatched(kind: ProposalKind, line: ContentLine, anchor: PlanBlock | null, note: (m: string) => void): Made | null {
  if (kind === "SUP" || kind === "NOC") {
    note(`matches no paragraph of the text, so there is nothing to ${kind === "SUP" ? "suppress" : "keep unchanged"}; no proposal made.`);
    return null;
  }
  if (line.runs !== null && kind === "MOD") {
    if (line.runs.every((r) => r.kind === "equal")) {
      note("text not underlined that matches no paragraph of the text: neither a change nor a new paragraph; no proposal made.");
      return null;
    }
    if (line.runs.some((r) => r.kind !== "insert")) {
      note(`its words without the underlined ones ("${excerpt(line.base)}") match no paragraph of the text; no proposal made.`);
      return null;
    }
  }
  const text = line.proposed ?? normalized(line.flat);
  if (anchor === null) {
    note("matches no paragraph of the text, and no line before it does: there is no block to put it after as a new paragraph; no proposal made.");
    return null;
  }
  if (anchor.deleted) {
    note(`matches no paragraph of the text; it would be a new paragraph after ${describe(anchor)}, which is marked deleted; no proposal made.`);
    return null;
  }
  const label = line.parsed.label === null ? "" : ` (its label "${line.parsed.label}" is not kept: Accord numbers the new paragraph after its neighbour)`;
  note(`matches no paragraph of the text: proposed as a new paragraph (ADD) after ${describe(anchor)}${label}.`);
  return { kind: "ADD", pid: anchor.pid, text, base: "" };
}

/** A line that matches a paragraph: MOD (or SUP, NOC) on it, or nothing when it proposes the paragraph as it stands. */
function onParagraph(kind: ProposalKind, line: ContentLine, block: PlanBlock, language: string, note: (m: string) => void): Made | null {
  const renumbered = renumbering(line, block.label);
  if (renumbered) {
    note(`label "${line.parsed.label}" is ${renumbered.from} renumbered ${renumbered.to} (a flattened tracked change): read as ${renumbered.from} of the text. ` +
      "Accord numbers paragraphs itself, so the new number is not part of the proposal.");
  }
  if (block.deleted) {
    note(`matches ${describe(block)}, which is marked deleted: no proposal is made on it.`);
    return null;
  }
  if (kind === "SUP" || kind === "NOC") return { kind, pid: block.pid, text: null, base: block.text };
  let text: string;
  if (line.runs !== null) {
    if (line.proposed === "") return { kind: "SUP", pid: block.pid, text: null, base: block.text };
    if (normalized(line.base) !== normalized(block.text)) {
      const differ = wordChanges(normalized(block.text), normalized(line.base), language).filter((c) => c.kind !== "equal").slice(0, 4)
        .map((c) => `${c.kind === "delete" ? "the text has" : "the proposal has"} "${excerpt(c.text)}"`);
      note(`its words without the underlined ones are not ${describe(block)} as it stands (${differ.join("; ")}): the MOD is made ` +
        "all the same, against the text as it stands; check the draft.");
    }
    text = line.proposed!;
  } else {
    const reading = readFlattenedLine(block.text, line.flat, language);
    if (!reading.ok) {
      note(`matches ${describe(block)} but cannot be read as its words with insertions: ${reading.reason}; no proposal made.`);
      return null;
    }
    for (const d of reading.deletions) {
      if (d.rule === "guess" || d.rule === "rewrite") {
        note(`"${d.deleted}" taken as deleted before the inserted "${excerpt(d.inserted)}" (flattened text does not show where a deletion starts); ` +
          "check the draft.");
      }
    }
    for (const runOn of reading.runOns) note(`inserted words run into the next word ("${excerpt(runOn)}"): read as an insertion; check the draft.`);
    text = reading.text;
  }
  if (normalized(text) === normalized(block.text)) return null;
  return { kind: kind === "ADD" ? "MOD" : kind, pid: block.pid, text, base: block.text };
}

/** A line that matches a heading: its change, if any, is noted; no proposal is made on a heading. */
function onHeading(line: ContentLine, block: PlanBlock, language: string, note: (m: string) => void): null {
  let proposed: string;
  if (line.proposed !== null) proposed = line.proposed;
  else if (line.parsed.phrase) proposed = line.parsed.phrase.text;
  else {
    const reading = readFlattenedLine(block.text, line.flat, language);
    if (!reading.ok) {
      note(`matches ${describe(block)} but cannot be read as its words with insertions (${reading.reason}).`);
      return null;
    }
    proposed = reading.text;
  }
  // A verb phrase is stored without the comma or colon after it.
  const bareText = (text: string) => normalized(text).replace(/[\s,:;]+$/u, "");
  if (bareText(proposed) === bareText(block.text)) return null;
  const flattened = line.runs === null && line.parsed.phrase?.struck ? ` (read from the flattened "${line.parsed.text}")` : "";
  note(`${describe(block)} would read "${excerpt(proposed, 20)}"${flattened}. ${block.kind === "openingLine" ? "An" : "A"} ${KIND_NAMES[block.kind]} is a heading, not a paragraph: ` +
    "proposals are made on paragraphs, so this change is noted here and not imported.");
  return null;
}

const KIND_NAMES: Record<PlanBlock["kind"], string> = {
  title: "title", openingLine: "opening line", sectionHeading: "section heading", verbPhrase: "verb phrase", paragraph: "paragraph",
};

/** "paragraph e) of the text", "the verb phrase "considerando"". */
function describe(block: PlanBlock): string {
  if (block.kind === "paragraph") return block.label ? `paragraph ${block.label}` : `the paragraph "${excerpt(block.text)}"`;
  return `the ${KIND_NAMES[block.kind]} "${excerpt(block.text)}"`;
}

function excerpt(text: string, words = 8): string {
  const all = normalized(text).split(" ");
  return all.length <= words ? all.join(" ") : `${all.slice(0, words).join(" ")} …`;
}

/** Two lines read as one paragraph. */
function joinLines(head: ContentLine, rest: ContentLine): ContentLine {
  const runs = head.runs && rest.runs ? [...head.runs, { kind: "equal" as const, text: " " }, ...rest.runs] : null;
  return {
    ...head,
    flat: `${head.flat} ${rest.flat}`,
    runs,
    base: `${head.base} ${rest.base}`,
    proposed: head.proposed !== null && rest.proposed !== null ? `${head.proposed} ${rest.proposed}`.trim() : head.proposed,
  };
}
