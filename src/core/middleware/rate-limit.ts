/** Per-person (channel:userId) rate limit (sliding window, in memory per instance): one kind notice, then quiet. */
import type { Middleware } from '../pipeline.js';
import { answer } from '../pipeline.js';
import { personId } from '../person.js';

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records a hit; returns 'ok', 'first_over' (tell the user once) or 'over'. */
  hit(key: string, now: number): 'ok' | 'first_over' | 'over' {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep(now);
    if (recent.length <= this.limit) return 'ok';
    return recent.length === this.limit + 1 ? 'first_over' : 'over';
  }

  private sweep(now: number): void {
    for (const [key, times] of this.hits) if (!times.some((t) => t > now - this.windowMs)) this.hits.delete(key);
  }
}

/** Middleware over a limiter (one limiter per service instance). */
export function rateLimit(limiter: RateLimiter): Middleware {
  return async (turn, next) => {
    const verdict = limiter.hit(personId(turn.msg), turn.services.clock.now().getTime());
    if (verdict === 'first_over' && turn.addressed) {
      answer(turn, [{ text: turn.services.prompts.t('core.rate_limited') }]);
      return;
    }
    if (verdict !== 'ok') {
      turn.result = { replies: [], intent: 'dropped', dropped: 'rate_limited' };
      return;
    }
    await next();
  };
}
