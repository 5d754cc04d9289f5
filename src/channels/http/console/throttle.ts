/**
 * Growing delay after failed console logins, per username and per client address: from the third
 * failure on, the next attempt must wait 1 s, 2 s, 4 s … (at most 5 minutes). A success resets it.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly freeAttempts = 3,
    private readonly baseDelayMs = 1000,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  /** Milliseconds the caller must still wait before trying any of `keys` again (0 = go ahead). */
  waitMs(keys: string[], now: Date): number {
    let wait = 0;
    for (const k of keys) {
      const f = this.failures.get(k);
      if (f) wait = Math.max(wait, f.lockedUntil - now.getTime());
    }
    return Math.max(0, wait);
  }

  /** Records a failed attempt; returns the delay now imposed (ms). */
  fail(keys: string[], now: Date): number {
    let delay = 0;
    for (const k of keys) {
      const f = this.failures.get(k) ?? { count: 0, lockedUntil: 0 };
      f.count++;
      if (f.count >= this.freeAttempts) {
        const d = Math.min(this.baseDelayMs * 2 ** (f.count - this.freeAttempts), this.maxDelayMs);
        f.lockedUntil = now.getTime() + d;
        delay = Math.max(delay, d);
      }
      this.failures.set(k, f);
    }
    if (this.failures.size > 10_000) this.failures.clear(); // bounded memory under a spray of names
    return delay;
  }

  /** Forgets the failures of `keys` after a successful login. */
  succeed(keys: string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}
