import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import type { Connection } from "./Connection.js";
import type { IncomingMessage } from "./protocol.js";

/** What a stored batch added besides its updates, told to extensions before the batch is broadcast. */
export interface StoredBatch {
  /** Client ids bound to users by this batch. */
  bound: ReadonlyMap<number, string>;
  /** Words the batch moved, with their true authors. */
  carried: CarriedRange<string | null>[];
}

/**
 * A concern of a room that is not the document itself (presence, authors
 * ...): it plugs into the room's flow through these hooks, so the room stays a
 * coordinator of named steps.
 */
export interface RoomExtension {
  /** A socket joined, after the sync handshake started. */
  onJoin?(connection: Connection): void;
  /** A socket left. */
  onLeave?(connection: Connection): void;
  /** A message that is not about the document; returns true when this extension handled it. */
  onMessage?(connection: Connection, message: IncomingMessage): boolean;
  /** A batch was stored; called before it is broadcast. */
  onStored?(batch: StoredBatch): void;
  /** The room flushes (once per event-loop turn with something to do). */
  onFlush?(): void;
  /** Everything received so far is stored and broadcast (the end of a flush that left nothing waiting). */
  onSettled?(): void;
  /** The room is unloaded: stop timers. */
  destroy?(): void;
}
