/** The throttle key of an account at an address; every key of an account starts with {@link accountKeyPrefix}. */
export function accountAtAddressKey(email: string, address: string): string {
  return `${accountKeyPrefix(email)}${address}`;
}

/** What every throttle key of an account starts with. */
export function accountKeyPrefix(email: string): string {
  return `${email.toLowerCase()} `;
}

/** How many failed logins are tolerated per key within the window. */
export interface ThrottleLimits {
  maxFailures: number;
  windowMs: number;
}

/**
 * Counts failed logins per key (an account or a client address) in a fixed
 * window; a key over its limit is refused until its window ends.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    const now = this.now();
    if (now >= entry.resetAt) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.limits.maxFailures ? entry.resetAt - now : 0;
  }

  /** Records one failure for `key`. */
  fail(key: string): void {
    const now = this.now();
    const entry = this.failures.get(key);
    if (!entry || now >= entry.resetAt) {
      this.failures.set(key, { count: 1, resetAt: now + this.limits.windowMs });
    } else {
      entry.count += 1;
    }
    if (this.failures.size > 100_000) this.sweep(now);
  }

  /** When the last of the keys starting with `prefix` that are held may try again (ms since epoch), or null when none is held. */
  heldUntil(prefix: string): number | null {
    const now = this.now();
    let until: number | null = null;
    for (const [key, entry] of this.failures) {
      if (key.startsWith(prefix) && entry.count >= this.limits.maxFailures && now < entry.resetAt) until = Math.max(until ?? 0, entry.resetAt);
    }
    return until;
  }

  /** Forgets every key starting with `prefix` (the secretariat lets an account sign in again). */
  forgetPrefix(prefix: string): void {
    for (const key of this.failures.keys()) if (key.startsWith(prefix)) this.failures.delete(key);
  }

  /** Forgets `key` after a successful login. */
  succeed(key: string): void {
    this.failures.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.failures) if (now >= entry.resetAt) this.failures.delete(key);
  }
}
