/** The optional LLM as skills see it (implemented in src/llm/ with the openai SDK). */
import type { RouteResult } from '../core/types.js';

export interface GroundedPassage {
  /** 1-based number the model cites as [n]. */
  n: number;
  text: string;
  /** 《document》第X条 */
  source: string;
}

/** Per-call limits a caller may tighten (e.g. what is left of a message's time budget). */
export interface LlmCallOptions {
  /** At most this long (never longer than LLM_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** Feedback categories the summary may suggest. */
export type FeedbackCategorySuggestion = 'suggestion' | 'complaint' | 'help_request' | 'hospitalization' | 'other';

export interface Llm {
  /** A grounded answer citing [n]; null when the model failed or its output did not pass the checks. */
  answer(question: string, passages: GroundedPassage[], opts?: LlmCallOptions): Promise<{ text: string; cited: number[] } | null>;
  /** Intent and slots by tool call when the offline router is unsure; null when invalid or failed. */
  route(text: string, opts?: LlmCallOptions): Promise<RouteResult | null>;
  /** A one-line summary and suggested category for a feedback ticket; null on failure. */
  summarizeFeedback(text: string, opts?: LlmCallOptions): Promise<{ summary: string; category: FeedbackCategorySuggestion } | null>;
}

/** Vectors from an OpenAI-compatible /v1/embeddings endpoint (EMBEDDING_MODEL). */
export interface LlmEmbedder {
  /** Identifies model and endpoint; a persisted index built with another id must be rebuilt. */
  readonly id: string;
  /** One unit-length vector per text, in order; null when the endpoint failed (use BM25 alone). */
  embed(texts: string[]): Promise<Float32Array[] | null>;
}
