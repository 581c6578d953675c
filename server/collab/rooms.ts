import { CloseCode } from "../../shared/collab/closeCodes.js";
import { screenLinkIdOf } from "../screens/screenIdentity.js";
import type { Connection } from "./Connection.js";
import { Room, type RoomDeps } from "./Room.js";

/** The key counting one account's connections to one document. */
const accountInDocument = (documentId: string, connection: Connection) => `${documentId} ${connection.user.id}`;

/**
 * The loaded rooms, one per document: a room is loaded when its first socket
 * joins and unloaded (after a final flush and compaction) when its last leaves.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly bySession = new Map<string, Set<Connection>>();
  /** Open connections per document and account ("documentId userId"). */
  private readonly byAccount = new Map<string, number>();

  constructor(private readonly deps: RoomDeps) {}

  /** The room of a document, loading it if needed. Throws if the document is unknown or cannot be loaded. */
  open(documentId: string): Room {
    let room = this.rooms.get(documentId);
    if (!room) {
      const meta = this.deps.store.find(documentId);
      if (!meta) throw new Error(`unknown document ${documentId}`);
      room = new Room(documentId, meta, this.deps, (idle) => {
        if (this.rooms.get(idle.documentId) === idle) this.rooms.delete(idle.documentId);
      });
      this.rooms.set(documentId, room);
    }
    return room;
  }

  /**
   * Puts a socket into its document's room, loading the room if needed, or
   * closes it (4429, returning null) when its account already holds as many
   * connections to the document as it may. Throws if loading fails.
   */
  join(documentId: string, connection: Connection): Room | null {
    const key = accountInDocument(documentId, connection);
    const held = this.byAccount.get(key) ?? 0;
    const cap = this.deps.options.maxSocketsPerAccount ?? Infinity;
    if (held >= cap) {
      // A screen's sockets are counted per link (its user id), and a link is no account: said so in its words.
      connection.close(CloseCode.TooManyConnections, screenLinkIdOf(connection.user.id) === null
        ? `This account already has ${held} connections to this document, the most it may have; close one and reload.`
        : `This screen link already has ${held} screens open, the most it may have; close one and reload.`);
      return null;
    }
    const room = this.open(documentId);
    room.join(connection);
    this.byAccount.set(key, held + 1);
    let sockets = this.bySession.get(connection.sessionId);
    if (!sockets) this.bySession.set(connection.sessionId, (sockets = new Set()));
    sockets.add(connection);
    return room;
  }

  /** Takes a socket out of its room. */
  leave(room: Room, connection: Connection): void {
    room.leave(connection);
    const key = accountInDocument(room.documentId, connection);
    const held = (this.byAccount.get(key) ?? 1) - 1;
    if (held > 0) this.byAccount.set(key, held);
    else this.byAccount.delete(key);
    const sockets = this.bySession.get(connection.sessionId);
    sockets?.delete(connection);
    if (sockets?.size === 0) this.bySession.delete(connection.sessionId);
  }

  /** Closes every socket opened under a session (logout, expiry, a screen link revoked), with `reason` when given. */
  closeSession(sessionId: string, code: CloseCode = CloseCode.SessionEnded, reason?: string): void {
    for (const connection of this.bySession.get(sessionId) ?? []) connection.close(code, reason);
  }

  /**
   * Applies an account change to open sockets at once: a disabled account's
   * sockets close for good; others reconnect and so pick up the new role.
   */
  refreshUser(userId: string, disabled: boolean): void {
    for (const room of this.rooms.values()) {
      room.forgetAuthors();
      for (const connection of room.connections) {
        if (connection.user.id !== userId) continue;
        connection.close(disabled ? CloseCode.SessionEnded : CloseCode.PermissionsChanged);
      }
    }
  }

  /** Every loaded room. */
  loaded(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** The loaded room of a document, if any. */
  get(documentId: string): Room | undefined {
    return this.rooms.get(documentId);
  }

  /** Number of loaded rooms. */
  get size(): number {
    return this.rooms.size;
  }

  /** Closes every socket, stores what is pending and compacts, for a clean shutdown. */
  closeAll(): void {
    for (const room of this.rooms.values()) {
      for (const connection of room.connections) connection.close(CloseCode.GoingAway);
      room.flush(true);
      room.compactIfDirty();
      room.destroy();
    }
    this.rooms.clear();
  }
}
