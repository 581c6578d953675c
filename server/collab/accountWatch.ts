import type { Logger } from "pino";
import type { UserView } from "../../schemas/api.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { userInDocument } from "../documents/documentRole.js";
import { SCREEN_REVOKED_REASON } from "../../shared/collab/screenProtocol.js";
import { screenLinkIdOf } from "../screens/screenIdentity.js";
import type { FacilitatorStore } from "../storage/facilitatorStore.js";
import type { ScreenLinkStore } from "../storage/screenLinkStore.js";
import type { SessionStore } from "../storage/sessionStore.js";
import { toUserView, type UserStore } from "../storage/userStore.js";
import type { RoomRegistry } from "./rooms.js";

/** How often open sockets are checked against the accounts as stored. */
export const ACCOUNT_CHECK_INTERVAL_MS = 3000;

/** What the watch reads. */
export interface AccountWatchDeps {
  rooms: RoomRegistry;
  users: UserStore;
  sessions: SessionStore;
  facilitators: FacilitatorStore;
  screenLinks: Pick<ScreenLinkStore, "isLive">;
}

/**
 * Changes made through the web admin reach open sockets at once (the route
 * tells the rooms). Changes made elsewhere, by `npm run admin` in another
 * process or by hand in the database, are found here: every few seconds each
 * open socket's account and session are read again; a socket whose session is
 * gone or whose account is disabled is closed with 4401, one whose role,
 * delegation (or its name) or own name changed with 4510 (its editor
 * reconnects as the new self). A session past its expiry but not yet deleted
 * is left open: the socket was authenticated, and sliding expiry is renewed
 * by HTTP requests only. A hall screen has no account: its socket is closed
 * with 4401 once its link is revoked (by another process; the web admin
 * closes it at once).
 */
export function checkOpenSockets(deps: AccountWatchDeps): void {
  const users = new Map<string, ReturnType<UserStore["findById"]>>();
  const sessions = new Map<string, boolean>();
  const asActing = new Map<string, UserView>();
  for (const room of deps.rooms.loaded()) {
    for (const connection of [...room.connections]) {
      if (connection.closed) continue;
      const { id: userId } = connection.user;
      const linkId = screenLinkIdOf(userId);
      if (linkId !== null) {
        if (!sessions.has(connection.sessionId)) sessions.set(connection.sessionId, deps.screenLinks.isLive(linkId));
        if (!sessions.get(connection.sessionId)) connection.close(CloseCode.SessionEnded, SCREEN_REVOKED_REASON);
        continue;
      }
      if (!users.has(userId)) users.set(userId, deps.users.findById(userId));
      if (!sessions.has(connection.sessionId)) sessions.set(connection.sessionId, deps.sessions.find(connection.sessionId) !== null);
      const row = users.get(userId);
      if (!row || row.disabled || !sessions.get(connection.sessionId)) {
        connection.close(CloseCode.SessionEnded);
        continue;
      }
      const key = `${userId}\u0000${room.documentId}`;
      let now = asActing.get(key);
      if (!now) asActing.set(key, now = userInDocument(toUserView(row), room.documentId, deps.facilitators));
      const was = connection.user;
      if (now.role !== was.role || now.displayName !== was.displayName ||
        (now.delegation?.id ?? null) !== (was.delegation?.id ?? null) || (now.delegation?.name ?? null) !== (was.delegation?.name ?? null)) {
        room.forgetAuthors();
        connection.close(CloseCode.PermissionsChanged);
      }
    }
  }
}

/** Runs {@link checkOpenSockets} every interval until the returned function is called. */
export function watchAccounts(deps: AccountWatchDeps, log: Logger, intervalMs = ACCOUNT_CHECK_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    try {
      checkOpenSockets(deps);
    } catch (err) {
      log.error({ err }, "checking open sockets against the accounts failed; trying again next time");
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
