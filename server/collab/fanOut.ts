import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "../../shared/collab/messages.js";
import { can } from "../../shared/permissions.js";
import type { Connection } from "./Connection.js";
import type { IncomingMessage } from "./protocol.js";
import type { RoomExtension } from "./RoomExtension.js";
import { SharedFrame } from "./wireFrame.js";

/**
 * The broadcast step: a frame encoded once, written to the sockets of a
 * room. Behind this interface so that a room spread over several processes
 * can relay the same frames elsewhere.
 */
export interface FanOut {
  /** Sends `frame` to every socket of the room except `except`, now. */
  send(frame: Uint8Array, except: Connection | null): void;
  /**
   * Sends a stored update: to editors at once, to the other audiences on
   * their tick, merged with the updates stored since their last frame.
   * `parts` are the sockets' own updates it merges (none for the server's
   * own changes): nobody is sent back what is theirs alone, and a
   * low-bandwidth socket never gets its own typing back within a merge.
   */
  sendUpdate(update: Uint8Array, parts: readonly UpdatePart[]): void;
  /** Sends what waits for a tick now, so that news referring to it (a move of the discussion) never comes first. */
  sendWaiting(): void;
}

/** One socket's update within a stored batch. */
export interface UpdatePart {
  data: Uint8Array;
  from: Connection;
}

/** The sync-update frame carrying `update`, as every y-websocket client reads it. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Who a socket is for the fan-out: editors type against the text; observers and low-bandwidth sockets follow it. */
export type Audience = "editors" | "observers" | "lowBandwidth";

export function audienceOf(connection: Connection): Audience {
  if (connection.delivery === "low") return "lowBandwidth";
  return can(connection.user, "document.edit") ? "editors" : "observers";
}

/** How often each audience that does not get updates at once is sent them, from the configuration. */
export interface FanOutTicks {
  /** Observers: at most one update frame per this many ms (OBSERVER_TICK_MS); 0 sends at once. */
  observersMs: number;
  /**
   * Observers: at most this many frames a second across all of them
   * (OBSERVER_FRAMES_PER_SECOND); past it the tick lengthens with the crowd,
   * so ten thousand observers cost the room what a few thousand do, each
   * seeing the text a little later.
   */
  observerFramesPerSecond?: number;
  /** Low-bandwidth sockets: one merged update frame per this many ms (LOW_BANDWIDTH_TICK_MS). */
  lowBandwidthMs: number;
}

export const DEFAULT_TICKS: FanOutTicks = { observersMs: 50, observerFramesPerSecond: 60_000, lowBandwidthMs: 1000 };

/**
 * Updates waiting for one audience's tick. The tick is a leading-edge
 * throttle: a quiet room sends the first update at once, a busy one at most
 * one frame per interval, so a frame reaches thousands of sockets tens of
 * times a second rather than once per stored batch. An audience with nobody
 * in it keeps nothing: whoever joins it later has the updates from its
 * handshake, or from the audience it leaves (sendWaitingTo).
 */
class TickedAudience {
  readonly members = new Set<Connection>();
  /** Stored updates not yet sent, each with the member socket it came from (null: from nobody in this audience). */
  private waiting: { update: Uint8Array; from: Connection | null }[] = [];
  /** Everything waiting merged, kept so that asking twice merges once. */
  private mergedAll: Uint8Array | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastAt = -Infinity;
  /**
   * Ticks that sent any socket a frame (one per tick, whatever the number
   * of sockets), and the stored batches those ticks carried, for tests and
   * diagnostics.
   */
  readonly sent = { frames: 0, updates: 0 };
  /** Stored batches among {@link waiting} (a batch is kept as several parts when a member typed in it). */
  private waitingBatches = 0;

  constructor(
    readonly audience: Audience,
    private readonly minIntervalMs: number,
    /** Frames a second across the audience's sockets. */
    private readonly framesPerSecond = Infinity,
  ) {}

  /** The tick now: the configured one, or longer when the audience is large enough to pass the frame budget. */
  get intervalMs(): number {
    return Math.max(this.minIntervalMs, (this.members.size * 1000) / this.framesPerSecond);
  }

  /**
   * Keeps a stored update for the next tick. A member's own updates are
   * kept apart, so that its frame leaves them out; everything else is kept
   * as the one merged update.
   */
  add(update: Uint8Array, parts: readonly UpdatePart[]): void {
    if (this.members.size === 0) return;
    if (parts.some((p) => this.members.has(p.from))) {
      for (const part of parts) this.waiting.push({ update: part.data, from: this.members.has(part.from) ? part.from : null });
    } else this.waiting.push({ update, from: null });
    this.waitingBatches += 1;
    this.mergedAll = null;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.waiting.length === 0) return;
    const wait = this.lastAt + this.intervalMs - Date.now();
    if (wait <= 0) this.send();
    else this.timer = setTimeout(() => {
      this.timer = null;
      this.send();
    }, wait);
  }

  /** Everything waiting but what `leaveOut` sent, as one update, or null when that is nothing. */
  private mergedFor(leaveOut: Connection | null): Uint8Array | null {
    if (leaveOut !== null && !this.waiting.some((w) => w.from === leaveOut)) leaveOut = null;
    if (leaveOut === null && this.mergedAll) return this.mergedAll;
    const updates = this.waiting.filter((w) => leaveOut === null || w.from !== leaveOut).map((w) => w.update);
    const merged = updates.length === 0 ? null : updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    if (leaveOut === null) this.mergedAll = merged;
    return merged;
  }

  /**
   * One frame of everything waiting, encoded once, the same bytes for every
   * socket of the audience; a member whose own updates wait gets a frame of
   * the others' only (or nothing, when all of it is its own).
   */
  send(): void {
    const merged = this.mergedFor(null);
    if (!merged) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastAt = Date.now();
    const typists = new Set<Connection>();
    for (const w of this.waiting) if (w.from) typists.add(w.from);
    const own = new Map<Connection, Uint8Array | null>();
    for (const typist of typists) own.set(typist, this.mergedFor(typist));
    const batches = this.waitingBatches;
    this.waiting = [];
    this.waitingBatches = 0;
    this.mergedAll = null;
    const frame = new SharedFrame(updateFrame(merged));
    let sentAny = false;
    for (const connection of this.members) {
      if (!own.has(connection)) connection.send(frame);
      else {
        const others = own.get(connection);
        if (!others) continue;
        connection.send(updateFrame(others));
      }
      sentAny = true;
    }
    if (sentAny) {
      this.sent.frames += 1;
      this.sent.updates += batches;
    }
  }

  /**
   * What this audience has waiting, sent to one socket now (as its answer,
   * charged to its budget): it is leaving the audience for another delivery
   * mode, and its new audience's earlier frames would otherwise never reach it.
   */
  sendWaitingTo(connection: Connection): void {
    const merged = this.mergedFor(connection);
    if (merged) connection.reply(updateFrame(merged));
    // What it sent itself is its own no more in this audience: the others still get it.
    for (const w of this.waiting) if (w.from === connection) w.from = null;
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = [];
    this.waitingBatches = 0;
    this.mergedAll = null;
  }
}

/**
 * Fan-out to the sockets of this process, by audience: editors get each
 * stored batch at once; observers on a short tick; low-bandwidth sockets on
 * a one-second tick. Every frame is encoded once and the same bytes are
 * handed to every socket (ws frames them without copying). It keeps each
 * socket's audience as sockets join, leave and choose their delivery (the
 * Delivery message).
 */
export class LocalFanOut implements FanOut, RoomExtension {
  private readonly editors = new Set<Connection>();
  private readonly ticked: Record<Exclude<Audience, "editors">, TickedAudience>;

  constructor(private readonly connections: Set<Connection>, ticks: FanOutTicks = DEFAULT_TICKS) {
    this.ticked = {
      observers: new TickedAudience("observers", ticks.observersMs, ticks.observerFramesPerSecond),
      lowBandwidth: new TickedAudience("lowBandwidth", ticks.lowBandwidthMs),
    };
    for (const connection of connections) this.onJoin(connection);
  }

  private membersOf(audience: Audience): Set<Connection> {
    return audience === "editors" ? this.editors : this.ticked[audience].members;
  }

  onJoin(connection: Connection): void {
    this.membersOf(audienceOf(connection)).add(connection);
  }

  onLeave(connection: Connection): void {
    this.membersOf(audienceOf(connection)).delete(connection);
  }

  send(frame: Uint8Array, except: Connection | null): void {
    const shared = new SharedFrame(frame);
    for (const connection of this.connections) if (connection !== except) connection.send(shared);
  }

  sendUpdate(update: Uint8Array, parts: readonly UpdatePart[]): void {
    if (this.editors.size > 0) {
      // An editor is sent the batch at once, whole, unless all of it is its own: splitting it would cost an encoding per typist.
      const only = parts.length > 0 && parts.every((p) => p.from === parts[0]!.from) ? parts[0]!.from : null;
      const frame = new SharedFrame(updateFrame(update));
      for (const connection of this.editors) if (connection !== only) connection.send(frame);
    }
    this.ticked.observers.add(update, parts);
    this.ticked.lowBandwidth.add(update, parts);
  }

  /** Sends every ticked audience what it has waiting now (before news that refers to it, such as a move of the discussion). */
  sendWaiting(): void {
    this.ticked.observers.send();
    this.ticked.lowBandwidth.send();
  }

  /** What each ticked audience was sent: ticks that sent a frame, and the stored batches they carried. */
  get tickStats(): Record<Exclude<Audience, "editors">, { frames: number; updates: number }> {
    return { observers: { ...this.ticked.observers.sent }, lowBandwidth: { ...this.ticked.lowBandwidth.sent } };
  }

  /** A socket's choice of delivery; it takes effect with the next frame. A choice that changes nothing costs nothing. */
  onMessage(connection: Connection, message: IncomingMessage): boolean {
    if (message.kind !== "delivery") return false;
    const leaving = audienceOf(connection);
    connection.delivery = message.mode;
    const joining = audienceOf(connection);
    if (joining === leaving) return true;
    this.membersOf(leaving).delete(connection);
    if (leaving !== "editors") this.ticked[leaving].sendWaitingTo(connection);
    this.membersOf(joining).add(connection);
    return true;
  }

  destroy(): void {
    this.ticked.observers.destroy();
    this.ticked.lowBandwidth.destroy();
  }
}
