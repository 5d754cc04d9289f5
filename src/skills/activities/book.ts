/**
 * activity_book: find the activity (number from the last list, name/keyword, Chinese date),
 * list candidates when ambiguous, show a summary, and book only after "1". A full activity
 * offers the waitlist in the summary; the store decides atomically at "1".
 */
import type { Activity } from '../../store/activity-types.js';
import type { FlowHandler, Skill, SkillContext, SkillResult } from '../types.js';
import { activityLines, formatWhen, localDay } from './format.js';
import { keywordOf, matchByKeyword, parseChoice, parseDay, parseSeats, yesNo } from './parse.js';
import { CONFIRM_FLOW, MAX_SHOWN, PICK_FLOW, chatRefOf, loadShown, numberSlot, reply, saveShown, say, upcoming } from './common.js';

const INTENT = 'activity_book';

/** Shows a numbered list to pick from (for booking) and remembers it. */
export async function showPickList(ctx: SkillContext, list: Activity[], title: string, seats: number | null): Promise<SkillResult> {
  const { services } = ctx;
  if (list.length === 0) {
    await ctx.dialog.clear();
    return reply(say(services, 'list_empty'), { activities: [] });
  }
  const shown = list.slice(0, MAX_SHOWN);
  const ids = shown.map((a) => a.id);
  await saveShown(ctx, { purpose: 'book', ids });
  await ctx.dialog.start(PICK_FLOW, 'book', { intent: INTENT, purpose: 'book', ids, ...(seats ? { seats } : {}) });
  const text = [title, activityLines(shown, services.config.TIMEZONE, services.prompts), say(services, 'list_hint')].filter(Boolean).join('\n');
  return reply(text, { activities: ids });
}

/** Checks that `a` can be booked by this user and shows the summary to confirm. */
export async function prepareBooking(ctx: SkillContext, a: Activity | null, seatsAsked: number | null): Promise<SkillResult> {
  const { services } = ctx;
  const { store, clock, config, prompts } = services;
  if (!a) {
    await ctx.dialog.clear();
    return reply(say(services, 'not_found'), { booking: 'not_found' });
  }
  const now = clock.now();
  const vars = { title: a.title, when: formatWhen(a.startAt, config.TIMEZONE, prompts), place: a.place };
  const closed =
    a.status === 'cancelled' ? 'cancelled' : a.status === 'closed' ? 'closed' : new Date(a.startAt) <= now ? 'past' : a.deadline && new Date(a.deadline) < now ? 'deadline' : null;
  if (closed) {
    await ctx.dialog.clear();
    return reply(say(services, `closed_${closed}`, vars), { booking: 'closed', reason: closed, activityId: a.id });
  }
  const mine = (await store.activities.listByUser(ctx.msg.userId)).find((b) => b.activityId === a.id);
  if (mine) {
    await ctx.dialog.clear();
    return mine.status === 'waitlisted'
      ? reply(say(services, 'duplicate_waitlisted', { ...vars, position: mine.waitlistPosition ?? '' }), { booking: 'duplicate', activityId: a.id })
      : reply(say(services, 'duplicate_confirmed', { ...vars, seats: mine.seats }), { booking: 'duplicate', activityId: a.id });
  }
  const max = Math.min(a.maxSeatsPerBooking, a.capacity);
  const seats = seatsAsked ?? 1;
  if (seats < 1 || seats > max) {
    await ctx.dialog.start(CONFIRM_FLOW, 'seats', { intent: INTENT, activityId: a.id });
    return reply(say(services, 'too_many_seats', { max }), { booking: 'too_many_seats', max, activityId: a.id });
  }
  await ctx.dialog.start(CONFIRM_FLOW, 'book', { intent: INTENT, activityId: a.id, seats, misses: 0, ...(ctx.msg.userName ? { userName: ctx.msg.userName } : {}) });
  const full = a.status === 'full' || a.capacity - a.seatsTaken < seats;
  return reply(say(services, full ? 'summary_full' : 'summary', { ...vars, seats }), { booking: 'summary', activityId: a.id, seats, full });
}

/** The activity_book skill. */
export const activityBook: Skill = async (ctx) => {
  const { services } = ctx;
  const { clock, config, store } = services;
  const text = ctx.text;
  const seats = parseSeats(text) ?? numberSlot(ctx.route.slots.seats);
  const list = await upcoming(services);

  const n = parseChoice(text) ?? numberSlot(ctx.route.slots.number);
  if (n !== null) {
    const shown = await loadShown(ctx);
    const ids = shown?.purpose === 'book' ? shown.ids : list.slice(0, MAX_SHOWN).map((a) => a.id);
    const id = ids[n - 1];
    if (!id) return showPickList(ctx, list, say(services, 'pick_again', { max: Math.min(list.length, MAX_SHOWN) }), seats);
    return prepareBooking(ctx, await store.activities.get(id), seats);
  }

  const date = parseDay(text, clock.now(), config.TIMEZONE);
  if (date && 'error' in date) {
    await ctx.dialog.clear();
    return reply(say(services, 'date_not_understood', { text: date.error }), { booking: 'bad_date' });
  }
  let candidates = date ? list.filter((a) => localDay(a.startAt, config.TIMEZONE) === date.day) : list;
  if (date && candidates.length === 0) return showPickList(ctx, list, say(services, 'no_match_for_date', { date: date.text }), seats);
  const keyword = keywordOf(text, date?.text);
  if (keyword) {
    // Past and cancelled activities take part in the match so that naming one gets its own answer.
    const gone = (await store.activities.list({ includeCancelled: true })).filter((a) => !list.some((u) => u.id === a.id));
    const best = matchByKeyword(keyword, [...candidates, ...gone]);
    const named = best.filter((a) => candidates.includes(a));
    if (named.length === 0 && best.length === 1 && !date) return prepareBooking(ctx, best[0]!, seats);
    const category = typeof ctx.route.slots.category === 'string' ? candidates.filter((a) => a.category === ctx.route.slots.category) : [];
    const found = named.length ? named : category;
    if (found.length === 0) return showPickList(ctx, list, say(services, 'list_none_match', { what: keyword }), seats);
    candidates = found;
  } else if (!date) {
    return showPickList(ctx, list, say(services, 'list_title'), seats);
  }
  if (candidates.length === 1) return prepareBooking(ctx, candidates[0]!, seats);
  return showPickList(ctx, candidates, say(services, 'candidates_title'), seats);
};

/** Flow 'activities.confirm', steps 'book' and 'seats'. */
export const confirmBooking: FlowHandler = async (ctx) => {
  const { services, state } = ctx;
  const { store, clock, config, prompts } = services;
  const activityId = String(state.data.activityId);
  if (state.step === 'seats') {
    const seats = parseSeats(ctx.text) ?? parseChoice(ctx.text);
    if (seats === null) return { replies: [], passThrough: true };
    return prepareBooking(ctx, await store.activities.get(activityId), seats);
  }
  const answer = yesNo(ctx.text);
  if (answer === null) {
    const seats = parseSeats(ctx.text);
    if (seats !== null) return prepareBooking(ctx, await store.activities.get(activityId), seats);
    if (Number(state.data.misses ?? 0) >= 1) return { replies: [], passThrough: true };
    await ctx.dialog.start(CONFIRM_FLOW, state.step, { ...state.data, misses: 1 });
    return reply(say(services, 'confirm_again'));
  }
  await ctx.dialog.clear();
  if (!answer) return reply(say(services, 'book_dropped'), { booking: 'dropped' });
  const seats = Number(state.data.seats ?? 1);
  const now = clock.now();
  const userName = ctx.msg.userName ?? (typeof state.data.userName === 'string' ? state.data.userName : undefined);
  const chat = chatRefOf(ctx.msg);
  const outcome = await store.activities.book(
    { activityId, userId: ctx.msg.userId, ...(userName ? { userName } : {}), seats, chat: userName ? { ...chat, userName } : chat },
    now,
  );
  const a = await store.activities.get(activityId);
  const vars = a ? { title: a.title, when: formatWhen(a.startAt, config.TIMEZONE, prompts), place: a.place, seats } : { seats };
  switch (outcome.status) {
    case 'confirmed':
    case 'waitlisted':
      await store.audit({ at: now.toISOString(), actor: `user:${ctx.msg.userId}`, action: `activity.${outcome.status}`, subject: `activity:${activityId}`, detail: { seats } });
      return outcome.status === 'confirmed'
        ? reply(say(services, 'booked', vars), { booking: 'confirmed', activityId, seats })
        : reply(say(services, 'waitlisted', { ...vars, position: outcome.position }), { booking: 'waitlisted', activityId, seats, position: outcome.position });
    case 'duplicate':
      return outcome.booking.status === 'waitlisted'
        ? reply(say(services, 'duplicate_waitlisted', { ...vars, position: outcome.booking.waitlistPosition ?? '' }), { booking: 'duplicate', activityId })
        : reply(say(services, 'duplicate_confirmed', { ...vars, seats: outcome.booking.seats }), { booking: 'duplicate', activityId });
    case 'closed':
      return reply(say(services, `closed_${outcome.reason}`, vars), { booking: 'closed', reason: outcome.reason, activityId });
    case 'too_many_seats':
      await ctx.dialog.start(CONFIRM_FLOW, 'seats', { intent: INTENT, activityId });
      return reply(say(services, 'too_many_seats', { max: outcome.max }), { booking: 'too_many_seats', activityId });
    case 'not_found':
      return reply(say(services, 'not_found'), { booking: 'not_found' });
  }
};
