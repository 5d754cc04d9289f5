/** The services every skill and channel may use (built once in app.ts). */
import type { Config } from './config.js';
import type { Store } from './store/types.js';
import type { Clock } from './core/clock.js';
import type { Prompts } from './core/prompts.js';
import type { Logger } from './core/logger.js';
import type { Notifier } from './core/notifier.js';
import type { Metrics } from './core/metrics.js';
import type { PolicyService } from './retrieval/policy-service.js';
import type { Llm } from './llm/types.js';

export interface Services {
  /** Random id of this running instance (owner of the messages it is handling). */
  instanceId: string;
  config: Config;
  store: Store;
  clock: Clock;
  prompts: Prompts;
  logger: Logger;
  notifier: Notifier;
  metrics: Metrics;
  /** Policy retrieval and answers (built lazily from knowledge/; absent until loaded). */
  policy?: PolicyService;
  /** Optional OpenAI-compatible model; every feature works without it. */
  llm?: Llm;
}
