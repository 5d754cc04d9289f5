/**
 * The platform-neutral outgoing path every chat adapter uses: split long replies, keep each chat's
 * messages in order, respect the throttle, retry with backoff, and log what could not be sent.
 */
import type { Logger } from '../../core/logger.js';
import type { Metrics } from '../../core/metrics.js';
import { splitReplyText } from './split.js';
import { Throttle, type ThrottleLimits, type Sleep, realSleep } from './throttle.js';
import { withRetry, type RetryOptions } from './retry.js';

/** One physical message: a part of a reply. `first`/`last` let the adapter add a mention or buttons. */
export interface OutgoingPart {
  text: string;
  index: number;
  first: boolean;
  last: boolean;
}

export interface OutgoingOptions {
  channel: string;
  limits: ThrottleLimits;
  /** Longest message, in characters; longer texts are split at sentence ends. */
  maxChars: number;
  logger: Logger;
  metrics?: Metrics;
  retry?: Partial<Omit<RetryOptions, 'sleep'>>;
  now?: () => number;
  sleep?: Sleep;
}

/** Serialises, throttles and retries the messages of one channel. */
export class OutgoingQueue {
  readonly throttle: Throttle;
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly sleep: Sleep;

  constructor(private readonly options: OutgoingOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.throttle = new Throttle(options.limits, options.now, this.sleep);
  }

  /** Splits a text into the parts `send` will receive. */
  split(text: string): string[] {
    return splitReplyText(text, this.options.maxChars);
  }

  /**
   * Sends `texts` to one chat, in order, after earlier messages to that chat; each part is
   * throttled and retried. Rejects when a part could not be sent after the retries (already logged).
   */
  deliver(chatKey: string, texts: string[], send: (part: OutgoingPart) => Promise<void>): Promise<void> {
    const pieces = texts.flatMap((t) => this.split(t));
    const previous = this.chains.get(chatKey) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.sendAll(chatKey, pieces, send));
    const tail = run.catch(() => undefined);
    this.chains.set(chatKey, tail);
    void tail.then(() => {
      if (this.chains.get(chatKey) === tail) this.chains.delete(chatKey);
    });
    return run;
  }

  /** Resolves when everything queued so far has been sent or given up. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private async sendAll(chatKey: string, pieces: string[], send: (part: OutgoingPart) => Promise<void>): Promise<void> {
    const { logger, channel, retry, metrics } = this.options;
    for (let index = 0; index < pieces.length; index++) {
      const part: OutgoingPart = { text: pieces[index]!, index, first: index === 0, last: index === pieces.length - 1 };
      try {
        await withRetry(
          async () => {
            await this.throttle.acquire(chatKey);
            await send(part);
          },
          {
            attempts: retry?.attempts ?? 4,
            baseDelayMs: retry?.baseDelayMs ?? 1000,
            maxDelayMs: retry?.maxDelayMs ?? 30_000,
            ...(retry?.retryAfterMs ? { retryAfterMs: retry.retryAfterMs } : {}),
            ...(retry?.isPermanent ? { isPermanent: retry.isPermanent } : {}),
            sleep: this.sleep,
            onRetry: (err, attempt, delayMs) =>
              logger.warn({ err, channel, chat: chatKey, attempt, delayMs }, 'send failed; retrying'),
          },
        );
      } catch (err) {
        metrics?.errors.inc({ where: `send_${channel}` });
        logger.error({ err, channel, chat: chatKey, part: index }, 'message not delivered after retries');
        throw err;
      }
    }
  }
}
