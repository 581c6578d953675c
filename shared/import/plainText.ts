/**
 * Plain-text import: a draft as flattened by Word ("Save as plain text" or
 * copy and paste) into a DocumentOutline. Pure: the caller decodes the file.
 *
 * Data path: readSourceLines (drop bookmarks, blank lines, rules; refuse
 * empty or binary text) -> parseLine (label cell, label readings, verb
 * phrase) -> style (resolution when verb phrases open blocks) -> the
 * style's block classifier -> title and language.
 *
 * Every line that survives cleaning becomes exactly one block, in order;
 * nothing is dropped, so a reviewer can check an import line by line. The
 * one merge: a title written over several lines is one title. Labels are
 * kept as the source writes them (importedLabels.ts). Things the importer
 * had to guess are reported as warnings.
 */
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import type { DocumentOutline, OutlineBlock } from "../../schemas/outline.js";
import { readDeclarationBlocks } from "./declarationBlocks.js";
import { detectLanguage } from "./language.js";
import { continuesTitle, isResolutionHeading } from "./lineShapes.js";
import { parseLine, type ParsedLine } from "./parsedLine.js";
import { reportLabels } from "./importedLabels.js";
import { readResolutionBlocks } from "./resolutionBlocks.js";
import { readSourceLines } from "./sourceLines.js";

/** What the importer produced: an outline with warnings about guesses, or why the text was refused. */
export type ImportResult =
  | { ok: true; outline: DocumentOutline; warnings: string[] }
  | { ok: false; error: string };

/** Choices the person importing can make instead of the importer's guesses. */
export interface PlainTextImportOptions {
  title?: string;
  language?: DocumentLanguage;
}

/** Imports a plain-text draft (declaration or resolution style, en/es/fr) as a document outline. */
export function parsePlainTextDocument(text: string, options: PlainTextImportOptions = {}): ImportResult {
  const source = readSourceLines(text);
  if (!source.ok) return source;
  const warnings = [...source.warnings];
  const lines = source.lines.map(parseLine);

  const style = readStyle(lines, warnings);
  const blocks = style === "resolution" ? readResolutionBlocks(lines, warnings) : readDeclarationBlocks(lines, warnings);
  const language =
    options.language ??
    detectLanguage(
      style === "resolution" ? lines.flatMap((l) => (l.phrase ? [l.phrase.languages] : [])) : [],
      lines.map((l) => l.text).join("\n"),
    );
  const lineNumbers = lines.map((l) => l.lineNumber);
  reportLabels(blocks, lineNumbers, style, language, warnings);
  const joined = joinTitleLines(blocks, lineNumbers, warnings);
  const title = options.title?.trim() || pickTitle(lines, joined);
  return { ok: true, outline: { title, style, language, blocks: joined }, warnings };
}

/** A title written over consecutive lines becomes one title block; each join is reported. */
function joinTitleLines(blocks: OutlineBlock[], lineNumbers: number[], warnings: string[]): OutlineBlock[] {
  const out: OutlineBlock[] = [];
  const joins = new Map<number, number>();
  let first = 0;
  blocks.forEach((block, i) => {
    const previous = out[out.length - 1];
    if (block.type === "title" && previous?.type === "title" && blocks[i - 1]?.type === "title" && continuesTitle(previous.text, block.text)) {
      previous.text = `${previous.text} ${block.text}`;
      joins.set(first, i);
      return;
    }
    out.push(block.type === "title" ? { ...block } : block);
    first = i;
  });
  for (const [from, to] of joins) {
    warnings.push(`lines ${lineNumbers[from]}-${lineNumbers[to]}: one title written over ${to - from + 1} lines; joined as one title.`);
  }
  return out;
}

/**
 * Resolution style when verb phrases open blocks: two or more of them, or a
 * single one followed by a first item ("a)", "1"). One stray short line that
 * happens to start with "decides" does not turn a declaration into a
 * resolution; it is reported instead.
 */
function readStyle(lines: ParsedLine[], warnings: string[]): DocumentStyle {
  const phrases = lines.flatMap((line, i) => (line.phrase ? [i] : []));
  const opensList = (i: number) => lines[i + 1]?.readings.some((r) => r.value === 1) ?? false;
  if (phrases.length >= 2 || phrases.some(opensList)) return "resolution";
  for (const i of phrases) {
    warnings.push(`line ${lines[i]!.lineNumber}: "${lines[i]!.text}" looks like a verb phrase but opens no block; read as declaration text.`);
  }
  return "declaration";
}

/**
 * The document's name: the first resolution heading ("RESOLUCIÓN 75 (Rev.
 * ...)") when there is one, since a cover note or report before it is not
 * what is negotiated; otherwise the first title block; otherwise the first
 * line. Title blocks stay in `blocks` either way.
 */
function pickTitle(lines: ParsedLine[], blocks: OutlineBlock[]): string {
  const heading = blocks.find((b) => b.type === "title" && isResolutionHeading(b.text));
  const firstTitle = blocks.find((b) => b.type === "title");
  return (heading ?? firstTitle)?.text ?? lines[0]!.text;
}
