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

/**
 * The numbers of the passages sent, carrying the text the model saw of each (source and body,
 * masked and cut as sent), against which checkAnswer checks the answer's figures.
 */
export type SentPassages = number[] & { readonly texts: ReadonlyMap<number, string> };

/** The passages that fit the budget (in the caller's order) and the messages for the model. */
export function buildAnswerMessages(
  prompts: LlmPrompts,
  question: string,
  passages: GroundedPassage[],
  sendPersonalData: boolean,
): { messages: ChatCompletionMessageParam[]; sent: SentPassages } {
  const blocks: string[] = [];
  const texts = new Map<number, string>();
  const sent: SentPassages = Object.assign([] as number[], { texts });
  let total = 0;
  for (const p of passages.slice(0, ANSWER_BUDGET.maxPassages)) {
    const body = asData(p.text, { sendPersonalData, maxChars: ANSWER_BUDGET.maxPassageChars });
    if (sent.length > 0 && total + body.length > ANSWER_BUDGET.maxTotalPassageChars) break;
    total += body.length;
    sent.push(p.n);
    const source = asData(p.source, { sendPersonalData, maxChars: 120 });
    texts.set(p.n, `${source}\n${body}`);
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

/**
 * Checks a model answer: at least one citation, every [n] among the passages sent, and (when the
 * passage texts are known: `texts`, or those carried by buildAnswerMessages' `sent`) every figure
 * of the answer found in the passages it cites.
 */
export function checkAnswer(
  raw: string | null | undefined,
  sent: number[],
  texts: ReadonlyMap<number, string> | undefined = (sent as Partial<SentPassages>).texts,
): { text: string; cited: number[] } {
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
  if (texts) {
    const known = new Set(cited.flatMap((n) => numbersIn(texts.get(n) ?? '', 'all')).flatMap((x) => x.values));
    for (const x of numbersIn(text.replace(/\[\d+\]/g, ' '), 'amounts')) {
      if (!x.values.some((v) => known.has(v))) throw new RejectedOutput(`the figure ${x.raw} is not in the passages cited`);
    }
  }
  return { text, cited };
}

/** Full-width digits, points and percent signs as ASCII; thousands separators dropped (5,000 -> 5000). */
export function normalizeFigures(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/％/g, '%')
    .replace(/(\d)[,，](?=\d{3}(?!\d))/g, '$1');
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 1e4, 亿: 1e8 };
const CN_RUN = '零〇一二两三四五六七八九十百千万亿';
/** Units after a Chinese numeral that make it an amount, count, age or period ("五千元", "三个月"), not a word ("一律"). */
const CN_AMOUNT_UNIT = '(?:元|块|角|岁|周岁|个|倍|年|月|天|日|周|次|小时|人|名|项|%)';

/** Value of a plain Chinese numeral: 二〇二六 = 2026, 十五 = 15, 三万五千 = 35000 (NaN if malformed). */
export function chineseNumeral(s: string): number {
  if (![...s].some((c) => c in CN_UNITS)) {
    return [...s].every((c) => c in CN_DIGITS) ? Number([...s].map((c) => CN_DIGITS[c]).join('')) : NaN;
  }
  let total = 0; // groups of 亿 done
  let wan = 0; // the 万 group done
  let section = 0;
  let num = 0;
  for (const c of s) {
    if (c in CN_DIGITS) num = CN_DIGITS[c]!;
    else if (c === '亿') {
      total = (total + wan + section + num) * 1e8;
      wan = section = num = 0;
    } else if (c === '万') {
      wan = (section + num) * 1e4;
      section = num = 0;
    } else {
      section += (num || 1) * CN_UNITS[c]!;
      num = 0;
    }
  }
  return total + wan + section + num;
}

const key = (v: number) => String(Math.round(v * 1e6) / 1e6);

/**
 * The figures of a text, each with the values it may stand for (5万 is 5 or 50000). `amounts`
 * (an answer) counts every figure in digits and Chinese numerals before a unit (三个月, 五千元;
 * not 一 alone nor ordinals such as 第三); `all` (a passage) counts every numeral.
 */
export function numbersIn(text: string, mode: 'amounts' | 'all'): { raw: string; values: string[] }[] {
  const t = normalizeFigures(text);
  const out: { raw: string; values: string[] }[] = [];
  const scaled = (v: number, next: string | undefined) => {
    const vs = [v];
    if (next && next in CN_UNITS && CN_UNITS[next]! >= 100) vs.push(v * CN_UNITS[next]!);
    return vs.map(key);
  };
  for (const m of t.matchAll(/\d+(?:\.\d+)?/g)) {
    out.push({ raw: m[0], values: scaled(Number(m[0]), t[m.index! + m[0].length]) });
  }
  const cn = mode === 'all' ? new RegExp(`[${CN_RUN}]+`, 'g') : new RegExp(`(?<!第)[${CN_RUN}]+(?=${CN_AMOUNT_UNIT})`, 'g');
  for (const m of t.matchAll(cn)) {
    const run = m[0];
    // 万 in "5万", 千万 ("must"), 百 in 百分之: a unit, not a number of its own
    if (!(run[0]! in CN_DIGITS || run[0] === '十') || /\d/.test(t[m.index! - 1] ?? '')) continue;
    if (mode === 'amounts' && run === '一') continue;
    const v = chineseNumeral(run);
    if (!Number.isNaN(v)) out.push({ raw: run, values: [key(v)] });
  }
  if (mode === 'amounts') {
    // "百分之五" (no unit follows it); in a passage 百 and 五 are counted as they are
    for (const m of t.matchAll(new RegExp(`百分之([${CN_RUN}]+)`, 'g'))) {
      const v = chineseNumeral(m[1]!);
      if (!Number.isNaN(v)) out.push({ raw: m[0], values: [key(v)] });
    }
  }
  return out;
}

