/**
 * In groups the assistant speaks only when spoken to: an @-mention (the adapter sets `mentioned`)
 * or a message starting with the bot's name or a wake word, which is stripped. Private: always.
 *
 * Without the wake word it also hears:
 * - the person it is talking with in that group (it replied to them less than GROUP_TALK_MS ago),
 *   as if addressed, when the message is a bare number the last reply offered (the footer's 0 and 9
 *   included), a short follow-up question ("那退休的呢"), or the words a flow step asked them for
 *   (the matter of a complaint, "市人民医院，可以") — a step that offered no choices, or, right after
 *   a booking or cancellation, a change to it ("老伴去不了了 就我一个人去", "退一位");
 * - that same person answering a choice it offered in a flow (a booking or cancellation summary, a
 *   report to submit or one set aside) with the yes or no words a private chat takes there
 *   ("好的", "对，报上吧", "确认提交", "取消", "不要了"; the words: prompts/core.yaml group_answer_words);
 * - someone in a flow with it, or asked to rate a closed ticket, answering with a bare choice
 *   (dispatch drops anything else, so group chatter never moves a flow);
 * - the person a staff reply to their ticket just reached in this group (the reply may ask something,
 *   "老钱住几号床？"): their words go on un-addressed, and only an addition to that ticket is taken
 *   (skills/feedback/filed.ts; dispatch drops anything else, so their other talk gets no reply).
 * Everyone else's digits are talk among the members: the group footer tells them to use the wake word.
 */
import type { Middleware, Turn } from '../pipeline.js';
import { dialogKey } from '../pipeline.js';
import { ratingKey } from '../keys.js';
import { personInChat } from '../person.js';
import { offersKey } from './footer.js';
import { cleanText } from './normalize.js';
import { matchRules } from '../router/rules.js';
import type { Inbound, Reply } from '../types.js';

const LEADING_PUNCT = /^[\s,，:：、!！~～@]+/u;

/** How long the person the assistant last answered in a group may go on without the wake word. */
export const GROUP_TALK_MS = 5 * 60_000;

/** Store key of "the assistant is talking with this person in this group" (beside the dialog key). */
export function talkKey(chat: Pick<Inbound, 'channel' | 'chatId' | 'userId'>): string {
  return `${personInChat(chat)}#group-talk`;
}

/**
 * Store key of the ticket whose matter the person's next words may continue (skills/feedback/filed-store.ts
 * keeps it; named here so this rule can see a staff reply waiting for an answer without importing a skill).
 */
export function listenKey(chat: Pick<Inbound, 'channel' | 'chatId' | 'userId'>): string {
  return `${personInChat(chat)}#filed`;
}

/** True when a staff reply to the person's ticket reached this group and may be answered without the wake word. */
async function answersStaffReply(turn: Turn): Promise<boolean> {
  const listen = await turn.services.store.getDialog(listenKey(turn.msg), turn.services.clock.now());
  return listen?.data.source === 'reply' && listen.data.unaddressed === true;
}

/** What the assistant's last reply to the person asked for. */
interface TalkState {
  /** Bare numbers it offered ("1", "2", the footer's "0" and "9"). */
  offered: string[];
  /** True when a flow step waits for the person's own words (it offered no choice but the footer's). */
  wantsWords: boolean;
  /** The intent of the reply ("activity_book"), so a change to what was just done is heard. */
  intent?: string;
}

/** Replies about a booking, after which "就我一个人去" / "退一位" changes what was just done. */
const BOOKING_INTENTS: ReadonlySet<string> = new Set(['activity_book', 'activity_cancel', 'my_bookings']);

/** Removes a leading "@name", wake word or bot name; returns null when none was there. */
export function stripWakeWord(text: string, names: string[]): string | null {
  const trimmed = text.trimStart();
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    for (const prefix of [`@${name}`, name]) {
      if (trimmed.startsWith(prefix)) return trimmed.slice(prefix.length).replace(LEADING_PUNCT, '');
    }
  }
  return null;
}

const CHINESE_DIGITS: Record<string, string> = { 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** "9", " 2。", "三" -> the number it names; null when the text is more than a bare number. */
export function bareNumber(text: string): string | null {
  const m = /^\s*([0-9]{1,2}|[零一二三四五六七八九])\s*[。.!！]?\s*$/u.exec(cleanText(text));
  if (!m) return null;
  return CHINESE_DIGITS[m[1]!] ?? m[1]!;
}

/**
 * A short question that leans on the answer before it: "那退休的呢", "离休干部呢", "还有呢",
 * "那要是普通退休的呢", "那订报刊多少钱？".
 */
export function isFollowUpQuestion(text: string): boolean {
  const t = cleanText(text);
  if (t.length === 0 || [...t].length > 20) return false;
  if (/呢[\s？?。！!~～]*$/u.test(t)) return true;
  return /^那/u.test(t) && /[？?]|吗|么|多少|几|什么|怎么|哪|啥/u.test(t);
}

/** The words of a yes or a no (prompts/core.yaml group_answer_words), and the softening around them. */
export interface AnswerWords {
  answers: string[];
  soft: string[];
}

/** Greetings and apologies made of answer words ("你好", "不好意思", "对不起") and questions back ("好吗"). */
const NOT_AN_ANSWER = /你好|您好|大家好|不好意思|对不起|([^不])不\1|[吗么嘛][\s\p{P}]*$|[?？]/u;

/**
 * True when `text` is only a yes or a no in words ("好的", "对，报上吧", "确认提交", "不要了"): every
 * part of it is an answer word or a softening word, and one at least is an answer word.
 */
export function isAnswerWord(text: string, words: AnswerWords): boolean {
  const said = cleanText(text).toLowerCase();
  if (NOT_AN_ANSWER.test(said)) return false;
  const rest = said.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (rest.length === 0 || [...rest].length > 12) return false;
  const vocab = [...words.answers.map((w) => ({ w, answer: true })), ...words.soft.map((w) => ({ w, answer: false }))].sort((a, b) => b.w.length - a.w.length);
  let answered = false;
  for (let i = 0; i < rest.length; ) {
    const m = vocab.find(({ w }) => rest.startsWith(w, i));
    if (!m) return false;
    answered ||= m.answer;
    i += m.w.length;
  }
  return answered;
}

/** Offers in a reply besides the footer: numbered lines, "回复 X", or structured options. */
function talkStateOf(replies: Reply[], footer: string, inFlow: boolean): TalkState {
  const all = replies.map((r) => r.text).join('\n');
  const offered = Array.from({ length: 21 }, (_, i) => String(i)).filter((k) => offersKey(all, k));
  for (const r of replies) for (const o of r.options ?? []) if (/^\d{1,2}$/.test(o.key) && !offered.includes(o.key)) offered.push(o.key);
  const body = all.split(footer).join('');
  // "可以这样回复：市人民医院" shows an example answer; "回复 1 确认" / "回复 好" offer a choice.
  const offersChoice = replies.some((r) => (r.options ?? []).length > 0) || /(^|\n)\s*\d{1,2}[.、．]|回复\s*[^\s：:，,。]/u.test(body);
  return { offered, wantsWords: inFlow && !offersChoice };
}

/** True when an un-addressed group message is the talking partner going on with the assistant. */
async function continuesTalk(turn: Turn): Promise<boolean> {
  const { store, clock } = turn.services;
  const talk = await store.getDialog(talkKey(turn.msg), clock.now());
  if (!talk) return false;
  const state = talk.data as Partial<TalkState>;
  const n = bareNumber(turn.text);
  if (n !== null) return (state.offered ?? []).includes(n);
  if (isFollowUpQuestion(turn.text)) return true;
  // "老伴去不了了 就我一个人去" right after the booking: a change to it, said as the rules read a cancellation.
  if (BOOKING_INTENTS.has(String(state.intent ?? '')) && matchRules(cleanText(turn.text))?.intent === 'activity_cancel') return true;
  if (state.wantsWords) {
    // The step may have ended meanwhile (expired, or left from another chat of the same person).
    return Boolean(await store.getDialog(dialogKey(turn.msg), clock.now()));
  }
  // "好的" / "取消" to "回复 1 确认，回复 2 取消": the answer a private chat takes, while something waits for it.
  const offeredChoice = (state.offered ?? []).some((k) => k !== '0' && k !== '9');
  if (!offeredChoice || !isAnswerWord(turn.text, turn.services.prompts.raw<AnswerWords>('core.group_answer_words'))) return false;
  return Boolean(await store.getDialog(dialogKey(turn.msg), clock.now()));
}

/** Remembers that the assistant just answered this person in this group, and what it asked for. */
async function rememberTalk(turn: Turn): Promise<void> {
  const { store, clock, prompts } = turn.services;
  const now = clock.now();
  const inFlow = Boolean(await store.getDialog(dialogKey(turn.msg), now));
  const data: TalkState = { ...talkStateOf(turn.result.replies, prompts.t('core.footer'), inFlow), intent: turn.result.intent };
  await store.setDialog(talkKey(turn.msg), { flow: 'core.group_talk', step: 'talking', data: { ...data }, updatedAt: now.toISOString() }, GROUP_TALK_MS, now);
}

export const groupTrigger: Middleware = async (turn, next) => {
  const { config } = turn.services;
  const names = [config.BOT_NAME, ...config.WAKE_WORDS];
  const stripped = stripWakeWord(turn.text, names);
  const inGroup = turn.msg.chatType === 'group';
  if (inGroup && !turn.msg.mentioned && stripped === null && !(await continuesTalk(turn))) {
    // Someone answering the bot's own question ("回复 1 确认") need not @ it again.
    const { store, clock } = turn.services;
    const inFlow = (await store.getDialog(dialogKey(turn.msg), clock.now())) ?? (await store.getDialog(ratingKey(turn.msg), clock.now()));
    if (!inFlow && !(await answersStaffReply(turn))) {
      turn.result = { replies: [], intent: 'dropped', dropped: 'not_addressed' };
      return;
    }
    turn.addressed = false;
  }
  if (stripped !== null) turn.text = stripped;
  await next();
  if (inGroup && turn.result.replies.length > 0) await rememberTalk(turn);
};
