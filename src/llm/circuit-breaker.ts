/** A circuit breaker: after N consecutive failures stop calling for a while, then allow one trial. */

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is allowed. */
  openMs: number;
  /** Milliseconds since the epoch (injectable so tests need not wait). */
  now: () => number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(private readonly opts: BreakerOptions) {}

  /** The state right now (open turns half-open once openMs has passed). */
  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.opts.now() - this.openedAt >= this.opts.openMs ? 'half_open' : 'open';
  }

  /** True when a call may go out now; in half-open state only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Records a successful call: the circuit closes. */
  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  /** Records a failed call: opens after the threshold, or again at once after a failed trial. */
  recordFailure(): void {
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    this.failures += 1;
    if (wasTrial || this.failures >= this.opts.failureThreshold) this.openedAt = this.opts.now();
  }
}
