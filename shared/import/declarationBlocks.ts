/**
 * Block classifier for drafts without verb phrases (declaration style): a
 * title, an opening line, section headings ("A. Preamble", "1<TAB>Introduction")
 * and paragraphs numbered through the whole document, one block per line.
 */
import type { OutlineBlock } from "../../schemas/outline.js";
import {
  amendmentMarker, amendmentWarning, continuesTitle, isAnnexHeading, isLetteredHeading, isNumberedHeadingText, isOpeningLineText,
} from "./lineShapes.js";
import { isBareLine, isTitleLike, type ParsedLine } from "./parsedLine.js";
import { RunReader } from "./runReader.js";

/** Classifies the lines of a declaration-style draft into blocks, reporting doubtful lines in `warnings`. */
export function readDeclarationBlocks(lines: ParsedLine[], warnings: string[]): OutlineBlock[] {
  // Numbering runs through the whole document: headings do not end a run.
  const reader = new RunReader(lines, () => false, warnings);
  const blocks: OutlineBlock[] = [];
  // The title, and the lines it runs on over ("Draft declaration on the" / "implementation of ...").
  let titleLines = isTitleLike(lines[0]!) ? 1 : 0;
  while (titleLines > 0 && titleLines < lines.length && isBareLine(lines[titleLines]!) && isTitleLike(lines[titleLines]!) &&
    continuesTitle(lines[titleLines - 1]!.text, lines[titleLines]!.text)) titleLines += 1;

  lines.forEach((line, i) => {
    if (i < titleLines) {
      blocks.push({ type: "title", text: line.text });
    } else if (i === titleLines && isBareLine(line) && isOpeningLineText(line.text)) {
      blocks.push({ type: "openingLine", text: line.text });
    } else if (isBareLine(line) && (isLetteredHeading(line.text) || isAnnexHeading(line.text))) {
      blocks.push({ type: "sectionHeading", text: line.text });
    } else if (isNumberedHeading(line)) {
      // The heading keeps its number in its text, as "A. Preamble" keeps its letter.
      blocks.push({ type: "sectionHeading", text: `${line.label} ${line.text}` });
    } else {
      const markup = line.label === null ? amendmentWarning(line.text, line.lineNumber) : null;
      if (markup) warnings.push(markup);
      blocks.push(reader.paragraph(i));
    }
  });
  return blocks;
}

/**
 * "1<TAB>Introducción", "2.1<TAB>Antecedentes": a number label without a
 * trailing dot before a short capitalised text without closing punctuation.
 * "1.<TAB>..." is how declarations number paragraphs, so it never heads.
 */
function isNumberedHeading(line: ParsedLine): boolean {
  if (line.label === null || line.label.endsWith(".")) return false;
  return line.readings.some((r) => r.scheme === "number" && r.struck === undefined) && isNumberedHeadingText(line.text);
}

