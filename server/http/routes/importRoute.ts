import { Hono } from "hono";
import { ImportQuery, type ImportResponse } from "../../../schemas/api.js";
import { can } from "../../../shared/permissions.js";
import { importFile } from "../../commands/importDocument.js";
import type { WordLimits } from "../../commands/wordFile.js";
import type { AuditStore } from "../../storage/auditStore.js";
import type { DocumentStore } from "../../storage/documentStore.js";
import type { AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";
import { toSummary } from "./documentRoutes.js";

/**
 * `POST /api/documents/import?title=&language=` with the raw text file as
 * body (secretariat only; its size is limited before the route, see
 * server/http/bodyLimit.ts).
 */
export function importRoute(deps: { documents: DocumentStore; audit: AuditStore; wordLimits: WordLimits }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/", async (c) => {
    const user = c.get("auth")!.user;
    if (!can(user, "document.import")) return apiError(c, 403, "forbidden", "Only the secretariat can import documents.");
    const query = ImportQuery.safeParse(c.req.query());
    if (!query.success) return apiError(c, 400, "invalid_query", "The import options are invalid.", describeZodError(query.error));
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const outcome = await importFile(deps, bytes, query.data, {
      userId: user.id,
      name: user.displayName,
      delegation: user.delegation?.name ?? null,
      group: user.delegation?.stakeholderGroup ?? null,
    }, deps.wordLimits);
    if (!outcome.ok) return apiError(c, 400, "import_refused", { message: outcome.error, params: { detail: outcome.error } });
    const response: ImportResponse = {
      document: toSummary(outcome.document),
      paragraphs: outcome.paragraphs,
      warnings: outcome.warnings,
    };
    return c.json(response, 201);
  });
  return app;
}
