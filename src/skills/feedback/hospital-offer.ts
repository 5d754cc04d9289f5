/**
 * A hospital stay told beside a policy question (QA8 F-M1): "我老伴住院了 住院看望慰问金给多少" is
 * answered as the question it asks, and the answer offers the report the message also is: "要不要把
 * 住院的事报给单位？回复 1 报给单位". "1" (or "报给单位", "要报") starts the hospital report with what
 * the message said (内容 "我老伴住院了", a hospital or call answer when given): the one follow-up
 * question, then the summary, as when the stay is told alone. Any other message withdraws the offer;
 * "不用了" / "不报了" says kindly that nothing is reported.
 *
 * Called by the dispatch hooks of parked.ts: answerHospitalOffer before any flow (the "1" is the offer's,
 * not the policy answer's nor the rating's), offerHospitalReport after the answer. The offer is made only
 * when it owns the digit: the reply offers no "1" of its own, the person is left in no flow that reads
 * digits, and no report is parked (that reminder has the "1"). Not when the person filed a hospital
 * report in the last day, nor for a stay said as a case ("要是住院了…"), of nobody in particular
 * ("离休干部住院了…") or over ("出院了").
 */
import type { Turn } from '../../core/pipeline.js';
import { dialogKey } from '../../core/pipeline.js';
import { offersKey } from '../../core/middleware/footer.js';
import { personId, personInChat } from '../../core/person.js';
import { QUESTION } from '../../core/router/rules.js';
import type { Inbound, Reply } from '../../core/types.js';
import type { Services } from '../../services.js';
import type { DialogControl, SkillResult } from '../types.js';
import type { Draft } from './draft.js';
import { proceed, reportDraft } from './steps.js';

type Chat = Pick<Inbound, 'channel' | 'chatId' | 'userId'>;

/** Store key of a pending offer, beside the user's dialog (which keeps the policy answer's 更多 / 好). */
export function hospitalOfferKey(chat: Chat): string {
  return `${personInChat(chat)}#hospital-offer`;
}

/** Someone in particular: the person, their family, "他" / "她". */
const SOMEONE = '(?:我|俺|咱|老伴儿?|爱人|老头子?|老太太?|老婆|老公|丈夫|妻子|媳妇|父亲|母亲|爸爸?|妈妈?|老爸|老妈|儿子|女儿|闺女|孩子|老人家|他|她)';
/** In hospital now, said as news: "住院了", "住进了市人民医院", "送医院了", "在医院住着". */
const STAY = '(?:住院了|住了院|住进了?[^\\s，,。？?！!]{0,12}|进了医院|送(?:到|进|去)?了?[^\\s，,。？?！!]{0,8}医院了?|在医院|正在住院|在住院|住着院)';
const STAY_NEWS = new RegExp(`${SOMEONE}[^\\s，,。？?！!]{0,8}?${STAY}`, 'u');
/** Said as a case or as over: no news to report. */
const NOT_NEWS = /要是|如果|假如|万一|的话|一旦|出院|以前|上次|那年|去年|前年/u;
/** Flows that never read a digit: the offer's "1" is not taken from them ("policy.after" reads 更多 / 好 / 不好). */
const DIGITLESS_FLOWS: ReadonlySet<string> = new Set(['policy.after']);

/** A pause between the parts of a message. */
const PAUSE = /[\s，,。；;！!？?]+/u;

/**
 * The words of a message that tell of a stay in hospital now ("我老伴住院了 住院看望慰问金给多少" ->
 * "我老伴住院了"; "我住院了单位来看不" -> "我住院了"), or null when it tells none.
 */
export function hospitalNews(text: string): string | null {
  if (NOT_NEWS.test(text)) return null;
  const told: string[] = [];
  for (const part of text.split(PAUSE)) {
    const m = STAY_NEWS.exec(part);
    if (!m) continue;
    // a part that is the news alone is kept whole; in a question only the news itself ("我住院了" of "我住院了单位来看不")
    told.push(QUESTION.test(part) ? part.slice(0, m.index + m[0].length) : part);
  }
  return told.length > 0 ? told.join(' ') : null;
}

/** A pending offer: the words telling the stay, and the message that told them. */
interface HospitalOffer {
  news: string;
  /** Made again under the reply to "更多" / "好" (so only once more). */
  again?: boolean;
  messageId?: string;
  userName?: string;
}

/** Words for the policy answer above the offer (its 更多 and 好 / 不好): the offer outlives them once. */
const ANSWER_WORDS = /^(?:更多|看全文|全文|更多内容|还有呢|继续|接着说|好|很好|有帮助|有用|好的|谢谢|谢谢你|懂了|明白了|不好|没帮助|没有帮助|没用|看不懂|不清楚)$/u;

/** "1" / "报给单位" / "要报" / "报吧": taking the offer. Not "好" (a policy answer's helpful). */
const TAKE = /^(?:1|要|要的|需要|报|报吧|要报|报上|报上去|帮我报|报给单位|报单位|给单位报|请帮我报|麻烦报一下|报一下)(?:吧|一下|的|啊|呀)*$/u;
/** "不用了" / "不报了" / "不用报": declining it. */
const DECLINE = /^(?:不用|不用了|不用报|不用报了|不报|不报了|不要|不要了|算了|先不报|先不用)(?:吧|了|的|啊|呀|谢谢)*$/u;

function said(text: string): string {
  return text.trim().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** True when a reply offers "1" itself (numbered lines, "回复 1 …", option keys). */
function offersOne(list: Reply[]): boolean {
  return list.some((r) => (r.options ?? []).some((o) => o.key === '1') || offersKey(r.text, '1'));
}

/** The user's dialog, as a skill's DialogControl (the report's steps write it). */
function dialogOf(services: Services, msg: Chat): DialogControl {
  const key = dialogKey(msg);
  return {
    start: (flow, step, data = {}) =>
      services.store.setDialog(key, { flow, step, data, updatedAt: services.clock.now().toISOString() }, services.config.DIALOG_TTL_MINUTES * 60_000, services.clock.now()),
    clear: () => services.store.clearDialog(key),
  };
}

/**
 * Dispatch hook, before any flow: the answer to the offer the last reply made. "1" starts the hospital
 * report (its follow-up question or summary); "不用了" says nothing is reported; anything else withdraws
 * the offer and goes on (null).
 */
export async function answerHospitalOffer(turn: Turn): Promise<SkillResult | null> {
  const { services, msg } = turn;
  const { store, clock, prompts } = services;
  const key = hospitalOfferKey(msg);
  const pending = await store.getDialog(key, clock.now());
  if (!pending) return null;
  const offer = pending.data as unknown as HospitalOffer;
  const answer = said(turn.text);
  // "更多" / "好" answer the policy answer above the offer: it stays, and is made again under that reply (once)
  if (ANSWER_WORDS.test(answer) && offer.again !== true) return null;
  await store.clearDialog(key);
  if (DECLINE.test(answer)) {
    await store.clearDialog(dialogKey(msg)); // the answer's 更多 / 好 is over too
    return { replies: [{ text: prompts.t('feedback.hospital_offer_declined') }], data: { intent: 'feedback', hospitalOffer: 'declined' } };
  }
  if (!TAKE.test(answer)) return null;
  const dialog = dialogOf(services, msg);
  await dialog.clear();
  const base: Draft = { intent: 'feedback', ...(offer.messageId ? { messageId: offer.messageId } : {}), ...(offer.userName ? { userName: offer.userName } : {}) };
  const result = await proceed({ services, dialog }, reportDraft(base, 'hospitalization', offer.news));
  return { ...result, data: { ...result.data, intent: 'feedback', category: 'hospitalization', hospitalOffer: 'taken' } };
}

/** The person filed a hospital report in the last day (the stay is known: nothing to offer). */
async function reportedLately(services: Services, msg: Chat): Promise<boolean> {
  const since = new Date(services.clock.now().getTime() - 24 * 3_600_000);
  return (await services.store.tickets.list({ userId: personId(msg), category: 'hospitalization', since, limit: 1 })).length > 0;
}

/**
 * Dispatch hook, after the turn was answered (parked.ts calls it when no report is parked): a policy
 * answer to a message that also tells of a stay in hospital gets the offer as its last line, with the
 * "1" choice; true when it was made.
 */
export async function offerHospitalReport(turn: Turn): Promise<boolean> {
  const { services, msg } = turn;
  const out = turn.result.replies;
  const { store, clock, config, prompts } = services;
  const now = clock.now();
  // an offer kept through "更多" / "好" (answerHospitalOffer) is made again under that reply, or withdrawn
  const kept = await store.getDialog(hospitalOfferKey(msg), now);
  if (kept) await store.clearDialog(hospitalOfferKey(msg));
  if (!turn.addressed || turn.result.intent === 'dropped' || out.length === 0 || offersOne(out)) return false;
  const before = kept ? (kept.data as unknown as HospitalOffer) : null;
  const news = before?.news ?? (turn.result.intent === 'policy_query' ? hospitalNews(turn.text) : null);
  if (news === null) return false;
  const state = await store.getDialog(dialogKey(msg), now);
  if (state !== null && !DIGITLESS_FLOWS.has(state.flow)) return false;
  if (await reportedLately(services, msg)) return false;
  const offer: HospitalOffer = before
    ? { ...before, again: true }
    : { news, ...(msg.messageId ? { messageId: msg.messageId } : {}), ...(msg.userName ? { userName: msg.userName } : {}) };
  await store.setDialog(hospitalOfferKey(msg), { flow: 'feedback.hospital_offer', step: 'offer', data: { ...offer }, updatedAt: now.toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, now);
  const last = out[out.length - 1]!;
  const option = { key: '1', label: prompts.t('feedback.hospital_offer_option') };
  turn.result.replies = [...out.slice(0, -1), { ...last, text: `${last.text}\n${prompts.t('feedback.hospital_offer')}`, options: [...(last.options ?? []), option] }];
  turn.result.data = { ...turn.result.data, hospitalOffer: 'offered' };
  return true;
}
