import type { BracketPlacer } from "../../schemas/brackets.js";
import type { DocumentLanguage } from "../../schemas/domain.js";
import type { DocumentRow } from "../../schemas/rows.js";
import * as Y from "yjs";
import { describeProblem, validateContent, type ContentProblem } from "../../shared/document/validateContent.js";
import { parsePlainTextDocument } from "../../shared/import/plainText.js";
import { outlineToYUpdate } from "../documents/outlineToYDoc.js";
import type { AuditStore } from "../storage/auditStore.js";
import type { DocumentStore } from "../storage/documentStore.js";
import { DEFAULT_WORD_LIMITS, looksLikeZip, wordFileText, type WordLimits } from "./wordFile.js";

/** The outcome of an import: the new document, or why nothing was created. */
export type ImportOutcome =
  | { ok: true; document: DocumentRow; paragraphs: number; warnings: string[] }
  | { ok: false; error: string };

/** Decodes bytes as UTF-8, refusing anything else rather than guessing. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Turns a plain-text file into a new document in the newest process (or a new
 * "Imported documents" process). Typed square brackets become brackets placed
 * by the importer. The document is created in one transaction: a refused or
 * failed import leaves nothing behind.
 */
export function importDocument(
  deps: { documents: DocumentStore; audit: AuditStore },
  bytes: Uint8Array,
  options: { title?: string; language?: DocumentLanguage },
  importer: BracketPlacer,
): ImportOutcome {
  const { documents } = deps;
  if (bytes.length === 0) return { ok: false, error: "The file is empty." };
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, error: "The file is not UTF-8 text. Save it as plain text (UTF-8) and try again." };
  const parsed = parsePlainTextDocument(text, options);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { outline } = parsed;
  const at = new Date().toISOString();
  const state = outlineToYUpdate(outline.blocks, () => ({ placer: importer, at }));
  // What the import built is checked against the same allow-list as every edit: nothing it cannot describe is created.
  const problems = checkState(state);
  if (problems.length > 0) {
    return { ok: false, error: `The import built content the document rules do not allow, so nothing was created: ${problems.slice(0, 5).map(describeProblem).join("; ")}.` };
  }
  const processId = documents.newestProcessId() ?? documents.addProcess("Imported documents");
  const paragraphs = outline.blocks.filter((b) => b.type === "paragraph").length;
  const id = documents.addDocument({
    processId,
    title: outline.title,
    style: outline.style,
    language: outline.language,
    initialState: state,
    draft: true,
  });
  deps.audit.append([{
    userId: importer.userId || null, documentId: id, pid: null, action: "document.imported",
    detail: { title: outline.title, paragraphs, bytes: bytes.length, by: importer.name },
  }]);
  return {
    ok: true,
    document: documents.find(id)!,
    paragraphs,
    warnings: parsed.warnings,
  };
}

/**
 * Imports a plain-text (UTF-8) or Word (.docx) file: a Word file is read for
 * its text first, then goes through the same structure recognition, so both
 * give the same document. Nothing is created when either step refuses.
 */
export async function importFile(
  deps: { documents: DocumentStore; audit: AuditStore },
  bytes: Uint8Array,
  options: { title?: string; language?: DocumentLanguage },
  importer: BracketPlacer,
  limits: WordLimits = DEFAULT_WORD_LIMITS,
): Promise<ImportOutcome> {
  if (!looksLikeZip(bytes)) return importDocument(deps, bytes, options, importer);
  const word = await wordFileText(bytes, limits);
  if (!word.ok) return { ok: false, error: word.error };
  const outcome = importDocument(deps, new TextEncoder().encode(word.text), options, importer);
  return outcome.ok ? { ...outcome, warnings: [...word.warnings, ...outcome.warnings] } : outcome;
}

function checkState(state: Uint8Array): ContentProblem[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return validateContent(doc);
  } finally {
    doc.destroy();
  }
}
