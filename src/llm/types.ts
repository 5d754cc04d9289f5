/** The optional LLM as skills see it (implemented in src/llm/ with the openai SDK). */
import type { RouteResult } from '../core/types.js';

export interface GroundedPassage {
  /** 1-based number the model cites as [n]. */
  n: number;
  text: string;
  /** 《document》第X条 */
  source: string;
}

export interface Llm {
  /** A grounded answer citing [n]; null when the model failed or its output did not pass the checks. */
  answer(question: string, passages: GroundedPassage[]): Promise<{ text: string; cited: number[] } | null>;
  /** Intent and slots by tool call when the offline router is unsure; null when invalid or failed. */
  route(text: string): Promise<RouteResult | null>;
  /** A one-line summary and suggested category for a feedback ticket; null on failure. */
  summarizeFeedback(text: string): Promise<{ summary: string; category: string } | null>;
}
