import * as Y from "yjs";
import type { ApiError, ExportQuery, ParagraphAttribution, ThreadView } from "../../schemas/api.js";
import type { DocumentRow } from "../../schemas/rows.js";
import { attributeParagraphs, authorsFromTable, type AuthorsOf, type AuthorTable } from "../documents/attribution.js";
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
  /** Renders the export on the export thread, and prints PDF there (the HTML rendering, by Chromium). */
  printer: PdfPrinter;
  /** Why PDF cannot be printed here, or null. */
  pdfUnavailable: string | null;
}

/** A rendered export, or why there is none. */
export type ExportResult =
  | { ok: true; body: string | Uint8Array; name: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404 | 503; error: string; message: string; params?: ApiError["params"] }
  | { ok: false; status: 409; error: "paragraphs_open"; message: string; params: ApiError["params"]; paragraphs: OpenParagraph[] };

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
 * What the export thread needs to render one export besides the text, as
 * plain data: the document row, the query, who wrote what (the negotiation
 * text), and the threads the reader may read (the comments compilation).
 */
export interface ExportJob {
  row: DocumentRow;
  query: ExportQuery;
  /** The negotiation text's authorship: a table to attribute from, or the attribution itself when there is no table. */
  authors: { table: AuthorTable } | { paragraphs: ParagraphAttribution[] } | null;
  threads: ThreadView[] | null;
}

/**
 * Renders one export of a document, for the API and the command line alike:
 * the agreed text, the negotiation text or the comments compilation, of the
 * text now or of an issued revision, in the format asked. What it reads is
 * read here, on the caller's thread: the text (the document's Yjs state, as
 * the export thread's copy of it lacks it) and the authorship table;
 * building and rendering the export, and printing a PDF, run on the export
 * thread ({@link PdfPrinter.export}), off the room's event loop.
 */
export async function exportDocument(row: DocumentRow, query: ExportQuery, inputs: ExportInputs): Promise<ExportResult> {
  const { variant, format, revision } = query;
  if (format === "pdf" && inputs.pdfUnavailable) return { ok: false, status: 503, error: "pdf_unavailable", message: inputs.pdfUnavailable };
  let text: Y.Doc | Uint8Array;
  if (revision !== undefined) {
    if (variant === "comments") {
      return { ok: false, status: 400, error: "invalid_query", message: "Comments are compiled from the document as it is now, not from a revision." };
    }
    const issued = inputs.revisions.state(row.id, revision);
    if (!issued) return { ok: false, status: 404, error: "revision_not_found", message: `This document has no revision ${revision}.`, params: { revision } };
    text = issued.state;
  } else {
    text = inputs.current();
  }
  const job: ExportJob = { row, query, authors: null, threads: null };
  if (variant === "comments") {
    job.threads = inputs.threads();
    if (job.threads === null) return { ok: false, status: 403, error: "forbidden", message: "The comments of this document are hidden from observers." };
  } else if (variant === "negotiation") {
    const authorsOf = inputs.authors();
    if (authorsOf.table) {
      job.authors = { table: authorsOf.table };
    } else {
      // Authorship without a table (not storage's) cannot cross threads: the attribution is read here.
      job.authors = { paragraphs: attributeParagraphs(text instanceof Y.Doc ? text : docOf(text), row, authorsOf) };
    }
  }
  return inputs.printer.export(job, text);
}

/** A Yjs document from its state. */
export function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * Renders an export of `doc` (on the export thread; any thread will do): the
 * model of the text, then the format asked; PDF through `print`. The
 * document is read before anything is awaited.
 */
export async function renderExport(job: ExportJob, doc: Y.Doc, print: (html: string, title: string) => Promise<Uint8Array>): Promise<ExportResult> {
  const { row, query } = job;
  const { variant, format, revision, open, compilation } = query;
  const suffix = revision !== undefined ? `${variant}-rev${revision}` : variant;
  const source: ExportSource = {
    doc, title: row.title, style: row.style, language: row.language,
    details: { symbol: row.symbol, date: row.dated, place: row.place },
  };

  let body: string | Uint8Array;
  if (variant === "comments") {
    const compiled = compileComments(row.title, job.threads ?? [], blockHeadings(source), row.language);
    body = format === "md" ? renderCommentsMarkdown(compiled)
      : format === "docx" ? await renderCommentsDocx(compiled)
      : renderCommentsHtml(compiled, row.language);
    if (format === "pdf") body = await print(body as string, `${row.title}: comments`);
  } else {
    if (variant === "agreed" && open === "stop") {
      const notAgreed = openParagraphs(source);
      if (notAgreed.length > 0) {
        return {
          ok: false, status: 409, error: "paragraphs_open", paragraphs: notAgreed,
          params: { count: notAgreed.length, references: notAgreed.map((p) => p.reference).join(", ") },
          message: `${notAgreed.length} paragraph${notAgreed.length === 1 ? " is" : "s are"} not agreed yet: ` +
            `${notAgreed.map((p) => p.reference).join(", ")}. Export them marked "[not yet agreed]" (open=mark), or agree them first.`,
        };
      }
    }
    const attribution = (): ParagraphAttribution[] => {
      if (job.authors && "paragraphs" in job.authors) return job.authors.paragraphs;
      return attributeParagraphs(doc, row, authorsFromTable(job.authors?.table ?? { bound: [], carried: [] }));
    };
    const model = variant === "agreed"
      ? agreedText(source, { markOpen: open === "mark" })
      : negotiationText(source, attribution(), { compilation: compilation === "1" });
    body = format === "md" ? renderMarkdown(model) : format === "docx" ? await renderDocx(model) : renderHtml(model);
    if (format === "pdf") body = await print(body as string, model.title);
  }
  return { ok: true, body, name: exportFileName(row.title, suffix, format), contentType: CONTENT_TYPES[format] };
}
