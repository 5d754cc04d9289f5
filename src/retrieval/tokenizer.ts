/**
 * The project's Chinese tokenizer: jieba (@node-rs/jieba) with the default dictionary plus the
 * domain words of knowledge/dict.txt, and character bigrams for recall on unseen words.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { existsSync, readFileSync } from 'node:fs';
import { chineseNumber } from '../core/numerals.js';

let shared: Jieba | null = null;
let sharedDictKey = '';

/**
 * Returns a jieba instance with the default dictionary, the given custom dictionary files and the
 * extra words (the synonym groups' terms, so 车补 is one word and finds its group) loaded.
 */
export function getJieba(customDictFiles: string[] = [], extraWords: string[] = []): Jieba {
  const words = [...new Set(extraWords.filter((w) => [...w].length >= 2 && !/\s/.test(w)))];
  const key = `${customDictFiles.join('|')}#${words.join(' ')}`;
  if (shared && key === sharedDictKey) return shared;
  const jieba = Jieba.withDict(dict);
  for (const file of customDictFiles) {
    if (!existsSync(file)) continue;
    const text = normalizeDict(readFileSync(file, 'utf8'));
    if (text) jieba.loadDict(Buffer.from(text));
  }
  if (words.length) jieba.loadDict(Buffer.from(normalizeDict(words.join('\n'))));
  shared = jieba;
  sharedDictKey = key;
  return jieba;
}

/** jieba's dictionary lines are "word freq [tag]"; a bare word gets a high frequency. */
function normalizeDict(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => (/\s\d+/.test(l) ? l : `${l} 100000`))
    .join('\n');
}

const STOP = new Set(
  '的 了 吗 呢 吧 啊 呀 嘛 么 伐 做 搞 弄 是 我 俺 咱 俺们 咱们 我们 额 阿拉 侬 上 下 你 您 他 她 们 这 那 个 和 与 及 或 在 有 就 都 也 还 要 会 能 可以 请问 请 一下 一个 什么 怎么 怎样 如何 多少 哪些 哪个 没有 不 给 把 被 让 对 从 到 为 以 之 其 该 等 啊 哦 嗯 吗？'.split(
    ' ',
  ),
);

const PUNCT = /^[\s\p{P}\p{S}]+$/u;

/** Traditional forms that turn up in mainland notices (copied from Hong Kong or old-font pages), folded to the simplified one. */
const VARIANTS: Record<string, string> = { 後: '后', 裏: '里', 麽: '么', 衹: '只', 纔: '才' };
const VARIANT_RE = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'g');

/** 星期一 / 礼拜一 / 周一 are one day; 星期天, 礼拜日 … are 周日. */
const WEEKDAY_RE = /(?:星期|礼拜)([一二三四五六日天])/g;

/** Lower-cases, folds full-width ASCII to half-width, a few traditional variants to simplified and the ways of naming a weekday to 周X, and collapses whitespace. */
export function normalizeText(text: string): string {
  return text
    .replace(VARIANT_RE, (c) => VARIANTS[c]!)
    .replace(WEEKDAY_RE, (_m, d: string) => `周${d === '天' ? '日' : d}`)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Word tokens (jieba, search mode off), without punctuation; stop words removed when asked. */
export function wordTokens(text: string, opts: { stopWords?: boolean; jieba?: Jieba } = {}): string[] {
  const jieba = opts.jieba ?? getJieba();
  const out: string[] = [];
  for (const w of jieba.cut(normalizeText(text), true)) {
    const t = w.trim();
    if (!t || PUNCT.test(t)) continue;
    if (opts.stopWords && STOP.has(t)) continue;
    out.push(t);
  }
  return out;
}

/** Overlapping character bigrams of the CJK/alphanumeric runs (single characters for 1-char runs). */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of normalizeText(text).split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Question phrasing and spoken filler that carry no topic (请问, 怎么办, 有哪些, 吗, 那个…), longest first. */
const QUESTION_WORDS = [
  '请问一下', '请问', '想问一下子', '想问一下', '想问问看', '想问问', '想问下子', '想问下', '我想问', '问一下子', '问问看', '问下子', '想了解一下', '想了解', '想知道', '问一下', '请告诉我', '告诉我',
  '怎么办理', '怎么办', '怎么样', '怎么', '怎样', '如何', '为什么', '是什么', '有什么', '什么', '哪些', '哪个', '哪里', '哪儿',
  '多长时间', '多久', '什么时候', '啥时候', '何时', '几点', '咋办', '咋样', '咋', '啥', '能否', '可否', '会不会', '要不要',
  '多少钱', '多少', '有没有', '是不是', '是否', '能不能', '可不可以', '可以吗', '行不行', '有何', '有哪些', '吗', '呢', '吧', '呀', '啊', '嘛',
  // spoken filler: "那个体见" would be cut 那/个体/见, hiding the typo 体见
  '那个', '这个', '就是说',
];
const QUESTION_RE = new RegExp(QUESTION_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

/**
 * Ages, amounts and durations in Chinese numerals written as the documents write them: 九十岁 → 90岁,
 * 七十二了 → 72了, 三十天 → 30天, 九十多岁 → 90多岁, 八十大寿 → 80大寿, 刚满八十 → 刚满80. Numbers from 十 up only: 一次, 三个 and 第五条 stay as they are.
 */
function arabicNumbers(text: string): string {
  return text.replace(/[一二两三四五六七八九十百零]{2,5}(?=多?(周岁|岁|了|元|块|天|个月|年|小时|大寿|寿辰))|(?<=满)[一二两三四五六七八九十百零]{2,5}|十(?=多?(周岁|岁|元|块|天|个月|年|小时|大寿|寿辰))/gu, (n, at: number) => {
    if (text[at - 1] === '第') return n;
    const v = chineseNumber(n);
    return v === null ? n : String(v);
  });
}

/** 那 opening a question or a later part of it (not 那里, 那边, 那些, 那么, 那样). */
const FOLLOW_UP_THAT = /(^|[\s，,。？?])那(?![里边儿些么样])/gu;

/** Replaces question phrasing and punctuation with spaces so only the topic words remain; numbers of age, money or time in digits. */
export function stripQuestionWords(text: string): string {
  // a follow-up's opening 那 ("那钱打到哪", "那学费呢") points back; jieba would glue it to the noun (那钱)
  const stripped = arabicNumbers(normalizeText(text)).replace(QUESTION_RE, ' ').replace(FOLLOW_UP_THAT, ' ').replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  // a question made only of question words keeps its original text
  return stripped || normalizeText(text);
}

/**
 * Index/query words for retrieval: jieba search mode without HMM (long words also yield their
 * dictionary sub-words, so 陕西省政府 matches 陕西省人民政府), stop words and punctuation removed.
 */
export function searchTokens(text: string, jieba: Jieba = getJieba()): string[] {
  const out: string[] = [];
  for (const w of jieba.cutForSearch(normalizeText(text), false)) {
    const t = w.trim();
    if (!t || PUNCT.test(t) || STOP.has(t)) continue;
    out.push(t);
  }
  return out;
}
