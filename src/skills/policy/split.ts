/**
 * Several questions in one message ("体检标准多少钱，另外体检在哪个医院？"): retirees ask in one
 * breath what a form would ask in two. The message is split at question marks and at the words
 * that start another question (另外, 还有, 再问一下, 顺便问一下); each part must still read as a question
 * with a topic of its own, otherwise the message stays whole.
 */
import { isQuestion } from '../../core/router/rules.js';

const SPLIT = /[？?]+|[，,。；;\s]*(?:另外|还有就是|还有|再问一下|再问问|再问个|顺便问一下|顺便问问|顺便问|还想问|还想知道)[，,：:\s]*/u;
const MAX_PARTS = 3;

/** The questions of a message, in order (one element when it asks one thing). */
export function splitQuestions(text: string): string[] {
  const whole = text.trim();
  const parts: { text: string; marked: boolean }[] = [];
  let rest = whole;
  for (let m = SPLIT.exec(rest); m; m = SPLIT.exec(rest)) {
    parts.push({ text: rest.slice(0, m.index), marked: /[？?]/u.test(m[0]) });
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push({ text: rest, marked: false });
  const clean = parts
    .map((p) => ({ ...p, text: p.text.trim().replace(/^[，,。；;：:\s]+|[，,。；;：:\s]+$/gu, '') }))
    .filter((p) => p.text);
  if (clean.length < 2 || clean.length > MAX_PARTS) return [whole];
  const han = (p: string) => (p.match(/\p{Script=Han}/gu) ?? []).length;
  // every part a question (a question mark after it, or question wording) of at least four
  // characters with a topic; else the message is one question with a remark
  const ok = clean.every((p) => han(p.text) >= 4 && (p.marked || isQuestion(p.text)) && hasTopic(p.text));
  return ok ? clean.map((p) => p.text) : [whole];
}

/** A part that says what it is about, not only "多少钱呢" or "怎么办". */
function hasTopic(part: string): boolean {
  const rest = part.replace(/(请问|多少钱|多少|怎么办|怎么|咋办|咋|如何|什么时候|啥时候|哪里|哪儿|在哪|哪个|哪些|什么|啥|吗|呢|啊|呀|吧|能不能|可不可以|是不是|有没有)/gu, '');
  return (rest.match(/\p{Script=Han}/gu) ?? []).length >= 2;
}
