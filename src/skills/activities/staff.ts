/** Staff in a private chat: "活动管理"/"活动列表" lists every activity with ids and counts; "取消活动 ID" cancels one. */
import type { FlowHandler, SkillContext, SkillResult } from '../types.js';
import { formatWhen } from './format.js';
import { yesNo } from './parse.js';
import { CONFIRM_FLOW, reply, say } from './common.js';
import { cancelActivityAndNotify } from './actions.js';

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
      status: prompts.t(`activities.status_labels.${a.status}`),
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
  const done = await cancelActivityAndNotify(services, String(state.data.activityId), `staff:${ctx.msg.channel}:${ctx.msg.userId}`);
  if (!done) return reply(say(services, 'staff_not_found', { id: String(state.data.activityId) }));
  return reply(say(services, 'staff_cancelled', { id: done.activity.id, title: done.activity.title, count: done.told.length }), { cancel: 'activity_cancelled', told: done.told.length });
};
