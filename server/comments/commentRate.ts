import { TokenBucket } from "../collab/socketBudget.js";

/**
 * How many comments (new threads, replies, edits) each user may write: a
 * bucket per user of `perMinute` tokens, refilled evenly over a minute.
 */
export class CommentRate {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep = 0;

  constructor(readonly perMinute: number, private readonly now: () => number = Date.now) {}

  /** Takes a token for the user: 0 when they may write now, else the milliseconds until they may. */
  take(userId: string): number {
    const now = this.now();
    this.sweep(now);
    let bucket = this.buckets.get(userId);
    if (!bucket) this.buckets.set(userId, (bucket = new TokenBucket({ perSecond: this.perMinute / 60, burst: this.perMinute }, now)));
    const wait = bucket.waitFor(1, now);
    if (wait === 0) bucket.take(1, now);
    return wait;
  }

  /** Forgets buckets that have refilled (a minute without writing), so the map holds only recent writers. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [userId, bucket] of this.buckets) if (bucket.waitFor(this.perMinute, now) === 0) this.buckets.delete(userId);
  }
}
