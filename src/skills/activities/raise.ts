/**
 * More seats on a booking one already holds ("象棋比赛老伴又能去了 再给加一个人", "再加一位", "老伴也要去"):
 * a summary "从1位改成2位", and the store raises it at "1" only when the extra seats are free.
 */
import type { Activity, Booking } from '../../store/activity-types.js';
import type { FlowHandler, SkillContext, SkillResult } from '../types.js';
import { formatWhen } from './format.js';
import { smallNumber, yesNo } from './parse.js';
import { CONFIRM_FLOW, reply, say } from './common.js';
import { personId } from '../../core/person.js';
// book.ts imports this module too; the names are used only inside functions, so the cycle is harmless.
import { isOtherRequest, missedTwice } from './book.js';
import { setAside } from './parked.js';

const PARTY = '(?:老伴儿?|爱人|老婆|老公|夫人|媳妇|老头子?|老太婆?|孩子|儿子|女儿|闺女|孙子|孙女|外孙女?)';
/** "再加一位" / "再给加一个人" / "多报一个": the seats added. */
const ADD_SEATS = /(?:加|添|增加|多报|再报|多加)(?:上)?\s*((?<!\d)\d+|[一二两俩三四五])\s*(?:个|位|名)/u;
/** "老伴又能去了" / "老伴也要去" / "把老伴也加上" / "带上老伴": one more of the party. */
const PARTY_JOINS = new RegExp(
  `${PARTY}[^，,。！!？?不没]{0,4}(?:也|又|还)(?:要|想|能|可以|得)?(?:去|参加|来|报)(?!不)|${PARTY}(?:能|可以)去了|(?:加上|算上|带上|报上)(?:我)?${PARTY}|把(?:我)?${PARTY}也?(?:加上|算上|报上)`,
  'u',
);

/** True when the text asks for more seats on a booking ("再加一位", "老伴也要去"). */
export function asksMoreSeats(text: string): boolean {
  return ADD_SEATS.test(text) || PARTY_JOINS.test(text);
}

/** The text without its words asking for more seats ("象棋比赛再加一个人" -> "象棋比赛"), to read what it names. */
export function withoutRaiseWords(text: string): string {
  return text.replace(new RegExp(`(?:再|还)?(?:给|帮)?(?:我)?${ADD_SEATS.source}(?:人)?`, 'gu'), ' ').replace(new RegExp(PARTY_JOINS.source, 'gu'), ' ');
}

/**
 * The seats a booking of `held` should have after "再加一位" (held + 1), "老伴也要去" (held + 1) or a party
 * larger than the booking named again ("报名象棋比赛 我和老伴" holding 1: `asked` 2); null when none is asked.
 */
export function seatsWanted(text: string, held: number, asked: number | null): number | null {
  const add = ADD_SEATS.exec(text);
  if (add) {
    const n = /^\d+$/u.test(add[1]!) ? Number(add[1]) : smallNumber(add[1]!);
    if (n !== null && n >= 1) return held + n;
  }
  if (PARTY_JOINS.test(text)) return held + 1;
  return asked !== null && asked > held ? asked : null;
}

/** Shows "从1位改成2位" to confirm, or says at once why it cannot be (no seat free, over the limit). */
export async function prepareRaise(ctx: SkillContext, a: Activity, mine: Booking, to: number): Promise<SkillResult> {
  const { services } = ctx;
  const vars = { title: a.title, when: formatWhen(a.startAt, services.config.TIMEZONE, services.prompts), from: mine.seats, seats: to };
  const max = Math.min(a.maxSeatsPerBooking, a.capacity);
  if (to > max) {
    await ctx.dialog.clear();
    return reply(say(services, 'raise_too_many', { ...vars, max }), { booking: 'raise_too_many', activityId: a.id, max });
  }
  if (mine.status === 'confirmed' && a.capacity - a.seatsTaken < to - mine.seats) {
    await ctx.dialog.clear();
    return reply(say(services, 'raise_no_room', vars), { booking: 'raise_no_room', activityId: a.id });
  }
  await ctx.dialog.start(CONFIRM_FLOW, 'raise', { intent: 'activity_book', activityId: a.id, from: mine.seats, to, misses: 0 });
  return reply(say(services, 'raise_summary', vars), { booking: 'summary_raise', activityId: a.id, from: mine.seats, seats: to });
}

/** The answer to "从1位改成2位？": "1" / "好" yes, "2" / "不改了" / "不加了" no, anything else null. */
export function raiseAnswer(text: string): boolean | null {
  return /(不改|别改|不用改|不要改|不加|别加|不用加)/u.test(text) ? false : yesNo(text);
}

/** Flow 'activities.confirm', step 'raise': "1" raises the booking (store.raiseSeats), "2" keeps it. */
export const confirmRaise: FlowHandler = async (ctx) => {
  const { services, state } = ctx;
  const activityId = String(state.data.activityId);
  const from = Number(state.data.from);
  const to = Number(state.data.to);
  const a = await services.store.activities.get(activityId);
  const title = a?.title ?? '';
  const answer = raiseAnswer(ctx.text);
  if (answer === null) {
    // A question or another request: answered by the router, the summary waits beside it (parked.ts).
    if (isOtherRequest(ctx.text, 'activity_book')) return setAside(ctx);
    if (missedTwice(ctx.text, state.data)) return setAside(ctx);
    await ctx.dialog.start(CONFIRM_FLOW, state.step, { ...state.data, misses: 1 });
    return reply(say(services, 'reduce_confirm_again', { title, from, seats: to }));
  }
  await ctx.dialog.clear();
  if (!answer) return reply(say(services, 'reduce_dropped', { title, seats: from }), { booking: 'dropped' });
  const outcome = await services.store.activities.raiseSeats(activityId, personId(ctx.msg), to, services.clock.now());
  switch (outcome.status) {
    case 'raised':
      return outcome.booking.status === 'waitlisted'
        ? reply(say(services, 'raised_waiting', { title, seats: outcome.booking.seats, position: outcome.booking.waitlistPosition ?? '' }), { booking: 'raised', activityId, seats: outcome.booking.seats })
        : reply(say(services, 'raised', { title, seats: outcome.booking.seats }), { booking: 'raised', activityId, seats: outcome.booking.seats });
    case 'no_room':
      return reply(say(services, 'raise_no_room', { title, from: outcome.booking.seats }), { booking: 'raise_no_room', activityId });
    case 'too_many_seats':
      return reply(say(services, 'raise_too_many', { title, from: outcome.booking.seats, max: outcome.max }), { booking: 'raise_too_many', activityId });
    case 'closed':
      return reply(say(services, 'raise_closed', { title, from: outcome.booking.seats }), { booking: 'closed', activityId });
    case 'invalid':
      return reply(say(services, 'reduce_unchanged', { title, seats: outcome.booking.seats }), { booking: 'unchanged', activityId });
    case 'not_found':
      return reply(say(services, 'raise_not_found', { title }), { booking: 'not_found' });
  }
};
