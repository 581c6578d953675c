import type { AuthorEntry } from "../../schemas/api.js";
import type { CarriedRange, CarriedText } from "../../shared/attribution/carriedText.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { writeAuthors } from "../../shared/collab/messages.js";
import { authorsPayload } from "../documents/authors.js";
import { screenLinkIdOf } from "../screens/screenIdentity.js";
import type { ClientIdBindings } from "./clientIdBindings.js";
import type { Connection } from "./Connection.js";
import type { IncomingMessage } from "./protocol.js";
import type { RoomExtension, StoredBatch } from "./RoomExtension.js";

/**
 * The Authors extension of a room: who each Yjs client id of the document
 * belongs to, and which items carry words others wrote, for attribution
 * view. A socket that asks gets all of it once, then each addition as it is
 * stored.
 */
export class RoomAuthors implements RoomExtension {
  /** The encoded answer, until a binding is added or an account changes. */
  private table: Uint8Array | null = null;

  constructor(
    private readonly bindings: ClientIdBindings,
    private readonly carried: CarriedText<string | null>,
    private readonly connections: Set<Connection>,
    private readonly authorOf: (userId: string) => AuthorEntry | null,
  ) {}

  onMessage(connection: Connection, message: IncomingMessage): boolean {
    if (message.kind !== "authorsRequest") return false;
    this.request(connection);
    return true;
  }

  onStored({ bound, carried }: StoredBatch): void {
    this.announce(bound, carried);
  }

  /** A socket asks for the authors. */
  request(connection: Connection): void {
    // An Accord extension: a socket that did not negotiate it has no business sending it.
    if (!connection.wantsAcks) {
      connection.close(CloseCode.UnknownMessageType);
      return;
    }
    // A hall screen shows the text, not who wrote it, and the projector page never asks: refused out loud, as a
    // screen's edit is, rather than left waiting for an answer that never comes.
    if (screenLinkIdOf(connection.user.id) !== null) {
      connection.close(CloseCode.Forbidden, "a screen is not told the document's authors");
      return;
    }
    // Answered once per socket (it then gets every new author): repeating the request costs the server nothing.
    if (connection.wantsAuthors) return;
    connection.wantsAuthors = true;
    // Encoded once for the crowd of observers that ask as they join.
    this.table ??= writeAuthors(authorsPayload(this.bindings.all(), this.carried.all(), this.authorOf));
    connection.send(this.table);
  }

  /** Sends newly stored bindings and carried ranges to the sockets that follow the authors. */
  announce(bound: ReadonlyMap<number, string>, carried: CarriedRange<string | null>[]): void {
    if (bound.size === 0 && carried.length === 0) return;
    this.table = null;
    let message: Uint8Array | null = null;
    for (const connection of this.connections) {
      if (!connection.wantsAuthors) continue;
      message ??= writeAuthors(authorsPayload(bound, carried, this.authorOf));
      connection.send(message);
    }
  }

  /** Someone's name or delegation may have changed: the next request reads the authors afresh. */
  forget(): void {
    this.table = null;
  }
}
