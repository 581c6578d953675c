/**
 * Block classifier for drafts with verb phrases (resolution style).
 *
 * One source line is one block, in order. The head of each resolution is
 * found from its first verb phrase backwards: the line just before it that
 * ends with a comma is the opening line ("El Consejo de la UIT,"), and the
 * "RESOLUCIÓN 75 (...)" heading with the subject lines between it and the
 * opening line are title blocks (ITU prints them as one title in three
 * styles: number, subject, history).
 *
 * Mixed documents (a council report with the resolution annexed, a
 * proposal with a cover note) stay one resolution-style outline: what
 * precedes the resolution is kept, line by line, as paragraphs read in a
 * "free" run (numbered report items keep their labels "2.1", "2.10.1" as
 * sourceLabel), and a warning names those lines so the secretariat can drop
 * them. An ANNEX heading after the operative part ends the last verb-phrase
 * block: it and the annex title become section headings, and the annex's
 * items are read as top-level paragraphs again.
 */
import type { OutlineBlock } from "../../schemas/outline.js";
import {
  amendmentMarker, amendmentWarning, isAnnexHeading, isOpeningLineText, isResolutionHeading, isShortTitle,
} from "./lineShapes.js";
import { isBareLine, isTitleLike, type ParsedLine } from "./parsedLine.js";
import { RunReader } from "./runReader.js";

type HeadRole = "title" | "openingLine";

/** How far above an opening line a resolution heading is looked for (heading, subject, history). */
const MAX_HEAD_LINES = 5;

/** Classifies the lines of a resolution-style draft into blocks, reporting doubtful lines in `warnings`. */
export function readResolutionBlocks(lines: ParsedLine[], warnings: string[]): OutlineBlock[] {
  const roles = findHeads(lines);
  const isAnnex = (i: number) => isBareLine(lines[i]!) && isAnnexHeading(lines[i]!.text);
  const endsRun = (i: number) => lines[i]!.phrase !== null || roles.has(i) || isAnnex(i);
  const reader = new RunReader(lines, endsRun, warnings);
  const blocks: OutlineBlock[] = [];
  let lastAnnexHeading = -2;

  lines.forEach((line, i) => {
    const role = roles.get(i);
    if (role === "title") {
      blocks.push({ type: "title", text: line.text });
      reader.startRun("free");
    } else if (role === "openingLine") {
      blocks.push({ type: "openingLine", text: line.text });
    } else if (line.phrase) {
      blocks.push({ type: "verbPhrase", part: line.phrase.part, text: line.phrase.text });
      reader.startRun(line.phrase.part);
      if (line.phrase.struck) {
        warnings.push(
          `line ${line.lineNumber}: verb phrase "${line.text}" read as "${line.phrase.text}" ("${line.phrase.struck}" struck, a flattened tracked change).`,
        );
      }
    } else if (isAnnex(i)) {
      blocks.push({ type: "sectionHeading", text: line.text });
      reader.startRun("free");
      lastAnnexHeading = i;
      warnings.push(`line ${line.lineNumber}: "${line.text}" starts an annex; what follows is kept outside the verb-phrase blocks.`);
    } else if (i === lastAnnexHeading + 1 && isBareLine(line) && isShortTitle(line.text)) {
      blocks.push({ type: "sectionHeading", text: line.text });
    } else {
      const markup = line.label === null ? amendmentWarning(line.text, line.lineNumber) : null;
      if (markup) warnings.push(markup);
      blocks.push(reader.paragraph(i));
    }
  });

  warnCoverText(lines, roles, warnings);
  return blocks;
}

/** Opening lines and title lines of every resolution in the text, by line index. */
function findHeads(lines: ParsedLine[]): Map<number, HeadRole> {
  const roles = new Map<number, HeadRole>();
  let inResolution = false;
  lines.forEach((line, i) => {
    const bare = isBareLine(line) && amendmentMarker(line.text) === null;
    if (bare && (isResolutionHeading(line.text) || isAnnexHeading(line.text))) inResolution = false;
    if (bare && isResolutionHeading(line.text)) roles.set(i, "title");
    if (!line.phrase) return;
    if (!inResolution) markHeadBefore(lines, i, roles);
    inResolution = true;
  });
  // Without a resolution heading, the first line titles the document unless it is a field label ("Resumen:").
  const first = lines[0]!;
  if (!roles.has(0) && isTitleLike(first)) roles.set(0, "title");
  return roles;
}

/** Marks the opening line just before the first verb phrase at `phraseAt`, and the title lines above it. */
function markHeadBefore(lines: ParsedLine[], phraseAt: number, roles: Map<number, HeadRole>): void {
  let above = phraseAt - 1;
  const candidate = lines[above];
  if (candidate && isBareLine(candidate) && !candidate.phrase && isOpeningLineText(candidate.text)) {
    roles.set(above, "openingLine");
    above -= 1;
  }
  for (let k = above; k >= 0 && above - k < MAX_HEAD_LINES; k--) {
    const line = lines[k]!;
    if (!isBareLine(line) || line.phrase || amendmentMarker(line.text) !== null) return;
    if (isResolutionHeading(line.text)) {
      for (let m = k; m <= above; m++) roles.set(m, "title");
      return;
    }
  }
}

/** Names the lines kept as paragraphs before the first resolution's head, if any. */
function warnCoverText(lines: ParsedLine[], roles: Map<number, HeadRole>, warnings: string[]): void {
  const start = lines.findIndex((line, i) => line.phrase !== null || (i > 0 && roles.has(i)));
  const cover = lines.slice(0, Math.max(start, 0)).filter((_, i) => !roles.has(i));
  if (cover.length === 0) return;
  const from = cover[0]!.lineNumber;
  const to = cover[cover.length - 1]!.lineNumber;
  warnings.push(
    `lines ${from}-${to}: ${cover.length} line(s) before the resolution (a cover note or report) are kept as paragraphs; delete them if they are not to be negotiated.`,
  );
}
