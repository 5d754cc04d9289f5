/**
 * A feedback draft set aside by another request is parked, not lost. "我老伴住院了" -> hospital ->
 * summary, then "请问离休干部住院费用怎么报销": the question is answered and the draft waits a day
 * (PARKED_TTL_MS, by the injected clock) under its own store key, so it never takes the place of the
 * flow the other request starts. The answer gets one line: "您刚才的住院报告还没有提交。回复 1 提交，
 * 回复 2 不提交了"; the next "1"/"确认"/"提交" submits it, "2"/"不提交了"/"取消" drops it, anything else
 * leaves it parked. It is mentioned at most twice (when set aside, and once more later).
 *
 * Who owns a bare "1": the newest question that offers it. The reminder offers 1/2 only when the turn
 * leaves the user in no flow, or in a flow that never reads a digit (DIGITLESS_FLOWS), and the reply
 * itself offers no "1"/"2" (main menu, a booking summary, a numbered list…). Otherwise that other
 * question owns the digits: the set-aside turn only says the draft is kept (no digits), and the
 * reminder comes with the first later reply that offers no digits. The offer holds as long as any
 * flow does (DIALOG_TTL_MINUTES); any other message withdraws it. The two hooks are called by dispatch.
 */
import type { Turn } from '../../core/pipeline.js';
import { dialogKey } from '../../core/pipeline.js';
import { offersKey } from '../../core/middleware/footer.js';
import type { Inbound, Reply } from '../../core/types.js';
import type { Services } from '../../services.js';
import type { FlowHandler, SkillResult } from '../types.js';
import { confirmAnswer, submitDraft, type Draft } from './draft.js';

/** How long a set-aside draft can still be submitted. */
export const PARKED_TTL_MS = 24 * 3_600_000;
/** The flow a user is in while the reminder waits and no other flow is active (so a group lets a bare "1" through). */
export const PARKED_FLOW = 'feedback.parked';
/** Mentions of one parked draft: when it is set aside, and once more. */
const MAX_MENTIONS = 2;
/**
 * Flows that may stay active under the reminder because they never read a digit ("policy.after" takes
 * 更多 / 好 / 不好). Written out, not imported: the policy module imports this one. Any flow not listed
 * is assumed to read digits, so a new flow can never lose its "1" to the reminder.
 */
const DIGITLESS_FLOWS: ReadonlySet<string> = new Set(['policy.after', PARKED_FLOW]);

interface Parked {
  draft: Draft;
  parkedAt: string;
  /** How often the user has been told about it (note or reminder). */
  mentions: number;
  /** When the last reply offered "回复 1 提交"; absent when the offer is withdrawn. */
  offeredAt?: string;
}

type Chat = Pick<Inbound, 'channel' | 'chatId' | 'userId'>;

/** Store key of the parked draft: beside the user's dialog, never replacing it. */
export function parkedKey(chat: Chat): string {
  return `${chat.channel}:${chat.chatId}:${chat.userId}#feedback-draft`;
}

async function loadParked(services: Services, chat: Chat): Promise<Parked | null> {
  const state = await services.store.getDialog(parkedKey(chat), services.clock.now());
  return state ? (state.data as unknown as Parked) : null;
}

/** Saves `parked` until its day is up (counted from when it was parked, not from the last change). */
async function saveParked(services: Services, chat: Chat, parked: Parked): Promise<void> {
  const now = services.clock.now();
  const left = Date.parse(parked.parkedAt) + PARKED_TTL_MS - now.getTime();
  if (!(left > 0)) return services.store.clearDialog(parkedKey(chat));
  await services.store.setDialog(parkedKey(chat), { flow: 'feedback.parked_draft', step: 'parked', data: { ...parked }, updatedAt: now.toISOString() }, left, now);
}

/**
 * Parks a draft that was set aside. A hospital report already parked is not displaced by a lesser
 * draft: then false is returned and the caller says the new one was not submitted.
 */
export async function parkDraft(services: Services, chat: Chat, draft: Draft): Promise<boolean> {
  const before = await loadParked(services, chat);
  if (before?.draft.category === 'hospitalization' && draft.category !== 'hospitalization') return false;
  const { misses: _misses, ...kept } = draft;
  await saveParked(services, chat, { draft: kept, parkedAt: services.clock.now().toISOString(), mentions: 0 });
  return true;
}

/** Forgets the parked draft (a new report of the user was confirmed, so it replaces the old one). */
export async function dropParkedDraft(services: Services, chat: Chat): Promise<void> {
  await services.store.clearDialog(parkedKey(chat));
}

/** Words that name the action offered ("回复 1 提交，回复 2 不提交了"); "好" / "不好" stay with a policy answer's rating. */
const ACTION = /^[12]$|确认|确定|提交|取消|不用|算了/u;

/** "1" / "确认" / "好的，提交吧" -> 'yes'; "2" / "不提交了" / "取消" -> 'no'; anything else -> null. */
export function parkedAnswer(text: string): 'yes' | 'no' | null {
  const rest = text.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (/\d/.test(rest) && !/^[12]$/.test(rest)) return null;
  return ACTION.test(rest) ? confirmAnswer(rest) : null;
}

function offerFresh(services: Services, parked: Parked): boolean {
  if (!parked.offeredAt) return false;
  const age = services.clock.now().getTime() - Date.parse(parked.offeredAt);
  return age >= 0 && age <= services.config.DIALOG_TTL_MINUTES * 60_000;
}

/** "您刚才的住院报告" / "您刚才的投诉" / "您刚才反映的事". */
function what(services: Services, draft: Draft): string {
  return services.prompts.t(`feedback.parked_what.${draft.category ?? 'other'}`);
}

/** Dispatch hook, before any flow: the answer to the reminder the user was just shown, or null. */
export async function answerParkedDraft(turn: Turn): Promise<SkillResult | null> {
  const { services, msg } = turn;
  const answer = parkedAnswer(turn.text);
  if (!answer) return null;
  const parked = await loadParked(services, msg);
  if (!parked || !offerFresh(services, parked)) return null;
  const result =
    answer === 'yes'
      ? await submitDraft(services, msg, parked.draft)
      : { replies: [{ text: services.prompts.t('feedback.parked_dropped', { what: what(services, parked.draft) }) }], data: { intent: 'feedback', parked: 'dropped' } };
  if (answer === 'yes' && !result.data?.ticketNo) return result; // not written: "1" may be tried again
  await dropParkedDraft(services, msg);
  const state = await services.store.getDialog(dialogKey(msg), services.clock.now());
  if (state?.flow === PARKED_FLOW) await services.store.clearDialog(dialogKey(msg));
  return result;
}

/** True when a reply offers "1" or "2" itself (numbered lines, "回复 1 …", option keys). */
function offersDigits(list: Reply[]): boolean {
  return list.some((r) => (r.options ?? []).some((o) => o.key === '1' || o.key === '2') || offersKey(r.text, '1') || offersKey(r.text, '2'));
}

/** Dispatch hook, after the turn was answered: adds the reminder (or the "kept" note) when it is due. */
export async function remindOfParkedDraft(turn: Turn): Promise<void> {
  const { services, msg } = turn;
  const out = turn.result.replies;
  if (turn.result.intent === 'dropped' || out.length === 0) return;
  const parked = await loadParked(services, msg);
  if (!parked) return;
  const { store, clock, config, prompts } = services;
  const state = await store.getDialog(dialogKey(msg), clock.now());
  const digitsTaken = (state !== null && !DIGITLESS_FLOWS.has(state.flow)) || offersDigits(out);
  const { offeredAt: _withdrawn, ...withdrawn } = parked;
  if (parked.mentions >= MAX_MENTIONS || (digitsTaken && parked.mentions > 0)) {
    if (parked.offeredAt) await saveParked(services, msg, withdrawn);
    return;
  }
  const vars = { what: what(services, parked.draft) };
  if (digitsTaken) {
    // Set aside for a flow with its own numbered choice: say it is kept, without digits of its own.
    const [first, ...rest] = out;
    turn.result.replies = [{ ...first!, text: `${prompts.t('feedback.parked_note', vars)}\n${first!.text}` }, ...rest];
    await saveParked(services, msg, { ...withdrawn, mentions: parked.mentions + 1 });
    return;
  }
  const last = out[out.length - 1]!;
  const options = [
    { key: '1', label: prompts.t('feedback.parked_submit_option') },
    { key: '2', label: prompts.t('feedback.parked_drop_option') },
  ];
  turn.result.replies = [...out.slice(0, -1), { ...last, text: `${last.text}\n${prompts.t('feedback.parked_reminder', vars)}`, options: [...(last.options ?? []), ...options] }];
  const now = clock.now();
  await saveParked(services, msg, { ...parked, mentions: parked.mentions + 1, offeredAt: now.toISOString() });
  if (!state) {
    await store.setDialog(dialogKey(msg), { flow: PARKED_FLOW, step: 'offer', data: { intent: 'feedback' }, updatedAt: now.toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, now);
  }
}

/**
 * The reminder's flow: "1"/"2" were taken before any flow ran (answerParkedDraft), so whatever reaches
 * it is something else, for the router (or, unaddressed in a group, for nobody). The draft stays parked.
 */
const parkedOffer: FlowHandler = async () => ({ replies: [], passThrough: true });

/** Flows of this file, for the feedback skill module. */
export const parkedFlows: Record<string, FlowHandler> = { [PARKED_FLOW]: parkedOffer };
