import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
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

/** Fan-out to the sockets of this process. */
export class LocalFanOut implements FanOut {
  constructor(private readonly connections: Set<Connection>) {}

  send(frame: Uint8Array, except: Connection | null): void {
    for (const connection of this.connections) if (connection !== except) connection.send(frame);
  }
}
