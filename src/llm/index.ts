/** The optional OpenAI-compatible model (chat answers, router fallback, feedback summaries, embeddings). */
import OpenAI from 'openai';
import type { Llm, LlmEmbedder } from './types.js';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { LlmClient } from './client.js';
import { LlmPrompts } from './prompt-files.js';
import { OpenAiLlm } from './openai-llm.js';
import { OpenAiEmbedder } from './embedder.js';

export type { Llm, LlmEmbedder, GroundedPassage, LlmCallOptions } from './types.js';
export { answerBatch, type AnswerJob, type AnswerBatchResult } from './batch-answers.js';

/** Consecutive failures that stop calls, and for how long. */
export const BREAKER = { failureThreshold: 3, openMs: 30_000 } as const;

export interface LlmDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** Milliseconds since the epoch, for the circuit breaker (tests pass a manual clock). */
  now?: () => number;
}

function createClient(deps: LlmDeps, baseURL: string): LlmClient {
  const { config } = deps;
  const openai = new OpenAI({
    baseURL,
    // Local servers (Ollama, vLLM) need no key, but the SDK insists on one.
    apiKey: config.OPENAI_API_KEY || 'not-needed',
    timeout: config.LLM_TIMEOUT_MS,
    maxRetries: 0,
  });
  const breaker = new CircuitBreaker({ ...BREAKER, now: deps.now ?? Date.now });
  return new LlmClient({ openai, timeoutMs: config.LLM_TIMEOUT_MS, logger: deps.logger, metrics: deps.metrics, breaker });
}

/** Returns the LLM client when OPENAI_BASE_URL and LLM_MODEL are set, else undefined. */
export function createLlm(deps: LlmDeps): Llm | undefined {
  const { config } = deps;
  if (!config.OPENAI_BASE_URL || !config.LLM_MODEL) return undefined;
  const prompts = LlmPrompts.load(config.PROMPTS_DIR);
  const llm = new OpenAiLlm(createClient(deps, config.OPENAI_BASE_URL), prompts, {
    model: config.LLM_MODEL,
    sendPersonalData: config.LLM_SEND_PERSONAL_DATA,
  });
  deps.logger.info(
    { baseURL: config.OPENAI_BASE_URL, model: config.LLM_MODEL, timeoutMs: config.LLM_TIMEOUT_MS, personalData: config.LLM_SEND_PERSONAL_DATA },
    'LLM configured',
  );
  return llm;
}

/** Returns the embeddings client when OPENAI_BASE_URL and EMBEDDING_MODEL are set, else undefined. */
export function createLlmEmbedder(deps: LlmDeps): LlmEmbedder | undefined {
  const { config } = deps;
  if (!config.OPENAI_BASE_URL || !config.EMBEDDING_MODEL) return undefined;
  return new OpenAiEmbedder(createClient(deps, config.OPENAI_BASE_URL), {
    model: config.EMBEDDING_MODEL,
    baseURL: config.OPENAI_BASE_URL,
    sendPersonalData: config.LLM_SEND_PERSONAL_DATA,
  });
}

/** LLM call counts from the metrics registry, by purpose and outcome (for `yinling eval answers`). */
export async function llmCallCounts(metrics: Metrics): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const v of (await metrics.llmCalls.get()).values) {
    const purpose = String(v.labels.purpose);
    (out[purpose] ??= {})[String(v.labels.outcome)] = v.value;
  }
  return out;
}
