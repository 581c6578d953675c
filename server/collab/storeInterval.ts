/**
 * When a room's next batch may start (STORE_INTERVAL_MS). A quiet room
 * stores a change at once; a busy one gathers what arrives within the
 * interval of the last batch's start into the next batch: one transaction,
 * one fsync, one frame to each editor, however many delegates typed. The
 * rest of a batch cut by the per-turn budget is never held: it arrived
 * before that batch, and the room is behind.
 */
export class StoreInterval {
  private lastBatchAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  /** The last flush left changes behind (a batch cut by the per-turn budget). */
  private cut = false;

  constructor(
    private readonly intervalMs: number,
    /** Flushes the room: called once the interval of changes held is over. */
    private readonly flush: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether the changes waiting now are held; if so, {@link flush} is called when the interval is over. */
  holds(): boolean {
    if (this.cut) return false;
    const wait = this.lastBatchAt + this.intervalMs - this.now();
    if (wait <= 0) return false;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
    return true;
  }

  /** A batch starts: the interval counts from now, and nothing held waits for a timer any more. */
  batchStarted(): void {
    this.lastBatchAt = this.now();
    this.stop();
  }

  /** A flush ended, leaving changes behind (a batch cut by the budget: taken in the next turn) or none. */
  flushed(changesLeft: boolean): void {
    this.cut = changesLeft;
  }

  /** The room closes. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
