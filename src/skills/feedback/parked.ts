/**
 * A feedback draft set aside by another request is parked, not lost. "我老伴住院了" -> hospital ->
 * summary, then "请问离休干部住院费用怎么报销": the question is answered and the draft waits a day
 * (PARKED_TTL_MS, by the injected clock) under its own store key, so it never takes the place of the
 * flow the other request starts. The answer gets one line: "您刚才的住院报告还没有提交。回复 1 提交，
 * 回复 2 不提交了"; the next "1"/"确认"/"提交" submits it, "2"/"不提交了"/"取消" drops it, anything else
 * leaves it parked. The 1/2 reminder is given at most twice (when set aside, and once more later).
 *
 * Who owns a bare "1": the newest question that offers it. The reminder offers 1/2 only when the turn
 * leaves the user in no flow, or in a flow that never reads a digit (DIGITLESS_FLOWS), and the reply
 * itself offers no "1"/"2" (main menu, a booking summary, a numbered list…). Otherwise that other
 * question owns the digits: the set-aside turn only says the draft is kept (no digits), and the
 * reminder comes with the first later reply that offers no digits. The offer holds as long as any
 * flow does (DIALOG_TTL_MINUTES); any other message withdraws it. The two hooks are called by dispatch.
 *
 * While the draft is kept (its whole day), the words "提交" / "确认提交" / "提交住院报告" (and "不提交了")
 * answer it at any time, offered or not, unless the user is in a flow that reads such words (a new
 * summary, a booking). "0" / "9" in the middle of a report park it too (parkDraftOnEscape). And the
 * main menu, the staff-contact reply and every reply of the feedback skill never pretend nothing is
 * pending: when they carry no 1/2 reminder they say in one line, without digits, that it is kept and
 * how to submit it. A report never shown as a summary (set aside at the hospital question) is
 * repeated in every mention that says how to submit it ("（我老伴住院了；医院：未说明；…）"), so what
 * "1" / "提交" submits has been seen.
 */
import type { Turn } from '../../core/pipeline.js';
import { dialogKey } from '../../core/pipeline.js';
import { offersKey } from '../../core/middleware/footer.js';
import type { Reply } from '../../core/types.js';
import type { DialogState } from '../../store/types.js';
import type { Services } from '../../services.js';
import type { FlowHandler, SkillResult } from '../types.js';
import { confirmAnswer, submitDraft, type Draft } from './draft.js';
import { draftLine } from './format.js';
import { loadParked, parkedKey, saveParked, type Chat, type Parked } from './parked-store.js';
import { appendToContent, isNewReport, markedAddition } from './addition.js';
import { detailsCorrection, parseHospitalAnswer } from './classify.js';
import { QUESTION } from '../../core/router/rules.js';
import { rememberDoing } from './doing.js';
import { menuRoute } from '../../core/router/menu.js';
import { offerAdditionToFiled } from './filed.js';
import { BARE_CALL, CALL_WORDS } from './content.js';
import { answerHospitalOffer, offerHospitalReport } from './hospital-offer.js';

export { PARKED_TTL_MS, parkedKey } from './parked-store.js';
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
/**
 * Flows that never read the words "提交" / "确认": there an explicit "提交" is for the parked draft (or
 * says none is waiting). Written out like DIGITLESS_FLOWS; any flow not listed keeps its words.
 */
const WORDLESS_FLOWS: ReadonlySet<string> = new Set([...DIGITLESS_FLOWS, 'policy.noanswer', 'core.clarify', 'core.await_text', 'handoff.confirm', 'activities.pick']);
/** Flows under which an addition or correction ("对了还有…", "不是X是Y") is for the parked report. */
const AMEND_FLOWS: ReadonlySet<string> = new Set([...DIGITLESS_FLOWS, 'policy.noanswer', 'core.clarify']);
/** True when the user's flow step may read "提交" itself (a summary, a booking), so it keeps the word. */
function readsSubmitWords(state: DialogState | null): boolean {
  if (state === null || WORDLESS_FLOWS.has(state.flow)) return false;
  // "好的，请您直接说说是什么事": "提交住院报告" there is no new matter but the kept report.
  return !(state.flow === 'feedback.details' && state.step === 'content');
}
/** Replies that never pretend nothing is pending: the main menu, the staff contact ("9") and the feedback skill. */
const ALWAYS_MENTION: ReadonlySet<string> = new Set(['help', 'human_handoff', 'feedback']);

/**
 * Parks a draft that was set aside. A hospital report already parked is not displaced by a lesser
 * draft: then false is returned and the caller says the new one was not submitted.
 */
export async function parkDraft(services: Services, chat: Chat, draft: Draft, opts: { mentions?: number } = {}): Promise<boolean> {
  const before = await loadParked(services, chat);
  if (before?.draft.category === 'hospitalization' && draft.category !== 'hospitalization') return false;
  const { misses: _misses, askedAgain: _askedAgain, adding: _adding, ...kept } = draft;
  await saveParked(services, chat, { draft: kept, parkedAt: services.clock.now().toISOString(), mentions: opts.mentions ?? 0 });
  return true;
}

/** Text without spaces and punctuation, for comparing what two drafts say. */
function plain(text: string | undefined): string {
  return (text ?? '').replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Forgets the parked draft when a confirmed report is the same matter said again (same category, and
 * one text contains the other). Any other parked draft stays, never silently replaced: the reply to
 * the confirmed one then offers it ("您刚才的住院报告还没有提交。回复 1 提交…").
 */
export async function dropParkedDraft(services: Services, chat: Chat, confirmed: Draft): Promise<void> {
  const parked = await loadParked(services, chat);
  if (!parked || (parked.draft.category ?? 'other') !== (confirmed.category ?? 'other')) return;
  const [a, b] = [plain(parked.draft.text), plain(confirmed.text)];
  if (a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a))) await services.store.clearDialog(parkedKey(chat));
}

/**
 * "0" / "9" (or 菜单 / 转人工) in the middle of a report, before dispatch leaves the flow: the report is
 * parked like any other interruption (the menu or staff-contact reply then says it is kept); on "9"
 * what the person was doing in any flow is kept for the call-back ticket (doing.ts). Returns
 * the line to put before that reply when it could not be kept (a lesser draft while a hospital report
 * waits), so it is never dropped silently.
 */
export async function parkDraftOnEscape(turn: Turn): Promise<Reply | null> {
  const { services, msg } = turn;
  const state = await services.store.getDialog(dialogKey(msg), services.clock.now());
  // "9" / 转人工: what the person was doing goes on the call-back ticket (doing.ts).
  if (state && menuRoute(turn.text, { inFlow: true })?.intent === 'human_handoff') await rememberDoing(services, msg, state);
  if (state?.flow !== 'feedback.details' || (state.step !== 'hospital' && state.step !== 'confirm')) return null;
  const kept = await parkDraft(services, msg, state.data as unknown as Draft);
  return kept ? null : { text: services.prompts.t('feedback.set_aside') };
}

/** Words that name the action offered ("回复 1 提交，回复 2 不提交了"); "好" / "不好" stay with a policy answer's rating. */
const ACTION = /^[12]$|确认|确定|提交|取消|不用|算了/u;

/** What the draft may be called when it is answered: "提交住院报告", "刚才那个投诉不提交了". */
const DRAFT_NAME = /(?:刚才|之前|前面)?(?:的|那个|那件)?(?:住院报告|住院的事|报告|投诉|建议|求助|意见|那件事|那个事|这件事|的事)/gu;

/** "1" / "确认" / "好的，提交吧" / "提交住院报告" -> 'yes'; "2" / "不提交了" / "取消" -> 'no'; anything else -> null. */
export function parkedAnswer(text: string): 'yes' | 'no' | null {
  const rest = text.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (/\d/.test(rest) && !/^[12]$/.test(rest)) return null;
  return ACTION.test(rest) ? confirmAnswer(rest.replace(DRAFT_NAME, '')) : null;
}

/** The answer names the submission itself ("提交", "确认提交", "不提交了"), not just a digit or "好". */
function namesSubmit(text: string): boolean {
  return /提交/u.test(text);
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

/**
 * Dispatch hook, before any flow: the answer to the hospital-report offer under a policy answer
 * (hospital-offer.ts), the answer to the reminder the user was just shown, or an explicit
 * "提交" / "不提交了" for a draft kept but no longer offered (and, with none kept, a plain "nothing is
 * waiting"), or more said of a kept draft or of a ticket just filed (filed.ts), or null.
 */
export async function answerParkedDraft(turn: Turn): Promise<SkillResult | null> {
  const { services, msg } = turn;
  // "1" to "要不要把住院的事报给单位？" under a policy answer starts that report (hospital-offer.ts).
  const offered = await answerHospitalOffer(turn);
  if (offered) return offered;
  const answer = parkedAnswer(turn.text);
  // Not an answer to a kept draft: maybe more of it, or more of a ticket just filed (filed.ts).
  if (!answer) return (await showParkedOnAsk(turn)) ?? (await amendParkedDraft(turn)) ?? (await offerAdditionToFiled(turn));
  const parked = await loadParked(services, msg);
  const state = await services.store.getDialog(dialogKey(msg), services.clock.now());
  if (!parked || !offerFresh(services, parked)) {
    // Not just offered: only the words "提交…" count, and only where no flow reads them.
    if (!turn.addressed || !namesSubmit(turn.text) || readsSubmitWords(state)) return null;
    if (!parked) {
      if (state && state.flow !== 'policy.after') await services.store.clearDialog(dialogKey(msg));
      return { replies: [{ text: services.prompts.t('feedback.nothing_to_submit') }], data: { intent: 'feedback', parked: 'none' } };
    }
  }
  const result =
    answer === 'yes'
      ? await submitDraft(services, msg, parked.draft)
      : { replies: [{ text: services.prompts.t('feedback.parked_dropped', { what: what(services, parked.draft) }) }], data: { intent: 'feedback', parked: 'dropped' } };
  if (answer === 'yes' && !result.data?.ticketNo) return result; // not written: "1" may be tried again
  await services.store.clearDialog(parkedKey(msg));
  // The offer's flow, or a question the answer went past (what did you mean / call you back?), is over.
  if (state && state.flow !== 'policy.after') await services.store.clearDialog(dialogKey(msg));
  return result;
}

/** Asking whether something was submitted: "报上了没有", "提交了吗", "有没有登记上", "是不是已经报了". */
const ASKS_SUBMITTED = /(?:报|提交|递交|交|登记|记)(?:上|上去|进去|好)?(?:了)?(?:没有|没|吗|么|不|没呀|没啊)|有没有(?:报|提交|交|登记|记)|(?:是不是|是否)(?:已经)?(?:报|提交|交|登记|记)/u;
/** Pointing back at what was being reported: "我刚才那个住院的", "之前反映的事", "那个投诉". */
const POINTS_BACK = /刚才|刚刚|之前|前面|那个|那件|住院|报告|投诉|建议|求助|反映|的事/u;

/** "我刚才那个住院的报上了没有": the person asks whether what they were reporting was submitted. */
export function asksIfSubmitted(text: string): boolean {
  return ASKS_SUBMITTED.test(text) && POINTS_BACK.test(text);
}

/**
 * "我刚才那个住院的报上了没有" while a report is kept: it is shown, with "回复 1 提交，回复 2 不提交了",
 * never answered as a policy question. Only where no flow reads the words; null otherwise.
 */
async function showParkedOnAsk(turn: Turn): Promise<SkillResult | null> {
  const { services, msg } = turn;
  if (!turn.addressed || !asksIfSubmitted(turn.text)) return null;
  const parked = await loadParked(services, msg);
  if (!parked) return null;
  const { store, clock, config, prompts } = services;
  const state = await store.getDialog(dialogKey(msg), clock.now());
  if (state && !WORDLESS_FLOWS.has(state.flow)) return null;
  const now = clock.now();
  await saveParked(services, msg, { ...parked, draft: { ...parked.draft, shown: true }, mentions: Math.max(parked.mentions, 1), offeredAt: now.toISOString() });
  await store.setDialog(dialogKey(msg), { flow: PARKED_FLOW, step: 'offer', data: { intent: 'feedback' }, updatedAt: now.toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, now);
  const text = prompts.t('feedback.parked_status', { what: what(services, parked.draft), draft: draftLine(prompts, parked.draft) });
  const options = [
    { key: '1', label: prompts.t('feedback.parked_submit_option') },
    { key: '2', label: prompts.t('feedback.parked_drop_option') },
  ];
  return { replies: [{ text, options }], data: { intent: 'feedback', parked: 'shown' } };
}

/**
 * While a report is parked, "对了还有他是心脏病" (said as an addition) is appended to it, and
 * "不是市人民医院是市中医院" / "不用打电话" corrects its details (a hospital report): the reply says so,
 * shows it, and offers "回复 1 提交，回复 2 不提交了". Only where no flow reads the words; null otherwise.
 */
async function amendParkedDraft(turn: Turn): Promise<SkillResult | null> {
  const { services, msg } = turn;
  if (!turn.addressed) return null;
  const parked = await loadParked(services, msg);
  if (!parked) return null;
  const { store, clock, config, prompts } = services;
  const state = await store.getDialog(dialogKey(msg), clock.now());
  if (state && !AMEND_FLOWS.has(state.flow)) return null;
  const draft = parked.draft;
  let next: Draft | null = null;
  let key = 'feedback.parked_added';
  const filled = missingDetailsAnswer(turn.text, draft);
  const correction = filled === null && draft.category === 'hospitalization' ? detailsCorrection(turn.text) : null;
  if (filled) {
    // "县医院 不用打电话": the answer to the report's own question, still open when it was set aside.
    next = { ...draft, details: { ...draft.details, ...filled }, ...(filled.hospital !== undefined ? { hospitalUnknown: false } : {}) };
    key = 'feedback.parked_filled';
  } else if (correction) {
    next = { ...draft, details: { ...draft.details, ...correction } };
    key = 'feedback.parked_corrected';
  } else {
    const addition = markedAddition(turn.text);
    if (addition !== null) next = { ...draft, text: appendToContent(draft.text ?? '', addition) };
  }
  if (!next) return null;
  const now = clock.now();
  await saveParked(services, msg, { ...parked, draft: { ...next, shown: true }, mentions: Math.max(parked.mentions, 1), offeredAt: now.toISOString() });
  await store.setDialog(dialogKey(msg), { flow: PARKED_FLOW, step: 'offer', data: { intent: 'feedback' }, updatedAt: now.toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, now);
  const text = prompts.t(key, { what: what(services, draft), draft: draftLine(prompts, next) });
  const options = [
    { key: '1', label: prompts.t('feedback.parked_submit_option') },
    { key: '2', label: prompts.t('feedback.parked_drop_option') },
  ];
  return { replies: [{ text, options }], data: { intent: 'feedback', parked: 'amended' } };
}

/**
 * The answer to the hospital question a parked report still waits for ("县医院 不用打电话", "市二院",
 * "可以打电话"): the hospital and call permission it gives for details not yet known, or null. Only a
 * reply made of such an answer counts: a question, another report or a longer sentence is not one.
 */
export function missingDetailsAnswer(text: string, draft: Draft): { hospital?: string; mayCall?: boolean } | null {
  if (draft.category !== 'hospitalization') return null;
  const d = draft.details ?? {};
  const hospitalOpen = d.hospital === undefined && draft.hospitalUnknown !== true;
  const callOpen = d.mayCall === undefined;
  if (!hospitalOpen && !callOpen) return null;
  const said = text.trim();
  if (QUESTION.test(said) || isNewReport(said) || hanCount(said) > 16) return null;
  // A bare "可以" / "不用" answers the reminder's 1/2 (parkedAnswer); beside a hospital ("市二院 可以") it is the call answer.
  const named = parseHospitalAnswer(said, { wholeTextIsHospital: hospitalOpen ? 'hint' : false });
  const answer = named.hospital !== undefined ? parseHospitalAnswer(said, { followUp: true, wholeTextIsHospital: 'hint' }) : named;
  const out: { hospital?: string; mayCall?: boolean } = {};
  if (hospitalOpen && answer.hospital !== undefined) out.hospital = answer.hospital;
  if (callOpen && answer.mayCall !== undefined) out.mayCall = answer.mayCall;
  if (out.hospital === undefined && out.mayCall === undefined) return null;
  // Every part of the reply is the answer (a hospital, a word on calling, a particle): "我在县医院门口等车" is none.
  let rest = said;
  if (answer.hospital !== undefined) rest = rest.split(answer.hospital).join(' ');
  rest = rest.replace(CALL_WORDS, ' ');
  if (answer.mayCall !== undefined && answer.hospital !== undefined) rest = rest.replace(BARE_CALL, ' ');
  rest = rest.replace(/[\s\p{P}\p{S}]+/gu, '').replace(/^(在|住在|住|是|那|就)+|(吧|了|的|啊|呀|哦|嘛|呢|哈|啦)+$/gu, '');
  return hanCount(rest) <= 1 ? out : null;
}

function hanCount(text: string): number {
  return (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/** True when a reply offers "1" or "2" itself (numbered lines, "回复 1 …", option keys). */
function offersDigits(list: Reply[]): boolean {
  return list.some((r) => (r.options ?? []).some((o) => o.key === '1' || o.key === '2') || offersKey(r.text, '1') || offersKey(r.text, '2'));
}

/** "\n（我老伴住院了；医院：未说明；可以来电：未说明）" for a draft never shown as a summary, else "". */
function unseenDetails(services: Services, draft: Draft): string {
  return draft.shown ? '' : `\n${services.prompts.t('feedback.parked_details', { draft: draftLine(services.prompts, draft) })}`;
}

/** Puts `line` before the first reply. */
function prepend(turn: Turn, line: string): void {
  const [first, ...rest] = turn.result.replies;
  turn.result.replies = [{ ...first!, text: `${line}\n${first!.text}` }, ...rest];
}

/**
 * Dispatch hook, after the turn was answered: adds the reminder (or the "kept" note) when it is due;
 * with nothing kept, the hospital-report offer under a policy answer when due (hospital-offer.ts).
 */
export async function remindOfParkedDraft(turn: Turn): Promise<void> {
  const { services, msg } = turn;
  const out = turn.result.replies;
  // A reply that parked the draft itself has said so already.
  if (turn.result.intent === 'dropped' || out.length === 0 || turn.result.data?.parked === 'kept') return;
  const parked = await loadParked(services, msg);
  // With no report kept, a policy answer to "我老伴住院了 …" may offer to report the stay (hospital-offer.ts).
  if (!parked) {
    await offerHospitalReport(turn);
    return;
  }
  const { store, clock, config, prompts } = services;
  const state = await store.getDialog(dialogKey(msg), clock.now());
  const digitsTaken = (state !== null && !DIGITLESS_FLOWS.has(state.flow)) || offersDigits(out);
  const { offeredAt: _withdrawn, ...withdrawn } = parked;
  const vars = { what: what(services, parked.draft) };
  const details = unseenDetails(services, parked.draft);
  if (digitsTaken || parked.mentions >= MAX_MENTIONS) {
    // No 1/2 offer now (another question owns the digits, or it was offered twice): the menu, the
    // staff contact and the feedback skill still say it is kept; another flow hears of it once.
    if (ALWAYS_MENTION.has(turn.result.intent)) {
      prepend(turn, `${prompts.t('feedback.parked_pending', vars)}${details}`);
    } else if (digitsTaken && parked.mentions === 0) {
      prepend(turn, prompts.t('feedback.parked_note', vars)); // no how-to here: the later reminder gives it, with the details
    } else {
      if (parked.offeredAt) await saveParked(services, msg, withdrawn);
      return;
    }
    await saveParked(services, msg, { ...withdrawn, mentions: parked.mentions === 0 ? 1 : parked.mentions });
    return;
  }
  const last = out[out.length - 1]!;
  const options = [
    { key: '1', label: prompts.t('feedback.parked_submit_option') },
    { key: '2', label: prompts.t('feedback.parked_drop_option') },
  ];
  turn.result.replies = [...out.slice(0, -1), { ...last, text: `${last.text}\n${prompts.t('feedback.parked_reminder', vars)}${details}`, options: [...(last.options ?? []), ...options] }];
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
