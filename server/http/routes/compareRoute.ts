import * as Y from "yjs";
import { Hono } from "hono";
import { CompareQuery, type ComparisonView } from "../../../schemas/compare.js";
import type { RevisionRow } from "../../../schemas/rows.js";
import { compareDocuments, deletersOf, writersOf } from "../../compare/compareDocument.js";
import { renderComparisonDocx } from "../../compare/compareDocx.js";
import { renderComparisonHtml } from "../../compare/compareHtml.js";
import { exportFileName } from "../../export/exportDocument.js";
import { PrinterBusy } from "../../export/pdf.js";
import { storedAuthorTable } from "../../documents/attribution.js";
import { authorOfUser } from "../../documents/authors.js";
import { readableDocument } from "../../documents/documentRole.js";
import { readDocument } from "../../documents/readDocument.js";
import type { AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";
import type { DocumentRoutesDeps } from "./documentRoutes.js";

const COMPARE_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
} as const;

const revisionView = (row: RevisionRow) => ({ number: row.number, name: row.name, issuedAt: row.issued_at });

/**
 * `GET /api/documents/:id/compare?from=N&to=M|live`: an issued revision
 * compared with a later one or with the text now, paragraph by paragraph,
 * each inserted word naming its writer and each deleted word its deleter
 * (shared/compare/compareTexts.ts); as JSON, or `&format=docx` with Word
 * tracked changes, `html`, `pdf`. Anyone who may read the document may
 * compare its revisions.
 */
export function compareRoute(deps: DocumentRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id") ?? "");
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row } = target;
    const query = CompareQuery.safeParse(c.req.query());
    if (!query.success) return apiError(c, 400, "invalid_query", "The comparison options are invalid.", describeZodError(query.error));
    const { from, to, format } = query.data;
    if (format === "pdf" && deps.pdfUnavailable) return apiError(c, 503, "pdf_unavailable", deps.pdfUnavailable);
    if (to !== "live" && to <= from) {
      return apiError(c, 400, "invalid_query", `Compare an earlier revision with a later one: revision ${from} is not before revision ${to}.`);
    }
    const earlier = deps.revisions.state(row.id, from);
    if (!earlier) return apiError(c, 404, "revision_not_found", `This document has no revision ${from}.`);
    const later = to === "live" ? null : deps.revisions.state(row.id, to);
    if (to !== "live" && !later) return apiError(c, 404, "revision_not_found", `This document has no revision ${to}.`);

    const fromDoc = new Y.Doc();
    Y.applyUpdate(fromDoc, earlier.state);
    let toDoc: Y.Doc;
    if (later) {
      toDoc = new Y.Doc();
      Y.applyUpdate(toDoc, later.state);
    } else {
      toDoc = readDocument(deps.documents, deps.rooms, row.id, deps.log);
    }
    let view: ComparisonView;
    try {
      const comparison = compareDocuments(fromDoc, toDoc, row, {
        writers: writersOf(storedAuthorTable(deps, row.id)),
        deleters: deletersOf(deps.deletedText.load(row.id), (userId) => authorOfUser(deps.users, userId)),
      });
      view = { from: revisionView(earlier.row), to: later ? revisionView(later.row) : null, ...comparison };
    } finally {
      fromDoc.destroy();
      if (later) toDoc.destroy();
    }
    if (format === "json") return c.json(view);
    const suffix = `compare-rev${from}-${to === "live" ? "now" : `rev${to}`}`;
    let body: string | Uint8Array;
    if (format === "docx") {
      body = await renderComparisonDocx(view, row.title, new Date());
    } else {
      const html = renderComparisonHtml(view, row.title, row.language);
      if (format === "html") {
        body = html;
      } else {
        try {
          body = await deps.printer.print(html, `${row.title}: comparison`);
        } catch (err) {
          if (err instanceof PrinterBusy) {
            c.header("Retry-After", "5");
            return apiError(c, 503, "printer_busy", err.message);
          }
          throw err;
        }
      }
    }
    const name = exportFileName(row.title, suffix, format);
    c.header("Content-Type", COMPARE_TYPES[format]);
    c.header("Content-Disposition", `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    c.header("Cache-Control", "no-store");
    return c.body(typeof body === "string" ? body : new Uint8Array(body));
  });
  return app;
}
