import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { MessageType } from "../../shared/collab/messages.js";
import { ROOM_STATE_KEY, type RoomState } from "../../shared/collab/presence.js";
import { can } from "../../shared/permissions.js";
import type { AuditRecord } from "../storage/auditStore.js";
import type { Connection } from "./Connection.js";
import { audienceOf, type Audience } from "./fanOut.js";
import type { DeliveryMode } from "../../shared/collab/currentParagraph.js";
import type { IncomingMessage } from "./protocol.js";
import type { RoomExtension } from "./RoomExtension.js";
import { screenLinkIdOf } from "../screens/screenIdentity.js";
import { stampPresence } from "./stampPresence.js";
import { SharedFrame } from "./wireFrame.js";

/** Delay between observer-count updates, so a crowd joining is one message, not thousands. */
const OBSERVER_COUNT_DELAY_MS = 2000;

/**
 * Presence is sent at most this often: carets of hundreds of editors reach
 * thousands of sockets as one message per interval, not one per caret move.
 */
export const PRESENCE_INTERVAL_MS = 100;

/**
 * Observers (read-only, often thousands) are sent presence at most this
 * often: they follow where people are, they do not type against them, and
 * one caret moving must not cost a message to every observer ten times a
 * second.
 */
export const OBSERVER_PRESENCE_INTERVAL_MS = 1000;

/** Sockets in low-bandwidth mode are sent who is there at most this often, without carets. */
export const LOW_BANDWIDTH_PRESENCE_INTERVAL_MS = 5000;

/** The audit record (and log line) of a socket whose presence claimed another identity than its session's. */
export function falseIdentityRecord(log: Logger, documentId: string, connection: Connection, claimed: Record<string, unknown>): AuditRecord {
  const text = (v: unknown) => (typeof v === "string" ? v.slice(0, 200) : v === null ? null : JSON.stringify(v ?? null).slice(0, 200));
  const detail = { claimedName: text(claimed.name), claimedDelegation: text(claimed.delegation), claimedRole: text(claimed.role) };
  log.warn({ documentId, userId: connection.user.id, ...detail }, "presence claimed another identity; replaced by the session's");
  return { userId: connection.user.id, documentId, pid: null, action: "presence.falseIdentity", detail };
}

/** Changed states waiting to be sent to one audience, at most once per interval. */
class PresenceRelay {
  readonly changed = new Set<number>();
  timer: NodeJS.Timeout | null = null;
  lastAt = 0;

  constructor(
    readonly audience: Audience,
    readonly intervalMs: number,
    /**
     * Whether a renewal that changes nothing (y-protocols' heartbeat, every
     * 15 s per window) is relayed: editors need them to keep others' carets;
     * observers and low-bandwidth sockets keep states until told they are removed.
     */
    readonly renewals: boolean,
    /** Whether carets are left out (low-bandwidth mode). */
    readonly withoutCarets = false,
  ) {}

  /** What was last sent of each state without its caret: a caret that moved is no news here. */
  readonly sentWithoutCaret = new Map<number, string>();
}

/** A hall screen shows the text to a room: it is told nobody's presence, only the room's own facts. */
const isScreen = (connection: Connection) => screenLinkIdOf(connection.user.id) !== null;

/** A presence state without its caret. */
function withoutCaret(state: Record<string, unknown>): Record<string, unknown> {
  const { cursor: _caret, ...rest } = state;
  return rest;
}

/**
 * Who is in a room: the awareness states of its sockets, with identities
 * stamped from the session, each client id owned by one socket, observers
 * counted instead of shown. Changes are collected and sent once per flush,
 * to editors at most every 100 ms and to observers at most every second.
 */
export class RoomPresence implements RoomExtension {
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  private readonly owners = new Map<number, Connection>();
  /** Sockets whose false identity claim is already reported. */
  private readonly falseClaims = new WeakSet<Connection>();
  /** Editors see carets every 100 ms; observers once a second. */
  private readonly relays = [
    new PresenceRelay("editors", PRESENCE_INTERVAL_MS, true),
    new PresenceRelay("observers", OBSERVER_PRESENCE_INTERVAL_MS, false),
    new PresenceRelay("lowBandwidth", LOW_BANDWIDTH_PRESENCE_INTERVAL_MS, false, true),
  ];
  /** The presence a joining socket is sent, encoded once until presence changes. */
  private joinSnapshot: Uint8Array | null = null;
  private observerCountTimer: NodeJS.Timeout | null = null;
  private destroyed = false;

  constructor(
    private readonly connections: Set<Connection>,
    /** Largest awareness state a socket may announce, in bytes. */
    private readonly maxStateBytes: number,
    /** Asks the room to flush soon (awareness changes are sent with the next flush). */
    private readonly requestFlush: () => void,
    /** A socket claimed an identity that is not its session's (it was replaced); called once per socket. */
    private readonly onFalseClaim: (connection: Connection, claimed: Record<string, unknown>) => void = () => {},
  ) {
    this.awareness.setLocalState({ [ROOM_STATE_KEY]: { observers: 0, screens: 0 } satisfies RoomState });
    this.awareness.on("update", this.onUpdate);
    this.awareness.on("change", this.onChange);
  }

  /** The full presence message for a joining socket (shared by every join until presence changes), or null when nobody is there. */
  snapshot(): Uint8Array | null {
    const states = this.awareness.getStates();
    if (states.size === 0) return null;
    this.joinSnapshot ??= this.encode(Array.from(states.keys()));
    return this.joinSnapshot;
  }

  /** The answer to a query-awareness message. */
  encodeAll(): Uint8Array {
    return this.encode(Array.from(this.awareness.getStates().keys()));
  }

  /** A socket joined: it gets everyone's presence; an observer changes the published count. */
  onJoin(connection: Connection): void {
    this.onMembershipChange(connection);
    const presence = isScreen(connection) ? this.roomOnly() : this.snapshot();
    if (presence) connection.send(presence);
  }

  /** A socket left: its states disappear for everyone. */
  onLeave(connection: Connection): void {
    this.onMembershipChange(connection);
    this.remove(connection);
  }

  /** Awareness and awareness queries. */
  onMessage(connection: Connection, message: IncomingMessage): boolean {
    if (message.kind === "delivery") {
      this.onDeliveryChange(connection, message.mode);
      return false; // the fan-out takes it too
    }
    if (message.kind === "awareness") this.receive(connection, message.update);
    else if (message.kind === "queryAwareness") connection.reply(isScreen(connection) ? this.roomOnly() : this.encodeAll());
    else return false;
    return true;
  }

  onFlush(): void {
    this.flush();
  }

  /** Observers change the published count. */
  private onMembershipChange(connection: Connection): void {
    if (!can(connection.user, "document.edit")) this.scheduleObserverCount();
  }

  /**
   * Applies a client's awareness with its identity stamped from the session.
   * A socket speaks for one client id, the first it announces; entries for
   * any other id are relays of others' states (y-websocket echoes them) and
   * are ignored. A state of its own over the cap closes the socket (1009).
   */
  receive(connection: Connection, update: Uint8Array): void {
    // Observers are counted, never shown: what they publish is not even read.
    if (!can(connection.user, "document.edit")) return;
    let stamped;
    let claiming: number | null = null;
    const own = (id: number) => {
      if (this.owners.get(id) === connection) return true;
      if (connection.awarenessClients.size > 0 || this.owners.has(id)) return false;
      claiming ??= id;
      return claiming === id;
    };
    try {
      stamped = stampPresence(update, connection.user, (id) => id !== this.awareness.clientID && own(id), own, this.maxStateBytes);
    } catch {
      connection.close(CloseCode.MalformedMessage);
      return;
    }
    if (stamped.oversized !== null) {
      connection.close(CloseCode.MessageTooBig, `A presence state of ${stamped.oversized} bytes is over the limit of ${this.maxStateBytes}.`);
      return;
    }
    if (stamped.falseClaim && !this.falseClaims.has(connection)) {
      this.falseClaims.add(connection);
      this.onFalseClaim(connection, stamped.falseClaim);
    }
    if (stamped.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, connection);
  }

  /** Removes a leaving socket's states; everyone sees it go. */
  remove(connection: Connection): void {
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(connection.awarenessClients), null);
    }
  }

  /** Sends the states changed since the last flush to each audience, encoded once, at most once per its interval. */
  flush(): void {
    for (const relay of this.relays) this.flushRelay(relay);
  }

  private flushRelay(relay: PresenceRelay): void {
    if (relay.changed.size === 0 || relay.timer || this.destroyed) return;
    const wait = relay.lastAt + relay.intervalMs - Date.now();
    if (wait > 0) {
      relay.timer = setTimeout(() => {
        relay.timer = null;
        this.flushRelay(relay);
      }, wait);
      return;
    }
    relay.lastAt = Date.now();
    const clients = relay.withoutCarets ? this.newsWithoutCarets(relay) : Array.from(relay.changed);
    relay.changed.clear();
    if (clients.length === 0) return;
    const message = new SharedFrame(this.encode(clients, relay.withoutCarets));
    const roomNews = clients.includes(this.awareness.clientID);
    for (const connection of this.connections) {
      if (audienceOf(connection) !== relay.audience) continue;
      if (!isScreen(connection)) connection.send(message);
      else if (roomNews) connection.send(this.roomOnly());
    }
  }

  /** The room's own state alone: what a hall screen is told of presence (it shows nobody, and keeps its socket alive by it). */
  private roomOnly(): Uint8Array {
    return this.encode([this.awareness.clientID]);
  }

  /**
   * The changed clients whose state without its caret differs from what was
   * last sent without it (or that left), and the room's own state at each
   * renewal: it keeps a quiet low-bandwidth socket from y-websocket's 30 s reconnect.
   */
  private newsWithoutCarets(relay: PresenceRelay): number[] {
    return Array.from(relay.changed).filter((id) => {
      if (id === this.awareness.clientID) return true;
      const state = this.awareness.getStates().get(id);
      if (!state) {
        relay.sentWithoutCaret.delete(id);
        return true;
      }
      const text = JSON.stringify(withoutCaret(state));
      if (relay.sentWithoutCaret.get(id) === text) return false;
      relay.sentWithoutCaret.set(id, text);
      return true;
    });
  }

  /**
   * A socket changing its delivery leaves one relay for another, and what
   * the first still had waiting (someone leaving) would never reach it: it
   * is sent everyone, removals included, as its new audience sees them.
   */
  private onDeliveryChange(connection: Connection, mode: DeliveryMode): void {
    const leaving = audienceOf(connection);
    const joining = mode === "low" ? "lowBandwidth" : can(connection.user, "document.edit") ? "editors" : "observers";
    if (joining === leaving || isScreen(connection)) return;
    connection.reply(this.encode(Array.from(this.awareness.meta.keys()), joining === "lowBandwidth"));
  }

  /** Stops timers. */
  destroy(): void {
    this.destroyed = true;
    if (this.observerCountTimer) clearTimeout(this.observerCountTimer);
    for (const relay of this.relays) if (relay.timer) clearTimeout(relay.timer);
    this.awareness.destroy();
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const connection = origin as Connection | null;
    if (connection && typeof connection === "object" && "awarenessClients" in connection) {
      for (const id of added) {
        connection.awarenessClients.add(id);
        this.owners.set(id, connection);
      }
    }
    for (const id of removed) {
      this.owners.get(id)?.awarenessClients.delete(id);
      this.owners.delete(id);
    }
    this.joinSnapshot = null;
    for (const id of [...added, ...updated, ...removed]) {
      for (const relay of this.relays) if (relay.renewals || id === this.awareness.clientID) relay.changed.add(id);
    }
    this.requestFlush();
  };

  /** Real changes (not renewals) for the audiences that get no heartbeats; the room's own state reaches them on every renewal (above). */
  private readonly onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    for (const id of [...added, ...updated, ...removed]) for (const relay of this.relays) if (!relay.renewals) relay.changed.add(id);
    this.requestFlush();
  };

  private scheduleObserverCount(): void {
    if (this.observerCountTimer || this.destroyed) return;
    this.observerCountTimer = setTimeout(() => {
      this.observerCountTimer = null;
      if (this.destroyed) return;
      this.awareness.setLocalState({ [ROOM_STATE_KEY]: this.roomState() satisfies RoomState });
    }, OBSERVER_COUNT_DELAY_MS);
    this.observerCountTimer.unref();
  }

  /** Observers counted as people (one with two windows is one), hall screens apart. */
  private roomState(): RoomState {
    const observers = new Set<string>();
    let screens = 0;
    for (const c of this.connections) {
      if (can(c.user, "document.edit")) continue;
      if (screenLinkIdOf(c.user.id) !== null) screens += 1;
      else observers.add(c.user.id);
    }
    return { observers: observers.size, screens };
  }

  private encode(clients: number[], withoutCarets = false): Uint8Array {
    const states = this.awareness.getStates();
    const shown = withoutCarets ? new Map(Array.from(states, ([id, state]) => [id, withoutCaret(state)])) : states;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients, shown));
    return encoding.toUint8Array(encoder);
  }
}
