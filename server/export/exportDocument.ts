import * as Y from "yjs";
import type { ExportQuery, ThreadView } from "../../schemas/api.js";
import type { DocumentRow } from "../../schemas/rows.js";
import { attributeParagraphs, type AuthorsOf } from "../documents/attribution.js";
import type { RevisionStore } from "../storage/revisionStore.js";
import { compileComments } from "./commentsCompilation.js";
import { agreedText, blockHeadings, negotiationText, openParagraphs, type ExportSource, type OpenParagraph } from "./exportModel.js";
import { renderCommentsHtml, renderHtml } from "./html.js";
import { renderCommentsMarkdown, renderMarkdown } from "./markdown.js";
import { renderCommentsDocx, renderDocx } from "./docx.js";
import type { PdfPrinter } from "./pdf.js";

/** What an export reads: the document now, its issued revisions, who wrote what, and the comments the reader may read. */
export interface ExportInputs {
  /** The document's Yjs state now (not to be modified). */
  current: () => Y.Doc;
  revisions: RevisionStore;
  authors: () => AuthorsOf;
  /** The threads the reader may read, or null when comments are hidden from them. */
  threads: () => ThreadView[] | null;
  /** Prints PDF (the HTML rendering, by Chromium). */
  printer: PdfPrinter;
  /** Why PDF cannot be printed here, or null. */
  pdfUnavailable: string | null;
}

/** A rendered export, or why there is none. */
export type ExportResult =
  | { ok: true; body: string | Uint8Array; name: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404 | 503; error: string; message: string }
  | { ok: false; status: 409; error: "paragraphs_open"; message: string; paragraphs: OpenParagraph[] };

const CONTENT_TYPES = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

/** A file name from a title: letters, digits and dashes. */
export function exportFileName(title: string, suffix: string, extension: string): string {
  const base = title.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "document";
  return `${base}-${suffix}.${extension}`;
}

/**
 * Renders one export of a document, for the API and the command line alike:
 * the agreed text, the negotiation text or the comments compilation, of the
 * text now or of an issued revision, in the format asked.
 */
export async function exportDocument(row: DocumentRow, query: ExportQuery, inputs: ExportInputs): Promise<ExportResult> {
  const { variant, format, revision, open, compilation } = query;
  if (format === "pdf" && inputs.pdfUnavailable) return { ok: false, status: 503, error: "pdf_unavailable", message: inputs.pdfUnavailable };
  let doc: Y.Doc;
  let suffix: string = variant;
  if (revision !== undefined) {
    if (variant === "comments") {
      return { ok: false, status: 400, error: "invalid_query", message: "Comments are compiled from the document as it is now, not from a revision." };
    }
    const issued = inputs.revisions.state(row.id, revision);
    if (!issued) return { ok: false, status: 404, error: "revision_not_found", message: `This document has no revision ${revision}.` };
    doc = new Y.Doc();
    Y.applyUpdate(doc, issued.state);
    suffix = `${variant}-rev${revision}`;
  } else {
    doc = inputs.current();
  }
  const source: ExportSource = { doc, title: row.title, style: row.style, language: row.language };

  let body: string | Uint8Array;
  if (variant === "comments") {
    const threads = inputs.threads();
    if (threads === null) return { ok: false, status: 403, error: "forbidden", message: "The comments of this document are hidden from observers." };
    const compiled = compileComments(row.title, threads, blockHeadings(source));
    body = format === "md" ? renderCommentsMarkdown(compiled)
      : format === "docx" ? await renderCommentsDocx(compiled)
      : renderCommentsHtml(compiled, row.language);
    if (format === "pdf") body = await inputs.printer.print(body as string, `${row.title}: comments`);
  } else {
    if (variant === "agreed" && open === "stop") {
      const notAgreed = openParagraphs(source);
      if (notAgreed.length > 0) {
        return {
          ok: false, status: 409, error: "paragraphs_open", paragraphs: notAgreed,
          message: `${notAgreed.length} paragraph${notAgreed.length === 1 ? " is" : "s are"} not agreed yet: ` +
            `${notAgreed.map((p) => p.reference).join(", ")}. Export them marked "[not yet agreed]" (open=mark), or agree them first.`,
        };
      }
    }
    const model = variant === "agreed"
      ? agreedText(source, { markOpen: open === "mark" })
      : negotiationText(source, attributeParagraphs(doc, row, inputs.authors()), { compilation: compilation === "1" });
    body = format === "md" ? renderMarkdown(model) : format === "docx" ? await renderDocx(model) : renderHtml(model);
    if (format === "pdf") body = await inputs.printer.print(body as string, model.title);
  }
  return { ok: true, body, name: exportFileName(row.title, suffix, format), contentType: CONTENT_TYPES[format] };
}
