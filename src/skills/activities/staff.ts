/**
 * Staff in a private chat: "活动管理"/"活动列表" lists every activity with ids and counts;
 * "新增活动 标题，时间，地点，名额" adds one; "停止报名 ID" / "恢复报名 ID" stops or reopens sign-up
 * (bookings kept, nobody told); "取消活动 ID" cancels one. Each asks to confirm first. "名单 ID" shows
 * who signed up (read-only, no confirmation).
 */
import type { FlowHandler, SkillContext, SkillResult } from '../types.js';
import { formatWhen } from './format.js';
import { yesNo } from './parse.js';
import { CONFIRM_FLOW, reply, say } from './common.js';
import { cancelActivityAndNotify, setSignup } from './actions.js';
import { parseStaffActivity, STAFF_ADD } from './staff-add.js';
import { personId } from '../../core/person.js';
import { signupState, type Activity } from '../../store/activity-types.js';
import { staffRosterTarget } from '../../core/router/staff-rules.js';
import { rosterText } from './roster-chat.js';

const STAFF_LIST = /(活动管理|管理活动|活动列表|全部活动)/u;
const STAFF_CANCEL = /^(?:取消活动|活动取消)\s*(\d{1,9})$/u;

/** Words that stop sign-up ("停止报名") or open it again ("恢复报名"), with the verb split off ("停止书法班的报名"). */
const CLOSE_VERB = '停止|关闭|截止|结束|暂停|关掉|停掉';
const OPEN_VERB = '恢复|重新开放|重新打开|重新开始|开放|打开|重开';
const VERB = `${CLOSE_VERB}|${OPEN_VERB}`;
const SIGNUP_FORMS = [
  new RegExp(`^(${VERB})报名[\\s:：]*(.*)$`, 'u'), // 停止报名 3 / 停止报名书法班
  new RegExp(`^报名(${VERB})[\\s:：]*(.*)$`, 'u'), // 报名截止 3
  new RegExp(`^(${VERB})(.+?)的?报名$`, 'u'), // 停止3号活动的报名
].map((re) => ({ re, verb: 1, target: 2 }));
const SIGNUP_FORMS_AFTER = [
  new RegExp(`^(.+?)的?(?:报名)?(${VERB})报名$`, 'u'), // 3号活动停止报名
  new RegExp(`^(.+?)的?报名(${VERB})$`, 'u'), // 书法班报名截止
].map((re) => ({ re, verb: 2, target: 1 }));
/** "3" / "3号" / "活动3" / "第3个活动" / "编号3": an activity id as staff see it in the list. */
const ID_TARGET = /^(?:活动)?(?:编号|第)?(\d{1,9})(?:号|个)?(?:活动)?$/u;

/** A staff request to stop (open false) or reopen sign-up, and what it names (an id, a title, or nothing). */
export function parseSignupCommand(text: string): { open: boolean; target: string } | null {
  const t = text.trim().replace(/[。！!.\s]+$/u, '');
  if (/[？?吗]/u.test(t)) return null;
  for (const form of [...SIGNUP_FORMS, ...SIGNUP_FORMS_AFTER]) {
    const m = form.re.exec(t);
    if (!m) continue;
    const verb = m[form.verb]!;
    const target = m[form.target]!.replace(/[\s「」《》“”"']/gu, '').replace(/(的|了|吧|啊|呀)+$/u, '');
    return { open: new RegExp(`^(${OPEN_VERB})$`, 'u').test(verb), target };
  }
  return null;
}

/** True when a staff member's message is one of the staff activity commands. */
export function isStaffCommand(ctx: SkillContext): boolean {
  if (!ctx.isStaff) return false;
  const t = ctx.text.trim();
  return STAFF_CANCEL.test(t) || STAFF_ADD.test(t) || parseSignupCommand(t) !== null || staffRosterTarget(t) !== null;
}

/** The activity a staff command names: by id, or by a title only one activity (not cancelled, not over) has. */
async function namedActivity(ctx: SkillContext, target: string): Promise<Activity | null> {
  const { store, clock } = ctx.services;
  const id = ID_TARGET.exec(target)?.[1];
  if (id) return store.activities.get(id);
  if (!target) return null;
  const name = target.replace(/(活动|那个|这个)$/u, '');
  const open = await store.activities.list({ from: clock.now() });
  const hits = open.filter((a) => a.title === name || a.title.includes(name) || (name.includes(a.title) && a.title.length >= 2));
  return hits.length === 1 ? hits[0]! : null;
}

/** People (seats) booked and waiting, as staff count them. */
async function headcount(ctx: SkillContext, id: string): Promise<{ booked: number; waiting: number }> {
  const { confirmed, waitlist } = await ctx.services.store.activities.listByActivity(id);
  const seats = (list: { seats: number }[]) => list.reduce((n, b) => n + b.seats, 0);
  return { booked: seats(confirmed), waiting: seats(waitlist) };
}

/** "停止报名 3" / "恢复报名 3" from staff: the summary to confirm, or why not; null when the text is not that command. */
export async function staffSignup(ctx: SkillContext): Promise<SkillResult | null> {
  const cmd = ctx.isStaff ? parseSignupCommand(ctx.text) : null;
  if (!cmd) return null;
  const { services } = ctx;
  const { clock, config, prompts } = services;
  const a = await namedActivity(ctx, cmd.target);
  if (!a) {
    // No id, or a name that is not one activity: the list with ids, and how to say it.
    const verb = cmd.open ? say(services, 'staff_verb_reopen') : say(services, 'staff_verb_close');
    return listAfter(ctx, unknownTarget(ctx, cmd.target) + say(services, 'staff_signup_which', { verb }), { signup: 'which' });
  }
  const vars = { id: a.id, title: a.title, when: formatWhen(a.startAt, config.TIMEZONE, prompts) };
  if (a.status === 'cancelled') return reply(say(services, 'staff_cancelled_activity', vars), { signup: 'cancelled', activityId: a.id });
  const state = signupState(a, clock.now());
  if (state === 'started' || (state === 'deadline' && !cmd.open)) {
    return reply(say(services, 'staff_signup_over', { ...vars, state: prompts.t(`activities.status_labels.${state}`) }), { signup: 'over', activityId: a.id });
  }
  if (!cmd.open && a.status === 'closed') return reply(say(services, 'staff_already_closed', vars), { signup: 'unchanged', activityId: a.id });
  if (cmd.open && a.status !== 'closed') return reply(say(services, 'staff_already_open', vars), { signup: 'unchanged', activityId: a.id });
  const step = cmd.open ? 'staff_reopen' : 'staff_close';
  await ctx.dialog.start(CONFIRM_FLOW, step, { intent: 'activity_list', activityId: a.id });
  return reply(say(services, `${step}_summary`, { ...vars, ...(await headcount(ctx, a.id)) }), { signup: 'summary', activityId: a.id, open: cmd.open });
}

/** Why a target named no activity: "没有编号为 424242 的活动。", "没有找到“象棋”这个活动…", or '' when nothing was named. */
function unknownTarget(ctx: SkillContext, target: string): string {
  const id = ID_TARGET.exec(target)?.[1];
  if (id) return say(ctx.services, 'staff_not_found', { id });
  return target ? say(ctx.services, 'staff_signup_unknown', { what: target }) : '';
}

/** The staff list with ids, after `lead` ("没有编号为 424242 的活动。请说“名单 编号”…"). */
async function listAfter(ctx: SkillContext, lead: string, data: Record<string, unknown>): Promise<SkillResult> {
  const list = await staffList(ctx);
  return { ...list, replies: [{ text: `${lead}\n${list.replies[0]!.text}` }], data: { ...list.data, ...data } };
}

/** "名单 3" / "3号活动名单" / "谁报名了 3" from staff: who is booked and waiting; null when the text is not that request. */
export async function staffRoster(ctx: SkillContext): Promise<SkillResult | null> {
  const target = ctx.isStaff ? staffRosterTarget(ctx.text) : null;
  if (target === null) return null;
  const { services } = ctx;
  const a = await namedActivity(ctx, target);
  if (!a) {
    return listAfter(ctx, unknownTarget(ctx, target) + say(services, 'staff_roster_which'), { roster: 'which' });
  }
  if (a.status === 'cancelled') return reply(say(services, 'staff_cancelled_activity', { id: a.id, title: a.title }), { roster: 'cancelled', activityId: a.id });
  const { confirmed, waitlist } = await services.store.activities.listByActivity(a.id);
  return reply(rosterText(services, a, confirmed, waitlist), { roster: 'shown', activityId: a.id, booked: confirmed.length, waiting: waitlist.length });
}

/** Flow 'activities.confirm', steps 'staff_close' and 'staff_reopen'. */
export const confirmStaffSignup: FlowHandler = async (ctx) => {
  const { services, state } = ctx;
  const answer = yesNo(ctx.text);
  if (answer === null) return { replies: [], passThrough: true };
  await ctx.dialog.clear();
  const open = state.step === 'staff_reopen';
  if (!answer) return reply(say(services, open ? 'staff_reopen_dropped' : 'staff_close_dropped'), { signup: 'dropped' });
  const id = String(state.data.activityId);
  const change = await setSignup(services, id, open, `staff:${personId(ctx.msg)}`);
  if (change.status === 'not_found') return reply(say(services, 'staff_not_found', { id }));
  const a = change.status === 'cancelled' ? await services.store.activities.get(id) : change.activity;
  const vars = { id, title: a?.title ?? '' };
  if (change.status === 'cancelled') return reply(say(services, 'staff_cancelled_activity', vars), { signup: 'cancelled', activityId: id });
  if (change.status === 'unchanged') return reply(say(services, open ? 'staff_already_open' : 'staff_already_closed', vars), { signup: 'unchanged', activityId: id });
  if (open) return reply(say(services, 'staff_reopened', vars), { signup: 'reopened', activityId: id });
  return reply(say(services, 'staff_closed', { ...vars, ...(await headcount(ctx, id)) }), { signup: 'closed', activityId: id });
};

/**
 * Any staff activity command said to any activity intent ("停止报名 3" reads as a booking to the
 * router, "取消活动 3" as a cancellation): the staff answer, or null for everyone else.
 */
export async function staffCommand(ctx: SkillContext): Promise<SkillResult | null> {
  if (!ctx.isStaff) return null;
  if (isStaffAdd(ctx)) return staffAdd(ctx);
  return (await staffRoster(ctx)) ?? (await staffSignup(ctx)) ?? (await staffCancel(ctx));
}

/** True when a staff member asks for the staff view of the activities. */
export function isStaffList(ctx: SkillContext): boolean {
  return ctx.isStaff && STAFF_LIST.test(ctx.text);
}

/** The staff list: id, title, time, taken/capacity, waitlist, status. */
export async function staffList(ctx: SkillContext): Promise<SkillResult> {
  const { services } = ctx;
  const { store, clock, config, prompts } = services;
  const list = await store.activities.list({ from: clock.now(), includeCancelled: true });
  if (list.length === 0) return reply(say(services, 'staff_list_empty'), { activities: [] });
  const lines = list.map((a) =>
    say(services, 'staff_list_item', {
      id: a.id,
      title: a.title,
      when: formatWhen(a.startAt, config.TIMEZONE, prompts),
      taken: a.seatsTaken,
      capacity: a.capacity,
      waiting: a.waitlistCount ?? 0,
      status: prompts.t(`activities.status_labels.${signupState(a, clock.now())}`),
    }),
  );
  return reply(`${say(services, 'staff_list_title')}\n${lines.join('\n')}\n${say(services, 'staff_hint')}`, { activities: list.map((a) => a.id) });
}

/** "取消活动 12" from staff: the summary, or null when the text is not that command. */
export async function staffCancel(ctx: SkillContext): Promise<SkillResult | null> {
  const m = ctx.isStaff ? STAFF_CANCEL.exec(ctx.text.trim()) : null;
  if (!m) return null;
  const { services } = ctx;
  const a = await services.store.activities.get(m[1]!);
  if (!a || a.status === 'cancelled') return reply(say(services, 'staff_not_found', { id: m[1] }));
  const { confirmed, waitlist } = await services.store.activities.listByActivity(a.id);
  await ctx.dialog.start(CONFIRM_FLOW, 'staff_cancel', { intent: 'activity_cancel', activityId: a.id, misses: 0 });
  const when = formatWhen(a.startAt, services.config.TIMEZONE, services.prompts);
  return reply(say(services, 'staff_cancel_summary', { id: a.id, title: a.title, when, count: confirmed.length + waitlist.length }), { cancel: 'staff_summary', activityId: a.id });
}

/** Flow 'activities.confirm', step 'staff_cancel'. */
export const confirmStaffCancel: FlowHandler = async (ctx) => {
  const { services, state } = ctx;
  const answer = yesNo(ctx.text, true);
  if (answer === null) return { replies: [], passThrough: true };
  await ctx.dialog.clear();
  if (!answer) return reply(say(services, 'staff_cancel_dropped'));
  const done = await cancelActivityAndNotify(services, String(state.data.activityId), `staff:${personId(ctx.msg)}`);
  if (!done) return reply(say(services, 'staff_not_found', { id: String(state.data.activityId) }));
  return reply(say(services, 'staff_cancelled', { id: done.activity.id, title: done.activity.title, count: done.told.length }), { cancel: 'activity_cancelled', told: done.told.length });
};

/** True when a staff member asks to add an activity. */
export function isStaffAdd(ctx: SkillContext): boolean {
  return ctx.isStaff && STAFF_ADD.test(ctx.text.trim());
}

/** "新增活动 健康讲座，12月10日下午2点，活动中心，50": the summary to confirm, or how to write it. */
export async function staffAdd(ctx: SkillContext): Promise<SkillResult> {
  const { services } = ctx;
  const { config, clock, prompts } = services;
  const parsed = parseStaffActivity(ctx.text.trim(), clock.now(), config.TIMEZONE);
  if ('error' in parsed) return reply(say(services, 'staff_add_usage', { problem: say(services, `staff_add_problem.${parsed.error}`) }));
  await ctx.dialog.start(CONFIRM_FLOW, 'staff_add', { intent: 'activity_list', draft: parsed });
  const when = formatWhen(parsed.startAt, config.TIMEZONE, prompts);
  return reply(say(services, 'staff_add_summary', { title: parsed.title, when, place: parsed.place, capacity: parsed.capacity, category: parsed.category }), { add: 'summary' });
}

/** Flow 'activities.confirm', step 'staff_add'. */
export const confirmStaffAdd: FlowHandler = async (ctx) => {
  const { services, state } = ctx;
  const answer = yesNo(ctx.text);
  if (answer === null) return { replies: [], passThrough: true };
  await ctx.dialog.clear();
  if (!answer) return reply(say(services, 'staff_add_dropped'));
  const draft = state.data.draft as { title: string; category: string; startAt: string; place: string; capacity: number };
  const a = await services.store.activities.create(draft, services.clock.now());
  await services.store.audit({ at: services.clock.now().toISOString(), actor: `staff:${personId(ctx.msg)}`, action: 'activity.add', subject: `activity:${a.id}`, detail: { title: a.title } });
  return reply(say(services, 'staff_added', { id: a.id, title: a.title }), { added: a.id });
};
