import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import {
  CommentSettingsBody, CommentTextBody, CommentVisibilityBody, NewThreadBody,
} from "../../../schemas/api.js";
import type { DocumentRow } from "../../../schemas/rows.js";
import { can } from "../../../shared/permissions.js";
import type { CommentOutcome, CommentRefusal, Comments } from "../../comments/comments.js";
import { readableDocument, userInDocument } from "../../documents/documentRole.js";
import type { DocumentStore } from "../../storage/documentStore.js";
import type { FacilitatorStore } from "../../storage/facilitatorStore.js";
import type { AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";
import { readJsonBody } from "../readBody.js";

/** What the comment routes need. */
export interface CommentRoutesDeps {
  comments: Comments;
  documents: DocumentStore;
  facilitators: FacilitatorStore;
}

const SinceQuery = z.object({ since: z.coerce.number().int().nonnegative().optional() }).strict();

function refused(c: Context, refusal: CommentRefusal): Response {
  if (refusal.retryAfter !== undefined) c.header("Retry-After", String(refusal.retryAfter));
  const { message, retryAfter: seconds } = refusal;
  return apiError(c, refusal.status, refusal.error, seconds === undefined ? message : { message, params: { count: seconds } });
}

function answer(c: Context, outcome: CommentOutcome, status: 200 | 201 = 200): Response {
  return outcome.ok ? c.json(outcome.thread, status) : refused(c, outcome.refusal);
}

/**
 * `/api/documents/:id/comments` (mounted under the document routes, behind
 * the session and the Origin guard): threads with their comments, `?since=`
 * for catch-up, and every write; each answer is the thread as the caller now
 * reads it. Documented in docs/COMMENTS.md.
 */
export function commentRoutes(deps: CommentRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The document of the path and the caller as they act on it, or the 404 to answer. */
  const resolve = (c: Context<AppEnv>): { document: DocumentRow; user: ReturnType<typeof userInDocument> } | Response => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id") ?? "");
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    return { document: target.row, user: target.user };
  };

  app.get("/", (c) => {
    const target = resolve(c);
    if (target instanceof Response) return target;
    const query = SinceQuery.safeParse(c.req.query());
    if (!query.success) return apiError(c, 400, "invalid_query", "`since` must be a cursor from an earlier answer.", describeZodError(query.error));
    if (!can(target.user, "comment.read")) return apiError(c, 403, "forbidden", "You cannot read the comments of this document.");
    return c.json(deps.comments.list(target.document, target.user, query.data.since ?? 0));
  });

  app.post("/", async (c) => {
    const target = resolve(c);
    if (target instanceof Response) return target;
    if (!can(target.user, "comment.write")) return apiError(c, 403, "forbidden", "Observers read comments; only participants write them.");
    const body = await readJsonBody(c, NewThreadBody);
    if (!body.ok) return body.response;
    return answer(c, deps.comments.create(target.document, target.user, body.value), 201);
  });

  app.put("/settings", async (c) => {
    const target = resolve(c);
    if (target instanceof Response) return target;
    const body = await readJsonBody(c, CommentSettingsBody);
    if (!body.ok) return body.response;
    const outcome = deps.comments.configure(target.document, target.user, body.value);
    return outcome.ok ? c.json(outcome.settings) : refused(c, outcome.refusal);
  });

  app.post("/:threadId/replies", async (c) => {
    const target = resolve(c);
    if (target instanceof Response) return target;
    if (!can(target.user, "comment.write")) return apiError(c, 403, "forbidden", "Observers read comments; only participants write them.");
    const body = await readJsonBody(c, CommentTextBody);
    if (!body.ok) return body.response;
    return answer(c, deps.comments.reply(target.document, target.user, c.req.param("threadId"), body.value.body), 201);
  });

  app.post("/:threadId/resolve", (c) => {
    const target = resolve(c);
    if (target instanceof Response) return target;
    return answer(c, deps.comments.resolve(target.document, target.user, c.req.param("threadId"), true));
  });

  app.post("/:threadId/reopen", (c) => {
    const target = resolve(c);
    if (target instanceof Response) return target;
    return answer(c, deps.comments.resolve(target.document, target.user, c.req.param("threadId"), false));
  });

  app.patch("/:threadId/comments/:commentId", async (c) => {
    const target = resolve(c);
    if (target instanceof Response) return target;
    const body = await readJsonBody(c, CommentTextBody);
    if (!body.ok) return body.response;
    return answer(c, deps.comments.edit(target.document, target.user, c.req.param("threadId"), c.req.param("commentId"), body.value.body));
  });

  app.delete("/:threadId/comments/:commentId", (c) => {
    const target = resolve(c);
    if (target instanceof Response) return target;
    return answer(c, deps.comments.remove(target.document, target.user, c.req.param("threadId"), c.req.param("commentId")));
  });

  app.put("/:threadId/comments/:commentId/visibility", async (c) => {
    const target = resolve(c);
    if (target instanceof Response) return target;
    const body = await readJsonBody(c, CommentVisibilityBody);
    if (!body.ok) return body.response;
    return answer(c, deps.comments.setHidden(target.document, target.user, c.req.param("threadId"), c.req.param("commentId"), body.value));
  });

  return app;
}
