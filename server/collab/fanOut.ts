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
  /** Sends what waits for a tick now, so that news referring to it (a move of the discussion) never comes first. */
  sendWaiting(): void;
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

/** Sockets an audience keeps in one phase: its frames go out in one loop, so they are kept short. */
const PHASE_SIZE = 400;
/** Most phases of an audience (each merges the waiting updates for itself). */
const MAX_PHASES = 8;

/** One group of an audience's sockets, sent its own merged frame on its own turn of the tick. */
class Phase {
  readonly members = new Set<Connection>();
  waiting: Uint8Array[] = [];
  timer: NodeJS.Timeout | null = null;
  lastAt = -Infinity;

  /** Everything waiting as one update (kept merged, so asking twice merges once), or null. */
  merged(): Uint8Array | null {
    if (this.waiting.length > 1) this.waiting = [Y.mergeUpdates(this.waiting)];
    return this.waiting[0] ?? null;
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = [];
  }
}

/**
 * Updates waiting for one audience's tick. The tick is a leading-edge
 * throttle: a quiet room sends the first update at once, a busy one at most
 * one frame per interval, so a frame reaches thousands of sockets tens of
 * times a second rather than once per stored batch. A large audience is
 * split into phases of at most {@link PHASE_SIZE} sockets whose turns are
 * spread over the interval: the room writes a few hundred frames at a time
 * between the messages it reads, rather than thousands at once every tick,
 * so an edit arriving during a tick is not held up behind it. An audience
 * (or phase) with nobody in it keeps nothing: whoever joins it later has the
 * updates from its handshake, or from the audience it leaves (sendWaitingTo).
 */
class TickedAudience {
  private readonly phases: Phase[] = [];
  private readonly phaseOf = new Map<Connection, Phase>();
  /** When any phase last sent: the phases' turns are at least interval / phases apart. */
  private lastSentAt = -Infinity;
  /** Frames sent (once per tick and phase, whatever the number of sockets), and updates they carried, for tests and diagnostics. */
  readonly sent = { frames: 0, updates: 0 };

  constructor(
    readonly audience: Audience,
    private readonly minIntervalMs: number,
    /** Frames a second across the audience's sockets. */
    private readonly framesPerSecond = Infinity,
  ) {}

  get size(): number {
    return this.phaseOf.size;
  }

  /** The tick now: the configured one, or longer when the audience is large enough to pass the frame budget. */
  get intervalMs(): number {
    return Math.max(this.minIntervalMs, (this.size * 1000) / this.framesPerSecond);
  }

  /** Takes a socket into the phase with room (a new one while there are fewer than MAX_PHASES), else the smallest. */
  join(connection: Connection): void {
    if (this.phaseOf.has(connection)) return;
    let phase = this.phases.find((p) => p.members.size < PHASE_SIZE);
    if (!phase && this.phases.length < MAX_PHASES) this.phases.push((phase = new Phase()));
    phase ??= this.phases.reduce((a, b) => (b.members.size < a.members.size ? b : a));
    phase.members.add(connection);
    this.phaseOf.set(connection, phase);
  }

  leave(connection: Connection): void {
    const phase = this.phaseOf.get(connection);
    if (!phase) return;
    this.phaseOf.delete(connection);
    phase.members.delete(connection);
    if (phase.members.size === 0) phase.clear();
  }

  add(update: Uint8Array): void {
    for (const phase of this.phases) {
      if (phase.members.size === 0) continue;
      phase.waiting.push(update);
      this.schedule(phase);
    }
  }

  private schedule(phase: Phase): void {
    if (phase.timer || phase.waiting.length === 0) return;
    const interval = this.intervalMs;
    const busy = this.phases.reduce((n, p) => n + (p.members.size > 0 ? 1 : 0), 0);
    const wait = Math.max(phase.lastAt + interval, this.lastSentAt + interval / Math.max(1, busy)) - Date.now();
    if (wait <= 0) this.sendPhase(phase);
    else phase.timer = setTimeout(() => {
      phase.timer = null;
      // Another phase may have taken this turn meanwhile: look again.
      this.schedule(phase);
    }, wait);
  }

  /** One frame of everything a phase has waiting, encoded once, the same bytes for every socket of the phase. */
  private sendPhase(phase: Phase): void {
    const count = phase.waiting.length;
    const merged = phase.merged();
    if (phase.timer) clearTimeout(phase.timer);
    phase.timer = null;
    if (!merged) return;
    this.sent.updates += count;
    this.sent.frames += 1;
    phase.waiting = [];
    phase.lastAt = this.lastSentAt = Date.now();
    const frame = updateFrame(merged);
    for (const connection of phase.members) connection.send(frame);
  }

  /** Sends every phase what it has waiting, now. */
  send(): void {
    for (const phase of this.phases) this.sendPhase(phase);
  }

  /**
   * What this audience has waiting for one socket, sent to it now (as its
   * answer, charged to its budget): it is leaving the audience for another
   * delivery mode, and its new audience's earlier frames would otherwise
   * never reach it.
   */
  sendWaitingTo(connection: Connection): void {
    const merged = this.phaseOf.get(connection)?.merged();
    if (merged) connection.reply(updateFrame(merged));
  }

  destroy(): void {
    for (const phase of this.phases) phase.clear();
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

  private join(audience: Audience, connection: Connection): void {
    if (audience === "editors") this.editors.add(connection);
    else this.ticked[audience].join(connection);
  }

  private leave(audience: Audience, connection: Connection): void {
    if (audience === "editors") this.editors.delete(connection);
    else this.ticked[audience].leave(connection);
  }

  onJoin(connection: Connection): void {
    this.join(audienceOf(connection), connection);
  }

  onLeave(connection: Connection): void {
    this.leave(audienceOf(connection), connection);
  }

  send(frame: Uint8Array, except: Connection | null): void {
    for (const connection of this.connections) if (connection !== except) connection.send(frame);
  }

  sendUpdate(update: Uint8Array, except: Connection | null): void {
    if (this.editors.size > 0) {
      const frame = updateFrame(update);
      for (const connection of this.editors) if (connection !== except) connection.send(frame);
    }
    this.ticked.observers.add(update);
    this.ticked.lowBandwidth.add(update);
  }

  /** Sends every ticked audience what it has waiting now (before news that refers to it, such as a move of the discussion). */
  sendWaiting(): void {
    this.ticked.observers.send();
    this.ticked.lowBandwidth.send();
  }

  /** What each ticked audience was sent: frames, and the stored updates they carried. */
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
    if (leaving !== "editors") this.ticked[leaving].sendWaitingTo(connection);
    this.leave(leaving, connection);
    this.join(joining, connection);
    return true;
  }

  destroy(): void {
    this.ticked.observers.destroy();
    this.ticked.lowBandwidth.destroy();
  }
}
