/** activity_list (upcoming, numbered, seats left) and my_bookings (with waitlist position). */
import type { Skill } from '../types.js';
import { formatDay } from './format.js';
import { isListFollowUp, keywordOf, matchByKeyword, onDay, parseDay } from './parse.js';
import { loadShown, reply, say, upcoming } from './common.js';
import { showPickList } from './book.js';
import { bookingLines, myBookings } from './cancel.js';
import { asksMoreSeats } from './raise.js';
import { askedCategory } from '../../core/activity-kinds.js';
import { isStaffList, staffCommand, staffList } from './staff.js';

/** The activity_list skill: a kind, a date or a name narrows the list when it matches anything. */
export const activityList: Skill = async (ctx) => {
  const { services } = ctx;
  const staff = await staffCommand(ctx);
  if (staff) return staff;
  if (isStaffList(ctx)) return staffList(ctx);
  // "象棋比赛再加一个人": more seats on a booking, not a list.
  if (asksMoreSeats(ctx.text)) return ctx.redirect('activity_book');
  const { clock, config, prompts } = services;
  const all = await upcoming(services);
  let list = all;
  let title = say(services, 'list_title');
  const parsed = parseDay(ctx.text, clock.now(), config.TIMEZONE);
  // "12月32号": say so instead of listing everything as if no date had been asked.
  if (parsed && 'error' in parsed) return reply(say(services, 'date_not_understood', { text: parsed.error }), { list: 'bad_date' });
  const date = parsed;
  if (date) {
    const sameDay = list.filter((a) => onDay(a.startAt, date, config.TIMEZONE));
    if (sameDay.length) {
      list = sameDay;
      title = say(services, 'list_title_date', { date: formatDay(date.day, prompts, date.last) });
    } else title = say(services, 'list_date_none', { date: formatDay(date.day, prompts, date.last) });
  }
  const asked = askedCategory(ctx.text, ctx.route.slots.category);
  // "那下周的呢" after "有没有下棋的活动": the kind of the list just shown, unless another is named.
  const kept = !asked && isListFollowUp(ctx.text, clock.now(), config.TIMEZONE) ? ((await loadShown(ctx))?.kind ?? null) : null;
  const category = asked ?? kept;
  const byCategory = category ? list.filter((a) => a.category === category) : [];
  const named = matchByKeyword(keywordOf(ctx.text, date?.text).replace(/(近期|最近|有什么|有啥|哪些|什么|安排|列表|看看|看)/gu, ''), list);
  if (byCategory.length) {
    list = byCategory;
    if (date && kept && list !== all) title = say(services, 'list_title_date_kind', { date: formatDay(date.day, prompts, date.last), kind: kept });
  } else if (named.length) list = named;
  else if (date && kept && list !== all) title = say(services, 'list_date_kind_none', { date: formatDay(date.day, prompts, date.last), kind: kept });
  return showPickList(ctx, list, title, null, byCategory.length ? (category ?? undefined) : undefined);
};

/** The my_bookings skill. */
export const myBookingsSkill: Skill = async (ctx) => {
  const mine = await myBookings(ctx);
  if (mine.length === 0) return reply(say(ctx.services, 'my_empty'), { bookings: [] });
  const lines = await bookingLines(ctx, mine);
  return reply(`${say(ctx.services, 'my_title')}\n${lines}\n${say(ctx.services, 'my_hint')}`, {
    bookings: mine.map((m) => ({ activityId: m.activity.id, status: m.booking.status, seats: m.booking.seats, ...(m.booking.waitlistPosition ? { position: m.booking.waitlistPosition } : {}) })),
  });
};
