/** Prometheus metrics (prom-client), one registry per service instance. */
import { Registry, Counter, Histogram, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly messages = new Counter({
    name: 'yinling_messages_total',
    help: 'Messages handled, by channel and intent',
    labelNames: ['channel', 'intent'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'yinling_handle_seconds',
    help: 'Time to handle one message',
    labelNames: ['channel'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'yinling_errors_total',
    help: 'Errors, by where they happened',
    labelNames: ['where'] as const,
    registers: [this.registry],
  });
  readonly llmCalls = new Counter({
    name: 'yinling_llm_calls_total',
    help: 'LLM calls, by purpose and outcome (ok, invalid, timeout, rate_limited, server_error, connection_error, malformed, http_error, error, circuit_open)',
    labelNames: ['purpose', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(withDefaults = false) {
    if (withDefaults) collectDefaultMetrics({ register: this.registry });
  }
}
