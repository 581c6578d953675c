/**
 * A proposal file as plain text (UTF-8), or, recognised by its zip
 * signature, a Word file (readProposalWord.ts): its lines read by the same
 * readers as a document import (Word bookmarks, blank lines and rules
 * dropped, footnotes made plain text), then cut at the ITU markers.
 */
import { decodeUtf8 } from "../commands/importDocument.js";
import { DEFAULT_WORD_LIMITS, looksLikeZip, type WordLimits } from "../commands/wordFile.js";
import { readSourceLines } from "../../shared/import/sourceLines.js";
import { readSegments, warningNote, type ImportNote, type ProposalSourceResult } from "./proposalSource.js";
import { readProposalWord } from "./readProposalWord.js";

/** Reads a plain-text proposal file: flattened tracked changes, struck and inserted words glued together. */
export function readProposalText(bytes: Uint8Array): ProposalSourceResult {
  if (bytes.length === 0) return { ok: false, error: "The file is empty." };
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, error: "The file is neither a Word (.docx) file nor UTF-8 text. Save it as one of these and try again." };
  const read = readSourceLines(text);
  if (!read.ok) return { ok: false, error: read.error };
  const notes: ImportNote[] = read.warnings.map(warningNote);
  const segments = readSegments(read.lines.map((line) => ({ ...line, runs: null })), notes);
  return { ok: true, source: { format: "text", segments, notes } };
}

/** Reads a proposal file, Word or plain text as its first bytes say. */
export async function readProposalFile(bytes: Uint8Array, limits: WordLimits = DEFAULT_WORD_LIMITS): Promise<ProposalSourceResult> {
  return looksLikeZip(bytes) ? readProposalWord(bytes, limits) : readProposalText(bytes);
}
