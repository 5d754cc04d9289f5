/**
 * Activities for retirees: list, book (with waitlist), cancel, my bookings. Flows:
 * 'activities.pick' (a numbered list is waiting for a number) and 'activities.confirm'
 * (a summary is waiting for "1"/"2"; steps book, seats, cancel, cancel_all).
 */
import type { FlowHandler, LeaveNote, SkillModule } from '../types.js';
import { CONFIRM_FLOW, PICK_FLOW, reply, say } from './common.js';
import { activityBook, bookAfresh, confirmBooking, isOtherRequest, namesActivity, prepareBooking, raisePicked, stepAside } from './book.js';
import { activityCancel, confirmCancel, prepareCancel } from './cancel.js';
import { activityList, myBookingsSkill } from './list.js';
import { isListFollowUp, keywordOf, matchByKeyword, parseChoiceAndSeats } from './parse.js';
import { confirmRaise } from './raise.js';
import { confirmStaffAdd, confirmStaffCancel, confirmStaffSignup, isStaffCommand } from './staff.js';

export { startActivityJobs, runReminderTick } from './jobs.js';
export { cancelActivityAndNotify, cancelBooking, notifyPromoted } from './actions.js';

/** A number (or a name) picks from the list shown; anything else goes back to the router. */
const pick: FlowHandler = async (ctx) => {
  const { services, state } = ctx;
  const ids = (state.data.ids as string[] | undefined) ?? [];
  if (isStaffCommand(ctx)) return stepAside(ctx);
  const picked = parseChoiceAndSeats(ctx.text);
  const n = picked?.choice ?? null;
  let id: string | undefined;
  if (n !== null) {
    id = ids[n - 1];
    if (!id) return reply(say(services, 'pick_again', { max: ids.length }));
  } else {
    // "取消健康讲座" under a list to book from, "我的报名", a question: the router answers it.
    if (isOtherRequest(ctx.text, state.data.purpose === 'cancel' ? 'activity_cancel' : 'activity_book')) return stepAside(ctx);
    const listed = (await Promise.all(ids.map((x) => services.store.activities.get(x)))).filter((a) => a !== null);
    const named = matchByKeyword(keywordOf(ctx.text), listed);
    if (named.length !== 1) {
      // "12月9号的" / "下棋那个" / "取消象棋比赛": a name or a date instead of a number.
      if (state.data.purpose === 'cancel') return /(取消|退)/u.test(ctx.text) ? activityCancel(ctx) : { replies: [], passThrough: true };
      // "那下周的呢": the list again for that week (of the kind just shown, when it was narrowed to one).
      if (isListFollowUp(ctx.text, services.clock.now(), services.config.TIMEZONE)) return ctx.redirect('activity_list');
      // A question ("这周末有什么活动") is a new request for the router, not a choice.
      if (await namesActivity(ctx, ctx.text)) return bookAfresh(ctx);
      return { replies: [], passThrough: true };
    }
    id = named[0]!.id;
  }
  const activity = await services.store.activities.get(id);
  // A pick after "再加一个人" with several bookings: "从1位改成2位" for that one.
  if (state.data.purpose === 'raise') return raisePicked(ctx, activity, String(state.data.said ?? ''));
  if (state.data.purpose === 'cancel') {
    if (!activity) return reply(say(services, 'not_found'));
    // A pick after "老伴去不了了 就我一个人去": the summary lowers the booking, as the words asked.
    return prepareCancel(ctx, activity, typeof state.data.said === 'string' ? state.data.said : undefined);
  }
  return prepareBooking(ctx, activity, picked?.seats ?? (typeof state.data.seats === 'number' ? state.data.seats : null));
};

const confirm: FlowHandler = async (ctx) => {
  // Another staff command ("停止报名 4" while confirming something else): it starts afresh.
  if (isStaffCommand(ctx)) return stepAside(ctx);
  if (ctx.state.step === 'staff_cancel') return confirmStaffCancel(ctx);
  if (ctx.state.step === 'staff_close' || ctx.state.step === 'staff_reopen') return confirmStaffSignup(ctx);
  if (ctx.state.step === 'staff_add') return confirmStaffAdd(ctx);
  if (ctx.state.step === 'raise') return confirmRaise(ctx);
  return ctx.state.step === 'cancel' || ctx.state.step === 'cancel_all' ? confirmCancel(ctx) : confirmBooking(ctx);
};

/**
 * "0" / "9" at a confirmation: one line saying what was not done ("「掼蛋比赛」还没有报上。"), before the
 * menu or the staff contact. Every step of 'activities.confirm' waits for a "1" that writes something.
 */
const leaveConfirm: LeaveNote = async ({ services, state }) => {
  const data = state.data;
  const step = state.step;
  if (step === 'cancel_all') return { text: say(services, 'left_cancel_all') };
  if (step === 'staff_add') {
    const draft = data.draft as { title?: unknown } | undefined;
    return typeof draft?.title === 'string' ? { text: say(services, 'left_staff_add', { title: draft.title }) } : null;
  }
  const a = data.activityId !== undefined ? await services.store.activities.get(String(data.activityId)) : null;
  if (!a) return null;
  const key = step === 'book' || step === 'partial' || step === 'family' || step === 'seats' ? 'left_book' : `left_${step}`;
  return services.prompts.has(`activities.${key}`) ? { text: say(services, key, { id: a.id, title: a.title }) } : null;
};

export const activitySkills: SkillModule = {
  intents: {
    activity_list: activityList,
    activity_book: activityBook,
    activity_cancel: activityCancel,
    my_bookings: myBookingsSkill,
  },
  flows: {
    [PICK_FLOW]: pick,
    [CONFIRM_FLOW]: confirm,
  },
  leaving: {
    [CONFIRM_FLOW]: leaveConfirm,
  },
};
