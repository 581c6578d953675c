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

const isPresence = (frame: Uint8Array) => frame[0] === MessageType.Awareness || frame[0] === MessageType.QueryAwareness;
const isAwarenessState = (frame: Uint8Array) => frame[0] === MessageType.Awareness;

/**
 * The budget step in front of a room: every frame of one socket takes a
 * token of its kind (a document message or a presence message) and its
 * bytes. Within the budget a frame goes on at once. Past it the socket is
 * slowed: reading stops (TCP pushes back on the sender), frames already
 * read wait in order and go on as tokens come back, and a presence state
 * waiting is replaced by a newer one from the same socket (it only says
 * where its caret is now); once nothing waits it is read again with a
 * quarter second of budget in hand. A socket that stays slowed for `slowedCloseMs`
 * (a burst larger than that time's budget, or a flood), or has more bytes
 * waiting than one burst, is closed; what waits is dropped,
 * unacknowledged, so its client still holds it and sends it again on
 * reconnecting.
 */
export class SocketInbox {
  private readonly updates: TokenBucket;
  private readonly presence: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly waiting: Uint8Array[] = [];
  private waitingBytes = 0;
  private paused = false;
  private timer: NodeJS.Timeout | null = null;
  /** When the current slowed episode began, and when the socket last caught up. */
  private slowedSince: number | null = null;
  private caughtUpAt = -Infinity;
  private disposed = false;
  /** Frames that had to wait, for logs and tests. */
  slowedFrames = 0;

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
    this.bytes = new TokenBucket({ perSecond: limits.bytes.perSecond, burst: Math.max(limits.bytes.burst, maxMessageBytes) }, t);
  }

  /** A frame read from the socket. */
  receive(frame: Uint8Array): void {
    if (this.disposed) return;
    const now = this.now();
    if (this.waiting.length === 0 && this.wait(frame, now) === 0) {
      this.take(frame, now);
      this.target.deliver(frame);
      return;
    }
    this.enqueue(frame);
    this.slowDown(now);
  }

  /** Frames waiting (dropped if the socket closes). */
  get waitingCount(): number {
    return this.waiting.length;
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
    return dropped;
  }

  /** The socket is being closed while slowed: it is not read again, and dropped once it had time to take the close frame. */
  private closeSlowed(): void {
    this.dispose();
    if (this.paused) setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  private enqueue(frame: Uint8Array): void {
    this.slowedFrames += 1;
    if (isAwarenessState(frame)) {
      // A newer state of the socket's presence supersedes one still waiting.
      const older = this.waiting.findIndex(isAwarenessState);
      if (older >= 0) {
        this.waitingBytes -= this.waiting[older]!.length;
        this.waiting.splice(older, 1);
      }
    }
    this.waiting.push(frame);
    this.waitingBytes += frame.length;
  }

  private slowDown(now: number): void {
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
    const { updates, presence } = this.limits;
    this.giveUp(`This connection kept sending faster than ${updates.perSecond} changes and ${presence.perSecond} presence messages ` +
      `a second for ${Math.round(this.limits.slowedCloseMs / 1000)} s.`);
    return true;
  }

  private giveUp(reason: string): void {
    this.closeSlowed();
    this.target.tooFast(reason);
  }

  private schedule(now: number): void {
    if (this.timer || this.waiting.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, Math.max(1, this.wait(this.waiting[0]!, now)));
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
    if (this.target.closed()) {
      this.closeSlowed();
      return;
    }
    if (this.waiting.length === 0) {
      // Read again only with some budget in hand: a flooding socket is then read a few times a second, not after every token.
      const headroom = Math.max(this.updates.waitFor(readAgainAt(this.limits.updates), now),
        this.presence.waitFor(readAgainAt(this.limits.presence), now));
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
      return;
    }
    if (this.checkSlowedTooLong(now)) return;
    this.schedule(now);
  }

  private wait(frame: Uint8Array, now: number): number {
    const kind = isPresence(frame) ? this.presence : this.updates;
    return Math.max(kind.waitFor(1, now), this.bytes.waitFor(frame.length, now));
  }

  private take(frame: Uint8Array, now: number): void {
    (isPresence(frame) ? this.presence : this.updates).take(1, now);
    this.bytes.take(frame.length, now);
  }
}
