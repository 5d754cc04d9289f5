/**
 * The router: menu digits and commands -> rules -> example classifier -> (optional) LLM tool call.
 * It never guesses below the confidence threshold: it returns 'unknown' with the alternatives,
 * and the dispatcher asks a clarifying question.
 */
import type { KnownIntent, RouteResult } from '../types.js';
import type { Llm } from '../../llm/types.js';
import { menuRoute } from './menu.js';
import { matchRules, isQuestion } from './rules.js';
import { extractSlots } from './slots.js';
import { ExampleClassifier } from './classifier.js';

export interface RouterOptions {
  /** Below this the classifier's answer is not trusted. */
  threshold?: number;
  llm?: Llm;
}

export class Router {
  private readonly threshold: number;
  constructor(
    private readonly classifier: ExampleClassifier,
    private readonly options: RouterOptions = {},
  ) {
    this.threshold = options.threshold ?? 0.3;
  }

  /** Routes one message (outside any flow). */
  async route(text: string, _opts: { isStaff?: boolean } = {}): Promise<RouteResult> {
    const offline = this.routeOffline(text);
    if (offline.intent !== 'unknown' || !this.options.llm) return offline;
    const viaLlm = await this.options.llm.route(text).catch(() => null);
    if (viaLlm && viaLlm.intent !== 'unknown') return { ...viaLlm, slots: { ...extractSlots(text), ...viaLlm.slots }, source: 'llm' };
    return offline;
  }

  /** The offline decision only (used by `yinling route` and the intent eval). */
  routeOffline(text: string): RouteResult {
    const menu = menuRoute(text, { inFlow: false });
    if (menu) return menu;
    const slots = extractSlots(text);
    const rule = matchRules(text);
    if (rule) return { intent: rule.intent, confidence: rule.confidence, slots: { ...slots, ...rule.slots }, source: 'rule' };

    const result = this.classifier.classify(text);
    const alternatives = (result?.ranking ?? []).slice(0, 3).map((r) => ({ intent: r.intent, confidence: round(r.score) }));
    if (result && result.score >= this.threshold) {
      return { intent: result.intent, confidence: round(result.score), slots, source: 'classifier', alternatives };
    }
    // Retirees mostly ask about their benefits: an unmatched question goes to the policy skill,
    // which answers only from the documents and says so when it cannot.
    if (isQuestion(text) && [...text].length >= 4) {
      return { intent: 'policy_query', confidence: 0.5, slots, source: 'fallback', alternatives };
    }
    return { intent: 'unknown', confidence: round(result?.score ?? 0), slots, source: 'fallback', alternatives: withDefaults(alternatives) };
  }
}

/** Without evidence, offer the three most common needs. */
function withDefaults(alts: { intent: KnownIntent; confidence: number }[]): { intent: KnownIntent; confidence: number }[] {
  const out = alts.filter((a) => a.confidence > 0.05);
  for (const intent of ['policy_query', 'activity_list', 'feedback'] as KnownIntent[]) {
    if (out.length >= 3) break;
    if (!out.some((a) => a.intent === intent)) out.push({ intent, confidence: 0 });
  }
  return out.slice(0, 3);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
