/** The optional OpenAI-compatible model. Placeholder: the LLM issue implements it. */
import type { Llm } from './types.js';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';

/** Returns the LLM client when OPENAI_BASE_URL and LLM_MODEL are set, else undefined. */
export function createLlm(_deps: { config: Config; logger: Logger; metrics: Metrics }): Llm | undefined {
  return undefined;
}
