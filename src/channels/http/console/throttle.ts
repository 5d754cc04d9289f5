/**
 * Growing delay after failed console logins, per username and per client address: from the third
 * failure on, the next attempt must wait 1 s, 2 s, 4 s … (at most 5 minutes). A success resets it.
 * The counts live in the store, so every instance behind a load balancer sees the same ones
 * (an attacker cannot spread guesses over the instances); they lapse a day after the last failure.
 */
import type { Store } from '../../../store/types.js';

const FORGET_AFTER_MS = 24 * 3600_000;

export class LoginThrottle {
  constructor(
    private readonly store: Store,
    private readonly freeAttempts = 3,
    private readonly baseDelayMs = 1000,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  /** The delay imposed after `count` failures (ms). */
  private delayAfter(count: number): number {
    return count >= this.freeAttempts ? Math.min(this.baseDelayMs * 2 ** (count - this.freeAttempts), this.maxDelayMs) : 0;
  }

  /** Milliseconds the caller must still wait before trying any of `keys` again (0 = go ahead). */
  async waitMs(keys: string[], now: Date): Promise<number> {
    let wait = 0;
    for (const k of keys) {
      const f = await this.store.getFailures(`login:${k}`, now);
      if (f) wait = Math.max(wait, f.lastAt + this.delayAfter(f.count) - now.getTime());
    }
    return Math.max(0, wait);
  }

  /** Records a failed attempt; returns the delay now imposed (ms). */
  async fail(keys: string[], now: Date): Promise<number> {
    let delay = 0;
    for (const k of keys) {
      const f = await this.store.countFailure(`login:${k}`, FORGET_AFTER_MS, now);
      delay = Math.max(delay, this.delayAfter(f.count));
    }
    return delay;
  }

  /** Forgets the failures of `keys` after a successful login. */
  async succeed(keys: string[]): Promise<void> {
    for (const k of keys) await this.store.clearFailures(`login:${k}`);
  }
}
