import { upgradeWebSocket, type HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import { CloseCode } from "../../../shared/collab/closeCodes.js";
import { ACCORD_SUBPROTOCOL } from "../../../shared/collab/messages.js";
import { SCREEN_REVOKED_REASON, screenKeyOfOffer } from "../../../shared/collab/screenProtocol.js";
import { SCHEMA_PARAM } from "../../../schemas/editor/fingerprint.js";
import type { UserView } from "../../../schemas/api.js";
import type { AppEnv } from "../auth.js";
import { apiError } from "../errors.js";
import { readableDocument } from "../../documents/documentRole.js";
import { openScreenLink, screenSessionId, screenUser } from "../../screens/screenIdentity.js";
import type { DocumentStore } from "../../storage/documentStore.js";
import type { FacilitatorStore } from "../../storage/facilitatorStore.js";
import type { ScreenLinkStore } from "../../storage/screenLinkStore.js";
import { Connection } from "../../collab/Connection.js";
import type { Room } from "../../collab/Room.js";
import type { RoomRegistry } from "../../collab/rooms.js";
import { SocketInbox, type SocketBudgetLimits } from "../../collab/socketBudget.js";
import type { WireStream } from "../../collab/wireFrame.js";

/** What the websocket route needs. */
export interface WebsocketRouteDeps {
  documents: DocumentStore;
  facilitators: FacilitatorStore;
  screenLinks: ScreenLinkStore;
  rooms: RoomRegistry;
  allowedOrigins: Set<string>;
  /** The server's schema fingerprint; editors announcing another one are turned away. */
  schemaFingerprint: string;
  /** What one socket may send per second; past it the socket is slowed, then closed (4529). */
  socketBudget: SocketBudgetLimits;
  /** The largest frame the server reads (MAX_MESSAGE_BYTES). */
  maxMessageBytes: number;
  /** Unsent bytes past which a socket is closed as a slow reader (MAX_SOCKET_BACKLOG_BYTES). */
  maxSocketBacklogBytes: number;
  log: Logger;
}

/**
 * Who a socket is, as the checks before the upgrade found: a signed-in user,
 * or a hall screen; null for a screen key that opens nothing here, closed
 * once upgraded.
 */
type SocketEnv = {
  Bindings: Partial<HttpBindings>;
  Variables: AppEnv["Variables"] & { socketUser: { user: UserView; sessionId: string } | null };
};

/**
 * The network socket a websocket writes to, for writing whole frames
 * (wireFrame.ts): only when it is the one the upgraded request came on and
 * no extension was negotiated, so that the bytes are exactly what the
 * websocket would write; otherwise null, and messages go through `send`.
 */
function wireOf(socket: WebSocket, upgraded: HttpBindings["incoming"]["socket"] | undefined): WireStream | null {
  const under = (socket as unknown as { _socket?: unknown })._socket;
  return upgraded && under === upgraded && socket.extensions === "" ? upgraded : null;
}

/**
 * `/ws/documents/:documentId`: checks Origin (403), then a screen link's key
 * offered as the subprotocol `accord.screen.<key>` (see
 * shared/collab/screenProtocol.ts), or else the session and the document
 * (401, 404), before upgrading; then hands the socket to the document's
 * room. A key that opens no screen of this document is upgraded and closed
 * at once with 4401. Every frame goes through the socket's budget
 * (socketBudget.ts) first.
 */
export function websocketRoutes(deps: WebsocketRouteDeps): Hono<SocketEnv> {
  const app = new Hono<SocketEnv>();
  let nextConnectionId = 1;

  app.get(
    "/:documentId",
    async (c, next) => {
      const origin = c.req.header("origin");
      if (!origin || !deps.allowedOrigins.has(origin)) {
        return apiError(c, 403, "origin_not_allowed", "This origin may not open document connections.");
      }
      const documentId = c.req.param("documentId") ?? "";
      const screenKey = screenKeyOfOffer(c.req.header("sec-websocket-protocol"));
      if (screenKey !== undefined) {
        // A key decides alone, cookie or not: a screen shows what its link shows, and stops when it is revoked.
        // One that opens nothing here (unknown, revoked, a draft's, another document's: the same answer for all,
        // so asking tells nothing) is refused after the upgrade, not with an HTTP status a browser cannot read:
        // a screen whose link was revoked while it was away then says so instead of reconnecting for ever.
        const opened = screenKey === "" ? null : openScreenLink(deps, screenKey);
        c.set("socketUser", opened && opened.document.id === documentId
          ? { user: screenUser(opened.link), sessionId: screenSessionId(opened.link.id) }
          : null);
        return next();
      }
      const auth = c.get("auth");
      if (!auth) return apiError(c, 401, "unauthenticated", "Sign in first.");
      const target = readableDocument(deps, auth.user, documentId);
      if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
      c.set("socketUser", { user: target.user, sessionId: auth.session.id });
      await next();
    },
    upgradeWebSocket((c) => {
      const socketUser = c.get("socketUser");
      const documentId = c.req.param("documentId")!;
      const announcedSchema = c.req.query(SCHEMA_PARAM);
      const upgraded = c.env.incoming?.socket;
      let connection: Connection | null = null;
      let room: Room | null = null;
      let inbox: SocketInbox | null = null;
      return {
        onOpen(_event, ws) {
          const socket = ws.raw as WebSocket;
          if (!socketUser) {
            socket.close(CloseCode.SessionEnded, SCREEN_REVOKED_REASON);
            return;
          }
          const { user, sessionId } = socketUser;
          connection = new Connection(nextConnectionId++, socket, user, sessionId,
            socket.protocol === ACCORD_SUBPROTOCOL, deps.maxSocketBacklogBytes, wireOf(socket, upgraded));
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
          if (!room) return;
          const joined = { room, connection };
          connection.charge = (bytes) => inbox?.charge(bytes);
          inbox = new SocketInbox(deps.socketBudget, deps.maxMessageBytes, socket, {
            deliver: (frame) => joined.room.receive(joined.connection, frame),
            closed: () => joined.connection.closed,
            tooFast: (reason) => {
              deps.log.warn({ documentId, userId: user.id, reason }, "closing a socket that sends faster than its budget");
              // What the room took from this socket is stored and acknowledged first.
              joined.connection.closeWhenSaved(CloseCode.SendingTooFast, reason);
            },
          });
        },
        onMessage(event) {
          if (!connection || !room) return;
          if (!(event.data instanceof ArrayBuffer)) {
            connection.close(CloseCode.MalformedMessage, "text frames are not part of the protocol");
            return;
          }
          inbox!.receive(new Uint8Array(event.data));
        },
        onClose() {
          if (!connection) return;
          connection.closed = true;
          const dropped = inbox?.dispose() ?? 0;
          if (dropped > 0) deps.log.warn({ documentId, userId: connection.user.id, dropped }, "a closed socket's messages over its budget were dropped, unacknowledged");
          if (room) deps.rooms.leave(room, connection);
        },
      };
    }),
  );
  return app;
}
