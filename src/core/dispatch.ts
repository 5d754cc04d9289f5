/**
 * The last middleware: a user inside a multi-step flow goes to that flow's step; everyone else goes
 * through the router to a skill. Low router confidence asks a clarifying question (two-stage fallback).
 */
import type { Middleware, Turn } from './pipeline.js';
import { dialogKey } from './pipeline.js';
import type { Router } from './router/router.js';
import type { SkillRegistry } from '../skills/index.js';
import type { DialogControl, SkillContext, SkillResult } from '../skills/types.js';
import type { KnownIntent, Reply, RouteResult } from './types.js';
import { isKnownIntent } from './types.js';
import { menuRoute } from './router/menu.js';
import { isQuestion, matchRules, mentionsActivity } from './router/rules.js';
import { answerParkedDraft, parkDraftOnEscape, remindOfParkedDraft } from '../skills/feedback/parked.js';
import { personId } from './person.js';
import { rememberLeftFlow } from '../skills/feedback/doing.js';
import { offerAdditionToFiled } from '../skills/feedback/filed.js';
import { restateParkedSummary, resumeParkedSummary } from '../skills/activities/parked.js';
import { asksMoreSeats } from '../skills/activities/raise.js';

/** Builds the dialog control of one turn (state lives in the store, so it survives restarts). */
function dialogControl(turn: Turn): DialogControl {
  const { store, clock, config } = turn.services;
  const key = dialogKey(turn.msg);
  return {
    start: (flow, step, data = {}) =>
      store.setDialog(key, { flow, step, data, updatedAt: clock.now().toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, clock.now()),
    clear: () => store.clearDialog(key),
  };
}

function context(turn: Turn, route: RouteResult, dialog: DialogControl, skills: SkillRegistry): SkillContext {
  const ctx: SkillContext = {
    msg: turn.msg,
    text: turn.text,
    route,
    services: turn.services,
    dialog,
    isStaff: turn.isStaff,
    redirect: async (intent: KnownIntent, text?: string) => {
      const result = await skills.intents[intent]({
        ...ctx,
        text: text ?? ctx.text,
        route: { intent, confidence: 1, slots: {}, source: 'dialog' },
      });
      return { ...result, data: { ...result.data, intent } };
    },
  };
  return ctx;
}

function finish(turn: Turn, intent: RouteResult['intent'], result: SkillResult): void {
  turn.result = {
    replies: result.replies,
    intent,
    ...(result.data ? { data: result.data } : {}),
  };
}

/** A bare numbered choice, the only answer taken from a group member who did not @ the bot. */
const BARE_CHOICE = /^\s*([0-9]{1,2}|[一二三四五六七八九])\s*[。.!！]?\s*$/u;

/** A group message nobody addressed to the bot: no reply at all. */
export function dropUnaddressed(turn: Turn): void {
  turn.result = { replies: [], intent: 'dropped', dropped: 'not_addressed' };
}

/**
 * The dispatch middleware over a router and the skills. A feedback draft set aside by another request
 * waits beside the flows (skills/feedback/parked.ts): the "1"/"2" to its reminder is taken before any
 * flow, and every answered turn may carry the reminder (the rule for who owns a digit is there). A
 * booking summary set aside waits beside them too (skills/activities/parked.ts), by the same rule.
 */
export function dispatch(router: Router, skills: SkillRegistry): Middleware {
  const dispatchTurn = flowOrRoute(router, skills);
  const once: Middleware = async (turn, next) => {
    // Un-addressed group words may still answer a staff reply that reached the group (feedback/filed.ts).
    const parked = turn.addressed || BARE_CHOICE.test(turn.text) ? await answerParkedDraft(turn) : await offerAdditionToFiled(turn);
    if (parked) return finish(turn, 'feedback', parked);
    // A booking summary set aside by a question waits the same way (skills/activities/parked.ts): the answer
    // to its restatement puts it back as the flow, and each answered turn may restate it, before the report's reminder.
    if (turn.addressed || BARE_CHOICE.test(turn.text)) await resumeParkedSummary(turn);
    await dispatchTurn(turn, next);
    await restateParkedSummary(turn);
    await remindOfParkedDraft(turn);
  };
  return async (turn, next) => {
    // "我想报名象棋比赛 顺便问下体检多少钱": the question is answered first, then the booking is started,
    // so its summary ("回复 1 确认") is the last thing said and owns the next digit
    const split = turn.addressed ? bookingAndQuestion(turn.text) : null;
    // the question must go to the policy answers on its own ("体检多少钱"), never to another skill
    const both = split && router.routeOffline(split.question).intent === 'policy_query' ? split : null;
    if (!both || (await turn.services.store.getDialog(dialogKey(turn.msg), turn.services.clock.now()))) return once(turn, next);
    const typed = turn.text;
    turn.text = both.question;
    await once(turn, next);
    // the answer's "有帮助吗？回复 好 / 不好" would meet the booking's summary: "好" there books
    const rateHint = turn.services.prompts.t('policy.rate_hint');
    const answered = turn.result.replies.map((r) => ({ ...r, text: r.text.split('\n').filter((l) => l.trim() !== rateHint.trim()).join('\n') }));
    turn.text = both.booking;
    await once(turn, next);
    turn.result = { ...turn.result, replies: [...answered, ...turn.result.replies] };
    turn.text = typed;
  };
}

/** Where a second request starts: 顺便问下, 另外, 还想问 … */
const ALSO_ASK = /[，,。；;\s]*(?:顺便问一下|顺便问下|顺便问问|顺便问|另外问一下|另外问下|另外|还想问问|还想问|再问一下|再问下)[，,：:\s]*/u;

/**
 * A booking and a question in one message ("我想报名象棋比赛 顺便问下体检多少钱"): the two parts, or
 * null when the message is not exactly that.
 */
export function bookingAndQuestion(text: string): { booking: string; question: string } | null {
  const m = ALSO_ASK.exec(text);
  if (m && m.index > 0) {
    const booking = text.slice(0, m.index).trim();
    const question = text.slice(m.index + m[0].length).trim();
    if (!booking || !question || !isQuestion(question)) return null;
    if (matchRules(booking)?.intent !== 'activity_book') return null;
    const asked = matchRules(question)?.intent;
    return asked === undefined || asked === 'policy_query' ? { booking, question } : null;
  }
  // QA9 G-M2: the two side by side, either first, split at a comma, a space or a new line ("帮我报个讲座，体检在哪个医院",
  // "体检多少钱 我还想报名象棋比赛", "我和老伴报名参观 那个参观要自己花钱不"). The first split where one side is a
  // booking that names what and the other a question of its own; a single request never splits.
  for (const b of text.matchAll(/[，,。；;！!？?\s]+/gu)) {
    const left = text.slice(0, b.index + b[0].length).trim();
    const right = text.slice(b.index + b[0].length).trim();
    if (!left || !right) continue;
    if (isBookingPart(left) && isQuestionPart(right)) return { booking: left.replace(/[，,。；;\s]+$/u, ''), question: right };
    if (isQuestionPart(left) && isBookingPart(right)) return { booking: right, question: left };
  }
  return null;
}

/** Said to book, naming what: "帮我报个讲座", "我还想报名象棋比赛" (not "报名讲座的话", not a question). */
const BOOK_VERB = /(报名|报个名|报个|报上|想报|要报|给我报|帮我报|参加)/u;
const CONDITIONAL = /(的话|如果|要是|假如|怎么|咋|能不能|可不可以)/u;
function isBookingPart(part: string): boolean {
  return BOOK_VERB.test(part) && !CONDITIONAL.test(part) && !isQuestion(part) && mentionsActivity(part) && matchRules(part)?.intent === 'activity_book';
}

/** A question of its own, not about the seats, day or hour the booking summary shows ("还有名额吗", "几点开始"). */
const SUMMARY_ASKS = /(名额|位置|座位|满了|报满|几点|几号|哪天|什么时候|啥时候|时间|还能报|能报吗|老伴|爱人|老婆|老公|俩|几个人|几位|两个人|家属|家人|孩子|闺女|儿子|女儿)/u;
function isQuestionPart(part: string): boolean {
  if (!isQuestion(part) || SUMMARY_ASKS.test(part) || BOOK_VERB.test(part)) return false;
  const asked = matchRules(part)?.intent;
  return asked === undefined || asked === 'policy_query';
}

/** The user's flow step, or else the router and a skill. */
function flowOrRoute(router: Router, skills: SkillRegistry): Middleware {
  return async (turn) => {
    const { store, clock } = turn.services;
    const dialog = dialogControl(turn);
    const escape = menuRoute(turn.text, { inFlow: true });

    let clarifiedBefore = false;
    let clarifyCandidates: KnownIntent[] = [];
    let clarifiedText: string | undefined;
    let notKept: Reply | null = null;
    if (escape) {
      // "0" / 菜单 / "9" / 转人工 always leave the current flow; a report in the middle of it is parked, not lost,
      // and a flow with something undone (a booking not confirmed) says so in one line.
      notKept = (await parkDraftOnEscape(turn)) ?? (await leavingNote(turn, skills));
      await dialog.clear();
    } else {
      const state = await store.getDialog(dialogKey(turn.msg), clock.now());
      clarifiedBefore = state?.flow === 'core.clarify';
      if (clarifiedBefore) {
        clarifyCandidates = ((state?.data.candidates as string[] | undefined) ?? []).filter(isKnownIntent);
        if (typeof state?.data.text === 'string') clarifiedText = state.data.text;
      }
      const flow = state ? skills.flows[state.flow] : undefined;
      // In a group, only a bare choice ("1", "2") from someone in a flow answers the bot without @;
      // anything else is talk among the members and must not move the flow.
      if (!turn.addressed && !BARE_CHOICE.test(turn.text)) return dropUnaddressed(turn);
      if (state?.flow === TEXT_MODE) {
        // After menu "1 政策咨询" / "3 意见反馈" the next message goes to that skill, unless it is
        // clearly something else (报名讲座, 活动管理, 我老伴住院了) or says nothing ("-1").
        const route = router.routeOffline(turn.text);
        if (leavesTextMode(turn.text, route, state.data.intent)) {
          await dialog.clear();
          await runRoute(turn, route, skills, dialog);
          return;
        }
      }
      if (state && flow) {
        const route: RouteResult = { intent: (state.data.intent as KnownIntent | undefined) ?? 'unknown', confidence: 1, slots: {}, source: 'dialog' };
        const result = await flow({ ...context(turn, route, dialog, skills), state });
        if (!result.passThrough) {
          finish(turn, (result.data?.intent as RouteResult['intent'] | undefined) ?? route.intent, result);
          return;
        }
        if (!turn.addressed) return dropUnaddressed(turn); // group chatter, not an answer: keep the flow
        await rememberLeftFlow(turn.services, turn.msg, state); // an unanswered clarifying question goes on a call-back ticket
        await dialog.clear();
      } else if (state) {
        await dialog.clear(); // a flow that no longer exists (after an upgrade): start afresh
      }
    }

    if (!turn.addressed && !escape) return dropUnaddressed(turn);
    const routed = escape ?? (await router.route(turn.text, { isStaff: turn.isStaff }));
    // "再加一个人" / "再加一位", which the router does not know, asks for more seats on a booking (QA8 A-M2).
    const route: RouteResult = routed.intent === 'unknown' && asksMoreSeats(turn.text) ? { ...routed, intent: 'activity_book', confidence: 1, source: 'fallback' } : routed;
    await runRoute(turn, route, skills, dialog, { clarifiedBefore, clarifyCandidates, ...(clarifiedText !== undefined ? { clarifiedText } : {}) });
    if (notKept) turn.result.replies = [notKept, ...turn.result.replies];
  };
}

/** The line the user's flow says when "0" / "9" leaves it (skills' `leaving`), or null. */
async function leavingNote(turn: Turn, skills: SkillRegistry): Promise<Reply | null> {
  const { services } = turn;
  const state = await services.store.getDialog(dialogKey(turn.msg), services.clock.now());
  const note = state ? skills.leaving[state.flow] : undefined;
  return state && note ? note({ services, state }) : null;
}

/** The flow after menu "1" / "3": the next message is the question or the matter. */
const TEXT_MODE = 'core.await_text';

/** "确认", "好", "是的" to a clarifying question: not a second miss, the choice is asked again. */
const ACKNOWLEDGE = /^(确认|确定|提交|好|是|是的|对|对的|行|可以|嗯+|没错|就这样|就这个)[。！!~～]*$/u;

/**
 * True when a message in the policy/feedback text mode belongs elsewhere: a rule says, with
 * confidence, another intent (a booking, a cancellation, a report, a staff command, small talk),
 * an insult, a non-Chinese message, or it has no words at all.
 */
function leavesTextMode(text: string, route: RouteResult, awaited: unknown): boolean {
  if (route.source === 'menu') return true;
  if (!/\p{L}/u.test(text)) return true;
  if (route.slots.angry === true || route.slots.talk !== undefined) return true;
  return route.source === 'rule' && route.intent !== 'unknown' && route.intent !== awaited && route.confidence >= 0.85;
}

/** Runs the skill of a route, or asks a clarifying question when the router is unsure. */
export async function runRoute(
  turn: Turn,
  route: RouteResult,
  skills: SkillRegistry,
  dialog: DialogControl,
  opts: { clarifiedBefore?: boolean; clarifyCandidates?: KnownIntent[]; clarifiedText?: string } = {},
): Promise<void> {
  const { prompts } = turn.services;
  if (route.intent === 'unknown') {
    const candidates = opts.clarifyCandidates ?? [];
    if (opts.clarifiedBefore && candidates.length > 0 && ACKNOWLEDGE.test(turn.text.trim())) {
      // "确认" to "您是想：1. … 2. …": ask for the number again instead of giving up.
      const again: RouteResult = { ...route, slots: { ...route.slots, again: true, ...(opts.clarifiedText !== undefined ? { original: opts.clarifiedText } : {}) }, alternatives: candidates.map((intent) => ({ intent, confidence: 0 })) };
      finish(turn, 'unknown', await skills.clarify(context(turn, again, dialog, skills)));
      return;
    }
    // Second miss in a row: stop guessing, offer staff (two-stage fallback).
    const skill = opts.clarifiedBefore ? skills.giveUp : skills.clarify;
    finish(turn, 'unknown', await skill(context(turn, route, dialog, skills)));
    return;
  }
  if (route.intent === 'feedback' && route.slots.angry === true) {
    // An insult: apologise and ask what went wrong (the next message becomes the complaint); never repeat it.
    await dialog.start(TEXT_MODE, 'wait', { intent: 'feedback' });
    finish(turn, 'feedback', { replies: [{ text: prompts.t('core.angry_apology') }] });
    return;
  }
  if (route.intent === 'feedback' && route.slots.ticketStatus === true) {
    finish(turn, 'feedback', await ownTicketStatus(turn, route, skills, dialog));
    return;
  }
  if (route.source === 'menu' && (route.intent === 'policy_query' || route.intent === 'feedback')) {
    // Menu "1" / "3": ask for the question or the feedback; the next message goes to that skill.
    await dialog.start(TEXT_MODE, 'wait', { intent: route.intent });
    const key = route.intent === 'policy_query' ? 'core.menu_policy_prompt' : 'core.menu_feedback_prompt';
    finish(turn, route.intent, { replies: [{ text: prompts.t(key) }] });
    return;
  }
  const skill = skills.intents[route.intent];
  finish(turn, route.intent, await skill(context(turn, route, dialog, skills)));
}

/**
 * "我提的意见办得怎么样了": the person's latest ticket, shown as "查看 编号" shows it (the feedback
 * skill's own-ticket lookup), with the other numbers when there are several; without any ticket, say so.
 */
async function ownTicketStatus(turn: Turn, route: RouteResult, skills: SkillRegistry, dialog: DialogControl): Promise<SkillResult> {
  const { store, prompts } = turn.services;
  const tickets = (await store.tickets.list({ userId: personId(turn.msg) })).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.no.localeCompare(a.no));
  const latest = tickets[0];
  if (!latest) return { replies: [{ text: prompts.t('core.ticket_status_none') }] };
  const shown = await context(turn, route, dialog, skills).redirect('feedback', `查看 ${latest.no}`);
  const others = tickets.slice(1, 4).map((t) => t.no);
  if (others.length === 0) return shown;
  return { ...shown, replies: [...shown.replies, { text: prompts.t('core.ticket_status_more', { count: tickets.length, nos: others.join('、') }) }] };
}
