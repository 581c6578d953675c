import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "../../shared/collab/messages.js";
import type { Connection } from "./Connection.js";

/**
 * The broadcast step: a frame encoded once, written to the sockets of a
 * room. Behind this interface so that a room spread over several processes
 * can relay the same frames elsewhere.
 */
export interface FanOut {
  /** Sends `frame` to every socket of the room except `except`. */
  send(frame: Uint8Array, except: Connection | null): void;
}

/** The sync-update frame carrying `update`, as every y-websocket client reads it. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The first message of the sync handshake: the server's state vector, asking for what the client has. */
export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** The answer to a client's sync step 1: what the document has beyond its state vector. */
export function syncStep2Frame(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
  return encoding.toUint8Array(encoder);
}

/** Fan-out to the sockets of this process. */
export class LocalFanOut implements FanOut {
  constructor(private readonly connections: Set<Connection>) {}

  send(frame: Uint8Array, except: Connection | null): void {
    for (const connection of this.connections) if (connection !== except) connection.send(frame);
  }
}
