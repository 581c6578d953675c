import { MessageType } from "../../shared/collab/messages.js";

/** A sustained rate and the burst allowed above it. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/** What one socket may send (config: SOCKET_*). */
export interface SocketBudgetLimits {
  /** Document messages: updates, sync requests, requests for the authors. */
  updates: Rate;
  /** Presence messages: awareness states and queries. */
  presence: Rate;
  /** Bytes of every frame; the burst is raised to the largest message, which must always fit. */
  bytes: Rate;
  /** A socket slowed this long without a pause of {@link CALM_MS} is closed (4529). */
  slowedCloseMs: number;
}

/** A slowed socket that keeps within its budget this long after catching up starts afresh. */
export const CALM_MS = 1000;

/** A slowed socket that has caught up is read again once it has this long of its rate in hand (at most its burst). */
export const READ_AGAIN_MS = 250;

const readAgainAt = (rate: Rate) => Math.max(1, Math.min(rate.burst, (rate.perSecond * READ_AGAIN_MS) / 1000));

/**
 * A token bucket: `burst` tokens at first, refilled at `perSecond`, never
 * above `burst`. Time is passed in (milliseconds), so it can be driven by
 * any clock.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly rate: Rate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.at = now;
  }

  /** Milliseconds until `n` tokens are there (0 when they are now). */
  waitFor(n: number, now: number): number {
    this.refill(now);
    const missing = Math.min(n, this.rate.burst) - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing * 1000) / this.rate.perSecond);
  }

  /** Takes `n` tokens (callers check {@link waitFor} first). */
  take(n: number, now: number): void {
    this.refill(now);
    this.tokens -= Math.min(n, this.rate.burst);
  }

  private refill(now: number): void {
    if (now <= this.at) return;
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.at) * this.rate.perSecond) / 1000);
    this.at = now;
  }
}

/** The socket reading is paused and resumed on (`ws` sockets have all three). */
export interface PausableSocket {
  pause(): void;
  resume(): void;
  /** Drops the connection without the closing handshake. */
  terminate(): void;
}

/**
 * A socket closed while slowed is not read again (what it has sent meanwhile
 * may be megabytes of frames, all to be ignored): it has this long to take
 * the close frame, then the connection is dropped.
 */
export const CLOSE_GRACE_MS = 1000;

/** What an inbox hands frames to and tells about a socket it gives up on. */
export interface InboxTarget {
  /** A frame within the budget, in the order received (presence coalesced). */
  deliver(frame: Uint8Array): void;
  /** Whether the socket is closed (a delivered frame may have closed it). */
  closed(): boolean;
  /** The socket stayed over its budget too long, or queued more than it may: close it with 4529. */
  tooFast(reason: string): void;
}

const isAwarenessState = (frame: Uint8Array) => frame[0] === MessageType.Awareness;

/**
 * Presence states past their budget are coalesced without slowing the
 * socket (an editor re-announces its caret after every remote change); only
 * a socket sending more than this many times its presence rate is slowed.
 */
export const PRESENCE_FLOOD_FACTOR = 5;

/**
 * The budget step in front of a room. Every frame takes its bytes; a
 * document message (a change, a sync or authors request, a presence query)
 * takes an update token, a presence state a presence token. Within the
 * budget a frame goes on at once. A presence state past its budget waits
 * in a slot of its own, replaced by any newer one (it only says where the
 * caret is now), and goes on when a token comes back. A document message
 * past the budget, or presence past {@link PRESENCE_FLOOD_FACTOR} times its
 * rate, slows the socket: reading stops (TCP pushes back on the sender),
 * document messages already read wait in order and go on as tokens come
 * back, and once nothing waits the socket is read again with a quarter
 * second of budget in hand. A socket that stays slowed for `slowedCloseMs`
 * (a burst larger than that time's budget, or a flood), or has more bytes
 * waiting than one burst, is closed; what waits is dropped, unacknowledged,
 * so its client still holds it and sends it again on reconnecting. What a
 * request makes the server send back (a whole document for a sync request)
 * is charged to the byte budget too ({@link charge}).
 */
export class SocketInbox {
  private readonly updates: TokenBucket;
  private readonly presence: TokenBucket;
  private readonly presenceFlood: TokenBucket;
  private readonly bytes: TokenBucket;
  /** Document messages waiting, in order. */
  private readonly waiting: Uint8Array[] = [];
  private waitingBytes = 0;
  /** The newest presence state waiting for a token. */
  private presenceSlot: Uint8Array | null = null;
  private paused = false;
  private timer: NodeJS.Timeout | null = null;
  /** When the current slowed episode began, and when the socket last caught up. */
  private slowedSince: number | null = null;
  private caughtUpAt = -Infinity;
  private disposed = false;
  /** Why the socket was last slowed, for the reason it is closed with. */
  private slowedBy = "";

  constructor(
    private readonly limits: SocketBudgetLimits,
    /** The largest frame the server reads at all: the byte burst is at least this. */
    maxMessageBytes: number,
    private readonly socket: PausableSocket,
    private readonly target: InboxTarget,
    private readonly now: () => number = () => performance.now(),
  ) {
    const t = now();
    this.updates = new TokenBucket(limits.updates, t);
    this.presence = new TokenBucket(limits.presence, t);
    this.presenceFlood = new TokenBucket({
      perSecond: limits.presence.perSecond * PRESENCE_FLOOD_FACTOR, burst: limits.presence.burst * PRESENCE_FLOOD_FACTOR,
    }, t);
    this.bytes = new TokenBucket({ perSecond: limits.bytes.perSecond, burst: Math.max(limits.bytes.burst, maxMessageBytes) }, t);
  }

  /** A frame read from the socket. */
  receive(frame: Uint8Array): void {
    if (this.disposed) return;
    const now = this.now();
    if (isAwarenessState(frame)) {
      this.receivePresence(frame, now);
      return;
    }
    if (this.waiting.length === 0 && this.wait(frame, now) === 0) {
      this.take(frame, now);
      this.target.deliver(frame);
      return;
    }
    this.waiting.push(frame);
    this.waitingBytes += frame.length;
    this.slowDown(now, this.bytes.waitFor(frame.length, now) > 0 ? "bytes" : "changes");
  }

  /**
   * Bytes the server sends in answer to this socket (a sync or presence
   * request): taken from its byte budget, so asking again and again for the
   * whole document slows the socket like sending it would.
   */
  charge(bytes: number): void {
    if (this.disposed) return;
    this.bytes.take(bytes, this.now());
  }

  /** The socket closed: stop timers, drop what waits; returns how many frames were dropped. */
  dispose(): number {
    if (this.disposed) return 0;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const dropped = this.waiting.length;
    this.waiting.length = 0;
    this.waitingBytes = 0;
    this.presenceSlot = null;
    return dropped;
  }

  private receivePresence(frame: Uint8Array, now: number): void {
    const flooding = this.presenceFlood.waitFor(1, now) > 0;
    if (!flooding) this.presenceFlood.take(1, now);
    if (this.presenceSlot === null && this.wait(frame, now) === 0) {
      this.take(frame, now);
      this.target.deliver(frame);
    } else {
      this.presenceSlot = frame;
      if (!this.paused) this.schedule(now);
    }
    if (flooding) this.slowDown(now, "presence");
  }

  /** The socket is being closed while slowed: it is not read again, and dropped once it had time to take the close frame. */
  private closeSlowed(): void {
    this.dispose();
    if (this.paused) setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  private slowDown(now: number, by: string): void {
    this.slowedBy = by;
    if (!this.paused) {
      this.paused = true;
      this.socket.pause();
      if (this.slowedSince === null || now - this.caughtUpAt > CALM_MS) this.slowedSince = now;
    }
    // What waits is held in memory: no more than one burst of bytes.
    if (this.waitingBytes > this.bytes.rate.burst) {
      this.giveUp(`This connection sent more than ${this.bytes.rate.burst} bytes faster than the server takes them.`);
      return;
    }
    if (this.checkSlowedTooLong(now)) return;
    this.schedule(now);
  }

  private checkSlowedTooLong(now: number): boolean {
    if (this.slowedSince === null || now - this.slowedSince <= this.limits.slowedCloseMs) return false;
    const { updates, presence, bytes } = this.limits;
    const budget = this.slowedBy === "presence" ? `${presence.perSecond * PRESENCE_FLOOD_FACTOR} presence messages`
      : this.slowedBy === "bytes" ? `${bytes.perSecond} bytes` : `${updates.perSecond} changes`;
    this.giveUp(`This connection kept sending more than ${budget} a second for ${(this.limits.slowedCloseMs / 1000).toFixed(1)} s.`);
    return true;
  }

  private giveUp(reason: string): void {
    this.closeSlowed();
    this.target.tooFast(reason);
  }

  /** Sets the timer for the next thing waiting (the head of the queue, or the presence slot). */
  private schedule(now: number): void {
    if (this.timer) return;
    const waits = [
      ...(this.waiting.length > 0 ? [this.wait(this.waiting[0]!, now)] : []),
      ...(this.presenceSlot ? [this.wait(this.presenceSlot, now)] : []),
    ];
    if (waits.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, Math.max(1, Math.min(...waits)));
  }

  /** Delivers what the budget allows again; reads on once nothing waits. */
  private drain(): void {
    if (this.disposed) return;
    let now = this.now();
    while (this.waiting.length > 0 && !this.target.closed()) {
      const frame = this.waiting[0]!;
      if (this.wait(frame, now) > 0) break;
      this.waiting.shift();
      this.waitingBytes -= frame.length;
      this.take(frame, now);
      this.target.deliver(frame);
      now = this.now();
    }
    if (this.presenceSlot && !this.target.closed() && this.wait(this.presenceSlot, now) === 0) {
      const frame = this.presenceSlot;
      this.presenceSlot = null;
      this.take(frame, now);
      this.target.deliver(frame);
    }
    if (this.target.closed()) {
      this.closeSlowed();
      return;
    }
    if (this.paused && this.waiting.length === 0) {
      // Read again only with some budget in hand: a flooding socket is then read a few times a second, not after every token.
      const headroom = Math.max(this.updates.waitFor(readAgainAt(this.limits.updates), now),
        this.presenceFlood.waitFor(readAgainAt(this.limits.presence), now));
      if (headroom > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.drain();
        }, headroom);
        return;
      }
      this.paused = false;
      this.caughtUpAt = now;
      this.socket.resume();
    }
    if (this.paused && this.checkSlowedTooLong(now)) return;
    this.schedule(now);
  }

  private wait(frame: Uint8Array, now: number): number {
    const kind = isAwarenessState(frame) ? this.presence : this.updates;
    return Math.max(kind.waitFor(1, now), this.bytes.waitFor(frame.length, now));
  }

  private take(frame: Uint8Array, now: number): void {
    (isAwarenessState(frame) ? this.presence : this.updates).take(1, now);
    this.bytes.take(frame.length, now);
  }
}
