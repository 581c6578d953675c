import { upgradeWebSocket } from "@hono/node-server";
import { Hono } from "hono";
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import { CloseCode } from "../../../shared/collab/closeCodes.js";
import { ACCORD_SUBPROTOCOL } from "../../../shared/collab/messages.js";
import { SCHEMA_PARAM } from "../../../schemas/editor/fingerprint.js";
import type { AppEnv } from "../auth.js";
import { apiError } from "../errors.js";
import { userInDocument } from "../../documents/documentRole.js";
import type { DocumentStore } from "../../storage/documentStore.js";
import type { FacilitatorStore } from "../../storage/facilitatorStore.js";
import { Connection } from "../../collab/Connection.js";
import type { Room } from "../../collab/Room.js";
import type { RoomRegistry } from "../../collab/rooms.js";

/** What the websocket route needs. */
export interface WebsocketRouteDeps {
  documents: DocumentStore;
  facilitators: FacilitatorStore;
  rooms: RoomRegistry;
  allowedOrigins: Set<string>;
  /** The server's schema fingerprint; editors announcing another one are turned away. */
  schemaFingerprint: string;
  log: Logger;
}

/**
 * `/ws/documents/:documentId`: checks Origin, session and document before
 * upgrading (403, 401, 404), then hands the socket to the document's room.
 */
export function websocketRoutes(deps: WebsocketRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let nextConnectionId = 1;

  app.get(
    "/:documentId",
    async (c, next) => {
      const origin = c.req.header("origin");
      if (!origin || !deps.allowedOrigins.has(origin)) {
        return apiError(c, 403, "origin_not_allowed", "This origin may not open document connections.");
      }
      if (!c.get("auth")) return apiError(c, 401, "unauthenticated", "Sign in first.");
      if (!deps.documents.find(c.req.param("documentId"))) {
        return apiError(c, 404, "document_not_found", "There is no document with this id.");
      }
      await next();
    },
    upgradeWebSocket((c) => {
      const auth = c.get("auth")!;
      const documentId = c.req.param("documentId")!;
      const user = userInDocument(auth.user, documentId, deps.facilitators);
      const announcedSchema = c.req.query(SCHEMA_PARAM);
      let connection: Connection | null = null;
      let room: Room | null = null;
      return {
        onOpen(_event, ws) {
          const socket = ws.raw as WebSocket;
          connection = new Connection(nextConnectionId++, socket, user, auth.session.id,
            socket.protocol === ACCORD_SUBPROTOCOL);
          if (announcedSchema !== undefined && announcedSchema !== deps.schemaFingerprint) {
            // Closed after the upgrade so the browser learns why (it cannot read an HTTP refusal).
            connection.close(CloseCode.ClientOutdated);
            return;
          }
          try {
            room = deps.rooms.join(documentId, connection);
          } catch (err) {
            deps.log.error({ err, documentId }, "could not load document");
            connection.close(CloseCode.RoomUnavailable);
          }
        },
        onMessage(event) {
          if (!connection || !room) return;
          if (!(event.data instanceof ArrayBuffer)) {
            connection.close(CloseCode.MalformedMessage, "text frames are not part of the protocol");
            return;
          }
          room.receive(connection, new Uint8Array(event.data));
        },
        onClose() {
          if (!connection) return;
          connection.closed = true;
          if (room) deps.rooms.leave(room, connection);
        },
      };
    }),
  );
  return app;
}
