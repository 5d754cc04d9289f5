/**
 * The retiree's 1-5 rating of a closed ticket. closeTicket stores the question under its own key
 * (ratingKey), never over the user's dialog; this pipeline middleware (just before dispatch) takes an
 * answer that is nothing but a rating, when the user is in no other flow (or in one that reads no
 * score: a policy answer's 更多 / 好 / 不好, a no-answer or clarifying offer, a parked report's offer):
 * "5分" / "五星" / "满意" within a week of the question; a bare "5" (or "挺好") within a day of the
 * question (or of its reminder) and only while the latest reply offered no numbered choice of its own.
 * A score said with words ("1分 灯还是没修") is the rating too, and the words are added to the ticket.
 *
 * The question is not lost to one intervening question (QA7 NF-H1): a reply that offers numbered
 * choices (the menu, an activity list, a summary) owns the bare digits, the rating stays pending, and
 * the first later reply that offers none (and leaves no flow that reads digits) carries a one-line
 * reminder ("另外，您反映的事（编号 …）已办结，还没打分…回复 1～5"), once; the digit after it is the
 * rating. A first message that is not understood (a clarifying question, "回答不了") asks for the
 * score again instead (that is the one reminder). "4分" after the week says kindly that the time for
 * rating is over; "4分" after a rating says it was rated already; nothing is recorded twice.
 */
import type { Middleware, Turn } from '../../core/pipeline.js';
import { answer, dialogKey } from '../../core/pipeline.js';
import type { Services } from '../../services.js';
import type { Inbound } from '../../core/types.js';
import type { DialogState } from '../../store/types.js';
import { BARE_RATING_MS, RATING_TTL_MS, ratingKey } from './actions.js';
import { offersKey } from '../../core/middleware/footer.js';
import type { Reply } from '../../core/types.js';
import { personId } from '../../core/person.js';
import { addToTicket } from './filed.js';

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const RATING = /^(打|给)?\s*([1-5一二两三四五])\s*(分|星|颗星)?$/u;

function bare(text: string): string {
  return text.trim().replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/** "5", "5分", "五星", "打5分" -> { value: 5, bare: whether it was a digit alone }; anything else -> null. */
export function readRating(text: string): { value: number; bare: boolean } | null {
  const m = RATING.exec(bare(text));
  if (!m) return null;
  const value = /\d/.test(m[2]!) ? Number(m[2]) : CHINESE_DIGITS[m[2]!];
  if (!value) return null;
  return { value, bare: !m[1] && !m[3] };
}

/**
 * A rating said inside words ("1分 灯还是没修", "只能给两分 还是漏水", "灯还是没修 给1分"): a score with
 * 分 / 星 after it (not 五分钟, 一分钱, 一星期, 三分之一, 10分), so a digit in the words is never one.
 */
const RATING_IN_WORDS =
  /(?:(?:我|俺)?(?:只能|只|就|才|也)?(?:打|给)(?:你们|您们|您|他们|大家|工作人员|小银)?(?:打|给)?个?\s*)?(?<![\d.０-９一二三四五六七八九十百两])([1-5一二两三四五])\s*(?:分|颗星|星)(?![钟钱之半数期级\d])(?:[吧啊呀哈啦哦]|了(?!\p{Script=Han}))*/u;
/**
 * Words around the score that say nothing more: particles, thanks and praise ("吧", "谢谢你们",
 * "服务很好", "辛苦了") — a message made only of them and a score is only a rating, nothing for the ticket.
 */
const NOTHING_MORE = /^(?:我|就|只能|只|才|给|打|吧|了|的|啊|呀|哦|嘛|呢|哈|啦|这次|这个|这回|谢谢|多谢|感谢|辛苦|麻烦|你们|您们|您|他们|大家|领导|同志|小银|工作人员|师傅|人|服务|态度|非常|特别|十分|真是|真|很|太|挺|蛮|都|也|还|好|不错|满意|棒|赞|点赞|给力|及时|热情|周到|耐心|负责|认真)*$/u;
/**
 * A digit alone said beside the words, at the start or the end of the message ("挺好的 谢谢你们 5",
 * "5 很满意", "很满意5！"): the score the person typed. Not a digit of a number or a measure ("3楼", "10",
 * "5.5", "第5").
 */
const LEADING_SCORE = /^[\s\p{P}\p{S}]*(?:(?:打|给)个?\s*)?([1-5])(?:[吧啊呀了哈啦哦])*(?=$|[\s\p{P}\p{S}])/u;
const TRAILING_SCORE = /(?<![\d.．第])(?:(?:打|给)个?\s*)?([1-5])(?:[吧啊呀了哈啦哦])*[\s\p{P}\p{S}]*$/u;

/**
 * Satisfaction said in words at the start of a message, on the usual five-step scale: "非常满意" 5,
 * "满意" 4, "还行" / "一般般" 3, "不太满意" / "不满意" 2, "很不满意" 1. The words must end there ("一般几点
 * 开门", "满意度", "还行不行" are none), and "我对食堂很不满意" (about something else) is none.
 */
const SATISFACTION: ReadonlyArray<[RegExp, number, 'words' | 'loose']> = [
  [/^(?:非常|很|太|特别|十分|极其|相当|真|挺|超级)不满意/u, 1, 'words'],
  [/^(?:不太|不大|不怎么|不是很|不是太|不咋|不)满意/u, 2, 'words'],
  [/^(?:非常|很|太|特别|十分|相当|真|超级|可)满意/u, 5, 'words'],
  [/^(?:还算|比较|挺|基本|还|蛮|都)?满意/u, 4, 'words'],
  [/^(?:还行|还可以|还凑合|凑合|一般般|一般|马马虎虎|过得去)/u, 3, 'words'],
  // Praise or blame without 满意 ("挺好", "太差了", "不咋地"): the rating only where a bare digit would be.
  [/^(?:非常|很|太|特别|真)(?:差|差劲|糟糕)|^差劲/u, 1, 'loose'],
  [/^(?:不咋地|不怎么样|不太好|不大好|不咋样)/u, 2, 'loose'],
  [/^(?:非常好|特别好|太好了|太好|很好很好|好极了|真棒|太棒了|太棒|很棒)/u, 5, 'loose'],
  [/^(?:很好|挺好|不错|还不错|蛮好|挺不错)/u, 4, 'loose'],
];
/** What may follow the satisfaction words: the end, a pause, or a particle before one. */
const SATISFACTION_END = /^(?:[吧啊了的呀哈啦哦]|吧了)*(?:$|[\s\p{P}\p{S}])/u;

/** "非常满意 谢谢你们" -> 5 and the rest of the message; null when the message does not start so. */
function readSatisfaction(text: string): { value: number; rest: string; loose: boolean } | null {
  const said = text.trim().replace(/^(?:我|俺)(?:觉得|感觉)?/u, '');
  for (const [re, value, kind] of SATISFACTION) {
    const m = re.exec(said);
    if (!m) continue;
    const after = said.slice(m[0].length);
    const end = SATISFACTION_END.exec(after);
    if (!end) continue;
    return { value, rest: after.slice(end[0].length), loose: kind === 'loose' };
  }
  return null;
}

/** The words beside a rating, '' when they say nothing more (particles, thanks, the satisfaction words). */
/**
 * What was left of the score's own words once the score was cut out (QA9 F-L3): a particle after it
 * ("4分吧 师傅来得挺快" leaves "吧 …") and whom it is given to before it ("…修好了 给你们打五分" leaves
 * "… 给你们"). A particle is cut only where it stands alone, so "修好了" keeps its 了.
 */
const SCORE_LEFTOVER_START = /^(?:[吧啊呀哈啦哦嘛呢]+|了+(?=[\s\p{P}\p{S}]|$))[\s\p{P}\p{S}]*/u;
const SCORE_LEFTOVER_END = /(?:^|[\s\p{P}\p{S}]+)(?:[吧啊呀了哈啦哦嘛呢]+|(?:我|俺)?(?:就|只能|只|才|也)?(?:给|打)(?:你们|您们|您|他们|大家|工作人员|小银)?(?:打|给)?个?)$/u;

function remarkOf(rest: string): string {
  let cleaned = rest.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '').replace(/\s+/gu, ' ');
  cleaned = cleaned.replace(SCORE_LEFTOVER_START, '').replace(SCORE_LEFTOVER_END, '').replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
  const words = readSatisfaction(cleaned)?.rest ?? cleaned;
  return NOTHING_MORE.test(words.replace(/[\s\p{P}\p{S}]+/gu, '')) ? '' : cleaned;
}

/** A rating with the person's words beside it: the score and what else was said ('' when nothing). */
export interface RatingWithWords {
  value: number;
  bare: boolean;
  /** What else was said ("灯还是没修"), for the ticket; '' when only the rating. */
  remark: string;
}

/** The digit typed alone at the start or the end of `text` and the text without it, or null. */
function typedScore(text: string): { value: number; rest: string } | null {
  const found = [LEADING_SCORE.exec(text), TRAILING_SCORE.exec(text)].filter((m): m is RegExpExecArray => m !== null);
  const values = new Set(found.map((m) => Number(m[1])));
  // "5 … 4": two different scores say no one score
  if (values.size !== 1) return null;
  const m = found[0]!;
  return { value: Number(m[1]), rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}` };
}

/**
 * "5分" -> 5 with no remark; "1分 灯还是没修" -> 1 with the remark "灯还是没修"; "挺好的 谢谢你们 5" -> 5
 * (the digit the person typed wins over the words; the words alone, "挺好的 谢谢你们", read as 4);
 * anything else -> null. The remark is '' when the rest is only thanks, praise or particles.
 */
export function readRatingWithWords(text: string): RatingWithWords | null {
  const whole = readRating(text);
  if (whole) return { ...whole, remark: '' };
  const m = RATING_IN_WORDS.exec(text);
  if (m) {
    const value = /\d/.test(m[1]!) ? Number(m[1]) : CHINESE_DIGITS[m[1]!];
    if (!value) return null;
    return { value, bare: false, remark: remarkOf(`${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`) };
  }
  const words = readSatisfaction(text);
  if (words) {
    // "挺好的 谢谢你们 5", "很满意 5 灯还是一闪一闪的": the digit after the words is the score
    const typed = typedScore(words.rest);
    // "挺好" / "太差了" count only as a first answer, as a bare digit does.
    return typed ? { value: typed.value, bare: words.loose, remark: remarkOf(typed.rest) } : { value: words.value, bare: words.loose, remark: remarkOf(words.rest) };
  }
  const typed = typedScore(text);
  if (!typed) return null;
  // a digit beside satisfaction, praise or thanks ("5 很满意", "谢谢你们 5") is the score; beside other words ("2 号楼…") none
  const said = readSatisfaction(typed.rest.trim());
  const remark = remarkOf(typed.rest);
  return said || remark === '' ? { value: typed.value, bare: said ? said.loose : true, remark } : null;
}

/** "5", "5分", "五星", "打5分" -> 5; anything else -> null. */
export function parseRating(text: string): number | null {
  return readRating(text)?.value ?? null;
}

/**
 * Flows under which a score is still the rating: they read no score themselves (policy.after takes
 * 更多 / 好 / 不好; policy.noanswer, core.clarify and a parked report's offer take their own digits).
 * Written out, not imported (the policy module imports feedback); any flow not listed keeps its words.
 */
const SCORE_OPEN_FLOWS: ReadonlySet<string> = new Set(['policy.after', 'policy.noanswer', 'core.clarify', 'feedback.parked']);
/**
 * One-shot offers that read a digit but hold nothing the person is in the middle of: "要把这句话补到…里吗
 * 1. 补上 2. 这是另一件事" (and the withdrawal offer under the same flow name), a no-answer's "1. 转给工作人员",
 * a clarifying question. One left unanswered when the rating question came is stale: the rating question is
 * the newer question offering 1–5, so the digit is the rating (QA9 F-H2). Written out, not imported.
 */
const ONE_SHOT_OFFERS: ReadonlySet<string> = new Set(['feedback.add_to_filed', 'policy.noanswer', 'core.clarify']);

/** True when `state` is a one-shot offer made before the rating question (or its reminder) was asked. */
function staleOffer(state: DialogState, pending: DialogState): boolean {
  if (!ONE_SHOT_OFFERS.has(state.flow)) return false;
  const offered = Date.parse(state.updatedAt);
  const asked = lastAskedAt(pending);
  return Number.isFinite(offered) && Number.isFinite(asked) && offered <= asked;
}

/** Flows under which a bare digit may still be the rating: they never read a digit. */
const DIGIT_OPEN_FLOWS: ReadonlySet<string> = new Set(['policy.after']);
/** How long after closing "4分" still gets a word about the rating (too late, or rated already). */
export const LATE_RATING_MS = 30 * 24 * 3_600_000;

/** When the rating was last asked: the question, or its one reminder. */
function lastAskedAt(pending: DialogState): number {
  const reminded = Date.parse(String(pending.data.remindedAt ?? ''));
  return Number.isFinite(reminded) ? reminded : Date.parse(String(pending.data.askedAt ?? pending.updatedAt));
}

/** The rating a message gives to the pending question, or null (not a rating, or a bare digit too late). */
export function ratingAnswer(text: string, pending: DialogState, now: Date): number | null {
  return ratingAnswerWithWords(text, pending, now)?.value ?? null;
}

/**
 * The rating a message gives to the pending question with the words said beside it, or null.
 * `flow`: the user's flow before the message (null: none); only flows that read no score let it through.
 */
export function ratingAnswerWithWords(text: string, pending: DialogState, now: Date, where: { flow?: string | null } = {}): { value: number; remark: string } | null {
  const r = readRatingWithWords(text);
  if (!r) return null;
  const flow = where.flow ?? null;
  if (flow !== null && !SCORE_OPEN_FLOWS.has(flow)) return null;
  if (r.bare) {
    // "2" after the menu is a menu choice: a bare digit is the rating only while no other reply offers digits.
    if (pending.data.bareClosed === true) return null;
    // Under a policy answer "很好" is its 好; only a digit alone may be the rating there.
    if (flow !== null && !(DIGIT_OPEN_FLOWS.has(flow) && readRating(text)?.bare === true)) return null;
    const since = lastAskedAt(pending);
    if (!Number.isFinite(since) || now.getTime() - since > BARE_RATING_MS) return null;
  }
  const askedAt = Date.parse(String(pending.data.askedAt ?? pending.updatedAt));
  const age = Number.isFinite(askedAt) ? now.getTime() - askedAt : Infinity;
  if (age > RATING_TTL_MS) return null;
  return { value: r.value, remark: r.remark };
}

/**
 * Stores the rating (a low one reopens the ticket) and the words said with it (as an addition to the
 * ticket, staff told at once when the rating is low) and returns the thank-you text; null when the
 * ticket is gone. A ticket already rated (another message got there first) keeps its rating, and the
 * text says so ("您已经给编号 … 打过 4 分了"); nothing is added then.
 */
export async function recordRating(services: Services, msg: Pick<Inbound, 'channel' | 'userId'>, no: string, value: number, remark = ''): Promise<string | null> {
  const actor = `user:${personId(msg)}`;
  const outcome = await services.store.tickets.setRating(no, value, actor, services.clock.now());
  if (!outcome) return null;
  if (!outcome.rated) return services.prompts.t('feedback.rating_already', { no, rating: outcome.ticket.rating ?? value });
  if (value <= 2) await services.store.tickets.setStatus(no, 'accepted', actor, services.clock.now()); // low score: reopen
  const added = remark !== '' && (await addToTicket(services, no, remark, actor, { alert: value <= 2 })) !== null;
  // 1-2: reopened; 3: room to improve; 4-5: a thank-you that promises no "改进".
  const key = value <= 2 ? 'feedback.rating_low_thanks' : value >= 4 ? 'feedback.rating_high_thanks' : 'feedback.rating_thanks';
  const thanks = services.prompts.t(key, { rating: value });
  return added ? `${thanks}\n${services.prompts.t('feedback.rating_remark_added', { no })}` : thanks;
}

/** Rewrites the pending question with `patch`, for the rest of its week (nothing when the week is over). */
async function updatePending(services: Services, key: string, pending: DialogState, patch: Record<string, unknown>): Promise<void> {
  const now = services.clock.now();
  const askedAtText = String(pending.data.askedAt ?? pending.updatedAt);
  const askedAt = Date.parse(askedAtText);
  const left = Number.isFinite(askedAt) ? RATING_TTL_MS - (now.getTime() - askedAt) : 0;
  if (left <= 0) return;
  await services.store.setDialog(key, { ...pending, data: { ...pending.data, askedAt: askedAtText, ...patch }, updatedAt: now.toISOString() }, left, now);
}

/**
 * Marks the pending question so that a later bare digit is no longer read as the rating (the user has
 * moved on: "0", then "2" is the menu). "5分" still counts until the question expires.
 */
async function closeBareWindow(services: Services, key: string, pending: DialogState): Promise<void> {
  if (pending.data.bareClosed === true && pending.data.moved === true) return;
  await updatePending(services, key, pending, { bareClosed: true, moved: true });
}

/** True when a reply offers one of the rating's digits itself (numbered lines, "回复 1 …", option keys). */
function offersScoreDigit(list: Reply[]): boolean {
  const keys = ['1', '2', '3', '4', '5'];
  return list.some((r) => (r.options ?? []).some((o) => keys.includes(o.key)) || keys.some((k) => offersKey(r.text, k)));
}

/** The 1-5 choices of the rating question ("1 分" … "5 分"). */
function scoreOptions(): { key: string; label: string }[] {
  return ['1', '2', '3', '4', '5'].map((k) => ({ key: k, label: `${k} 分` }));
}

/** Care replies of the small talk (distress, a scam warning, a medical question, not Chinese): no rating there. */
const CARE_KINDS = ['distress', 'scam', 'medical', 'not_chinese'];

/**
 * A reply where asking for a score would be out of place: an emergency or hospital report, the staff
 * contact, a word of care. The rating waits for a later reply (and a bare digit there is no score).
 */
function noPlaceForRating(turn: Turn): boolean {
  const data = turn.result.data ?? {};
  if (turn.result.intent === 'human_handoff' || data.emergency === true || data.category === 'hospitalization') return true;
  const { prompts } = turn.services;
  const care = CARE_KINDS.map((k) => prompts.t(`smalltalk.${k}`, { name: turn.msg.userName ?? '' }));
  return turn.result.replies.some((r) => care.includes(r.text));
}

/**
 * After a turn that was not the rating (the question still pending): a reply that offers digits, or a
 * flow left waiting that reads them, owns the next bare digit; otherwise the digit is the rating again,
 * and the first such reply carries the one reminder. Un-addressed group talk only closes the bare window.
 */
async function afterOtherTurn(turn: Turn, key: string, pending: DialogState): Promise<void> {
  const { store, clock, prompts } = turn.services;
  if (turn.result.intent === 'dropped' || turn.result.replies.length === 0) return closeBareWindow(turn.services, key, pending);
  const now = clock.now();
  const current = await store.getDialog(key, now);
  // answered or replaced meanwhile (another ticket closed): that question is not this one
  if (!current || current.data.ticketNo !== pending.data.ticketNo || String(current.data.askedAt ?? current.updatedAt) !== String(pending.data.askedAt ?? pending.updatedAt)) return;
  const after = await store.getDialog(dialogKey(turn.msg), now);
  if (offersScoreDigit(turn.result.replies) || (after !== null && !DIGIT_OPEN_FLOWS.has(after.flow)) || noPlaceForRating(turn)) return closeBareWindow(turn.services, key, current);
  const no = current.data.ticketNo;
  const reminded = current.data.reminded === true || current.data.askedAgain === true;
  const ticket = !reminded && typeof no === 'string' ? await store.tickets.get(no) : null;
  if (!ticket || ticket.status !== 'closed' || ticket.rating !== undefined) {
    await updatePending(turn.services, key, current, { bareClosed: false, moved: true });
    return;
  }
  // The once-only reminder, under the reply that ended the other exchange: the digit after it is the rating.
  const out = turn.result.replies;
  const last = out[out.length - 1]!;
  const line = prompts.t('feedback.rating_reminder', { no: ticket.no });
  turn.result.replies = [...out.slice(0, -1), { ...last, text: `${last.text}\n${line}`, options: [...(last.options ?? []), ...scoreOptions()] }];
  turn.result.data = { ...turn.result.data, ratingReminder: ticket.no };
  await updatePending(turn.services, key, current, { bareClosed: false, moved: true, reminded: true, remindedAt: now.toISOString() });
}

/**
 * "4分" with no rating question pending (the person in no flow that reads it): when their latest ticket
 * closed in this chat was rated, it says so; when its week for rating is over, it says that kindly.
 * False when neither (the message goes on as usual).
 */
async function lateRating(turn: Turn): Promise<boolean> {
  const said = readRating(turn.text);
  if (said === null || said.bare || !turn.addressed) return false;
  const { store, clock, prompts } = turn.services;
  const now = clock.now();
  const state = await store.getDialog(dialogKey(turn.msg), now);
  if (state && !SCORE_OPEN_FLOWS.has(state.flow)) return false;
  const closed = (await store.tickets.list({ userId: personId(turn.msg) }))
    .filter((t) => t.closedAt !== undefined && t.chat.channel === turn.msg.channel && t.chat.chatId === turn.msg.chatId)
    .sort((a, b) => b.closedAt!.localeCompare(a.closedAt!));
  const latest = closed[0];
  if (!latest) return false;
  const age = now.getTime() - Date.parse(latest.closedAt!);
  if (!(age >= 0 && age <= LATE_RATING_MS)) return false;
  let text: string;
  if (latest.rating !== undefined) text = prompts.t('feedback.rating_already', { no: latest.no, rating: latest.rating });
  else if (age > RATING_TTL_MS) text = prompts.t('feedback.rating_expired', { no: latest.no });
  else return false;
  answer(turn, [{ text }], 'feedback');
  turn.result.data = { intent: 'feedback', ticketNo: latest.no, ratingLate: latest.rating !== undefined ? 'rated' : 'expired' };
  return true;
}

/** True when the turn's answer says the message was not understood (a clarifying question, "回答不了"). */
async function notUnderstood(turn: Turn): Promise<boolean> {
  if (turn.result.intent === 'unknown') return true;
  // The smalltalk catch-alls: "这个问题我回答不了…" / "好的，我在呢…" (the words matched nothing).
  const { prompts } = turn.services;
  const fallbacks = [prompts.t('smalltalk.cannot_answer'), prompts.t('smalltalk.other')];
  if (turn.result.intent === 'smalltalk' && turn.result.replies.some((r) => fallbacks.includes(r.text))) return true;
  const state = await turn.services.store.getDialog(dialogKey(turn.msg), turn.services.clock.now());
  return state?.flow === 'core.clarify';
}

/**
 * The first words after the rating question were not understood: they were probably the rating said
 * some other way. The question is asked again instead of the menu of a misunderstanding, so that the
 * bare digit after it is still the rating (the bare window stays open, once).
 */
async function askAgain(turn: Turn, key: string, pending: DialogState, no: string): Promise<void> {
  const { store, clock, prompts } = turn.services;
  const now = clock.now();
  await store.clearDialog(dialogKey(turn.msg)); // the clarifying question is replaced by this one
  const askedAtText = String(pending.data.askedAt ?? pending.updatedAt);
  const askedAt = Date.parse(askedAtText);
  const left = Number.isFinite(askedAt) ? RATING_TTL_MS - (now.getTime() - askedAt) : 0;
  if (left > 0) await store.setDialog(key, { ...pending, data: { ...pending.data, askedAt: askedAtText, askedAgain: true, moved: true } }, left, now);
  answer(turn, [{ text: prompts.t('feedback.rating_ask_again', { no }), options: scoreOptions() }], 'feedback');
  turn.result.data = { intent: 'feedback', ticketNo: no, ratingAskedAgain: true };
}

/**
 * Pipeline middleware (before dispatch): a rating from a user with a pending rating question (in no
 * flow, or one that reads no score) is recorded; everything else goes on to dispatch (which drops
 * un-addressed group chatter), and the question stays pending (afterOtherTurn).
 */
export const ticketRatingAnswer: Middleware = async (turn, next) => {
  const { store, clock } = turn.services;
  const now = clock.now();
  const key = ratingKey(turn.msg);
  const pending = await store.getDialog(key, now);
  if (!pending) {
    if (await lateRating(turn)) return;
    return next();
  }
  const state = await store.getDialog(dialogKey(turn.msg), now);
  // An offer left unanswered before the rating question ("1. 补上 2. 这是另一件事") does not own its digits now.
  const stale = state !== null && staleOffer(state, pending);
  const inFlow = stale ? null : state;
  const no = pending.data.ticketNo;
  const rated = typeof no === 'string' ? ratingAnswerWithWords(turn.text, pending, now, { flow: inFlow?.flow ?? null }) : null;
  if (rated === null || typeof no !== 'string') {
    // Let in by group-trigger only for the rating: other un-addressed group talk is not for us.
    if (!turn.addressed && !inFlow) {
      await closeBareWindow(turn.services, key, pending);
      turn.result = { replies: [], intent: 'dropped', dropped: 'not_addressed' };
      return;
    }
    const firstAnswer = !inFlow && pending.data.bareClosed !== true && pending.data.moved !== true && pending.data.askedAgain !== true && typeof no === 'string';
    await next();
    if (firstAnswer && (await notUnderstood(turn))) return askAgain(turn, key, pending, no);
    await afterOtherTurn(turn, key, pending);
    return;
  }
  await store.clearDialog(key);
  if (stale) await store.clearDialog(dialogKey(turn.msg)); // the stale offer is over: its digit went to the rating
  // "1分 灯还是没修": the rating, and the words go on the ticket (never a new complaint).
  const text = await recordRating(turn.services, turn.msg, no, rated.value, rated.remark);
  if (text === null) return next();
  answer(turn, [{ text }], 'feedback');
  turn.result.data = { intent: 'feedback', ticketNo: no, rating: rated.value };
};
