/** Small helpers shared by the activity skills: chat refs, the last list shown, upcoming activities. */
import type { ChatRef, Inbound } from '../../core/types.js';
import type { Activity } from '../../store/activity-types.js';
import type { Services } from '../../services.js';
import type { SkillContext, SkillResult } from '../types.js';
import type { PromptVars } from '../../core/prompts.js';
import { personInChat } from '../../core/person.js';

/** Most activities shown in one list (9 is the staff escape, so lists stay below it). */
export const MAX_SHOWN = 8;

/** Flow names of this module. */
export const PICK_FLOW = 'activities.pick';
export const CONFIRM_FLOW = 'activities.confirm';

/** What a number in the next message refers to. */
export interface Shown {
  purpose: 'book' | 'cancel';
  ids: string[];
  /** The kind the list was narrowed to ("有没有下棋的活动": 棋牌), for a follow-up ("那下周的呢"). */
  kind?: string;
}

/** Where a booking was made: reminders and promotions go back there (userId: the platform's own id, for @-mentions). */
export function chatRefOf(msg: Inbound): ChatRef {
  return {
    channel: msg.channel,
    chatId: msg.chatId,
    chatType: msg.chatType,
    userId: msg.userId,
    ...(msg.userName ? { userName: msg.userName } : {}),
  };
}

function shownKey(msg: Inbound): string {
  return `activities.shown:${personInChat(msg)}`;
}

/** Remembers the numbered list just shown, so "报名2" later still means the same activity. */
export async function saveShown(ctx: SkillContext, shown: Shown): Promise<void> {
  const { store, clock, config } = ctx.services;
  const now = clock.now();
  await store.setDialog(shownKey(ctx.msg), { flow: 'activities.shown', step: shown.purpose, data: { ...shown }, updatedAt: now.toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, now);
}

/** The numbered list last shown to this user in this chat, if still fresh. */
export async function loadShown(ctx: SkillContext): Promise<Shown | null> {
  const state = await ctx.services.store.getDialog(shownKey(ctx.msg), ctx.services.clock.now());
  return state ? (state.data as unknown as Shown) : null;
}

/** Activities people can still sign up for (or queue for), soonest first. */
export async function upcoming(services: Services): Promise<Activity[]> {
  const now = services.clock.now();
  const list = await services.store.activities.list({ from: now });
  return list.filter(
    (a) => (a.status === 'open' || a.status === 'full') && new Date(a.startAt) > now && (!a.deadline || new Date(a.deadline) >= now),
  );
}

/** `prompts.t('activities.<key>')`. */
export function say(services: Services, key: string, vars: PromptVars = {}): string {
  return services.prompts.t(`activities.${key}`, vars);
}

/** A result of one or more texts, with structured data for the HTTP API. */
export function reply(texts: string | string[], data?: Record<string, unknown>): SkillResult {
  const list = Array.isArray(texts) ? texts : [texts];
  return { replies: list.map((text) => ({ text })), ...(data ? { data } : {}) };
}

/** A number slot from the router, when it is one. */
export function numberSlot(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}
