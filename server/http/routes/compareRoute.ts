import { Hono } from "hono";
import * as Y from "yjs";
import { CompareQuery } from "../../../schemas/compare.js";
import type { RevisionRow } from "../../../schemas/rows.js";
import type { CompareJob, ComparisonResult } from "../../compare/compareJob.js";
import { PrinterBusy } from "../../export/pdf.js";
import { storedAuthorTable } from "../../documents/attribution.js";
import { authorOfUser } from "../../documents/authors.js";
import { readableDocument } from "../../documents/documentRole.js";
import { readDocument } from "../../documents/readDocument.js";
import type { AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";
import type { DocumentRoutesDeps } from "./documentRoutes.js";

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
    if (!earlier) return apiError(c, 404, "revision_not_found", { message: `This document has no revision ${from}.`, params: { revision: from } });
    const later = to === "live" ? null : deps.revisions.state(row.id, to);
    if (to !== "live" && !later) return apiError(c, 404, "revision_not_found", { message: `This document has no revision ${to}.`, params: { revision: to } });

    // Read here (the text, who wrote and who deleted what); compared and rendered on the export thread.
    // Only what the earlier text held can have been deleted from it, and only until the later revision was issued.
    const held = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(earlier.state));
    const deleted = deps.deletedText.load(row.id)
      .filter((r) => r.clock < (held.get(r.client) ?? 0) && (!later || !r.at || r.at <= later.row.issued_at));
    const job: CompareJob = {
      document: { title: row.title, style: row.style, language: row.language },
      from: revisionView(earlier.row),
      to: later ? revisionView(later.row) : null,
      format,
      writers: storedAuthorTable(deps, row.id),
      deleted,
      deleters: [...new Set(deleted.map((r) => r.deleter))].map((userId) => [userId, authorOfUser(deps.users, userId)]),
      at: new Date().toISOString(),
    };
    const text = later ? later.state : readDocument(deps.documents, deps.rooms, row.id, deps.log);
    let result: ComparisonResult;
    try {
      result = await deps.printer.compare(job, earlier.state, text);
    } catch (err) {
      if (err instanceof PrinterBusy) {
        c.header("Retry-After", "5");
        return apiError(c, 503, "printer_busy", err.message);
      }
      throw err;
    }
    if (result.format === "json") return c.json(result.view);
    c.header("Content-Type", result.contentType);
    c.header("Content-Disposition", `attachment; filename="${result.name}"; filename*=UTF-8''${encodeURIComponent(result.name)}`);
    c.header("Cache-Control", "no-store");
    return c.body(typeof result.body === "string" ? result.body : new Uint8Array(result.body));
  });
  return app;
}
