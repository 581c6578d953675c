/** The throttle key of an account at an address; every key of an account starts with {@link accountKeyPrefix}. */
export function accountAtAddressKey(email: string, address: string): string {
  return `${accountKeyPrefix(email)}${address}`;
}

/** What every throttle key of an account starts with. */
export function accountKeyPrefix(email: string): string {
  return `${email.toLowerCase()} `;
}

/** The account part of a key made by {@link accountAtAddressKey} (e-mail addresses hold no space). */
export function accountOfKey(key: string): string {
  return key.slice(0, key.indexOf(" ") + 1);
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

  /**
   * Every held key grouped by what `groupOf` makes of it (an account, for
   * keys of an account at an address), with when the last of its keys may
   * try again (ms since epoch). One pass, however many groups are asked about.
   */
  heldBy(groupOf: (key: string) => string): Map<string, number> {
    const now = this.now();
    const held = new Map<string, number>();
    for (const [key, entry] of this.failures) {
      if (entry.count < this.limits.maxFailures || now >= entry.resetAt) continue;
      const group = groupOf(key);
      held.set(group, Math.max(held.get(group) ?? 0, entry.resetAt));
    }
    return held;
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
