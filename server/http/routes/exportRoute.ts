import * as Y from "yjs";
import { Hono } from "hono";
import { ExportQuery } from "../../../schemas/api.js";
import { can } from "../../../shared/permissions.js";
import type { Comments } from "../../comments/comments.js";
import { attributeParagraphs, storedAuthors } from "../../documents/attribution.js";
import { userInDocument } from "../../documents/documentRole.js";
import { readDocument } from "../../documents/readDocument.js";
import { compileComments } from "../../export/commentsCompilation.js";
import { agreedText, blockHeadings, negotiationText, openParagraphs, type ExportSource } from "../../export/exportModel.js";
import { renderCommentsHtml, renderHtml } from "../../export/html.js";
import { renderCommentsMarkdown, renderMarkdown } from "../../export/markdown.js";
import type { DocumentRoutesDeps } from "./documentRoutes.js";
import type { AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";

const TYPES = { html: "text/html; charset=utf-8", md: "text/markdown; charset=utf-8" } as const;

/** A file name from a title: letters, digits and dashes. */
function fileName(title: string, suffix: string, extension: string): string {
  const base = title.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "document";
  return `${base}-${suffix}.${extension}`;
}

/**
 * `GET /api/documents/:id/export?variant=agreed|negotiation|comments&format=html|md`
 * (`&revision=N` for a named revision's text, `&open=mark` to export an
 * agreed text with open paragraphs marked, `&compilation=1` for brackets that
 * name their placer): the document rendered on the server from its stored
 * Yjs state, as a download with its file name.
 */
export function exportRoute(deps: DocumentRoutesDeps & { comments: Comments }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => {
    const row = deps.documents.find(c.req.param("id") ?? "");
    if (!row) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const user = userInDocument(c.get("auth")!.user, row.id, deps.facilitators);
    if (!can(user, "document.read")) return apiError(c, 403, "forbidden", "You cannot read this document.");
    const query = ExportQuery.safeParse(c.req.query());
    if (!query.success) return apiError(c, 400, "invalid_query", "The export options are invalid.", describeZodError(query.error));
    const { variant, format, revision, open, compilation } = query.data;

    let doc: Y.Doc;
    let suffix: string = variant;
    if (revision !== undefined) {
      if (variant === "comments") return apiError(c, 400, "invalid_query", "Comments are compiled from the document as it is now, not from a revision.");
      const issued = deps.revisions.state(row.id, revision);
      if (!issued) return apiError(c, 404, "revision_not_found", `This document has no revision ${revision}.`);
      doc = new Y.Doc();
      Y.applyUpdate(doc, issued.state);
      suffix = `${variant}-rev${revision}`;
    } else {
      doc = readDocument(deps.documents, deps.rooms, row.id, deps.log);
    }
    const source: ExportSource = { doc, title: row.title, style: row.style, language: row.language };

    let body: string;
    if (variant === "comments") {
      const listed = deps.comments.list(row, user);
      if (!can(user, "comment.read") || listed.hiddenFromMe) {
        return apiError(c, 403, "forbidden", "The comments of this document are hidden from observers.");
      }
      const compiled = compileComments(row.title, listed.threads, blockHeadings(source));
      body = format === "md" ? renderCommentsMarkdown(compiled) : renderCommentsHtml(compiled, row.language);
    } else {
      if (variant === "agreed" && open === "stop") {
        const notAgreed = openParagraphs(source);
        if (notAgreed.length > 0) {
          return c.json({
            error: "paragraphs_open",
            message: `${notAgreed.length} paragraph${notAgreed.length === 1 ? " is" : "s are"} not agreed yet: ${notAgreed.map((p) => p.reference).join(", ")}. Export them marked "[not yet agreed]" (open=mark), or agree them first.`,
            paragraphs: notAgreed,
          }, 409);
        }
      }
      const model = variant === "agreed"
        ? agreedText(source, { markOpen: open === "mark" })
        : negotiationText(source, attributeParagraphs(doc, row, storedAuthors(deps, row.id)), { compilation: compilation === "1" });
      body = format === "md" ? renderMarkdown(model) : renderHtml(model);
    }
    const name = fileName(row.title, suffix, format);
    c.header("Content-Type", TYPES[format]);
    c.header("Content-Disposition", `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    c.header("Cache-Control", "no-store");
    return c.body(body);
  });
  return app;
}
