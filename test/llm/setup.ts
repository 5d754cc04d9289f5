/** Shared set-up for the LLM tests: config pointing at the fake server, fresh metrics, counts. */
import { resolve } from 'node:path';
import { parseConfig, type Config } from '../../src/config.js';
import { Metrics } from '../../src/core/metrics.js';
import { silentLogger } from '../../src/core/logger.js';
import { createLlm, createLlmEmbedder, llmCallCounts, type LlmDeps } from '../../src/llm/index.js';

export const PROMPTS_DIR = resolve(import.meta.dirname, '../../prompts');
export const TIMEOUT_MS = 300;

/** A config for the fake server (base URL given), with a short timeout. */
export function llmConfig(baseURL: string, extra: Record<string, string> = {}): Config {
  return parseConfig({
    OPENAI_BASE_URL: baseURL,
    LLM_MODEL: 'fake-model',
    EMBEDDING_MODEL: 'fake-embed',
    LLM_TIMEOUT_MS: String(TIMEOUT_MS),
    PROMPTS_DIR,
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

/** A fresh Llm and its metrics; `clock.ms` drives the circuit breaker. */
export function makeLlm(baseURL: string, extra: Record<string, string> = {}) {
  const metrics = new Metrics();
  const clock = { ms: 1_000_000 };
  const deps: LlmDeps = { config: llmConfig(baseURL, extra), logger: silentLogger(), metrics, now: () => clock.ms };
  const llm = createLlm(deps);
  if (!llm) throw new Error('createLlm returned undefined for a configured endpoint');
  return { llm, metrics, clock, deps, embedder: createLlmEmbedder(deps), counts: () => llmCallCounts(metrics) };
}
