/** activity_cancel: which booking (number, name, date, or "全部"), a summary, and cancel only after "1". */
import type { Activity, Booking } from '../../store/activity-types.js';
import type { FlowHandler, Skill, SkillContext, SkillResult } from '../types.js';
import { countWord, formatWhen } from './format.js';
import { dayOf, keywordOf, matchByKeyword, onDay, parseChoice, parseSeats, smallNumber, yesNo } from './parse.js';
import { CONFIRM_FLOW, MAX_SHOWN, PICK_FLOW, loadShown, numberSlot, reply, saveShown, say } from './common.js';
import { cancelBooking, reduceBooking } from './actions.js';
import { ASKING, bookAfresh, isOtherRequest, missedTwice, stepAside } from './book.js';
import { isQuestion } from '../../core/router/rules.js';
import { staffCommand } from './staff.js';
import { personId } from '../../core/person.js';
import { asksMoreSeats } from './raise.js';

const INTENT = 'activity_cancel';
/** Cancel at least this long before the start (《离退休干部文体活动报名和管理办法》第六条: 24 小时前取消). */
const LATE_CANCEL_MS = 24 * 3600_000;
const ALL = /(全部|所有|都)/u;
const CANCEL_WORD = /(取消|退|不去|不参加|去不了|去不成|参加不了|来不了|不报|撤|划掉|删|不要了|不上了|不学了)/u;

/** The user's active bookings of activities that have not started yet, soonest first. */
export async function myBookings(ctx: SkillContext): Promise<{ booking: Booking; activity: Activity }[]> {
  const { store, clock } = ctx.services;
  const now = clock.now().getTime();
  const bookings = await store.activities.listByUser(personId(ctx.msg));
  const acts = await Promise.all(bookings.map((b) => store.activities.get(b.activityId)));
  return bookings.flatMap((booking, i) => {
    const a = acts[i];
    return a && a.status !== 'cancelled' && new Date(a.startAt).getTime() > now ? [{ booking, activity: a }] : [];
  });
}

function line(ctx: SkillContext, n: number, b: Booking, a: Activity): string {
  const { config, prompts } = ctx.services;
  const vars = { n, title: a.title, when: formatWhen(a.startAt, config.TIMEZONE, prompts), place: a.place, seats: b.seats, position: b.waitlistPosition ?? '' };
  return say(ctx.services, b.status === 'waitlisted' ? 'my_item_waitlisted' : 'my_item_confirmed', vars);
}

/** Numbered list of the user's bookings (remembered for "取消2"). */
export async function bookingLines(ctx: SkillContext, mine: { booking: Booking; activity: Activity }[]): Promise<string> {
  const shown = mine.slice(0, MAX_SHOWN);
  await saveShown(ctx, { purpose: 'cancel', ids: shown.map((m) => m.activity.id) });
  return shown.map((m, i) => line(ctx, i + 1, m.booking, m.activity)).join('\n');
}

/** The numbered list to cancel from; `said` (part of the party dropping out) makes the pick a lowering. */
async function pickToCancel(ctx: SkillContext, mine: { booking: Booking; activity: Activity }[], titleKey: string, said?: string): Promise<SkillResult> {
  const lines = await bookingLines(ctx, mine);
  const ids = mine.slice(0, MAX_SHOWN).map((m) => m.activity.id);
  await ctx.dialog.start(PICK_FLOW, 'cancel', { intent: INTENT, purpose: 'cancel', ids, ...(said !== undefined ? { said } : {}) });
  return reply(`${say(ctx.services, titleKey)}\n${lines}`, { bookings: ids });
}

/** Someone of the party (not the person) who does not come: "老伴去不了了". */
const COMPANION = /(老伴儿?|爱人|老婆|老公|夫人|媳妇|老头子?|老太婆?|孩子|儿子|女儿|闺女|孙子|孙女|外孙女?)/u;
/** Words that take in the whole party: "我和老伴都不去了", "我们俩", "一起". */
const WHOLE_PARTY = /(我们|咱们|咱俩|我俩|俩|两口|都|全|一起|我和|我跟|和我|跟我)/u;
/** "退一位" / "取消一个名额" / "少去一个": the seats given back, not the ones kept. */
const GIVE_BACK = /(?:取消|退|少|减|去掉|划掉)(?:掉|去|报)?\s*((?<!\d)\d+|[一二两俩三四五六七八九十]{1,3})\s*(?:个)?\s*(?:人|位|张|个名额|名额)/u;

/**
 * Seats a booking of `held` seats keeps when only part of the party drops out: "老伴去不了了 就我一个人去"
 * / "改成1位" (1 of 2), "退一位" (held - 1), "老伴不去了" (held - 1). Null when the whole booking goes
 * ("象棋比赛不去了", "我和老伴都去不了") or the count is no reduction.
 */
export function seatsKept(text: string, held: number): number | null {
  if (held < 2) return null;
  const back = GIVE_BACK.exec(text);
  const given = back ? (/^\d+$/.test(back[1]!) ? Number(back[1]) : smallNumber(back[1]!)) : null;
  const kept = given !== null ? held - given : parseSeats(text);
  if (kept !== null) return kept >= 1 && kept < held ? kept : null;
  return COMPANION.test(text) && !WHOLE_PARTY.test(text) ? held - 1 : null;
}

/** The person's active booking of `a`, if any. */
async function bookingOf(ctx: SkillContext, a: Activity): Promise<Booking | null> {
  return (await ctx.services.store.activities.listByUser(personId(ctx.msg))).find((b) => b.activityId === a.id) ?? null;
}

/**
 * Shows the cancellation summary of one booking; one of several seats saying how many go ("2位都会
 *取消"). When `said` drops only part of the party ("老伴去不了了 就我一个人去"), the summary offers
 * fewer seats instead ("从2位改成1位（您自己）"): same step, with `keep` in its data.
 */
export async function prepareCancel(ctx: SkillContext, a: Activity, said?: string): Promise<SkillResult> {
  const { config, prompts } = ctx.services;
  const when = formatWhen(a.startAt, config.TIMEZONE, prompts);
  const held = (await bookingOf(ctx, a))?.seats ?? 1;
  const keep = said !== undefined ? seatsKept(said, held) : null;
  // "老伴去不了了 就我一个人去" with a booking of one seat: the person still goes, nothing to change
  if (said !== undefined && held === 1 && COMPANION.test(said) && !WHOLE_PARTY.test(said) && !CANCEL_ASKED.test(said)) {
    return reply(say(ctx.services, 'reduce_already_one', { title: a.title, when }), { cancel: 'nothing', activityId: a.id });
  }
  if (keep !== null) {
    await ctx.dialog.start(CONFIRM_FLOW, 'cancel', { intent: INTENT, activityId: a.id, from: held, keep, misses: 0 });
    const who = keep === 1 ? say(ctx.services, 'reduce_self') : '';
    return reply(say(ctx.services, 'reduce_summary', { title: a.title, when, from: held, seats: keep, who }), { cancel: 'summary_reduce', activityId: a.id, from: held, seats: keep });
  }
  await ctx.dialog.start(CONFIRM_FLOW, 'cancel', { intent: INTENT, activityId: a.id, misses: 0 });
  const key = held > 1 ? 'cancel_summary_seats' : 'cancel_summary';
  return reply(say(ctx.services, key, { title: a.title, when, seats: held, seats_word: countWord(held, prompts), fewer: held - 1 }), { cancel: 'summary', activityId: a.id, seats: held });
}

/** Words that ask for a cancellation; without them "去不了" / "不去了" only says someone cannot go. */
const CANCEL_ASKED = /(取消|退|撤|划掉|删|去掉|拿掉|不报了|不要了|不上了|不学了)/u;
/**
 * Things that are not activities one books here (通报会, 会议, 体检, 阅文): "通报会去不了了" is about them,
 * never about a booking — unless a booking's own title names them (checked first).
 */
const OTHER_THING = /(会议|开会|(通报|招待|报告|座谈|学习|表彰|茶话|团拜|纪念|动员|生活|总结|交流|恳谈|见面|传达|情况)会|通报|招待|体检|阅文|送阅|文件|看病|复查|医院|上班|组织生活)/u;

/**
 * "去不了" said without asking to cancel: it is about a booking only when it names one (象棋比赛去不了了,
 * 明天的去不了了) or names nothing at all (我去不了了, 老伴去不了了); a question (通报会去不了了咋办) or
 * something else named (会议去不了了) goes to the policy answers.
 */
function aboutOtherThing(text: string, named: boolean): boolean {
  if (CANCEL_ASKED.test(text)) return false;
  if (isQuestion(text) || ASKING.test(text)) return true;
  return !named && OTHER_THING.test(text);
}

/** The activity_cancel skill. */
export const activityCancel: Skill = async (ctx) => {
  const result = await cancelSkill(ctx);
  // "取消冬季健康讲座 取消了有啥影响不" (QA9 A-L4): the rule on cancelling answers the question, before the summary.
  if (!ASKS_CANCEL_RULE.test(ctx.text) || !String(result.data?.cancel ?? '').startsWith('summary') || result.replies.length === 0) return result;
  const [first, ...rest] = result.replies;
  return { ...result, replies: [{ ...first!, text: `${say(ctx.services, 'cancel_rule_note')}\n${first!.text}` }, ...rest] };
};

/** A question about what cancelling brings ("取消了有啥影响不", "会不会扣分", "有什么规定"). */
const ASKS_CANCEL_RULE = /(影响|后果|要紧|处罚|惩罚|扣分|有事吗|有事没|规定|会不会怎么样|有没有关系|没关系吧)/u;

const cancelSkill: Skill = async (ctx) => {
  const { services } = ctx;
  const staff = await staffCommand(ctx);
  if (staff) return staff;
  // "帮我再加一位" (the classifier may guess a cancellation): more seats, never fewer.
  if (asksMoreSeats(ctx.text) && !CANCEL_ASKED.test(ctx.text)) return ctx.redirect('activity_book');
  // A guess of the classifier ("周五那个") without any word of cancelling is a choice of an activity.
  if ((ctx.route.source === 'classifier' || ctx.route.source === 'llm') && !CANCEL_WORD.test(ctx.text)) return bookAfresh(ctx);
  const mine = await myBookings(ctx);
  const text = ctx.text;
  if (aboutOtherThing(text, (namedBookings(ctx, text, mine) ?? []).length > 0)) {
    await ctx.dialog.clear();
    return ctx.redirect('policy_query');
  }
  if (mine.length === 0) {
    await ctx.dialog.clear();
    return reply(say(services, 'no_bookings'), { cancel: 'nothing' });
  }
  if (ctx.route.slots.all === true || ALL.test(text)) {
    const ids = mine.map((m) => m.activity.id);
    await ctx.dialog.start(CONFIRM_FLOW, 'cancel_all', { intent: INTENT, ids, misses: 0 });
    const titles = mine
      .map((m) => {
        const vars = { title: m.activity.title, when: formatWhen(m.activity.startAt, services.config.TIMEZONE, services.prompts), seats: m.booking.seats };
        return say(services, m.booking.seats > 1 ? 'cancel_all_item_seats' : 'cancel_all_item', vars);
      })
      .join('\n');
    return reply(say(services, 'cancel_all_summary', { count: ids.length, titles }), { cancel: 'summary_all', activityIds: ids });
  }
  const n = parseChoice(text) ?? numberSlot(ctx.route.slots.number);
  if (n !== null) {
    const shown = await loadShown(ctx);
    const ids = shown?.purpose === 'cancel' ? shown.ids : mine.map((m) => m.activity.id);
    const hit = mine.find((m) => m.activity.id === ids[n - 1]);
    return hit ? prepareCancel(ctx, hit.activity, text) : pickToCancel(ctx, mine, 'cancel_not_found');
  }
  const candidates = namedBookings(ctx, text, mine) ?? mine;
  if (candidates.length === 0) return pickToCancel(ctx, mine, 'cancel_not_found');
  // "老伴去不了了 就我一个人去" naming no booking: which one to lower, among those of several seats.
  const named = candidates !== mine;
  const lowerable = named ? [] : mine.filter((m) => seatsKept(text, m.booking.seats) !== null);
  if (lowerable.length === 1) return prepareCancel(ctx, lowerable[0]!.activity, text);
  if (lowerable.length > 1) return pickToCancel(ctx, lowerable, 'reduce_pick_title', text);
  if (candidates.length === 1) return prepareCancel(ctx, candidates[0]!.activity, text);
  return pickToCancel(ctx, candidates, 'cancel_pick_title');
};

/**
 * The bookings the text names by a date or a keyword ("明天的", "象棋比赛"); [] when it names something
 * none of them is; null when it names nothing.
 */
function namedBookings(ctx: SkillContext, text: string, mine: { booking: Booking; activity: Activity }[]): { booking: Booking; activity: Activity }[] | null {
  const { services } = ctx;
  const date = dayOf(text, services.clock.now(), services.config.TIMEZONE);
  let candidates = mine;
  if (date) candidates = candidates.filter((m) => onDay(m.activity.startAt, date, services.config.TIMEZONE));
  const keyword = keywordOf(text, date?.text);
  if (keyword) {
    const named = new Set(matchByKeyword(keyword, candidates.map((m) => m.activity)).map((a) => a.id));
    if (named.size) return candidates.filter((m) => named.has(m.activity.id));
    if (date) return [];
  }
  return date ? candidates : null;
}

function sameIds(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((id) => b.map(String).includes(String(id)));
}

/** Flow 'activities.confirm', steps 'cancel' and 'cancel_all'. */
export const confirmCancel: FlowHandler = async (ctx) => {
  const { services, state } = ctx;
  if (state.step === 'cancel') {
    // "改成1位" / "老伴不去了" at the summary of a booking of several seats: fewer seats, asked again.
    const held = Number(state.data.from ?? 0) || ((await services.store.activities.listByUser(personId(ctx.msg))).find((b) => b.activityId === String(state.data.activityId))?.seats ?? 1);
    const keep = seatsKept(ctx.text, held);
    if (keep !== null && keep !== state.data.keep) {
      const a = await services.store.activities.get(String(state.data.activityId));
      if (a) return prepareCancel(ctx, a, ctx.text);
    }
    if (typeof state.data.keep === 'number') return confirmReduce(ctx);
  }
  let answer = yesNo(ctx.text, true);
  // A question or another request ("我要投诉", a staff command): the router answers it; the summary is dropped.
  if (answer === null && isOtherRequest(ctx.text, INTENT)) return stepAside(ctx);
  if (answer === null && /(取消|退)/u.test(ctx.text) && ctx.text.trim().length > 2) {
    // Another booking named instead ("是掼蛋比赛那个", "取消2"): start over with it. The same booking
    // (or "全部" again) named once more is the user repeating the cancellation: a yes, never the same
    // summary again.
    const again = await activityCancel(ctx);
    const data = (again.data ?? {}) as Record<string, unknown>;
    const same =
      state.step === 'cancel'
        ? data.cancel === 'summary' && String(data.activityId) === String(state.data.activityId)
        : data.cancel === 'summary_all' && sameIds(data.activityIds, state.data.ids);
    if (!same) return again;
    answer = true;
  }
  if (answer === null) {
    if (missedTwice(ctx.text, state.data)) return { replies: [], passThrough: true };
    await ctx.dialog.start(CONFIRM_FLOW, state.step, { ...state.data, misses: 1 });
    const a = state.step === 'cancel' ? await services.store.activities.get(String(state.data.activityId)) : null;
    return reply(a ? say(services, 'cancel_confirm_again', { title: a.title }) : say(services, 'confirm_again'));
  }
  await ctx.dialog.clear();
  if (!answer) return reply(say(services, 'cancel_dropped'), { cancel: 'dropped' });
  const ids = state.step === 'cancel_all' ? (state.data.ids as string[]) : [String(state.data.activityId)];
  const person = personId(ctx.msg);
  // Which of them held a seat (the rule on late cancelling is about those, not about a place in the queue).
  const seated = new Set((await services.store.activities.listByUser(person)).filter((b) => b.status === 'confirmed').map((b) => b.activityId));
  const done: string[] = [];
  let late = false;
  for (const id of ids) {
    const outcome = await cancelBooking(services, id, person);
    if (!outcome.cancelled) continue;
    done.push(id);
    if (seated.has(id)) late ||= await startsWithin(services, id, LATE_CANCEL_MS);
  }
  if (done.length === 0) return reply(say(services, 'nothing_cancelled'), { cancel: 'nothing' });
  const note = late ? `\n${say(services, 'cancel_late_note')}` : '';
  const data = { cancel: 'cancelled', activityIds: done, ...(late ? { late: true } : {}) };
  if (state.step === 'cancel_all') return reply(say(services, 'cancelled_all', { count: done.length }) + note, data);
  const a = await services.store.activities.get(done[0]!);
  return reply(say(services, 'cancelled', { title: a?.title ?? '' }) + note, data);
};

/** True when activity `id` starts within `ms` from now (and has not started). */
async function startsWithin(services: SkillContext['services'], id: string, ms: number): Promise<boolean> {
  const a = await services.store.activities.get(id);
  if (!a) return false;
  const left = new Date(a.startAt).getTime() - services.clock.now().getTime();
  return left > 0 && left < ms;
}

/**
 * The step 'cancel' with `keep` in its data: "把「象棋比赛」从2位改成1位？" — "1" lowers the booking
 * (the freed seats promote the waitlist, store.reduceSeats), "2" keeps it as it is.
 */
async function confirmReduce(ctx: Parameters<FlowHandler>[0]): Promise<SkillResult> {
  const { services, state } = ctx;
  const activityId = String(state.data.activityId);
  const keep = Number(state.data.keep);
  const from = Number(state.data.from);
  // "我们都不去了" instead: the whole booking goes, asked as a cancellation.
  if (CANCEL_WORD.test(ctx.text) && WHOLE_PARTY.test(ctx.text)) {
    const a = await services.store.activities.get(activityId);
    if (a) return prepareCancel(ctx, a);
  }
  const answer = /(不改|别改|不用改|不要改)/u.test(ctx.text) ? false : yesNo(ctx.text);
  if (answer === null) {
    if (isOtherRequest(ctx.text, INTENT)) return stepAside(ctx);
    if (missedTwice(ctx.text, state.data)) return { replies: [], passThrough: true };
    await ctx.dialog.start(CONFIRM_FLOW, state.step, { ...state.data, misses: 1 });
    const a = await services.store.activities.get(activityId);
    return reply(say(services, 'reduce_confirm_again', { title: a?.title ?? '', from, seats: keep }));
  }
  await ctx.dialog.clear();
  const a = await services.store.activities.get(activityId);
  const title = a?.title ?? '';
  if (!answer) return reply(say(services, 'reduce_dropped', { title, seats: from }), { cancel: 'dropped' });
  const person = personId(ctx.msg);
  const outcome = await reduceBooking(services, activityId, person, keep);
  if (outcome.status === 'not_found') return reply(say(services, 'nothing_cancelled'), { cancel: 'nothing' });
  if (outcome.status === 'invalid') return reply(say(services, 'reduce_unchanged', { title, seats: outcome.booking.seats }), { cancel: 'nothing' });
  const late = outcome.booking.status === 'confirmed' && (await startsWithin(services, activityId, LATE_CANCEL_MS));
  const note = late ? `\n${say(services, 'cancel_late_note')}` : '';
  const who = outcome.booking.seats === 1 ? say(services, 'reduce_self') : '';
  const key = outcome.booking.status === 'waitlisted' ? 'reduced_waiting' : 'reduced';
  return reply(say(services, key, { title, seats: outcome.booking.seats, who, position: outcome.booking.waitlistPosition ?? '' }) + note, {
    cancel: 'reduced',
    activityId,
    seats: outcome.booking.seats,
    promoted: outcome.promoted.map((b) => b.userId),
    ...(late ? { late: true } : {}),
  });
}
