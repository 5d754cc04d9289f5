/** Grounded answers: numbered passages in, a short cited answer out, checked before it is used. */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { GroundedPassage } from './types.js';
import type { LlmPrompts } from './prompt-files.js';
import { RejectedOutput } from './client.js';
import { asData, tag } from './data-fence.js';

/** Limits on what one answer sends (input) and may produce (output). */
export const ANSWER_BUDGET = {
  maxPassages: 8,
  maxPassageChars: 800,
  maxTotalPassageChars: 5000,
  maxQuestionChars: 500,
  maxTokens: 400,
} as const;

/** The passages that fit the budget (in the caller's order) and the messages for the model. */
export function buildAnswerMessages(
  prompts: LlmPrompts,
  question: string,
  passages: GroundedPassage[],
  sendPersonalData: boolean,
): { messages: ChatCompletionMessageParam[]; sent: number[] } {
  const blocks: string[] = [];
  const sent: number[] = [];
  let total = 0;
  for (const p of passages.slice(0, ANSWER_BUDGET.maxPassages)) {
    const body = asData(p.text, { sendPersonalData, maxChars: ANSWER_BUDGET.maxPassageChars });
    if (sent.length > 0 && total + body.length > ANSWER_BUDGET.maxTotalPassageChars) break;
    total += body.length;
    sent.push(p.n);
    const source = asData(p.source, { sendPersonalData, maxChars: 120 });
    blocks.push(tag('passage', body, { id: p.n, source }));
  }
  const q = tag('question', asData(question, { sendPersonalData, maxChars: ANSWER_BUDGET.maxQuestionChars }));
  return {
    sent,
    messages: [
      { role: 'system', content: prompts.render('answerSystem') },
      { role: 'user', content: prompts.render('answerUser', { passages: blocks.join('\n'), question: q }) },
    ],
  };
}

/** Citations the model wrote as 【1】, ［1］ or [1, 2] become [1] and [1][2]. */
export function normalizeCitations(text: string): string {
  const ascii = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[［【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[］】]/g, '[$1]');
  return ascii.replace(/\[(\d+(?:\s*[,，、]\s*\d+)+)\]/g, (_m, list: string) =>
    list
      .split(/\s*[,，、]\s*/)
      .map((n) => `[${n}]`)
      .join(''),
  );
}

/** Drops what a chat window cannot show well: reasoning blocks (<think>), Markdown emphasis and headings. */
export function plainText(raw: string): string {
  return raw
    .replace(/<think>[\s\S]*?<\/think>/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .trim();
}

/** Checks a model answer: at least one citation and every [n] among the passages sent. */
export function checkAnswer(raw: string | null | undefined, sent: number[]): { text: string; cited: number[] } {
  const text = normalizeCitations(plainText(raw ?? ''));
  if (!text) throw new RejectedOutput('empty answer');
  if (text.includes('<think>')) throw new RejectedOutput('reasoning cut off by max_tokens');
  const cited: number[] = [];
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    const n = Number(m[1]);
    if (!sent.includes(n)) throw new RejectedOutput(`cites [${n}], which was not given`);
    if (!cited.includes(n)) cited.push(n);
  }
  if (cited.length === 0) throw new RejectedOutput('no citation');
  return { text, cited };
}
