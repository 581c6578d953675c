import type { Logger } from "pino";
import { writeStorageStatus } from "../../shared/collab/messages.js";
import type { Connection } from "./Connection.js";
import { SharedFrame } from "./wireFrame.js";

/** The longest wait between two attempts to store. */
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * A room's failed writes: retried with back-off (the first delay doubling up
 * to 30 s), and the room's sockets told when writes fail and when they work
 * again, so editors say that their changes are kept but not yet stored.
 */
export class WriteRetry {
  private failingNow = false;
  private timer: NodeJS.Timeout | null = null;
  private delayMs: number;

  constructor(
    private readonly firstDelayMs: number,
    private readonly connections: Set<Connection>,
    private readonly retry: () => void,
    private readonly log: Logger,
    private readonly documentId: string,
  ) {
    this.delayMs = firstDelayMs;
  }

  /** Whether writes are failing now. */
  get failing(): boolean {
    return this.failingNow;
  }

  /** Whether a retry is scheduled (the room then waits for it rather than flushing). */
  get scheduled(): boolean {
    return this.timer !== null;
  }

  /** A write failed: says so once, and schedules the next attempt. */
  failed(err: unknown, pending: number): void {
    this.log.error({ err, documentId: this.documentId, pending }, "could not store updates; keeping them in memory and retrying");
    if (!this.failingNow) {
      this.failingNow = true;
      this.announce();
    }
    // One retry at a time: a write that failed outside the retry (a command's) leaves the one waiting as it is.
    if (this.timer) return;
    this.retryIn(this.delayMs);
    this.delayMs = Math.min(this.delayMs * 2, MAX_RETRY_DELAY_MS);
  }

  /**
   * A write succeeded: if writes were failing, says they work again; a
   * retry still waiting (a command's write succeeded first) runs in the next
   * turn rather than at the end of its back-off.
   */
  succeeded(): void {
    if (!this.failingNow) return;
    this.log.info({ documentId: this.documentId }, "storage writes succeed again");
    this.failingNow = false;
    this.delayMs = this.firstDelayMs;
    this.announce();
    if (this.timer) {
      clearTimeout(this.timer);
      this.retryIn(0);
    }
  }

  private retryIn(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.retry();
    }, ms);
  }

  /** Stops the scheduled retry. */
  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private announce(): void {
    const message = new SharedFrame(writeStorageStatus(this.failingNow ? "failing" : "ok"));
    for (const connection of this.connections) if (connection.wantsAcks) connection.send(message);
  }
}
