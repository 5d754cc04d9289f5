/**
 * Right after a ticket is filed, what the person says next may be more of the same matter ("这是第三次
 * 了", "我一个人在家"): it is offered as an addition to that ticket (回复 1 补上, 2 单独反映) instead of
 * falling through to a menu. The same goes for the words after a staff reply reached the chat ("请问住在
 * 哪个科？" -> "心内科 12床"): offered as an addition to the replied ticket, and staff told once added.
 * The ticket is remembered beside the dialog (filed-store.ts; not as a flow, so a rating, the rate
 * limit and group talk see no flow in progress); dispatch's hook
 * (parked.ts answerParkedDraft) asks offerAdditionToFiled before any flow or the router. Another
 * request, a new report, thanks or a bare digit is no addition and goes on as before.
 *
 * A question after a staff reply (QA7 F-N2) is offered to the replied ticket when it is about that
 * matter ("师傅几点能到？", "那要我在家等着吗", "修好了要我签字不": who comes, when, what the person is to
 * do, or words of the ticket or the reply), while the reply is the last thing said: "1" writes it into
 * the ticket and tells staff, who answer in the same chat; "2" (不是这件事) asks it as a question of its
 * own. A rule question ("离休干部体检一年几次"), a booking or a staff-contact request goes where it goes.
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
import { additionOf, asksSomething, isNewReport } from './addition.js';
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
/**
 * Flows under which the next words may still be an addition (they read no such words themselves). A
 * clarifying question too: "真是的" was not understood, "这都坏了一个礼拜了" then is more of the matter (QA9 F-M5).
 */
const LISTEN_UNDER: ReadonlySet<string> = new Set(['policy.after', 'feedback.parked', 'core.clarify']);

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

/** Who does what staff arranged ("师傅几点能到", "来的人姓什么"). */
const WORKER = /师傅|工人|维修工|修理工|电工|水电工|物业的人|来的人|派的人|你们的人|派来的/u;
/** The person's own part in it: be in, wait, open up, sign, pay ("要我在家等着吗", "修好了要我签字不"). */
const MY_PART =
  /(?:要|需要|让|叫|用|得)我|我(?:要不要|用不用|需不需要|得不得|该不该|需要|还要|得)|在家等|等着|(?:给|帮)(?:他们|师傅|人家)?开门|留门|留个门|签字|签个字|签名|钥匙|带什么|准备什么|(?:要|收|花|给|交)钱|收费/u;
/** When it is done ("几点能到", "什么时候修好", "修好了…"). */
const WHEN_DONE = /(?:几点|什么时候|啥时候|啥时|哪天|几号|多会儿?|多久|多长时间)(?:能|才|会|要|再|可以)?(?:来|到|过来|上门|修|弄|派|换|装)|(?:修|弄|换|装|处理)(?:好|完)/u;
/** Whom the bureau's rules are about: a question naming them is for the policy answers. */
const RULE_SUBJECT = /离休|退休|干部/u;
/** Intents a question about the matter may be routed to by the rules (an unsure guess), never a booking or the menu. */
const LOOSE_INTENTS: ReadonlySet<string> = new Set(['policy_query', 'smalltalk', 'feedback']);
/** Characters that say nothing of the matter (pronouns, particles, question and time words): no shared word. */
const PLAIN_CHARS = new Set([...'我你您他她它们的地得了吗呢吧啊呀么嘛是不没有这那个一二三两要会能可以就还都也很太和跟与或在到给把被让叫啥什怎几多少哪谁时候天点上下午晚今明昨后前再又才去来说问看想做着过好对']);

/** Two-character words of `text` made of content characters ("师傅", "楼道", "签字"). */
function contentPairs(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) if (!PLAIN_CHARS.has(chars[i]!) && !PLAIN_CHARS.has(chars[i + 1]!)) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/**
 * True for a question about the matter of a ticket a staff reply just reached (`matter`: the ticket's
 * words, its additions and the reply): who comes and when, what the person is to do, or a word of the
 * matter itself. A rule question ("离休干部体检一年几次", "补贴什么时候发") and anything the rules route
 * elsewhere (a booking, the menu, "你们电话多少") are not.
 */
export function asksAboutMatter(text: string, matter: string): boolean {
  const said = text.trim();
  if (!QUESTION.test(said) || RULE_WORDS.test(said) || RULE_SUBJECT.test(said)) return false;
  const hit = matchRules(said);
  const worker = WORKER.test(said);
  // "师傅来之前要给我打电话吗" reads as a call request to the rules: about the matter when it names who comes.
  if (hit !== null && !(LOOSE_INTENTS.has(hit.intent) && hit.slots?.ticketStatus !== true && hit.slots?.angry !== true) && !(hit.intent === 'human_handoff' && worker)) return false;
  if (worker || MY_PART.test(said) || WHEN_DONE.test(said)) return true;
  return contentPairs(said).some((pair) => matter.includes(pair));
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
export function additionToFiled(text: string, opts: { answering?: boolean; askingBack?: boolean; matter?: string } = {}): string | null {
  const said = text.trim();
  if (/^[\d\s\p{P}]*$/u.test(said) || matchStaffCommand(said) || isNewReport(said) || isCancel(said)) return null;
  // "那明天几点来修啊" right after "楼道灯明天上午修": a question back to the staff who replied, for them.
  if (opts.askingBack === true && asksStaffBack(said)) return said;
  // "师傅几点能到？" / "那要我在家等着吗" after "明天上午派师傅去修": a question about that matter.
  if (opts.askingBack === true && opts.matter !== undefined && asksAboutMatter(said, opts.matter)) return said;
  if (asksSomething(said)) return null;
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
  const found = await store.getDialog(dialogKey(msg), clock.now());
  // An offer left unanswered before a staff reply reached the chat is stale: the reply is newer (QA9 F-H2).
  const state = found && found.flow === ADD_TO_FILED_FLOW && Date.parse(found.updatedAt) < Date.parse(filed.since) ? null : found;
  if (state && !LISTEN_UNDER.has(state.flow)) return null;
  // "停车那个投诉我不要了 撤回吧": staff are asked to withdraw it (on "1"), said in those words.
  if (turn.addressed && isWithdrawal(turn.text) && (await store.tickets.get(filed.ticketNo))?.status !== 'closed') return offerWithdrawal(services, msg, turn.text, filed.ticketNo);
  const reply = filed.source === 'reply';
  // A question back ("那明天几点来修啊") only while the staff reply is the last thing said (no answer since;
  // a policy answer's 更多 / 好 / 不好 waiting from before the reply does not count).
  const replyIsLast = reply && (!state || Date.parse(filed.since) >= Date.parse(state.updatedAt));
  const no = filed.ticketNo;
  const asked = replyIsLast && QUESTION.test(turn.text) ? await matterOf(services, no) : undefined;
  const addition = additionToFiled(turn.text, { answering: reply, askingBack: replyIsLast, ...(asked !== undefined ? { matter: asked } : {}) });
  if (addition === null) return null;
  if (reply && (await store.tickets.get(no))?.status === 'closed') return null; // done with: its rating question speaks now
  // A question for the staff who replied: offered to them, and "2" asks it on its own (not a new report).
  const question = reply && QUESTION.test(addition);
  const now = clock.now();
  if (!turn.addressed) {
    // One offer from words said without the wake word: after it, the person's group talk is theirs again.
    const left = await filedTimeLeft(services, msg, filed.source);
    if (left > 0) await rememberFiled(services, msg, { no, category: filed.category }, filed.source, { ttlMs: left });
  }
  await store.setDialog(
    dialogKey(msg),
    {
      flow: ADD_TO_FILED_FLOW,
      step: 'offer',
      data: { intent: 'feedback', ticketNo: no, category: filed.category, source: filed.source, addition, said: turn.text.trim(), ...(question ? { question: true } : {}) },
      updatedAt: now.toISOString(),
    },
    config.DIALOG_TTL_MINUTES * 60_000,
    now,
  );
  // after a staff reply: "要把这句话补到编号 … 那件事里，让工作人员看到吗？" (a question: "…他们会在这里回复您")
  const key = question ? 'feedback.filed_ask_offer_reply' : reply ? 'feedback.filed_add_offer_reply' : 'feedback.filed_add_offer';
  return {
    replies: [
      {
        text: prompts.t(key, { no, text: clip(addition, 60) }),
        options: [
          { key: '1', label: prompts.t('feedback.filed_add_option') },
          { key: '2', label: prompts.t(question ? 'feedback.filed_ask_other_option' : 'feedback.filed_new_option') },
        ],
      },
    ],
    data: { intent: 'feedback', ticketNo: no },
  };
}

/** The ticket's matter as words: its text, what was added, and the staff's replies (for asksAboutMatter). */
async function matterOf(services: Services, no: string): Promise<string> {
  const ticket = await services.store.tickets.get(no);
  if (!ticket) return '';
  const additions = Array.isArray(ticket.details?.additions) ? (ticket.details.additions as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const replies = (await services.store.tickets.history(no)).filter((e) => e.kind === 'reply' && typeof e.text === 'string').map((e) => e.text!);
  return [ticket.text, ...additions, ...replies].join('\n');
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
    // "2" to a question offered to the replied ticket: asked on its own, as it would have been (never a new report).
    if (ctx.state.data.question === true) return ctx.redirect(matchRules(said)?.intent === 'human_handoff' ? 'human_handoff' : 'policy_query', said);
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
  // After a staff reply the ticket is listened to for the rest of the reply's day (a second question is
  // offered too); after a filing, for the usual minutes from now.
  const left = ctx.state.data.source === 'reply' ? await filedTimeLeft(ctx.services, ctx.msg, 'reply') : 0;
  await rememberFiled(ctx.services, ctx.msg, ticket, left > 0 ? 'reply' : 'filed', left > 0 ? { ttlMs: left } : {});
  if (ctx.state.data.question === true) return { ...replies(prompts.t('feedback.filed_asked', { no })), data: { intent: 'feedback', ticketNo: no, added: true, question: true } };
  if (withdraw) return { ...replies(prompts.t('feedback.withdraw_told', { no })), data: { intent: 'feedback', ticketNo: no, withdraw: 'told' } };
  return { ...replies(prompts.t('feedback.filed_added', { no })), data: { intent: 'feedback', ticketNo: no, added: true } };
};

/** Flows of this file, for the feedback skill module. */
export const filedFlows: Record<string, FlowHandler> = { [ADD_TO_FILED_FLOW]: offer };
