/** Retries a failed send with exponential backoff, honouring a platform's "retry after". */
import type { Sleep } from './throttle.js';
import { realSleep } from './throttle.js';

export interface RetryOptions {
  /** Total attempts (first try included). */
  attempts: number;
  /** Delay before the second attempt; doubles each time. */
  baseDelayMs: number;
  /** Upper bound of one delay. */
  maxDelayMs?: number;
  /** Milliseconds the platform asked us to wait (e.g. Telegram 429 retry_after), if any. */
  retryAfterMs?: (err: unknown) => number | undefined;
  /** Errors not worth retrying (e.g. chat not found, bot blocked). */
  isPermanent?: (err: unknown) => boolean;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  sleep?: Sleep;
}

/** Runs `task` until it succeeds or the attempts are used up; rethrows the last error. */
export async function withRetry<T>(task: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  let delay = options.baseDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (err) {
      if (attempt >= options.attempts || options.isPermanent?.(err)) throw err;
      const asked = options.retryAfterMs?.(err);
      const wait = asked ?? Math.min(delay, options.maxDelayMs ?? 30_000);
      options.onRetry?.(err, attempt, wait);
      await sleep(wait);
      delay *= 2;
    }
  }
}
