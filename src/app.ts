/** Composition root: config -> services -> router and skills -> channels. */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.js';
import type { Services } from './services.js';
import type { Store } from './store/types.js';
import type { Clock } from './core/clock.js';
import { systemClock } from './core/clock.js';
import { Prompts } from './core/prompts.js';
import { createLogger, type Logger } from './core/logger.js';
import { Notifier } from './core/notifier.js';
import { Metrics } from './core/metrics.js';
import { openStore } from './store/index.js';
import { Router } from './core/router/router.js';
import { ExampleClassifier } from './core/router/classifier.js';
import { createMessageHandler, type MessageHandler } from './core/pipeline.js';
import { buildSkillRegistry, type SkillRegistry } from './skills/index.js';
import { loadPolicyService } from './retrieval/index.js';
import type { PolicyService } from './retrieval/policy-service.js';
import type { Llm } from './llm/types.js';

export interface ServiceOverrides {
  store?: Store;
  clock?: Clock;
  logger?: Logger;
  llm?: Llm | null;
  policy?: PolicyService | null;
  /** Skip loading the policy index (CLI commands that do not need it). */
  withoutPolicy?: boolean;
}

/** Opens every service the skills and channels use. */
export async function buildServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const clock = overrides.clock ?? systemClock;
  const prompts = Prompts.load(config.PROMPTS_DIR);
  const metrics = new Metrics(config.NODE_ENV !== 'test');
  const store = overrides.store ?? (await openStore(config));
  const notifier = new Notifier(store, clock, logger);
  // the OpenAI client library is loaded only when a model is configured
  const llm = overrides.llm === null ? undefined : (overrides.llm ?? (config.OPENAI_BASE_URL && config.LLM_MODEL ? (await import('./llm/index.js')).createLlm({ config, logger, metrics }) : undefined));
  const services: Services = { instanceId: randomUUID(), config, store, clock, prompts, logger, notifier, metrics, ...(llm ? { llm } : {}) };
  if (overrides.policy !== undefined) {
    if (overrides.policy) services.policy = overrides.policy;
  } else if (!overrides.withoutPolicy) {
    try {
      const policy = await loadPolicyService({ config, logger, metrics, ...(llm ? { llm } : {}) });
      if (policy) services.policy = policy;
    } catch (err) {
      // The assistant still books activities and takes feedback without the knowledge base.
      logger.error({ err }, 'policy knowledge base not loaded');
      metrics.errors.inc({ where: 'policy_load' });
    }
  }
  return services;
}

/** Builds the router from prompts/intent-examples.yaml. */
export function createRouter(services: Pick<Services, 'prompts' | 'llm'> & { config?: Pick<Config, 'BOT_NAME' | 'WAKE_WORDS'> }): Router {
  const examples: Record<string, string[]> = {};
  for (const file of ['intent-examples', 'intent-examples-more']) {
    if (!services.prompts.has(file)) continue;
    for (const [intent, texts] of Object.entries(services.prompts.raw<Record<string, string[]>>(file))) {
      examples[intent] = [...(examples[intent] ?? []), ...texts];
    }
  }
  return new Router(new ExampleClassifier(examples), {
    ...(services.llm ? { llm: services.llm } : {}),
    ...(services.config ? { names: [services.config.BOT_NAME, ...services.config.WAKE_WORDS] } : {}),
  });
}

/** The message handler over the full skill set. */
export function createHandler(services: Services, skills: SkillRegistry = buildSkillRegistry()): MessageHandler {
  return createMessageHandler(services, createRouter(services), skills);
}

/** Where the SQLite file and the index live. */
export function dataPath(config: Config, ...parts: string[]): string {
  return join(config.DATA_DIR, ...parts);
}
