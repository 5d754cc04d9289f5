/**
 * Several questions in one message ("体检标准多少钱，另外体检在哪个医院？"): retirees ask in one
 * breath what a form would ask in two. The message is split at question marks and at the words
 * that start another question (另外, 还有, 再问一下, 顺便问下); each part must read as a question of at
 * least four characters, otherwise the message stays whole.
 * A later part that names no topic of its own ("送多少慰问金", "什么时候发") continues the topic of the
 * part before it: it is searched together with that part's words ("离休干部住院 单位几天来看望 送多少慰问金").
 */
import { isQuestion } from '../../core/router/rules.js';

const CONNECTIVE = '(?:另外|还有就是|还有|再问一下|再问下|再问问|再问个|顺便问一下|顺便问下|顺便问问|顺便问|还想问|还想知道)';
const SPLIT = new RegExp(`[？?]+|[，,。；;\\s]*${CONNECTIVE}[，,：:\\s]*`, 'u');
/** A message that opens with a connective ("另外的那个护理费标准是多少"): the opening says nothing. */
const LEADING = new RegExp(`^${CONNECTIVE}(的)?(那个|这个)?[，,：:\\s]*`, 'u');
/** Where questions typed without question marks may meet: a space or a comma (each side must read as a question). */
const SOFT_SPLIT = /[\s，,]+/u;
const MAX_PARTS = 3;

/** The message cut at `split`, each piece trimmed of punctuation; `marked` when a question mark ended it. */
function parts(whole: string, split: RegExp): { text: string; marked: boolean }[] {
  const raw: { text: string; marked: boolean }[] = [];
  let rest = whole;
  for (let m = split.exec(rest); m; m = split.exec(rest)) {
    raw.push({ text: rest.slice(0, m.index), marked: /[？?]/u.test(m[0]) });
    rest = rest.slice(m.index + m[0].length);
  }
  raw.push({ text: rest, marked: false });
  return raw.map((p) => ({ ...p, text: p.text.trim().replace(/^[，,。；;：:\s]+|[，,。；;：:\s]+$/gu, '') })).filter((p) => p.text);
}

/**
 * A statement between questions ("俺是离休的", "我家老郑走了 他是退休干部") tells the case the questions
 * after it ask about: it goes into their queries (`context`), and a statement after the last question
 * into all of them. Unchanged when fewer than two parts ask.
 */
function withContext(clean: { text: string; marked: boolean }[]): { text: string; marked: boolean; context?: string }[] {
  const asks = (p: { text: string; marked: boolean }) => p.marked || isQuestion(p.text);
  if (clean.filter(asks).length < 2 || clean.every(asks)) return clean;
  const out: { text: string; marked: boolean; context?: string }[] = [];
  let context = '';
  let after = '';
  for (const p of clean) {
    if (!asks(p)) {
      context = context ? `${context} ${p.text}` : p.text;
      after = after ? `${after} ${p.text}` : p.text;
    } else {
      out.push(context ? { ...p, context } : p);
      after = '';
    }
  }
  // told after the questions ("…给多少慰问金 我是离休的"): the case of all of them
  if (after) for (const p of out) if (!p.context?.endsWith(after)) p.context = p.context ? `${p.context} ${after}` : after;
  return out;
}

export interface QuestionPart {
  /** The part as typed (shown back to the retiree). */
  text: string;
  /** What is searched: the part, or the part with the topic of the one before it. */
  query: string;
}

/** The questions of a message, in order (one element when it asks one thing). */
export function splitQuestions(text: string): QuestionPart[] {
  const whole = text.trim().replace(LEADING, '') || text.trim();
  const one = [{ text: whole, query: whole }];
  let clean = parts(whole, SPLIT);
  // typed without question marks ("老年大学啥时候报名 一个人能报几门"): a space or comma between two questions
  if (clean.length < 2) clean = parts(whole, SOFT_SPLIT);
  clean = withContext(clean);
  if (clean.length < 2 || clean.length > MAX_PARTS) return one;
  const han = (p: string) => (p.match(/\p{Script=Han}/gu) ?? []).length;
  // every part a question (a question mark after it, or question wording) of at least two
  // characters; the first one with a topic of its own
  if (!clean.every((p) => han(p.text) >= 2 && (p.marked || isQuestion(p.text))) || topicLength(clean[0]!.text) < 2) return one;
  const out: QuestionPart[] = [];
  let topic = '';
  for (const p of clean as { text: string; marked: boolean; context?: string }[]) {
    const told = p.context ? `${p.context} ` : '';
    // a later part with less than four characters of its own topic continues the one before it
    if (!topic || topicLength(p.text) >= 4) {
      out.push({ text: p.text, query: `${told}${p.text}` });
      topic = p.text;
    } else out.push({ text: p.text, query: `${told}${topic} ${p.text}` });
  }
  return out;
}

/**
 * Question wording, words that only point back ("那个", "这个") and words naming the kind of answer
 * (岁数, 标准, 材料: "多大岁数能办" asks the age of what the part before it named), removed to see
 * whether a part names its own topic.
 */
const POINTERS =
  /(请问|多少钱|多少|怎么办|怎么|咋办|咋|如何|什么时候|啥时候|哪里|哪儿|在哪|哪个|哪些|什么|啥|吗|呢|啊|呀|吧|能不能|可不可以|是不是|有没有|那个|这个|它|他|她|几[个次天年月份号点门项回]?|多久|多长|要|能|可以|给|发|送|办|交|领|报|去|做|一年|每年|每月|每人|一般|多大|岁数|年龄|年纪|标准|比例|材料|手续|期限)/gu;

/** How many characters of its own topic a part names ("送多少慰问金": 3, "春节慰问金多少": 5). */
export function topicLength(part: string): number {
  return (part.replace(POINTERS, '').match(/\p{Script=Han}/gu) ?? []).length;
}

/** Opens or ends like a follow-up: "那退休的呢", "那要是住了一个多月呢", "那钱打到哪", "要是在外地呢". */
const FOLLOW_UP = /^(那|那么|那要是|那如果|要是|如果|那假如)|呢[\s？?。!！~～]*$/u;
const CONDITION = /^(那要是|那如果|要是|如果|那假如|万一)/u;
/** Opens or ends like a follow-up (那…, 要是…, …呢), as against a bare short question ("什么时候订"). */
export function soundsLikeFollowUp(text: string): boolean {
  return FOLLOW_UP.test(text.trim());
}

/** A follow-up that says whose case it is: 我是退休的, 我是离休干部, 那我老伴是离休的呢, 他也是退休的. */
const STATUS_ONLY = /(我|俺|他|她|老伴|爱人|老头子?|老太太?|父亲|母亲|爸|妈)(也|原来|以前)?是.{0,2}(离休|退休)/u;
/**
 * Who the case is about (我, 老伴, 孙子), a number or an age (八十一岁, 五十八) and the words that only join a
 * clause (一起, 也, 才): none of them is a topic of the follow-up's own ("那我八十一岁呢", "能带我孙子一起去吗",
 * "我才五十八能上不" ask on about the matter just answered).
 */
const CASE_WORDS =
  /(我们|我|俺们|俺|咱们|咱|他们|他|她们|她|自己|本人|老伴儿?|爱人|老头子?|老太太?|老婆|老公|孙子|孙女|外孙女?|儿子|女儿|儿媳|女婿|孩子|家属|家里人|亲戚|朋友|父亲|母亲|爸爸?|妈妈?|[\d零〇一二两三四五六七八九十百]+(多)?(周岁|岁|块钱|块|元|个月|年)?|一起|一块儿?|也|还|都|就|才|只|又|再|不|没|的|了)/gu;

/** How many characters of a follow-up's own topic it names, without who it is about, numbers and joining words. */
function followUpTopicLength(text: string): number {
  return topicLength(text.replace(POINTERS, '').replace(CASE_WORDS, '').replace(/^那(么)?/u, ''));
}
/** 离休 / 退休 named alone (not 离退休). */
const STATUS = /(?<!离)(离休|退休)/gu;

/**
 * A message after an answer that asks on about the same matter ("那退休的呢" after "离休干部体检标准多少钱"):
 * the query to search, the previous question with the follow-up's words — a 离休/退休 named in the
 * follow-up replaces the other one in the previous question. A question naming at most two characters of
 * its own topic ("什么时候订") is one too. Null for a question of its own (it names a topic of six
 * characters or more — ten after 要是/如果, fourteen after 我是退休的 — or neither opens nor ends like a follow-up).
 */
export function followUpQuery(previous: string, text: string): string | null {
  const t = text.trim();
  if (!previous.trim()) return null;
  // a question with hardly a topic of its own ("多久之内去办", "什么时候订") asks on about the last one
  const own = followUpTopicLength(t);
  const bare = isQuestion(t) && own <= 2;
  // a condition ("那要是住了一个多月呢") or who is asking ("那我是退休的 原来是副处长") may name more of its own
  const room = STATUS_ONLY.test(t) ? 14 : CONDITION.test(t) ? 10 : 6;
  if (!bare && (!FOLLOW_UP.test(t) || own >= room)) return null;
  const named = [...t.matchAll(STATUS)].map((m) => m[1]);
  let before = previous.trim();
  if (named.length && named.every((s) => s === named[0])) before = before.replace(STATUS, named[0]!);
  return `${before} ${t}`;
}

/**
 * A follow-up that only says whose case it is, naming nothing else ("那离休干部呢", "我是退休的呢"):
 * after a question the base has no answer for, it asks the same thing again for someone else.
 */
export function asksOnlyWho(text: string): boolean {
  const t = text.trim();
  if (!FOLLOW_UP.test(t) && !STATUS_ONLY.test(t)) return false;
  return followUpTopicLength(t.replace(/(离退休|离休|退休)(老?干部|人员|职工|的)?|是/gu, '')) === 0 && /(离休|退休)/u.test(t);
}

/**
 * A follow-up with nothing of its own but who it is about ("那我老伴呢", "那他呢"): with no answer before
 * it, it says whose case, not what about.
 */
export function asksOnlyAboutWhom(text: string): boolean {
  const t = text.trim();
  return FOLLOW_UP.test(t) && CASE_WORDS.test(t) && followUpTopicLength(t) === 0;
}
