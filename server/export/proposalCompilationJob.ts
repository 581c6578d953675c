import type { DocumentLanguage } from "../../schemas/domain.js";
import type { CompilationQuery, ProposalCompilation } from "../../schemas/proposals.js";
import { exportFileName } from "./exportDocument.js";
import type { DocumentDetails } from "./exportModel.js";
import { renderCompilationDocx } from "./proposalCompilationDocx.js";
import { renderCompilationHtml } from "./proposalCompilationHtml.js";
import { compilationExport } from "./proposalCompilationModel.js";

/**
 * An export of the compilation of proposals, as plain data (it is posted to
 * the export thread): the document, the compilation as the API gives it (made
 * on the caller's thread, which holds the proposals and the users), the
 * filters that narrowed it, and the format.
 */
export interface CompilationJob {
  document: { title: string; language: DocumentLanguage; details: DocumentDetails };
  compilation: ProposalCompilation;
  filters: CompilationQuery;
  format: "docx" | "pdf" | "html";
}

/** The compilation exported: a file to download. */
export interface CompilationFile {
  body: string | Uint8Array;
  name: string;
  contentType: string;
}

const TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
} as const;

/** Lays the compilation out and renders it in the job's format (PDF: the web page printed through `print`). */
export async function renderCompilation(job: CompilationJob, print: (html: string, title: string) => Promise<Uint8Array>): Promise<CompilationFile> {
  const model = compilationExport(job.document, job.compilation, job.filters);
  let body: string | Uint8Array;
  if (job.format === "docx") {
    body = await renderCompilationDocx(model);
  } else {
    const html = renderCompilationHtml(model);
    body = job.format === "html" ? html : await print(html, model.symbol ? `${model.heading}: ${model.symbol}` : `${model.heading}: ${model.title}`);
  }
  return { body, name: exportFileName(job.document.title, "proposals", job.format), contentType: TYPES[job.format] };
}
