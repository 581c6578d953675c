import type { Context } from "hono";
import { Hono } from "hono";
import type { UserView } from "../../../schemas/api.js";
import type { DocumentRow, ScreenLinkRow } from "../../../schemas/rows.js";
import {
  CreateScreenLinkBody, OpenScreenBody, type CreatedScreenLink, type OpenedScreen, type ScreenLinkView,
} from "../../../schemas/screenLinks.js";
import { CloseCode } from "../../../shared/collab/closeCodes.js";
import { SCREEN_REVOKED_REASON } from "../../../shared/collab/screenProtocol.js";
import { can } from "../../../shared/permissions.js";
import type { RoomRegistry } from "../../collab/rooms.js";
import { readableDocument } from "../../documents/documentRole.js";
import { newScreenKey, openScreenLink, screenKeyHash, screenSessionId } from "../../screens/screenIdentity.js";
import type { AuditStore } from "../../storage/auditStore.js";
import type { DocumentStore } from "../../storage/documentStore.js";
import type { FacilitatorStore } from "../../storage/facilitatorStore.js";
import type { ScreenLinkStore } from "../../storage/screenLinkStore.js";
import { requireAuth, type AppEnv } from "../auth.js";
import { apiError } from "../errors.js";
import { readJsonBody } from "../readBody.js";
import { toSummary } from "./documentRoutes.js";

/** What the screen link routes need. */
export interface ScreenLinkRoutesDeps {
  screenLinks: ScreenLinkStore;
  documents: DocumentStore;
  facilitators: FacilitatorStore;
  audit: AuditStore;
  rooms: RoomRegistry;
}

/** Whether two names of links read alike: "Room B" and "room b" do, aloud and on a Revoke button. */
function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;
}

/** The API view of a link: who made it named as they are now, never its key. */
function toView(row: ScreenLinkRow): ScreenLinkView {
  return {
    id: row.id, documentId: row.document_id, label: row.label, createdAt: row.created_at, createdBy: row.created_by_name, revokedAt: row.revoked_at,
  };
}

/**
 * Under `/api`: the secretariat's screen links of a document
 * (`/documents/:id/screen-links`: list, create, revoke) and `/screens`, where
 * a hall screen opens its link without signing in.
 */
export function screenLinkRoutes(deps: ScreenLinkRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The document whose links the caller manages, or the answer refusing them (404, then 403). */
  const managed = (c: Context<AppEnv>): { row: DocumentRow; user: UserView } | Response => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id") ?? "");
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    if (!can(target.user, "screen.manage")) return apiError(c, 403, "forbidden", "Only the secretariat creates, lists and revokes screen links.");
    return target;
  };

  app.get("/documents/:id/screen-links", requireAuth, (c) => {
    const target = managed(c);
    if (target instanceof Response) return target;
    return c.json({ links: deps.screenLinks.listByDocument(target.row.id).map(toView) });
  });

  app.post("/documents/:id/screen-links", requireAuth, async (c) => {
    const target = managed(c);
    if (target instanceof Response) return target;
    const body = await readJsonBody(c, CreateScreenLinkBody);
    if (!body.ok) return body.response;
    const { label } = body.value;
    // The name is what tells the links apart in the list and on their Revoke buttons. Checked and created with
    // no await between, so two requests at once cannot both pass; a revoked link's name may be used again.
    const taken = deps.screenLinks.listByDocument(target.row.id)
      .some((link) => link.revoked_at === null && sameName(link.label, label));
    if (taken) {
      return apiError(c, 409, "screen_link_name_taken", {
        message: `This document already has an active screen link named “${label}”; choose another name, or revoke that link first.`,
        params: { label },
      });
    }
    const key = newScreenKey();
    const link = deps.screenLinks.create(
      { documentId: target.row.id, keyHash: screenKeyHash(key), label, createdBy: target.user.id },
      (row) => deps.audit.append([{
        userId: target.user.id, documentId: target.row.id, pid: null, action: "screen.created", detail: { linkId: row.id, label: row.label },
      }]),
    );
    // The key travels in the page address's fragment, which browsers keep to themselves. The page then sends it
    // in the body of POST /api/screens and as a websocket subprotocol (the Sec-WebSocket-Protocol request
    // header), never in a URL: access logs, which record request lines, do not see it; a proxy set to log
    // request headers or bodies does.
    const created: CreatedScreenLink = { link: toView(link), key, path: `/documents/${encodeURIComponent(target.row.id)}/screen#key=${key}` };
    return c.json(created, 201);
  });

  app.delete("/documents/:id/screen-links/:linkId", requireAuth, (c) => {
    const target = managed(c);
    if (target instanceof Response) return target;
    const link = deps.screenLinks.find(c.req.param("linkId"));
    if (!link || link.document_id !== target.row.id) {
      return apiError(c, 404, "screen_link_not_found", "This document has no screen link with this id.");
    }
    // Revoking twice is revoking once: the record is written the first time only.
    deps.screenLinks.revoke(link.id, target.user.id, () => deps.audit.append([{
      userId: target.user.id, documentId: target.row.id, pid: null, action: "screen.revoked", detail: { linkId: link.id, label: link.label },
    }]));
    // A screen showing the document stops at once, not at its next reconnection.
    deps.rooms.closeSession(screenSessionId(link.id), CloseCode.SessionEnded, SCREEN_REVOKED_REASON);
    return c.body(null, 204);
  });

  // No session: a hall screen has none. Its key is 256 random bits, so unlike a password it cannot be guessed;
  // unknown, revoked and draft-document keys get the same answer, so asking tells nothing.
  app.post("/screens", async (c) => {
    const body = await readJsonBody(c, OpenScreenBody);
    if (!body.ok) return body.response;
    const opened = openScreenLink(deps, body.value.key);
    if (!opened) return apiError(c, 404, "screen_link_not_found", "This screen link does not open anything: it was revoked, or it never existed.");
    const answer: OpenedScreen = { document: toSummary(opened.document), label: opened.link.label };
    return c.json(answer);
  });

  return app;
}
