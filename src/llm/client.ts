/**
 * One guarded call to an OpenAI-compatible endpoint: a hard deadline (AbortController plus a
 * race, so a stuck socket cannot hold a reply), no retries, a circuit breaker, and one metric
 * and one log line per call. Every failure becomes null; nothing here throws to a caller.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessage } from 'openai/resources/chat/completions';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { CircuitBreaker } from './circuit-breaker.js';

/** What a call was for (the `purpose` label of yinling_llm_calls_total). */
export type LlmPurpose = 'answer' | 'route' | 'feedback' | 'embed';

/** How a call ended (the `outcome` label). */
export type LlmOutcome =
  | 'ok'
  | 'invalid'
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'connection_error'
  | 'malformed'
  | 'http_error'
  | 'error'
  | 'circuit_open';

/** A reply that reached us but failed a check; `reason` goes to the log. */
export class RejectedOutput extends Error {}

export interface LlmClientOptions {
  openai: OpenAI;
  timeoutMs: number;
  logger: Logger;
  metrics: Metrics;
  breaker: CircuitBreaker;
}

const TIMED_OUT = Symbol('timed out');

export class LlmClient {
  constructor(private readonly opts: LlmClientOptions) {}

  /**
   * Sends one chat completion and hands the first choice's message to `accept`, which returns the
   * checked value or throws RejectedOutput. Null on any failure.
   */
  async chat<T>(
    purpose: LlmPurpose,
    body: ChatCompletionCreateParamsNonStreaming,
    accept: (message: ChatCompletionMessage) => T,
    timeoutMs?: number,
  ): Promise<T | null> {
    return this.guarded(
      purpose,
      (signal, ms) => this.opts.openai.chat.completions.create(body, { signal, timeout: ms, maxRetries: 0 }),
      (raw) => {
        const message = (raw as { choices?: { message?: ChatCompletionMessage }[] } | null)?.choices?.[0]?.message;
        if (!message || typeof message !== 'object') throw new MalformedResponse('no choices[0].message');
        return accept(message);
      },
      timeoutMs,
    );
  }

  /** Embeds texts; one vector per input, in order. Null on any failure. */
  async embeddings(model: string, input: string[], timeoutMs?: number): Promise<number[][] | null> {
    return this.guarded(
      'embed',
      (signal, ms) =>
        this.opts.openai.embeddings.create({ model, input, encoding_format: 'float' }, { signal, timeout: ms, maxRetries: 0 }),
      (raw) => {
        const data = (raw as { data?: { index?: number; embedding?: unknown }[] } | null)?.data;
        if (!Array.isArray(data) || data.length !== input.length) throw new MalformedResponse('embedding count differs');
        const sorted = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
        return sorted.map((d) => {
          const v = d.embedding;
          if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number')) {
            throw new MalformedResponse('embedding is not a number array');
          }
          return v as number[];
        });
      },
      timeoutMs,
    );
  }

  private async guarded<R, T>(
    purpose: LlmPurpose,
    send: (signal: AbortSignal, timeoutMs: number) => Promise<R>,
    accept: (raw: R) => T,
    timeoutMs = this.opts.timeoutMs,
  ): Promise<T | null> {
    const { breaker } = this.opts;
    if (!breaker.tryAcquire()) {
      this.record(purpose, 'circuit_open', 0);
      return null;
    }
    const started = Date.now();
    const ms = Math.min(timeoutMs, this.opts.timeoutMs);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(TIMED_OUT);
      }, ms);
    });
    try {
      const pending = send(controller.signal, ms);
      pending.catch(() => undefined); // the race may have moved on; the late rejection is expected
      const raw = await Promise.race([pending, deadline]);
      if (raw === TIMED_OUT) throw new APIConnectionTimeoutError();
      let value: T;
      try {
        value = accept(raw);
      } catch (err) {
        if (err instanceof RejectedOutput) {
          breaker.recordSuccess(); // the endpoint works; the model's output did not pass
          this.record(purpose, 'invalid', Date.now() - started, err.message);
          return null;
        }
        throw err;
      }
      breaker.recordSuccess();
      this.record(purpose, 'ok', Date.now() - started);
      return value;
    } catch (err) {
      const outcome = classify(err);
      breaker.recordFailure();
      this.record(purpose, outcome, Date.now() - started, errorText(err));
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private record(purpose: LlmPurpose, outcome: LlmOutcome, ms: number, reason?: string): void {
    this.opts.metrics.llmCalls.inc({ purpose, outcome });
    const entry = { purpose, outcome, ms, ...(reason ? { reason } : {}) };
    if (outcome === 'ok') this.opts.logger.debug(entry, 'llm call');
    else this.opts.logger.warn(entry, 'llm call failed; using the offline answer');
  }
}

/** The response was not the JSON shape an OpenAI-compatible server returns. */
class MalformedResponse extends Error {}

/** Maps an error to the outcome label. */
export function classify(err: unknown): LlmOutcome {
  if (err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError) return 'timeout';
  if (err instanceof APIConnectionError) return 'connection_error';
  if (err instanceof APIError) {
    const status = err.status ?? 0;
    if (status === 429) return 'rate_limited';
    if (status >= 500) return 'server_error';
    return 'http_error';
  }
  if (err instanceof SyntaxError || err instanceof MalformedResponse) return 'malformed';
  if (err instanceof Error && err.name === 'AbortError') return 'timeout';
  return 'error';
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 200);
}
