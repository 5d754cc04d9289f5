/** activity_cancel: which booking (number, name, date, or "全部"), a summary, and cancel only after "1". */
import type { Activity, Booking } from '../../store/activity-types.js';
import type { FlowHandler, Skill, SkillContext, SkillResult } from '../types.js';
import { formatWhen } from './format.js';
import { dayOf, keywordOf, matchByKeyword, onDay, parseChoice, yesNo } from './parse.js';
import { CONFIRM_FLOW, MAX_SHOWN, PICK_FLOW, loadShown, numberSlot, reply, saveShown, say } from './common.js';
import { cancelBooking } from './actions.js';
import { bookAfresh, isOtherRequest, stepAside } from './book.js';
import { staffCommand } from './staff.js';
import { personId } from '../../core/person.js';

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

async function pickToCancel(ctx: SkillContext, mine: { booking: Booking; activity: Activity }[], titleKey: string): Promise<SkillResult> {
  const lines = await bookingLines(ctx, mine);
  const ids = mine.slice(0, MAX_SHOWN).map((m) => m.activity.id);
  await ctx.dialog.start(PICK_FLOW, 'cancel', { intent: INTENT, purpose: 'cancel', ids });
  return reply(`${say(ctx.services, titleKey)}\n${lines}`, { bookings: ids });
}

/** Shows the cancellation summary of one booking. */
export async function prepareCancel(ctx: SkillContext, a: Activity): Promise<SkillResult> {
  const { config, prompts } = ctx.services;
  await ctx.dialog.start(CONFIRM_FLOW, 'cancel', { intent: INTENT, activityId: a.id, misses: 0 });
  return reply(say(ctx.services, 'cancel_summary', { title: a.title, when: formatWhen(a.startAt, config.TIMEZONE, prompts) }), { cancel: 'summary', activityId: a.id });
}

/** The activity_cancel skill. */
export const activityCancel: Skill = async (ctx) => {
  const { services } = ctx;
  const staff = await staffCommand(ctx);
  if (staff) return staff;
  // A guess of the classifier ("周五那个") without any word of cancelling is a choice of an activity.
  if ((ctx.route.source === 'classifier' || ctx.route.source === 'llm') && !CANCEL_WORD.test(ctx.text)) return bookAfresh(ctx);
  const mine = await myBookings(ctx);
  if (mine.length === 0) {
    await ctx.dialog.clear();
    return reply(say(services, 'no_bookings'), { cancel: 'nothing' });
  }
  const text = ctx.text;
  if (ctx.route.slots.all === true || ALL.test(text)) {
    const ids = mine.map((m) => m.activity.id);
    await ctx.dialog.start(CONFIRM_FLOW, 'cancel_all', { intent: INTENT, ids, misses: 0 });
    const titles = mine.map((m) => `「${m.activity.title}」（${formatWhen(m.activity.startAt, services.config.TIMEZONE, services.prompts)}）`).join('\n');
    return reply(say(services, 'cancel_all_summary', { count: ids.length, titles }), { cancel: 'summary_all', activityIds: ids });
  }
  const n = parseChoice(text) ?? numberSlot(ctx.route.slots.number);
  if (n !== null) {
    const shown = await loadShown(ctx);
    const ids = shown?.purpose === 'cancel' ? shown.ids : mine.map((m) => m.activity.id);
    const hit = mine.find((m) => m.activity.id === ids[n - 1]);
    return hit ? prepareCancel(ctx, hit.activity) : pickToCancel(ctx, mine, 'cancel_not_found');
  }
  const date = dayOf(text, services.clock.now(), services.config.TIMEZONE);
  let candidates = mine;
  if (date) candidates = candidates.filter((m) => onDay(m.activity.startAt, date, services.config.TIMEZONE));
  const keyword = keywordOf(text, date?.text);
  if (keyword) {
    const named = new Set(matchByKeyword(keyword, candidates.map((m) => m.activity)).map((a) => a.id));
    if (named.size) candidates = candidates.filter((m) => named.has(m.activity.id));
    else if (date) candidates = [];
  }
  if (candidates.length === 1) return prepareCancel(ctx, candidates[0]!.activity);
  if (candidates.length === 0) return pickToCancel(ctx, mine, 'cancel_not_found');
  return pickToCancel(ctx, candidates, 'cancel_pick_title');
};

function sameIds(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((id) => b.map(String).includes(String(id)));
}

/** Flow 'activities.confirm', steps 'cancel' and 'cancel_all'. */
export const confirmCancel: FlowHandler = async (ctx) => {
  const { services, state } = ctx;
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
    if (Number(state.data.misses ?? 0) >= 1) return { replies: [], passThrough: true };
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
