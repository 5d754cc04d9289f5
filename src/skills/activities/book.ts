/**
 * activity_book: find the activity (number from the last list, name/keyword, Chinese date),
 * list candidates when ambiguous, show a summary, and book only after "1". A full activity
 * offers the waitlist in the summary; the store decides atomically at "1".
 */
import { REMINDER_OFFSETS, type Activity, type Booking } from '../../store/activity-types.js';
import type { FlowHandler, Skill, SkillContext, SkillResult } from '../types.js';
import { activityLines, countWord, formatDay, formatWhen } from './format.js';
import { closestByChars, dayOf, familyFromAge, isListFollowUp, keywordOf, matchByKeyword, onDay, parseChoice, parseChoiceAndSeats, parseDay, parseSeats, quotable, smallNumber, spouseNamed, statedAge, yesNo, yesWithSeats } from './parse.js';
import { extractSlots } from '../../core/router/slots.js';
import { isQuestion, matchRules } from '../../core/router/rules.js';
import { CONFIRM_FLOW, MAX_SHOWN, PICK_FLOW, chatRefOf, loadShown, numberSlot, reply, saveShown, say, upcoming } from './common.js';
import { personId } from '../../core/person.js';
import { askedCategory, categoryOf } from '../../core/activity-kinds.js';
import { staffCommand } from './staff.js';
import { asksMoreSeats, prepareRaise, seatsWanted, withoutRaiseWords } from './raise.js';
import { bookingLines, myBookings } from './cancel.js';
import type { PromptVars } from '../../core/prompts.js';
import { setAside } from './parked.js';

/** A question about something ("几点开始？", "这周末有什么活动"), not a choice. */
export const ASKING = /[？?]|[吗么嘛][\s。！!~]*$|有(什么|啥|哪些|没有)|几点|什么时候|哪里|在哪|怎么|多少|[不没][\s。！!~]*$|(?<ab>\p{Script=Han})不\k<ab>/u;

/**
 * True when `text`, said while a summary waits for "1"/"2", is clearly another request: a rule hit
 * (confidence >= 0.8) for another intent than `intent` or a staff command, or a question. The router
 * should answer it instead of the summary being repeated.
 */
export function isOtherRequest(text: string, intent: string): boolean {
  const hit = matchRules(text);
  if (hit && !isSmallTalk(text) && hit.confidence >= 0.8 && (hit.intent !== intent || hit.slots?.staffCommand === true)) return true;
  return ASKING.test(text);
}

/**
 * Plain small talk ("好嘞" / "谢谢" / "嗯嗯哈"): at a summary it never stands for another request, so the
 * summary is said again instead of being dropped behind a "好的，我在呢". Care words (distress, scam,
 * medical) are real requests and are not counted here.
 */
export function isSmallTalk(text: string): boolean {
  const hit = matchRules(text);
  return hit !== null && hit.intent === 'smalltalk' && hit.slots?.talk === undefined && !ASKING.test(text);
}

/** A second message at a summary that is still not understood goes to the router; small talk never does. */
export function missedTwice(text: string, data: Record<string, unknown>): boolean {
  return Number(data.misses ?? 0) >= 1 && !isSmallTalk(text);
}

/** "不对 …" / "说错了" at a summary: the person did not mean this activity. */
const CORRECTION = /^(不对|不是这个|不是这|说错了|搞错了|弄错了|错了)/u;

/** Leaves the flow so that the router takes the message. */
export async function stepAside(ctx: SkillContext): Promise<SkillResult> {
  await ctx.dialog.clear();
  return { replies: [], passThrough: true };
}

const INTENT = 'activity_book';

/** Shows a numbered list to pick from (for booking) and remembers it (with the `kind` it was narrowed to). */
export async function showPickList(ctx: SkillContext, list: Activity[], title: string, seats: number | null, kind?: string): Promise<SkillResult> {
  const { services } = ctx;
  if (list.length === 0) {
    await ctx.dialog.clear();
    return reply(say(services, 'list_empty'), { activities: [] });
  }
  const shown = list.slice(0, MAX_SHOWN);
  const ids = shown.map((a) => a.id);
  await saveShown(ctx, { purpose: 'book', ids, ...(kind ? { kind } : {}) });
  await ctx.dialog.start(PICK_FLOW, 'book', { intent: INTENT, purpose: 'book', ids, ...(seats ? { seats } : {}) });
  const text = [title, activityLines(shown, services.config.TIMEZONE, services.prompts), say(services, 'list_hint')].filter(Boolean).join('\n');
  return reply(text, { activities: ids });
}

/** Prepends `note` to the first reply ("12月9日（周三）没有书法班。…" before the summary). */
function withNote(result: SkillResult, note: string | undefined): SkillResult {
  if (!note || result.replies.length === 0) return result;
  const [first, ...rest] = result.replies;
  return { ...result, replies: [{ ...first!, text: `${note}\n${first!.text}` }, ...rest] };
}

/**
 * "再加一个人" / "再加一位" / "老伴也要去" (QA8 A-M2): more seats on the booking the person holds — the one
 * named, or the only one ("从1位改成2位？"); with several, which one (numbered); with none, say so and
 * show the list. Null when the words name an activity the person holds no booking of: that is booked.
 */
async function moreSeats(ctx: SkillContext, list: Activity[]): Promise<SkillResult | null> {
  const { services } = ctx;
  const mine = await myBookings(ctx);
  const rest = keywordOf(withoutRaiseWords(ctx.text));
  const named = matchByKeyword(rest, mine.map((m) => m.activity));
  if (named.length === 1) return prepareBooking(ctx, named[0]!, null);
  if (named.length > 1) return pickToRaise(ctx, mine.filter((m) => named.includes(m.activity)), ctx.text);
  if (rest && (matchByKeyword(rest, list).length > 0 || closestByChars(rest, list) !== null)) return null;
  if (mine.length === 1) return prepareBooking(ctx, mine[0]!.activity, null);
  if (mine.length > 1) return pickToRaise(ctx, mine, ctx.text);
  return showPickList(ctx, list, say(services, 'raise_none'), null);
}

/** "要给哪一个加人？" with the person's bookings, numbered; the pick then asks "从N位改成M位" (`said` gives how many more). */
async function pickToRaise(ctx: SkillContext, mine: { booking: Booking; activity: Activity }[], said: string): Promise<SkillResult> {
  const lines = await bookingLines(ctx, mine);
  const ids = mine.slice(0, MAX_SHOWN).map((m) => m.activity.id);
  await ctx.dialog.start(PICK_FLOW, 'raise', { intent: INTENT, purpose: 'raise', ids, said });
  return reply(`${say(ctx.services, 'raise_pick_title')}\n${lines}`, { booking: 'pick_raise', bookings: ids });
}

/** A pick from "要给哪一个加人？": the summary "从1位改成2位" for that booking. */
export async function raisePicked(ctx: SkillContext, a: Activity | null, said: string): Promise<SkillResult> {
  const mine = a ? (await ctx.services.store.activities.listByUser(personId(ctx.msg))).find((b) => b.activityId === a.id) : undefined;
  if (!a || !mine) {
    await ctx.dialog.clear();
    return reply(say(ctx.services, 'raise_not_found', { title: a?.title ?? '' }), { booking: 'not_found' });
  }
  return prepareRaise(ctx, a, mine, seatsWanted(said, mine.seats, null) ?? mine.seats + 1);
}

/**
 * Checks that `a` can be booked by this user and shows the summary to confirm (after `note`, if any).
 * Someone who states their age ("我八十三了 能报名去参观吗") first reads the activity's own notes, where
 * staff write who it suits (age, a family member along): the question is answered before the "1".
 */
export async function prepareBooking(ctx: SkillContext, a: Activity | null, seatsAsked: number | null, note?: string): Promise<SkillResult> {
  let result = await summarize(ctx, a, seatsAsked);
  const age = statedAge(ctx.text);
  const notes = a?.notes?.trim();
  const ageNote = age !== null && notes && result.data?.booking !== 'closed' && result.data?.booking !== 'duplicate' ? say(ctx.services, 'age_notes', { age, title: a!.title, notes }) : undefined;
  if (a && age !== null && seatsAsked === null && result.data?.booking === 'summary') result = (await withFamily(ctx, a, age)) ?? result;
  return withNote(result, [note, ageNote].filter(Boolean).join('\n') || undefined);
}

/**
 * The notes say family must come along at the person's age ("75岁以上须家属陪同", QA8 A-L1): the summary
 * asks "要带家属一起报2位吗？" (step 'family': 1 two seats, 2 the person alone, 算了 none) instead of
 * offering one seat. Only when two seats may be booked and are free; null otherwise.
 */
async function withFamily(ctx: SkillContext, a: Activity, age: number): Promise<SkillResult | null> {
  const { services } = ctx;
  const from = familyFromAge(a.notes ?? '');
  if (from === null || age < from || Math.min(a.maxSeatsPerBooking, a.capacity) < 2 || a.capacity - a.seatsTaken < 2) return null;
  const userName = ctx.msg.userName ? { userName: ctx.msg.userName } : {};
  await ctx.dialog.start(CONFIRM_FLOW, 'family', { intent: INTENT, activityId: a.id, seats: 1, family: 2, from, misses: 0, ...userName });
  const vars = { title: a.title, when: formatWhen(a.startAt, services.config.TIMEZONE, services.prompts), place: a.place, from };
  return reply(say(services, 'summary_family', vars), { booking: 'summary_family', activityId: a.id, seats: 1, family: 2 });
}

/** The answer to "要带家属一起报2位吗？": 2 (with family), 1 (alone), false (not booked), or null. */
export function familyChoice(text: string): 1 | 2 | false | null {
  const n = parseChoice(text);
  if (n === 1) return 2;
  if (n === 2) return 1;
  const seats = parseSeats(text);
  if (seats === 1 || seats === 2) return seats;
  const bare = text.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (/(不带|不用带|不要带|不用家属|不要家属|只报我|就我|我自己|自己去|不用了?$|^不要了?$|^不了$)/u.test(bare)) return 1;
  if (/(带|一起|加上|陪)/u.test(bare) && !/[不别]/u.test(bare)) return 2;
  const yes = yesNo(text);
  return yes === true ? 2 : yes === false ? false : null;
}

async function summarize(ctx: SkillContext, a: Activity | null, seatsAsked: number | null): Promise<SkillResult> {
  const { services } = ctx;
  const { store, clock, config, prompts } = services;
  if (!a) {
    await ctx.dialog.clear();
    return reply(say(services, 'not_found'), { booking: 'not_found' });
  }
  const now = clock.now();
  const vars = { title: a.title, when: formatWhen(a.startAt, config.TIMEZONE, prompts), place: a.place };
  const closed = closedReason(a, now);
  if (closed) {
    await ctx.dialog.clear();
    return reply(say(services, `closed_${closed}`, vars), { booking: 'closed', reason: closed, activityId: a.id });
  }
  const mine = (await store.activities.listByUser(personId(ctx.msg))).find((b) => b.activityId === a.id);
  if (mine) {
    // "老伴又能去了 再给加一个人" / the party named again larger: more seats on the booking, confirmed first.
    const more = seatsWanted(ctx.text, mine.seats, seatsAsked);
    if (more !== null) return prepareRaise(ctx, a, mine, more);
    await ctx.dialog.clear();
    return mine.status === 'waitlisted'
      ? reply(say(services, 'duplicate_waitlisted', { ...vars, position: mine.waitlistPosition ?? '' }), { booking: 'duplicate', activityId: a.id })
      : reply(say(services, 'duplicate_confirmed', { ...vars, seats: mine.seats }), { booking: 'duplicate', activityId: a.id });
  }
  const seats = seatsAsked ?? 1;
  const left = a.capacity - a.seatsTaken;
  if (seats < 1 || seats > Math.min(a.maxSeatsPerBooking, a.capacity)) {
    await ctx.dialog.start(CONFIRM_FLOW, 'seats', { intent: INTENT, activityId: a.id });
    return reply(tooManySeats(services, a, seats, vars), { booking: 'too_many_seats', max: Math.min(a.maxSeatsPerBooking, a.capacity), activityId: a.id });
  }
  const userName = ctx.msg.userName ? { userName: ctx.msg.userName } : {};
  if (left > 0 && left < seats) {
    // Fewer seats left than asked: book those now, or all of them wait together. Nothing is written yet.
    await ctx.dialog.start(CONFIRM_FLOW, 'partial', { intent: INTENT, activityId: a.id, seats, left, misses: 0, ...userName });
    return reply(say(services, 'summary_partial', { ...vars, ...partialVars(services, left, seats) }), { booking: 'summary_partial', activityId: a.id, seats, left });
  }
  await ctx.dialog.start(CONFIRM_FLOW, 'book', { intent: INTENT, activityId: a.id, seats, misses: 0, ...userName });
  const full = a.status === 'full' || left < seats;
  return reply(say(services, full ? 'summary_full' : 'summary', { ...vars, seats }), { booking: 'summary', activityId: a.id, seats, full });
}

/**
 * Why `asked` seats cannot be booked, by the true reason: more than the activity has in all comes
 * first ("只剩1个名额"; all taken: "一共只有1个名额，已经报满了" with the waitlist for what fits), then the
 * per-booking limit (《文体活动报名和管理办法》第五条, maxSeatsPerBooking) — never "每次最多报1位" for an
 * activity of one seat whose limit is 2.
 */
function tooManySeats(services: SkillContext['services'], a: Activity, asked: number, vars: PromptVars): string {
  const left = a.capacity - a.seatsTaken;
  if (asked > a.capacity) {
    return left > 0 ? say(services, 'too_many_seats_left', { ...vars, left, asked }) : say(services, 'too_many_seats_capacity', { ...vars, capacity: a.capacity, asked });
  }
  if (asked < 1 || asked > a.maxSeatsPerBooking) return say(services, 'too_many_seats', { ...vars, max: Math.min(a.maxSeatsPerBooking, a.capacity), asked });
  if (left > 0) return say(services, 'too_many_seats_left', { ...vars, left, asked });
  return say(services, 'too_many_seats_capacity', { ...vars, capacity: a.capacity, asked });
}

/** "只剩1个名额…回复 1 先报1位，回复 2 两位一起排队候补": the numbers of that choice. */
function partialVars(services: SkillContext['services'], left: number, seats: number): { left: number; seats: number; seats_word: string } {
  return { left, seats, seats_word: countWord(seats, services.prompts) };
}

/** The answer to "回复 1 先报N位，回复 2 M位一起排队候补": 'some' (the seats left), 'all' (everyone waits), false (drop), null. */
export function partialChoice(text: string, left: number, seats: number): 'some' | 'all' | false | null {
  const n = parseChoice(text);
  if (n === 1) return 'some';
  if (n === 2) return 'all';
  if (yesNo(text) === false) return false;
  const asked = parseSeats(text);
  if (asked === left) return 'some';
  if (asked === seats || /(排队|候补|一起等|等着|一起)/u.test(text)) return 'all';
  if (/先报/u.test(text)) return 'some';
  return null;
}

/** Why `a` cannot be booked now, or null when it can. */
export function closedReason(a: Activity, now: Date): 'cancelled' | 'closed' | 'past' | 'deadline' | null {
  if (a.status === 'cancelled') return 'cancelled';
  if (a.status === 'closed') return 'closed';
  if (new Date(a.startAt) <= now) return 'past';
  if (a.deadline && new Date(a.deadline) < now) return 'deadline';
  return null;
}

/** The activity_book skill. */
export const activityBook: Skill = async (ctx) => {
  // "停止报名 3" from staff reads as a booking to the router.
  const staff = await staffCommand(ctx);
  if (staff) return staff;
  const { services } = ctx;
  const { clock, config, store, prompts } = services;
  const tz = config.TIMEZONE;
  const text = ctx.text;
  // "那下周的呢" after a list asks for the list of that week, not for a booking (QA8 A-M3).
  if (isListFollowUp(text, clock.now(), tz)) return ctx.redirect('activity_list');
  // "给我报两个" (QA9 A-L2): how many, naming nothing — the seats of what is picked from the list next.
  let seats = parseSeats(text) ?? numberSlot(ctx.route.slots.seats) ?? countOnly(text);
  const list = await upcoming(services);
  // "再加一位" / "老伴也要去" naming no other activity: the booking they hold (the only one, or the one named).
  if (asksMoreSeats(text)) {
    const more = await moreSeats(ctx, list);
    if (more) return more;
  }
  const date = parseDay(text, clock.now(), tz);
  const keyword = keywordOf(text, date && !('error' in date) ? date.text : undefined);

  // A number picks from the last list. The router's number slot counts only when nothing else was said
  // and it reads as a position ("帮我报第3个"), not as a count ("给我报一个").
  const slotNumber = !date && !keyword && /[第号0-9]/u.test(text) ? numberSlot(ctx.route.slots.number) : null;
  const picked = parseChoiceAndSeats(text);
  if (picked?.seats) seats = picked.seats;
  const n = picked?.choice ?? slotNumber;
  if (n !== null) {
    const shown = await loadShown(ctx);
    const ids = shown?.purpose === 'book' ? shown.ids : list.slice(0, MAX_SHOWN).map((a) => a.id);
    const id = ids[n - 1];
    if (!id) return showPickList(ctx, list, say(services, 'pick_again', { max: Math.min(list.length, MAX_SHOWN) }), seats);
    return prepareBooking(ctx, await store.activities.get(id), seats);
  }

  if (date && 'error' in date) {
    await ctx.dialog.clear();
    return reply(say(services, 'date_not_understood', { text: date.error }), { booking: 'bad_date' });
  }
  if (!keyword && !date) {
    // A bare "报名" right after a narrowed list ("有没有下棋的活动"): offer the ones just shown, same numbers.
    // Only when booking is said ("报名", "我要报名"): "活动" / "全部活动" asks for everything.
    const shown = /(报|参加)/u.test(text) && !/(全部|所有|别的|其他|其它)/u.test(text) ? await loadShown(ctx) : null;
    const again = shown?.purpose === 'book' ? shown.ids.map((id) => list.find((a) => a.id === id)).filter((a): a is Activity => a !== undefined) : [];
    if (again.length > 0 && again.length < Math.min(list.length, MAX_SHOWN)) return showPickList(ctx, again, say(services, 'list_title_shown'), seats);
    return showPickList(ctx, list, say(services, 'list_title'), seats);
  }

  const now = clock.now();
  // Past, cancelled and closed activities take part in the match so that naming one gets its own answer.
  const gone = (await store.activities.list({ includeCancelled: true })).filter((a) => !list.some((u) => u.id === a.id));
  const dayText = date ? formatDay(date.day, prompts, date.last) : '';
  const isOnDay = (a: Activity) => (date ? onDay(a.startAt, date, tz) : true);

  if (!keyword) {
    const onDate = list.filter(isOnDay);
    if (onDate.length === 1) return prepareBooking(ctx, onDate[0]!, seats);
    if (onDate.length > 1) return showPickList(ctx, onDate, say(services, 'candidates_title'), seats);
    // Nothing to book that day: say why for the ones that are there (full up, cancelled, closed), then the rest.
    const why = gone.filter((a) => isOnDay(a) && new Date(a.startAt).getTime() > now.getTime() - 86_400_000).map((a) => {
      const vars = { title: a.title, when: formatWhen(a.startAt, tz, prompts), place: a.place };
      return say(services, `closed_${closedReason(a, now) ?? 'closed'}_short`, vars);
    });
    return showPickList(ctx, list, [...why, say(services, 'no_match_for_date', { date: dayText })].join('\n'), seats);
  }

  const best = matchByKeyword(keyword, [...list, ...gone]);
  let named = best.filter((a) => list.includes(a));
  if (named.length === 0 && best.length > 0) {
    // Only past, cancelled or closed activities have that name: say so.
    const theirs = best.filter(isOnDay);
    if (theirs.length === 1 || (!date && best.length === 1)) return prepareBooking(ctx, (theirs[0] ?? best[0])!, seats);
  }
  const kind = askedCategory(text, ctx.route.slots.category);
  if (named.length === 0 && kind) named = list.filter((a) => a.category === kind);
  let note: string | undefined;
  if (named.length === 0) {
    const guess = closestByChars(keyword, list);
    if (guess) {
      named = [guess];
      note = say(services, 'did_you_mean', { what: keyword, title: guess.title });
    }
  }
  // Only a name is quoted ("没有找到跳伞的活动"); leftovers never are ("没有找到您说的活动").
  if (named.length === 0) return showPickList(ctx, list, quotable(keyword) ? say(services, 'list_none_match', { what: keyword }) : say(services, 'list_none_match_plain'), seats);

  if (date) {
    const onDate = named.filter(isOnDay);
    if (onDate.length === 1) return prepareBooking(ctx, onDate[0]!, seats, note);
    if (onDate.length > 1) return showPickList(ctx, onDate, [note, say(services, 'candidates_title')].filter(Boolean).join('\n'), seats);
    // The name and the date disagree: offer what exists on its own date rather than "not found".
    const what = note ? `「${named[0]!.title}」` : keyword;
    if (named.length === 1) {
      const a = named[0]!;
      return prepareBooking(ctx, a, seats, say(services, 'other_day_one', { date: dayText, what, title: a.title, when: formatWhen(a.startAt, tz, prompts) }));
    }
    return showPickList(ctx, named, say(services, 'other_day_many', { date: dayText, what }), seats);
  }
  if (named.length === 1) return prepareBooking(ctx, named[0]!, seats, note);
  return showPickList(ctx, named, [note, say(services, 'candidates_title')].filter(Boolean).join('\n'), seats);
};

/** True when `text` names an activity, a kind of activity ("下棋那个") or a date: the user asks for another one. */
export async function namesActivity(ctx: SkillContext, text: string): Promise<boolean> {
  const { services } = ctx;
  // A choice is short; a long story that mentions chess, or a question about it, is not a request for another activity.
  if ([...text.trim()].length > 20 || ASKING.test(text)) return false;
  if (dayOf(text, services.clock.now(), services.config.TIMEZONE)) return true;
  const keyword = keywordOf(text);
  if (!keyword) return false;
  const all = await services.store.activities.list({ from: services.clock.now(), includeCancelled: true });
  const category = categoryOf(text);
  return matchByKeyword(keyword, all).length > 0 || closestByChars(keyword, all) !== null || (category !== null && all.some((a) => a.category === category));
}

/**
 * activity_book on the text said inside a flow, with the slots a fresh message would have had; `seats`
 * (the party of the summary being replaced, "不对 我要的是象棋") counts when the text names none.
 */
export function bookAfresh(ctx: SkillContext, seats?: number): Promise<SkillResult> {
  const slots = extractSlots(ctx.text);
  if (seats !== undefined && seats > 1 && parseSeats(ctx.text) === null) slots.seats = seats;
  return activityBook({ ...ctx, route: { intent: INTENT, confidence: 1, slots, source: 'dialog' } });
}

/** Flow 'activities.confirm', steps 'book', 'partial' (fewer seats left than asked), 'family' (family asked along) and 'seats'. */
export const confirmBooking: FlowHandler = async (ctx) => {
  const { services, state } = ctx;
  const { store, config, prompts } = services;
  const activityId = String(state.data.activityId);
  if (state.step === 'partial') {
    const left = Number(state.data.left ?? 1);
    const asked = Number(state.data.seats ?? 2);
    const choice = partialChoice(ctx.text, left, asked);
    if (choice === null) {
      if (await dropsThisOne(ctx, activityId)) return dropSummary(ctx);
      // A question or another request: the router answers it and the summary waits beside it (parked.ts).
      if (isOtherRequest(ctx.text, INTENT)) return askAside(ctx);
      if (await namesActivity(ctx, ctx.text)) return bookAfresh(ctx);
      if (missedTwice(ctx.text, state.data)) return setAside(ctx);
      await ctx.dialog.start(CONFIRM_FLOW, state.step, { ...state.data, misses: 1 });
      const a = await store.activities.get(activityId);
      return reply(a ? say(services, 'confirm_again_partial', { title: a.title, ...partialVars(services, left, asked) }) : say(services, 'confirm_again'));
    }
    await ctx.dialog.clear();
    if (choice === false) return reply(say(services, 'book_dropped'), { booking: 'dropped' });
    // Seats are counted again now (the summary may have waited, parked.ts): enough for everyone since, all are booked.
    const current = await store.activities.get(activityId);
    const everyone = choice === 'some' && current !== null && current.capacity - current.seatsTaken >= asked;
    return writeBooking(ctx, activityId, choice === 'some' && !everyone ? left : asked, choice === 'all');
  }
  if (state.step === 'family') {
    const choice = familyChoice(ctx.text);
    if (choice === null) {
      if (isOtherRequest(ctx.text, INTENT)) return askAside(ctx);
      if (await namesActivity(ctx, ctx.text)) return bookAfresh(ctx);
      if (missedTwice(ctx.text, state.data)) return setAside(ctx);
      await ctx.dialog.start(CONFIRM_FLOW, state.step, { ...state.data, misses: 1 });
      const a = await store.activities.get(activityId);
      return reply(a ? say(services, 'confirm_again_family', { title: a.title }) : say(services, 'confirm_again'));
    }
    await ctx.dialog.clear();
    if (choice === false) return reply(say(services, 'book_dropped'), { booking: 'dropped' });
    return writeBooking(ctx, activityId, choice, false);
  }
  if (state.step === 'seats') {
    // "就两个" / "算了 就两个" / "那就两位" answer "请告诉我报几位": a count, not a cancel (QA9 A-M6).
    const seats = parseSeats(ctx.text) ?? parseChoice(ctx.text) ?? bareCount(ctx.text);
    if (seats !== null) return prepareBooking(ctx, await store.activities.get(activityId), seats);
    if (yesNo(ctx.text) === false) {
      await ctx.dialog.clear();
      return reply(say(services, 'book_dropped'), { booking: 'dropped' });
    }
    if (isOtherRequest(ctx.text, INTENT)) return stepAside(ctx);
    // Another activity named instead ("还是报门球吧"): start over with it.
    if (await namesActivity(ctx, ctx.text)) return bookAfresh(ctx);
    return { replies: [], passThrough: true };
  }
  const answer = yesNo(ctx.text);
  if (answer === null) {
    const before = Number(state.data.seats ?? 1);
    // "行 俺俩都去": a yes with the party (QA9 A-M5) books that party, saying so when it changed.
    const yesSeats = yesWithSeats(ctx.text);
    // "再加一个人" at the summary counts on from its party; "两个人" / "那能带老伴不" says the whole party.
    const seats = yesSeats ?? (asksMoreSeats(ctx.text) ? seatsWanted(ctx.text, before, null) : parseSeats(ctx.text));
    if (seats !== null) {
      const a = await store.activities.get(activityId);
      const spouse = spouseNamed(ctx.text);
      const note = seats !== before ? say(services, 'seats_changed', { seats, who: spouse && seats === 2 ? say(services, 'seats_with', { who: spouse }) : '' }) : undefined;
      if (yesSeats !== null && a && (seats === before || plainSummary(a, seats, services.clock.now()))) {
        await ctx.dialog.clear();
        return withNote(await writeBooking(ctx, activityId, seats, false), note);
      }
      return prepareBooking(ctx, a, seats, note);
    }
    // "我今年82了 能去不" (QA9 A-M7): the activity's own notes answer an age, as in a first message.
    if (statedAge(ctx.text) !== null) {
      const a = await store.activities.get(activityId);
      if (a?.notes?.trim()) return prepareBooking(ctx, a, before > 1 ? before : null);
    }
    // "取消冬季健康讲座" at its own summary: not booking it is what is meant.
    if (await dropsThisOne(ctx, activityId)) return dropSummary(ctx);
    // A question or another request ("我的报名", "我要投诉"): the router answers it and the summary waits
    // beside it, restated after the answer (parked.ts).
    if (isOtherRequest(ctx.text, INTENT)) return askAside(ctx);
    // A change of mind to another activity ("还是报掼蛋比赛吧", "不对 我要的是象棋"): start over with that one,
    // for as many people as before. The summary being replaced is never left waiting for a "1".
    if (await namesActivity(ctx, ctx.text)) return bookAfresh(ctx, Number(state.data.seats ?? 1));
    // "不对" / "说错了" without a name that matches: this summary is not wanted; offer the list to pick from.
    if (CORRECTION.test(ctx.text.trim())) return showPickList(ctx, await upcoming(services), say(services, 'corrected_pick'), Number(state.data.seats ?? 1));
    if (missedTwice(ctx.text, state.data)) return setAside(ctx);
    await ctx.dialog.start(CONFIRM_FLOW, state.step, { ...state.data, misses: 1 });
    const a = await store.activities.get(activityId);
    return reply(a ? say(services, 'confirm_again_book', { title: a.title, when: formatWhen(a.startAt, config.TIMEZONE, prompts) }) : say(services, 'confirm_again'));
  }
  await ctx.dialog.clear();
  if (!answer) return reply(say(services, 'book_dropped'), { booking: 'dropped' });
  return writeBooking(ctx, activityId, Number(state.data.seats ?? 1), false);
};

/** "给我报两个" / "帮我报俩": a count of two or more and nothing else; null otherwise. */
function countOnly(text: string): number | null {
  const m = /^(?:请|麻烦你?)?(?:帮我|给我|我要|我想)?(?:报|报名)\s*((?<!\d)[2-9]|[两俩二三四五])\s*个?[\s吧。！!~]*$/u.exec(text.trim());
  return m ? (/^\d$/u.test(m[1]!) ? Number(m[1]) : smallNumber(m[1]!)) : null;
}

/** A bare count answering "报几位" ("就两个", "算了 就两个", "两个吧"): the number, or null. */
function bareCount(text: string): number | null {
  const m = /^(?:算了|那|那就|就|还是|报|那就报|就报|还是报|[\s，,。])*((?<!\d)\d{1,2}|[一二两俩三四五六七八九十]{1,3})\s*个?\s*(?:吧|啊|呀|了|人|位)?[\s。！!~]*$/u.exec(text.trim());
  return m ? (/^\d+$/u.test(m[1]!) ? Number(m[1]) : smallNumber(m[1]!)) : null;
}

/** True when `seats` at `a` now make a plain summary (open, within the limit, seats free): a yes may book them at once. */
function plainSummary(a: Activity, seats: number, now: Date): boolean {
  return closedReason(a, now) === null && seats >= 1 && seats <= Math.min(a.maxSeatsPerBooking, a.capacity) && a.capacity - a.seatsTaken >= seats;
}

/**
 * Sets the summary aside for a question or another request (parked.ts). A question no rule knows
 * ("讲座要钱不", QA9 A-M5) is asked of the policy answers: the classifier would guess an activity intent
 * from the activity word in it and show a list instead of an answer.
 */
async function askAside(ctx: Parameters<FlowHandler>[0]): Promise<SkillResult> {
  const aside = await setAside(ctx);
  if (matchRules(ctx.text) === null && isQuestion(ctx.text)) return ctx.redirect('policy_query');
  return aside;
}

/** Words that drop what is being asked about ("取消…", "不报…了", "…不去了"). */
const DROP_WORDS = /(取消|不报|不去|不参加|算了)/u;

/** True when the text drops the activity of the summary by name ("取消冬季健康讲座") and no booking of it is held. */
async function dropsThisOne(ctx: SkillContext, activityId: string): Promise<boolean> {
  if (!DROP_WORDS.test(ctx.text)) return false;
  const a = await ctx.services.store.activities.get(activityId);
  if (!a || matchByKeyword(keywordOf(ctx.text), [a]).length !== 1) return false;
  return !(await ctx.services.store.activities.listByUser(personId(ctx.msg))).some((b) => b.activityId === activityId);
}

async function dropSummary(ctx: SkillContext): Promise<SkillResult> {
  await ctx.dialog.clear();
  return reply(say(ctx.services, 'book_dropped'), { booking: 'dropped' });
}

/** Books `seats` (the user has just confirmed) and says how it went; `together`: they chose to wait together. */
async function writeBooking(ctx: Parameters<FlowHandler>[0], activityId: string, seats: number, together: boolean): Promise<SkillResult> {
  const { services, state } = ctx;
  const { store, clock, config, prompts } = services;
  const now = clock.now();
  const userName = ctx.msg.userName ?? (typeof state.data.userName === 'string' ? state.data.userName : undefined);
  const chat = chatRefOf(ctx.msg);
  const outcome = await store.activities.book(
    { activityId, userId: personId(ctx.msg), ...(userName ? { userName } : {}), seats, chat: userName ? { ...chat, userName } : chat },
    now,
  );
  const a = await store.activities.get(activityId);
  const vars = a ? { title: a.title, when: formatWhen(a.startAt, config.TIMEZONE, prompts), place: a.place, seats } : { seats };
  switch (outcome.status) {
    case 'confirmed':
    case 'waitlisted':
      await store.audit({ at: now.toISOString(), actor: `user:${personId(ctx.msg)}`, action: `activity.${outcome.status}`, subject: `activity:${activityId}`, detail: { seats } });
      return outcome.status === 'confirmed'
        ? reply(say(services, 'booked', { ...vars, remind: say(services, `booked_remind.${remindersAhead(a, now)}`) }), { booking: 'confirmed', activityId, seats })
        : reply(say(services, together ? 'waitlisted_together' : 'waitlisted', { ...vars, seats_word: countWord(seats, prompts), position: outcome.position }), {
            booking: 'waitlisted',
            activityId,
            seats,
            position: outcome.position,
          });
    case 'duplicate':
      return outcome.booking.status === 'waitlisted'
        ? reply(say(services, 'duplicate_waitlisted', { ...vars, position: outcome.booking.waitlistPosition ?? '' }), { booking: 'duplicate', activityId })
        : reply(say(services, 'duplicate_confirmed', { ...vars, seats: outcome.booking.seats }), { booking: 'duplicate', activityId });
    case 'closed':
      return reply(say(services, `closed_${outcome.reason}`, vars), { booking: 'closed', reason: outcome.reason, activityId });
    case 'too_many_seats':
      await ctx.dialog.start(CONFIRM_FLOW, 'seats', { intent: INTENT, activityId });
      return reply(a ? tooManySeats(services, a, seats, vars) : say(services, 'confirm_again'), { booking: 'too_many_seats', activityId });
    case 'not_found':
      return reply(say(services, 'not_found'), { booking: 'not_found' });
  }
}

/** Which reminders a booking made now will get: each is created only while its due time is still ahead. */
function remindersAhead(a: Activity | null, now: Date): 'both' | 'two_hours' | 'none' {
  if (!a) return 'none';
  const left = new Date(a.startAt).getTime() - now.getTime();
  if (left > REMINDER_OFFSETS.day_before) return 'both';
  if (left > REMINDER_OFFSETS.two_hours) return 'two_hours';
  return 'none';
}
