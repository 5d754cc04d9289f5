/**
 * Right after a ticket is filed, what the person says next may be more of the same matter ("这是第三次
 * 了", "我一个人在家"): it is offered as an addition to that ticket (回复 1 补上, 2 单独反映) instead of
 * falling through to a menu. The same goes for the words after a staff reply reached the chat ("请问住在
 * 哪个科？" -> "心内科 12床"): offered as an addition to the replied ticket, and staff told once added.
 * The ticket is remembered beside the dialog (filed-store.ts; not as a flow, so a rating, the rate
 * limit and group talk see no flow in progress); dispatch's hook
 * (parked.ts answerParkedDraft) asks offerAdditionToFiled before any flow or the router. A question,
 * another request, a new report, thanks or a bare digit is no addition and goes on as before.
 */
import type { FlowHandler, SkillContext, SkillResult } from '../types.js';
import type { Services } from '../../services.js';
import type { Ticket } from '../../store/ticket-types.js';
import type { Turn } from '../../core/pipeline.js';
import { dialogKey } from '../../core/pipeline.js';
import { replies } from '../types.js';
import { matchRules, QUESTION } from '../../core/router/rules.js';
import { personId, personLabel } from '../../core/person.js';
import { filedTimeLeft, loadFiled, rememberFiled } from './filed-store.js';
import { additionOf, isNewReport } from './addition.js';
import { confirmAnswer } from './draft.js';
import { isCancel } from './cancel.js';
import { clip } from './format.js';
import { staffPrivateChats } from './actions.js';
import { matchStaffCommand } from './staff-commands.js';
import { answerEmergency } from './emergency.js';
import { isWithdrawal, offerWithdrawal } from './withdraw.js';

/** "要把这句话补到刚才那件事里吗？1 补上 2 另一件事": a flow, because it reads the digits. */
export const ADD_TO_FILED_FLOW = 'feedback.add_to_filed';
export { FILED_LISTEN_MS, REPLY_LISTEN_MS, rememberFiled } from './filed-store.js';
/** Flows under which the next words may still be an addition (they read no such words themselves). */
const LISTEN_UNDER: ReadonlySet<string> = new Set(['policy.after', 'feedback.parked']);

/** Thanks, waiting, acknowledging: no more to the matter ("那我等你们消息", "辛苦你们了"). */
const ACKNOWLEDGE = /等(着|你们|您|消息|回复|回音|通知|电话)|麻烦(你们|您|了)|拜托|费心|辛苦|谢谢|多谢|感谢|知道了|明白了|收到|好的|好吧|行吧/u;
/** The acknowledging words with whom they thank ("谢谢领导", "辛苦你们了"), to see what else was said. */
const THANKS_BESIDE = new RegExp(`(?:${ACKNOWLEDGE.source})(?:领导|你们|您|大家|同志|了|啦|啊)*`, 'gu');
/** When they come or do it ("几点来修", "啥时候过来", "那明天…"): a question back about what staff said they would do. */
const WHEN_THEY_COME = /(?:几点|什么时候|啥时候|啥时|哪天|几号|多会儿?)(?:能|才|会|要|再)?(?:来|过来|上门|修|弄)|^那(?:你们|您|他们)?(?:今天|明天|后天|上午|下午|晚上)?(?:几点|什么时候|啥时候|哪天)/u;
/** Words of a rule question ("单位几天来看", "有规定吗"): for policy, not for the staff who replied. */
const RULE_WORDS = /规定|政策|单位|标准|待遇|补贴|慰问金|报销|文件|条例|办法/u;

/** True for a question back to the staff who just replied ("那明天几点来修啊 我上午要去医院"). */
export function asksStaffBack(text: string): boolean {
  if (!WHEN_THEY_COME.test(text) || RULE_WORDS.test(text)) return false;
  const hit = matchRules(text);
  return hit === null || hit.intent === 'feedback' || hit.intent === 'policy_query' || hit.intent === 'smalltalk';
}

/** Asking rather than telling ("我还想问个问题", "咨询一下"): a new request. */
const ASKING = /问(个|一下|问|下)|想问|请问|咨询|打听|查(一下|查)/u;
/** "2" or words saying it is something else, a matter of its own. */
const ANOTHER_MATTER = /^2$|另(一|外)(一)?(件|个)|新的?事|不是一回事|不是一件事|单独|分开/u;

function hanCount(text: string): number {
  return (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/** Answers an emergency (emergency.ts) and remembers its ticket, so "我一个人在家" can be added to it. */
export async function answerEmergencyAndListen(ctx: SkillContext, text: string): Promise<SkillResult> {
  await ctx.dialog.clear();
  const result = await answerEmergency(ctx, text);
  const no = result.data?.ticketNo;
  if (typeof no === 'string') await rememberFiled(ctx.services, ctx.msg, { no, category: 'hospitalization' });
  return result;
}

/**
 * What `text` adds to the matter just filed, or null when it is something else (passed on).
 * `answering`: staff just asked something in a reply, so a short answer ("12床", "心内科") counts too.
 */
export function additionToFiled(text: string, opts: { answering?: boolean; askingBack?: boolean } = {}): string | null {
  const said = text.trim();
  if (/^[\d\s\p{P}]*$/u.test(said) || matchStaffCommand(said) || isNewReport(said) || isCancel(said)) return null;
  // "那明天几点来修啊" right after "楼道灯明天上午修": a question back to the staff who replied, for them.
  if (opts.askingBack === true && asksStaffBack(said)) return said;
  if (QUESTION.test(said)) return null;
  if (ASKING.test(said)) return null;
  if (ACKNOWLEDGE.test(said) && hanCount(said) <= 10) {
    // "内科六床 谢谢领导": an answer to staff's question with thanks beside it is still the answer.
    const rest = opts.answering === true ? said.replace(THANKS_BESIDE, ' ').replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '') : '';
    return rest !== '' && !ACKNOWLEDGE.test(rest) && additionToFiled(rest, opts) !== null ? said : null;
  }
  const hit = matchRules(said);
  // Another request (a booking, a policy question, small talk, the menu), or an insult or a status question.
  if (hit !== null && (hit.intent !== 'feedback' || hit.slots?.angry === true || hit.slots?.ticketStatus === true || hit.slots?.category === 'hospitalization')) return null;
  if (confirmAnswer(said) !== null) return null;
  const addition = additionOf(said, opts.answering === true);
  if (addition === null && opts.answering === true && /\d/.test(said) && hanCount(said) >= 1 && [...said].length <= 12) return said;
  return addition === null || addition === '' ? null : addition;
}

/**
 * Dispatch hook (through answerParkedDraft; for un-addressed group words, directly): words addressed to
 * the assistant (or, in a group a staff reply reached, said there without the wake word) within FILED_LISTEN_MS
 * of a filing, in no flow that reads words, that add to the matter: the offer to add them, or null.
 */
export async function offerAdditionToFiled(turn: Turn): Promise<SkillResult | null> {
  const { services, msg } = turn;
  const { store, clock, config, prompts } = services;
  const filed = await loadFiled(services, msg);
  if (!filed) return null;
  // Un-addressed group words count only from the person a staff reply just reached there (group-trigger.ts).
  if (!turn.addressed && !filed.unaddressed) return null;
  const state = await store.getDialog(dialogKey(msg), clock.now());
  if (state && !LISTEN_UNDER.has(state.flow)) return null;
  // "停车那个投诉我不要了 撤回吧": staff are asked to withdraw it (on "1"), said in those words.
  if (turn.addressed && isWithdrawal(turn.text) && (await store.tickets.get(filed.ticketNo))?.status !== 'closed') return offerWithdrawal(services, msg, turn.text, filed.ticketNo);
  const reply = filed.source === 'reply';
  // A question back ("那明天几点来修啊") only while the staff reply is the last thing said (no answer since).
  const addition = additionToFiled(turn.text, { answering: reply, askingBack: reply && !state });
  if (addition === null) return null;
  const no = filed.ticketNo;
  if (reply && (await store.tickets.get(no))?.status === 'closed') return null; // done with: its rating question speaks now
  const now = clock.now();
  if (!turn.addressed) {
    // One offer from words said without the wake word: after it, the person's group talk is theirs again.
    const left = await filedTimeLeft(services, msg, filed.source);
    if (left > 0) await rememberFiled(services, msg, { no, category: filed.category }, filed.source, { ttlMs: left });
  }
  await store.setDialog(
    dialogKey(msg),
    { flow: ADD_TO_FILED_FLOW, step: 'offer', data: { intent: 'feedback', ticketNo: no, category: filed.category, source: filed.source, addition, said: turn.text.trim() }, updatedAt: now.toISOString() },
    config.DIALOG_TTL_MINUTES * 60_000,
    now,
  );
  return {
    replies: [
      {
        // after a staff reply: "要把这句话补到编号 … 那件事里，让工作人员看到吗？"
        text: prompts.t(reply ? 'feedback.filed_add_offer_reply' : 'feedback.filed_add_offer', { no, text: clip(addition, 60) }),
        options: [
          { key: '1', label: prompts.t('feedback.filed_add_option') },
          { key: '2', label: prompts.t('feedback.filed_new_option') },
        ],
      },
    ],
    data: { intent: 'feedback', ticketNo: no },
  };
}

/**
 * Writes `text` into the ticket as an addition (details.additions, shown by every ticket view) and,
 * for an urgent ticket or an answer to a staff reply (`alert`), tells staff on duty at once. Null
 * when the ticket no longer exists.
 */
export async function addToTicket(services: Services, no: string, text: string, actor: string, opts: { alert?: boolean } = {}): Promise<Ticket | null> {
  const { store, prompts, clock, logger } = services;
  const before = await store.tickets.get(no);
  if (!before) return null;
  const additions = Array.isArray(before.details?.additions) ? (before.details.additions as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const ticket = await store.tickets.update(no, { details: { ...before.details, additions: [...additions, text] } });
  if (!ticket) return null;
  await store.audit({ at: clock.now().toISOString(), actor, action: 'ticket.addition', subject: no });
  if (opts.alert === true || ticket.category === 'hospitalization' || ticket.category === 'handoff') {
    const alert = prompts.t('feedback.staff_alert_addition', { no, name: personLabel(ticket), text });
    for (const to of staffPrivateChats(services.config.STAFF_IDS)) {
      try {
        await services.notifier.send(to, { text: alert }, `ticket:${no}:addition:${additions.length + 1}`);
      } catch (err) {
        logger.error({ err, ticket: no }, 'staff addition alert not queued');
      }
    }
  }
  return ticket;
}

/** The answer to the offer: "1" adds it, "2" makes it a matter of its own, "不用" drops it. */
const offer: FlowHandler = async (ctx) => {
  const { prompts } = ctx.services;
  const text = ctx.text.trim().replace(/[\s\p{P}]+$/u, '');
  const no = String(ctx.state.data.ticketNo ?? '');
  const addition = String(ctx.state.data.addition ?? '');
  const said = String(ctx.state.data.said ?? addition);
  const withdraw = ctx.state.data.withdraw === true;
  if (withdraw && (ANOTHER_MATTER.test(text) || confirmAnswer(text) === 'no')) {
    await ctx.dialog.clear();
    return replies(prompts.t('feedback.withdraw_kept', { no }));
  }
  if (ANOTHER_MATTER.test(text)) {
    await ctx.dialog.clear();
    return ctx.redirect('feedback', said);
  }
  const answer = confirmAnswer(text);
  if (answer === 'no') {
    await ctx.dialog.clear();
    return replies(prompts.t('feedback.filed_not_added'));
  }
  if (answer !== 'yes') return { replies: [], passThrough: true };
  await ctx.dialog.clear();
  // An answer to a staff reply is for the staff who asked: they hear of it at once, whatever the category.
  const ticket = await addToTicket(ctx.services, no, withdraw ? prompts.t('feedback.withdraw_note', { text: addition }) : addition, personId(ctx.msg), { alert: withdraw || ctx.state.data.source === 'reply' });
  if (!ticket) return ctx.redirect('feedback', said);
  await rememberFiled(ctx.services, ctx.msg, ticket);
  if (withdraw) return { ...replies(prompts.t('feedback.withdraw_told', { no })), data: { intent: 'feedback', ticketNo: no, withdraw: 'told' } };
  return { ...replies(prompts.t('feedback.filed_added', { no })), data: { intent: 'feedback', ticketNo: no, added: true } };
};

/** Flows of this file, for the feedback skill module. */
export const filedFlows: Record<string, FlowHandler> = { [ADD_TO_FILED_FLOW]: offer };
