/**
 * A proposal as a Word (.docx) file, where the change is exact: struck runs
 * are the deleted words, underlined runs the inserted ones. mammoth keeps
 * both as marks (a style map: `u => ins`, `strike => del`); each mark is
 * written into the text as a private-use character so that the document
 * import's own reading of mammoth's HTML (wordHtml.ts: paragraphs, table
 * rows as TAB-separated cells, footnotes) gives the lines, and the marks
 * become runs again line by line. The zip is checked by wordFile.ts before
 * anything is unpacked, as for a document import. mammoth reads Word's own
 * tracked changes as accepted (inserted words kept, deleted words left out):
 * the file's notes say so when it holds any.
 */
import mammoth from "mammoth";
import { wordFileText, type WordLimits } from "../commands/wordFile.js";
import { wordHtmlToText } from "../commands/wordHtml.js";
import { readSourceLines } from "../../shared/import/sourceLines.js";
import type { ModRun } from "../../shared/proposals/modChange.js";
import { readSegments, warningNote, type ImportNote, type ProposalLine, type ProposalSourceResult } from "./proposalSource.js";

const INS_OPEN = "\uE000";
const INS_CLOSE = "\uE001";
const DEL_OPEN = "\uE002";
const DEL_CLOSE = "\uE003";
const MARKS = /[\uE000-\uE003]/g;

/** Reads a Word proposal file: its lines with their struck and underlined runs. */
export async function readProposalWord(bytes: Uint8Array, limits: WordLimits): Promise<ProposalSourceResult> {
  // The same checks as a document import (sizes read from the zip directory first), and its notes on the file.
  const checked = await wordFileText(bytes, limits);
  if (!checked.ok) return { ok: false, error: checked.error };
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: ["u => ins", "strike => del"] }));
  } catch (err) {
    return { ok: false, error: `The Word file could not be read: ${(err as Error).message}` };
  }
  // Text is escaped in mammoth's HTML, so these tags are only ever its marks.
  const marked = html.replaceAll("<ins>", INS_OPEN).replaceAll("</ins>", INS_CLOSE).replaceAll("<del>", DEL_OPEN).replaceAll("</del>", DEL_CLOSE);
  const read = readSourceLines(wordHtmlToText(marked).text);
  if (!read.ok) return { ok: false, error: read.error };
  const notes: ImportNote[] = checked.warnings.map(warningNote);
  const lines: ProposalLine[] = [];
  // A manual line break inside an underlined run ends a line, not the mark.
  const state = { inserting: 0, deleting: 0 };
  for (const line of read.lines) {
    const runs = markedRuns(line.text, state);
    const text = runs.map((r) => r.text).join("");
    if (text.trim() !== "") lines.push({ lineNumber: line.lineNumber, text, runs });
  }
  const segments = readSegments(lines, notes);
  return { ok: true, source: { format: "word", segments, notes } };
}

/** A line with its mark characters as runs, struck winning over underlined; `state` carries marks open at its end. */
export function markedRuns(text: string, state = { inserting: 0, deleting: 0 }): ModRun[] {
  const runs: ModRun[] = [];
  let { inserting, deleting } = state;
  let at = 0;
  const push = (piece: string) => {
    if (piece === "") return;
    const kind = deleting > 0 ? "delete" : inserting > 0 ? "insert" : "equal";
    const last = runs[runs.length - 1];
    if (last && last.kind === kind) last.text += piece;
    else runs.push({ kind, text: piece });
  };
  for (const match of text.matchAll(MARKS)) {
    push(text.slice(at, match.index));
    at = match.index + 1;
    if (match[0] === INS_OPEN) inserting += 1;
    else if (match[0] === INS_CLOSE) inserting = Math.max(0, inserting - 1);
    else if (match[0] === DEL_OPEN) deleting += 1;
    else deleting = Math.max(0, deleting - 1);
  }
  push(text.slice(at));
  state.inserting = inserting;
  state.deleting = deleting;
  return runs;
}
