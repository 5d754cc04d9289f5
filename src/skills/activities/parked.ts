/**
 * A booking summary set aside by a question or another request is parked, not lost (QA8 A-M1), the way
 * a feedback draft is (skills/feedback/parked.ts): "报名冬季健康讲座" -> summary, then "体检报告多久能拿到".
 * The summary's own flow state (step and data of 'activities.confirm') waits under its own store key
 * beside the user's dialog, the question is answered, and the answer ends with one line that restates
 * what waits ("「冬季健康讲座」1位还没有报上，回复 1 确认报名，回复 2 不报了"). The next "1" / "好的 报上吧"
 * / "确认" / "2" puts that state back as the user's flow, and the flow's own step answers it
 * (confirmBooking, confirmRaise): the store decides the seats at that moment, and a booking made is
 * never made twice (the parked state is gone before the step runs; the store refuses a duplicate).
 *
 * Who owns a bare "1" is the rule of the parked report: the newest question that offers it. The line
 * offers 1/2 only when the reply offers no "1"/"2" itself and leaves the user in no flow that reads
 * digits; otherwise (a list, another summary, a clarifying question) it says once, without digits,
 * that the booking is kept, and a later reply brings the offer. Only the reply just before may be
 * answered: a message that answers something else withdraws the offer until the next one.
 *
 * The same holds for the summaries of a 'partial' booking, of more seats ('raise') and of the family
 * question ('family'). The restated line is worked out afresh each time: full since ("名额已满…回复 1 排队候补"), seats
 * enough since for the whole party (a 'partial' summary becomes a plain one), or closed / started /
 * cancelled (it is dropped and the reason said). It ends, with one line saying what was not done,
 * at "0" / "9", after DIALOG_TTL_MINUTES without an answer since it was last said, or when a reply
 * that could carry it comes after it was offered twice; silently when the person books the same
 * activity meanwhile or starts a new summary of it.
 */
import type { Turn } from '../../core/pipeline.js';
import { dialogKey } from '../../core/pipeline.js';
import { offersKey } from '../../core/middleware/footer.js';
import { menuRoute } from '../../core/router/menu.js';
import { personId, personInChat } from '../../core/person.js';
import type { Inbound, Reply } from '../../core/types.js';
import type { Activity } from '../../store/activity-types.js';
import type { DialogState } from '../../store/types.js';
import type { Services } from '../../services.js';
import type { FlowHandler, SkillResult } from '../types.js';
import { CONFIRM_FLOW, say } from './common.js';
import { countWord, formatWhen } from './format.js';
import { parseSeats, yesNo, yesWithSeats } from './parse.js';
import { matchRules } from '../../core/router/rules.js';
// book.ts and raise.ts import this module too; the names are used only inside functions.
import { closedReason, familyChoice, partialChoice, stepAside } from './book.js';
import { raiseAnswer } from './raise.js';

type Chat = Pick<Inbound, 'channel' | 'chatId' | 'userId'>;
type Step = 'book' | 'partial' | 'raise' | 'family';

/** The steps of 'activities.confirm' that are parked when set aside: each waits for a "1" that books. */
const PARKED_STEPS: ReadonlySet<string> = new Set<Step>(['book', 'partial', 'raise', 'family']);
/** Offers of one parked summary before a third passed-over reply drops it. */
const MAX_OFFERS = 2;
/** How long the record stays, so that a summary that timed out is still named on the next message. */
const RECORD_TTL_MS = 24 * 3_600_000;
/**
 * Flows that never read a digit: the offer may stand under them ("policy.after" takes 更多 / 好 / 不好,
 * the parked report's offer is withdrawn when another reply offers digits). Written out, as in
 * feedback/parked.ts; any flow not listed is taken to read digits.
 */
const DIGITLESS_FLOWS: ReadonlySet<string> = new Set(['policy.after', 'feedback.parked']);
/** The rating words of a policy answer ("有帮助吗？回复 好 / 不好"): under it they rate, they do not book. */
const RATING_WORD = /^(好|好的|很好|不好|有帮助|没帮助|没有帮助|满意|不满意)$/u;

/** A parked summary: the confirm step's state and how it has been mentioned. */
interface Parked {
  step: Step;
  data: Record<string, unknown>;
  /** When it was parked or last said (offered or noted); it waits DIALOG_TTL_MINUTES from then. */
  since: string;
  /** True when the reply just before offered "回复 1 确认报名": only then do "1" / "好的 报上吧" answer it. */
  offered: boolean;
  /** How often it was offered. */
  offers: number;
  /** True once it was said without digits ("先给您留着"). */
  noted: boolean;
}

function parkedKey(chat: Chat): string {
  return `${personInChat(chat)}#booking-summary`;
}

async function load(services: Services, chat: Chat): Promise<Parked | null> {
  const state = await services.store.getDialog(parkedKey(chat), services.clock.now());
  return state ? (state.data as unknown as Parked) : null;
}

async function save(services: Services, chat: Chat, parked: Parked): Promise<void> {
  const now = services.clock.now();
  await services.store.setDialog(parkedKey(chat), { flow: 'activities.parked', step: parked.step, data: { ...parked }, updatedAt: now.toISOString() }, RECORD_TTL_MS, now);
}

function forget(services: Services, chat: Chat): Promise<void> {
  return services.store.clearDialog(parkedKey(chat));
}

/** True when the summary has waited longer than a flow would. */
function timedOut(services: Services, parked: Parked): boolean {
  return services.clock.now().getTime() - Date.parse(parked.since) > services.config.DIALOG_TTL_MINUTES * 60_000;
}

/**
 * The confirm step sets the summary aside for a question or another request: it is parked and the
 * router answers the message. Steps that book nothing yet ('seats') are just left.
 */
export async function setAside(ctx: Parameters<FlowHandler>[0]): Promise<SkillResult> {
  const { services, state, msg } = ctx;
  if (PARKED_STEPS.has(state.step)) {
    const { misses: _misses, ...data } = state.data;
    await save(services, msg, { step: state.step as Step, data, since: services.clock.now().toISOString(), offered: false, offers: 0, noted: false });
  }
  return stepAside(ctx);
}

/** True when `text` answers the parked summary's question (yes / no, or one of the 'partial' choices). */
function answers(parked: Parked, text: string): boolean {
  if (parked.step === 'partial') return partialChoice(text, Number(parked.data.left ?? 1), Number(parked.data.seats ?? 2)) !== null;
  if (parked.step === 'raise') return raiseAnswer(text) !== null;
  if (parked.step === 'family') return familyChoice(text) !== null;
  // "那能带老伴不" / "行 俺俩都去" right after the restated line (QA9 A-M5): the party of this summary, when
  // short and no other request a rule knows (a report, "我一个人在家摔倒了", is never a party).
  return yesNo(text) !== null || yesWithSeats(text) !== null || partyOfSummary(text);
}

function partyOfSummary(text: string): boolean {
  if ([...text.trim()].length > 10 || parseSeats(text) === null) return false;
  const hit = matchRules(text)?.intent;
  return hit === undefined || hit === 'policy_query' || hit === 'activity_book';
}

/**
 * Dispatch hook, before any flow: the answer to the summary the reply just before restated puts the
 * summary back as the user's flow (its step then answers as if it had never left). Anything else
 * leaves it parked; the answer of a policy answer's rating ("好" under "有帮助吗？") stays a rating.
 */
export async function resumeParkedSummary(turn: Turn): Promise<void> {
  const { services, msg } = turn;
  const parked = await load(services, msg);
  if (!parked?.offered || timedOut(services, parked) || !answers(parked, turn.text)) return;
  const { store, clock, config } = services;
  const now = clock.now();
  const state = await store.getDialog(dialogKey(msg), now);
  if (state?.flow === 'policy.after' && RATING_WORD.test(turn.text.replace(/[\s\p{P}\p{S}]+/gu, ''))) return;
  await forget(services, msg);
  await store.setDialog(dialogKey(msg), { flow: CONFIRM_FLOW, step: parked.step, data: { ...parked.data, misses: 0 }, updatedAt: now.toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, now);
}

/** True when a reply offers "1" or "2" itself (numbered lines, "回复 1 …", option keys). */
function offersDigits(list: Reply[]): boolean {
  return list.some((r) => (r.options ?? []).some((o) => o.key === '1' || o.key === '2') || offersKey(r.text, '1') || offersKey(r.text, '2'));
}

/** Puts `line` before the first reply. */
function prepend(turn: Turn, line: string): void {
  const [first, ...rest] = turn.result.replies;
  turn.result.replies = [{ ...first!, text: `${line}\n${first!.text}` }, ...rest];
}

/** Puts `line` after the last reply. */
function append(turn: Turn, line: string): void {
  const out = turn.result.replies;
  const last = out[out.length - 1]!;
  turn.result.replies = [...out.slice(0, -1), { ...last, text: `${last.text}\n${line}` }];
}

/**
 * True when what the summary asked is settled without an answer: the person holds the booking now
 * (booked again meanwhile; for a raise, its seats are no longer the ones it started from) or a new
 * summary of the same activity is open.
 */
async function settled(services: Services, msg: Inbound, parked: Parked, state: DialogState | null): Promise<boolean> {
  const activityId = String(parked.data.activityId);
  if (state?.flow === CONFIRM_FLOW && String(state.data.activityId) === activityId) return true;
  const mine = (await services.store.activities.listByUser(personId(msg))).find((b) => b.activityId === activityId);
  return parked.step === 'raise' ? mine?.seats !== Number(parked.data.from) : mine !== undefined;
}

/** The line said when the summary ends unanswered ("「…」还没有报上。…" / "「…」的人数没有改。"). */
function notDoneLine(services: Services, parked: Parked, a: Activity, key: 'left' | 'expired'): string {
  const vars = { title: a.title, from: Number(parked.data.from ?? 1), seats: Number(parked.data.seats ?? parked.data.to ?? 1) };
  if (parked.step === 'raise') return say(services, key === 'left' ? 'left_raise' : 'parked_expired_raise', vars);
  return say(services, key === 'left' ? 'left_book' : 'parked_expired', vars);
}

/**
 * The summary checked again against the activity as it is now: a 'book' summary full since (or free
 * again) says so, a 'partial' one with seats enough for everyone becomes a plain one, and one with no
 * seat left offers the queue for all. Returns the step and data to restate.
 */
function recheck(parked: Parked, a: Activity): Parked {
  if (parked.step === 'raise' || parked.step === 'family') return parked;
  const seats = Number(parked.data.seats ?? 1);
  const left = a.capacity - a.seatsTaken;
  if (parked.step === 'partial' && left > 0 && left < seats) return { ...parked, data: { ...parked.data, left } };
  const { left: _left, ...data } = parked.data;
  return { ...parked, step: 'book', data };
}

/** The restating line with its "回复 1 …" offer. */
function offerLine(services: Services, parked: Parked, a: Activity): string {
  const seats = Number(parked.data.seats ?? 1);
  if (parked.step === 'raise') return say(services, 'parked_raise', { title: a.title, from: Number(parked.data.from), seats: Number(parked.data.to) });
  if (parked.step === 'family') return say(services, 'confirm_again_family', { title: a.title });
  if (parked.step === 'partial') {
    const left = Number(parked.data.left ?? 1);
    return say(services, 'confirm_again_partial', { title: a.title, left, seats, seats_word: countWord(seats, services.prompts) });
  }
  const full = a.status === 'full' || a.capacity - a.seatsTaken < seats;
  return say(services, full ? 'parked_book_full' : 'parked_book', { title: a.title, seats });
}

/** The line said, without digits, while another question owns them. */
function keptLine(services: Services, parked: Parked, a: Activity): string {
  if (parked.step === 'raise') return say(services, 'parked_kept_raise', { title: a.title, seats: Number(parked.data.to) });
  return say(services, 'parked_kept', { title: a.title, seats: Number(parked.data.seats ?? 1) });
}

/**
 * Dispatch hook, after the turn was answered: restates the parked summary with its 1/2 offer when the
 * digits are free, says once that it is kept when they are not, or ends it (settled, "0" / "9",
 * timed out, closed, passed over after two offers) with the line saying what was not done.
 */
export async function restateParkedSummary(turn: Turn): Promise<void> {
  const { services, msg } = turn;
  const out = turn.result.replies;
  if (turn.result.intent === 'dropped' || out.length === 0) return;
  const parked = await load(services, msg);
  if (!parked) return;
  const { store, clock } = services;
  const now = clock.now();
  const state = await store.getDialog(dialogKey(msg), now);
  const a = await store.activities.get(String(parked.data.activityId));
  if (!a || (await settled(services, msg, parked, state))) return forget(services, msg);
  if (menuRoute(turn.text, { inFlow: true })) {
    await forget(services, msg);
    return prepend(turn, notDoneLine(services, parked, a, 'left'));
  }
  if (timedOut(services, parked)) {
    await forget(services, msg);
    return prepend(turn, notDoneLine(services, parked, a, 'expired'));
  }
  const closed = closedReason(a, now);
  if (closed) {
    await forget(services, msg);
    const vars = { title: a.title, from: Number(parked.data.from ?? 1), when: formatWhen(a.startAt, services.config.TIMEZONE, services.prompts), place: a.place };
    return prepend(turn, say(services, parked.step === 'raise' ? 'raise_closed' : `closed_${closed}`, vars));
  }
  const digitsTaken = (state !== null && !DIGITLESS_FLOWS.has(state.flow)) || offersDigits(out);
  if (digitsTaken) {
    if (!parked.noted && parked.offers === 0) {
      prepend(turn, keptLine(services, parked, a));
      return save(services, msg, { ...parked, offered: false, noted: true, since: now.toISOString() });
    }
    if (parked.offered) await save(services, msg, { ...parked, offered: false });
    return;
  }
  if (parked.offers >= MAX_OFFERS) {
    await forget(services, msg);
    return append(turn, notDoneLine(services, parked, a, 'expired'));
  }
  const fresh = recheck(parked, a);
  append(turn, offerLine(services, fresh, a));
  await save(services, msg, { ...fresh, offered: true, offers: parked.offers + 1, since: now.toISOString() });
}
