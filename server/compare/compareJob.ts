import type * as Y from "yjs";
import type { Author } from "../../schemas/api.js";
import type { ComparisonView } from "../../schemas/compare.js";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import type { AuthorTable } from "../documents/attribution.js";
import { exportFileName } from "../export/exportDocument.js";
import type { DeletedRange } from "../storage/deletedTextStore.js";
import { compareDocuments, deletersOf, writersOf } from "./compareDocument.js";
import { renderComparisonDocx } from "./compareDocx.js";
import { renderComparisonHtml } from "./compareHtml.js";

/**
 * A comparison to make, as plain data (it is posted to the export thread):
 * the document, the two revisions, who wrote and who deleted what, and the
 * format. Read on the caller's thread; compared and rendered on the export
 * thread, off the room's event loop.
 */
export interface CompareJob {
  document: { title: string; style: DocumentStyle; language: DocumentLanguage };
  from: ComparisonView["from"];
  /** Null: the text now. */
  to: ComparisonView["to"];
  format: "json" | "docx" | "pdf" | "html";
  writers: AuthorTable;
  deleted: DeletedRange[];
  /** The deleters named in `deleted`, as they are named now. */
  deleters: [userId: string, author: Author | null][];
  /** When the comparison was asked for: the date of tracked changes against the text now. */
  at: string;
}

const TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
} as const;

/** A comparison made: the view (JSON), or a file to download. */
export type ComparisonResult =
  | { format: "json"; view: ComparisonView }
  | { format: "docx" | "pdf" | "html"; body: string | Uint8Array; name: string; contentType: string };

/** Compares the two texts of a job and renders the comparison in its format (PDF through `print`). */
export async function renderComparison(
  job: CompareJob,
  from: Y.Doc,
  to: Y.Doc,
  print: (html: string, title: string) => Promise<Uint8Array>,
): Promise<ComparisonResult> {
  const deleters = new Map(job.deleters);
  const comparison = compareDocuments(from, to, job.document, {
    writers: writersOf(job.writers),
    deleters: deletersOf(job.deleted, (userId) => deleters.get(userId) ?? null),
  });
  const view: ComparisonView = { from: job.from, to: job.to, ...comparison };
  if (job.format === "json") return { format: "json", view };
  const { title, language } = job.document;
  let body: string | Uint8Array;
  if (job.format === "docx") {
    body = await renderComparisonDocx(view, title, new Date(job.at), language);
  } else {
    const html = renderComparisonHtml(view, title, language);
    body = job.format === "html" ? html : await print(html, `${title}: comparison`);
  }
  const suffix = `compare-rev${job.from.number}-${job.to ? `rev${job.to.number}` : "now"}`;
  return { format: job.format, body, name: exportFileName(title, suffix, job.format), contentType: TYPES[job.format] };
}
