import { Hono } from "hono";
import { ExportQuery } from "../../../schemas/api.js";
import { can } from "../../../shared/permissions.js";
import type { Comments } from "../../comments/comments.js";
import { storedAuthors } from "../../documents/attribution.js";
import { readableDocument } from "../../documents/documentRole.js";
import { readDocument } from "../../documents/readDocument.js";
import { exportDocument } from "../../export/exportDocument.js";
import { PrinterBusy } from "../../export/pdf.js";
import type { DocumentRoutesDeps } from "./documentRoutes.js";
import type { AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";

/**
 * `GET /api/documents/:id/export?variant=agreed|negotiation|comments&format=docx|html|md`
 * (`&revision=N` for a named revision's text, `&open=mark` to export an
 * agreed text with open paragraphs marked, `&compilation=1` for brackets that
 * name their placer): the document rendered on the server from its stored
 * Yjs state (server/export/), as a download with its file name.
 */
export function exportRoute(deps: DocumentRoutesDeps & { comments: Comments }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  /** Which formats this server can give: PDF needs Chromium on the server's machine. */
  app.get("/formats", (c) => c.json({ pdf: deps.pdfUnavailable === null, pdfUnavailable: deps.pdfUnavailable }));

  app.get("/", async (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id") ?? "");
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row, user } = target;
    const query = ExportQuery.safeParse(c.req.query());
    if (!query.success) return apiError(c, 400, "invalid_query", "The export options are invalid.", describeZodError(query.error));
    const result = await exportDocument(row, query.data, {
      current: () => readDocument(deps.documents, deps.rooms, row.id, deps.log),
      revisions: deps.revisions,
      authors: () => storedAuthors(deps, row.id),
      threads: () => {
        const listed = deps.comments.list(row, user);
        return can(user, "comment.read") && !listed.hiddenFromMe ? listed.threads : null;
      },
      printer: deps.printer,
      pdfUnavailable: deps.pdfUnavailable,
    }).catch((err: unknown) => {
      if (err instanceof PrinterBusy) return { ok: false as const, status: 503 as const, error: "printer_busy", message: err.message };
      throw err;
    });
    if (!result.ok) {
      if (result.error === "printer_busy") c.header("Retry-After", "5");
      if (result.status === 409) return c.json({ error: result.error, message: result.message, params: result.params, paragraphs: result.paragraphs }, 409);
      return apiError(c, result.status, result.error, "params" in result && result.params ? { message: result.message, params: result.params } : result.message);
    }
    c.header("Content-Type", result.contentType);
    c.header("Content-Disposition", `attachment; filename="${result.name}"; filename*=UTF-8''${encodeURIComponent(result.name)}`);
    c.header("Cache-Control", "no-store");
    return c.body(typeof result.body === "string" ? result.body : new Uint8Array(result.body));
  });
  return app;
}
