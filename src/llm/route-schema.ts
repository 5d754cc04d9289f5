/** The router fallback's tool: the nine intents and their slots, as one zod schema. */
import { z } from 'zod';
import { INTENTS, type RouteResult, type Slots } from '../core/types.js';

export const ROUTE_TOOL = 'classify_intent';

/** Confidence given to an LLM decision (the model states none we could trust). */
export const LLM_ROUTE_CONFIDENCE = 0.7;

export const routeArgsSchema = z.object({
  intent: z.enum(INTENTS).describe('the intent of the message'),
  number: z.number().int().min(1).max(9999).optional().describe('activity number mentioned, e.g. 3 for "3号活动"'),
  seats: z.number().int().min(1).max(20).optional().describe('how many people to book for'),
  dateText: z.string().min(1).max(40).optional().describe('date or time words exactly as written, e.g. "下周三"'),
  keyword: z.string().min(1).max(40).optional().describe('main topic words, e.g. "医疗报销" or "书法"'),
  category: z
    .enum(['suggestion', 'complaint', 'help_request', 'hospitalization', 'other'])
    .optional()
    .describe('feedback category, only for intent feedback'),
});

export type RouteArgs = z.output<typeof routeArgsSchema>;

/** Turns validated arguments into the router's result. */
export function toRouteResult(args: RouteArgs): RouteResult {
  const { intent, ...rest } = args;
  const slots: Slots = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) slots[k] = v;
  return { intent, confidence: LLM_ROUTE_CONFIDENCE, slots, source: 'llm' };
}
