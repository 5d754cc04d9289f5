/**
 * Staff in a private chat: "活动管理"/"活动列表" lists every activity with ids and counts;
 * "新增活动 标题，时间，地点，名额" adds one; "取消活动 ID" cancels one. Each asks to confirm first.
 */
import type { FlowHandler, SkillContext, SkillResult } from '../types.js';
import { formatWhen } from './format.js';
import { yesNo } from './parse.js';
import { CONFIRM_FLOW, reply, say } from './common.js';
import { cancelActivityAndNotify } from './actions.js';
import { parseStaffActivity, STAFF_ADD } from './staff-add.js';
import { personId } from '../../core/person.js';
import { signupState } from '../../store/activity-types.js';

const STAFF_LIST = /(活动管理|管理活动|活动列表|全部活动)/u;
const STAFF_CANCEL = /^(?:取消活动|活动取消)\s*(\d{1,9})$/u;

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
