/** The Llm implementation: prompts from files, one guarded call per method, every output checked. */
import type { Llm, GroundedPassage, LlmCallOptions, FeedbackCategorySuggestion } from './types.js';
import type { RouteResult } from '../core/types.js';
import type { LlmClient } from './client.js';
import type { LlmPrompts } from './prompt-files.js';
import { ANSWER_BUDGET, buildAnswerMessages, checkAnswer } from './grounded-answer.js';
import { ROUTE_TOOL, routeArgsSchema, toRouteResult } from './route-schema.js';
import { FEEDBACK_TOOL, feedbackArgsSchema } from './feedback-schema.js';
import { toolFor, readToolCall } from './tool-call.js';
import { asData, tag } from './data-fence.js';

const MAX_ROUTE_CHARS = 300;
const MAX_FEEDBACK_CHARS = 1500;

export class OpenAiLlm implements Llm {
  private readonly routeTool;
  private readonly feedbackTool;

  constructor(
    private readonly client: LlmClient,
    private readonly prompts: LlmPrompts,
    private readonly settings: { model: string; sendPersonalData: boolean },
  ) {
    this.routeTool = toolFor(ROUTE_TOOL, prompts.render('routeTool'), routeArgsSchema);
    this.feedbackTool = toolFor(FEEDBACK_TOOL, prompts.render('feedbackTool'), feedbackArgsSchema);
  }

  /** A grounded answer from the numbered passages; null unless every citation checks out. */
  async answer(question: string, passages: GroundedPassage[], opts: LlmCallOptions = {}): Promise<{ text: string; cited: number[] } | null> {
    if (passages.length === 0 || !question.trim()) return null;
    const { messages, sent } = buildAnswerMessages(this.prompts, question, passages, this.settings.sendPersonalData);
    return this.client.chat(
      'answer',
      { model: this.settings.model, messages, max_tokens: ANSWER_BUDGET.maxTokens, temperature: 0.1 },
      (message) => checkAnswer(message.content, sent),
      opts.timeoutMs,
    );
  }

  /** The router's fallback: one forced tool call, arguments validated by the same zod schema. */
  async route(text: string, opts: LlmCallOptions = {}): Promise<RouteResult | null> {
    if (!text.trim()) return null;
    const message = tag('message', this.data(text, MAX_ROUTE_CHARS));
    return this.client.chat(
      'route',
      {
        model: this.settings.model,
        messages: [
          { role: 'system', content: this.prompts.render('routeSystem') },
          { role: 'user', content: message },
        ],
        tools: [this.routeTool],
        tool_choice: { type: 'function', function: { name: ROUTE_TOOL } },
        max_tokens: 150,
        temperature: 0,
      },
      (reply) => toRouteResult(readToolCall(reply, ROUTE_TOOL, routeArgsSchema)),
      opts.timeoutMs,
    );
  }

  /** A one-line summary and a suggested category for staff; the retiree's words stay as written. */
  async summarizeFeedback(text: string, opts: LlmCallOptions = {}): Promise<{ summary: string; category: FeedbackCategorySuggestion } | null> {
    if (!text.trim()) return null;
    return this.client.chat(
      'feedback',
      {
        model: this.settings.model,
        messages: [
          { role: 'system', content: this.prompts.render('feedbackSystem') },
          { role: 'user', content: tag('feedback', this.data(text, MAX_FEEDBACK_CHARS)) },
        ],
        tools: [this.feedbackTool],
        tool_choice: { type: 'function', function: { name: FEEDBACK_TOOL } },
        max_tokens: 150,
        temperature: 0,
      },
      (reply) => {
        const args = readToolCall(reply, FEEDBACK_TOOL, feedbackArgsSchema);
        return { summary: args.summary.replace(/\s*\n\s*/g, ' '), category: args.category };
      },
      opts.timeoutMs,
    );
  }

  private data(text: string, maxChars: number): string {
    return asData(text, { sendPersonalData: this.settings.sendPersonalData, maxChars });
  }
}
