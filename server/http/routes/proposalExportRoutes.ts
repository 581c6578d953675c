import { Hono } from "hono";
import { CompilationExportQuery } from "../../../schemas/proposalExport.js";
import { readableDocument } from "../../documents/documentRole.js";
import { readDocument } from "../../documents/readDocument.js";
import { PrinterBusy } from "../../export/pdf.js";
import type { CompilationFile, CompilationJob } from "../../export/proposalCompilationJob.js";
import { compileProposals } from "../../proposals/proposalViews.js";
import type { AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";
import type { DocumentRoutesDeps } from "./documentRoutes.js";

/**
 * `GET /api/documents/:id/proposals/compilation/export?format=docx|pdf|html`
 * (`&delegation=&group=&kind=` as the compilation): the compilation of
 * proposals in the ITU layout, as a download with its file name. Read as the
 * compilation is (anyone who reads the document; submitted and applied
 * proposals only); compiled here, where the proposals and users are, and
 * laid out and rendered on the export thread.
 */
export function proposalExportRoutes(deps: DocumentRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const found = readableDocument(deps, c.get("auth")!.user, c.req.param("id") ?? "");
    if (!found) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const query = CompilationExportQuery.safeParse(c.req.query());
    if (!query.success) return apiError(c, 400, "invalid_query", "The export options are invalid.", describeZodError(query.error));
    const { format, ...filters } = query.data;
    if (format === "pdf" && deps.pdfUnavailable) return apiError(c, 503, "pdf_unavailable", deps.pdfUnavailable);
    const { row } = found;
    const doc = readDocument(deps.documents, deps.rooms, row.id, deps.log);
    const job: CompilationJob = {
      document: { title: row.title, language: row.language, details: { symbol: row.symbol, date: row.dated, place: row.place } },
      compilation: compileProposals(deps.users, row, doc, deps.proposals.list(row.id), filters),
      filters,
      format,
    };
    let file: CompilationFile;
    try {
      file = await deps.printer.compilation(job);
    } catch (err) {
      if (err instanceof PrinterBusy) {
        c.header("Retry-After", "5");
        return apiError(c, 503, "printer_busy", err.message);
      }
      throw err;
    }
    c.header("Content-Type", file.contentType);
    c.header("Content-Disposition", `attachment; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    c.header("Cache-Control", "no-store");
    return c.body(typeof file.body === "string" ? file.body : new Uint8Array(file.body));
  });
  return app;
}
