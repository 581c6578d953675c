import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "../../shared/collab/messages.js";
import { can } from "../../shared/permissions.js";
import type { Connection } from "./Connection.js";
import type { IncomingMessage } from "./protocol.js";
import type { RoomExtension } from "./RoomExtension.js";

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
   */
  sendUpdate(update: Uint8Array, except: Connection | null): void;
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
 * times a second rather than once per stored batch.
 */
class TickedAudience {
  private waiting: Uint8Array[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastAt = -Infinity;
  /** Sockets the last frame went to: the next interval is long enough to keep within the frame budget. */
  private members = 0;
  /** Frames sent (once per tick, whatever the number of sockets), and updates they carried, for tests and diagnostics. */
  readonly sent = { frames: 0, updates: 0 };

  constructor(
    readonly audience: Audience,
    private readonly minIntervalMs: number,
    private readonly connections: Set<Connection>,
    /** Frames a second across the audience's sockets. */
    private readonly framesPerSecond = Infinity,
  ) {}

  /** The tick now: the configured one, or longer when the audience is large enough to pass the frame budget. */
  get intervalMs(): number {
    return Math.max(this.minIntervalMs, (this.members * 1000) / this.framesPerSecond);
  }

  add(update: Uint8Array): void {
    this.waiting.push(update);
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

  /** One frame of everything waiting, encoded once, the same bytes for every socket of the audience. */
  private send(): void {
    if (this.waiting.length === 0) return;
    const merged = this.waiting.length === 1 ? this.waiting[0]! : Y.mergeUpdates(this.waiting);
    this.sent.updates += this.waiting.length;
    this.sent.frames += 1;
    this.waiting = [];
    this.lastAt = Date.now();
    const frame = updateFrame(merged);
    let members = 0;
    for (const connection of this.connections) {
      if (audienceOf(connection) !== this.audience) continue;
      connection.send(frame);
      members += 1;
    }
    this.members = members;
  }

  /**
   * What this audience has waiting, sent to one socket now: it is leaving
   * the audience (another delivery mode), and the updates of its new
   * audience's earlier frames would otherwise never reach it.
   */
  sendWaitingTo(connection: Connection): void {
    if (this.waiting.length > 0) connection.send(updateFrame(Y.mergeUpdates(this.waiting)));
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = [];
  }
}

/**
 * Fan-out to the sockets of this process, by audience: editors get each
 * stored batch at once; observers on a short tick; low-bandwidth sockets on
 * a one-second tick. Every frame is encoded once and the same bytes are
 * handed to every socket (ws frames them without copying). It also takes a
 * socket's choice of delivery (the Delivery message).
 */
export class LocalFanOut implements FanOut, RoomExtension {
  private readonly ticked: TickedAudience[];

  constructor(private readonly connections: Set<Connection>, ticks: FanOutTicks = DEFAULT_TICKS) {
    this.ticked = [
      new TickedAudience("observers", ticks.observersMs, connections, ticks.observerFramesPerSecond),
      new TickedAudience("lowBandwidth", ticks.lowBandwidthMs, connections),
    ];
  }

  send(frame: Uint8Array, except: Connection | null): void {
    for (const connection of this.connections) if (connection !== except) connection.send(frame);
  }

  sendUpdate(update: Uint8Array, except: Connection | null): void {
    const frame = updateFrame(update);
    for (const connection of this.connections) {
      if (connection !== except && audienceOf(connection) === "editors") connection.send(frame);
    }
    for (const audience of this.ticked) audience.add(update);
  }

  /** What each ticked audience was sent: frames, and the stored updates they carried. */
  get tickStats(): Record<Audience, { frames: number; updates: number }> {
    const stats = { editors: { frames: 0, updates: 0 }, observers: { frames: 0, updates: 0 }, lowBandwidth: { frames: 0, updates: 0 } };
    for (const audience of this.ticked) stats[audience.audience] = { ...audience.sent };
    return stats;
  }

  /** A socket's choice of delivery; it takes effect with the next frame. */
  onMessage(connection: Connection, message: IncomingMessage): boolean {
    if (message.kind !== "delivery") return false;
    const leaving = audienceOf(connection);
    connection.delivery = message.mode;
    if (audienceOf(connection) !== leaving) this.ticked.find((a) => a.audience === leaving)?.sendWaitingTo(connection);
    return true;
  }

  destroy(): void {
    for (const audience of this.ticked) audience.destroy();
  }
}
