/**
 * What the person was doing when they asked for staff with "9" / 转人工 in the middle of a flow
 * (confirming 「掼蛋比赛」, a policy question, a clarifying question): dispatch leaves the flow before the
 * handoff skill runs, so the escape hook (parked.ts parkDraftOnEscape) keeps it in words beside the
 * dialog, and the call-back ticket (actions.ts openHandoffTicket) writes it in and forgets it.
 * A feedback draft being written is not described here: it is parked and the ticket carries it whole.
 */
import type { Inbound } from '../../core/types.js';
import type { Services } from '../../services.js';
import type { DialogState } from '../../store/types.js';
import { personInChat } from '../../core/person.js';
import { clip } from './format.js';

type Chat = Pick<Inbound, 'channel' | 'chatId' | 'userId'>;

/** Store key of the description, beside the person's dialog. */
function doingKey(chat: Chat): string {
  return `${personInChat(chat)}#doing`;
}

/** Flows whose own record says it all (a feedback draft is parked; a rating or a reminder is no task). */
const NOT_DESCRIBED = new Set(['feedback.parked', 'feedback.rating', 'handoff.confirm']);

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The flow state in words ("确认报名「掼蛋比赛」"), or null when there is nothing worth telling staff. */
export async function describeFlow(services: Services, state: DialogState): Promise<string | null> {
  const { prompts, store } = services;
  const t = (key: string, vars: Record<string, string> = {}) => prompts.t(`feedback.doing.${key}`, vars);
  const data = state.data;
  if (NOT_DESCRIBED.has(state.flow)) return null;
  switch (state.flow) {
    case 'activities.confirm': {
      if (state.step.startsWith('staff_')) return null;
      if (state.step === 'cancel_all') return t('cancel_all');
      const activity = typeof data.activityId === 'string' ? await store.activities.get(data.activityId) : null;
      const title = activity?.title ?? '';
      if (state.step === 'cancel') return t('cancel', { title });
      return t(state.step === 'seats' ? 'booking_seats' : 'booking', { title });
    }
    case 'activities.pick':
      return t(data.purpose === 'cancel' ? 'pick_cancel' : 'pick_book');
    case 'policy.after':
      return str(data.question) ? t('policy', { question: clip(str(data.question), 40) }) : null;
    case 'policy.noanswer':
      return str(data.question) ? t('policy_no_answer', { question: clip(str(data.question), 40) }) : null;
    case 'core.clarify':
      return str(data.text) ? t('clarify', { text: clip(str(data.text), 40) }) : null;
    case 'core.await_text':
      return t(data.intent === 'policy_query' ? 'await_policy' : 'await_feedback');
    case 'feedback.details':
      return state.step === 'content' ? t('feedback_content') : null;
    case 'feedback.add_to_filed':
      return str(data.ticketNo) ? t('filed', { no: str(data.ticketNo) }) : null;
    default:
      return t('other', { flow: state.flow });
  }
}

/** Keeps what the person was doing (as long as a flow lasts), for the call-back ticket. */
export async function rememberDoing(services: Services, chat: Chat, state: DialogState): Promise<void> {
  const doing = await describeFlow(services, state);
  const { store, clock, config } = services;
  if (doing === null) return store.clearDialog(doingKey(chat));
  const now = clock.now();
  await store.setDialog(doingKey(chat), { flow: 'feedback.doing', step: 'kept', data: { doing }, updatedAt: now.toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, now);
}

/** Flows whose message was never handled when other words leave them: the clarifying question. */
const KEPT_WHEN_LEFT: ReadonlySet<string> = new Set(['core.clarify']);

/**
 * Dispatch hook, when other words leave a flow: a message the assistant did not understand ("我爱人
 * 前天住进市二院了…", then "可以打") is kept like a "9" keeps what was being done, so a call-back
 * ticket made next carries it, not only the last words.
 */
export async function rememberLeftFlow(services: Services, chat: Chat, state: DialogState): Promise<void> {
  if (KEPT_WHEN_LEFT.has(state.flow)) await rememberDoing(services, chat, state);
  if (QUESTION_FLOWS.has(state.flow) && str(state.data.question)) {
    // "我不是投诉 我就问问规定" next: the question just answered is asked again (not-complaint.ts).
    const { store, clock, config } = services;
    const now = clock.now();
    await store.setDialog(askedKey(chat), { flow: 'feedback.asked', step: 'kept', data: { question: str(state.data.question) }, updatedAt: now.toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, now);
  }
}

/** Flows of a policy question just answered (or not found), whose question the next words may point back to. */
const QUESTION_FLOWS: ReadonlySet<string> = new Set(['policy.after', 'policy.noanswer']);

/** Store key of the policy question the person's words just left. */
function askedKey(chat: Chat): string {
  return `${personInChat(chat)}#asked`;
}

/** The policy question the person's words just left, or null; forgotten once read. */
export async function takeLeftQuestion(services: Services, chat: Chat): Promise<string | null> {
  return takeKept(services, askedKey(chat), 'question');
}

/** What the person was doing when they asked for staff, or null; forgotten once read. */
export async function takeDoing(services: Services, chat: Chat): Promise<string | null> {
  return takeKept(services, doingKey(chat), 'doing');
}

/** A text kept under `key` (field `field`), or null; forgotten once read. */
async function takeKept(services: Services, key: string, field: string): Promise<string | null> {
  const { store, clock } = services;
  const kept = await store.getDialog(key, clock.now());
  if (!kept) return null;
  await store.clearDialog(key);
  return str(kept.data[field]) || null;
}
