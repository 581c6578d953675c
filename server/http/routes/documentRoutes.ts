import { Hono } from "hono";
import type { DocumentSummary } from "../../../schemas/api.js";
import type { DocumentRow } from "../../../schemas/rows.js";
import type { DocumentStore } from "../../storage/documentStore.js";
import { requireAuth, type AppEnv } from "../auth.js";
import { apiError } from "../errors.js";

function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    style: row.style,
    language: row.language,
    processName: row.process_name,
    updatedAt: row.updated_at,
  };
}

/** `/api/documents`: the documents a signed-in user can open. */
export function documentRoutes(documents: DocumentStore): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requireAuth);
  app.get("/", (c) => c.json(documents.list().map(toSummary)));
  app.get("/:id", (c) => {
    const row = documents.find(c.req.param("id"));
    if (!row) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    return c.json(toSummary(row));
  });
  return app;
}
