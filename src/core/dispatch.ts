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
import { menuRoute } from './router/menu.js';
import { answerParkedDraft, parkDraftOnEscape, remindOfParkedDraft } from '../skills/feedback/parked.js';

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
 * flow, and every answered turn may carry the reminder (the rule for who owns a digit is there).
 */
export function dispatch(router: Router, skills: SkillRegistry): Middleware {
  const dispatchTurn = flowOrRoute(router, skills);
  return async (turn, next) => {
    const parked = turn.addressed || BARE_CHOICE.test(turn.text) ? await answerParkedDraft(turn) : null;
    if (parked) return finish(turn, 'feedback', parked);
    await dispatchTurn(turn, next);
    await remindOfParkedDraft(turn);
  };
}

/** The user's flow step, or else the router and a skill. */
function flowOrRoute(router: Router, skills: SkillRegistry): Middleware {
  return async (turn) => {
    const { store, clock } = turn.services;
    const dialog = dialogControl(turn);
    const escape = menuRoute(turn.text, { inFlow: true });

    let clarifiedBefore = false;
    let notKept: Reply | null = null;
    if (escape) {
      // "0" / 菜单 / "9" / 转人工 always leave the current flow; a report in the middle of it is parked, not lost.
      notKept = await parkDraftOnEscape(turn);
      await dialog.clear();
    } else {
      const state = await store.getDialog(dialogKey(turn.msg), clock.now());
      clarifiedBefore = state?.flow === 'core.clarify';
      const flow = state ? skills.flows[state.flow] : undefined;
      // In a group, only a bare choice ("1", "2") from someone in a flow answers the bot without @;
      // anything else is talk among the members and must not move the flow.
      if (!turn.addressed && !BARE_CHOICE.test(turn.text)) return dropUnaddressed(turn);
      if (state && flow) {
        const route: RouteResult = { intent: (state.data.intent as KnownIntent | undefined) ?? 'unknown', confidence: 1, slots: {}, source: 'dialog' };
        const result = await flow({ ...context(turn, route, dialog, skills), state });
        if (!result.passThrough) {
          finish(turn, (result.data?.intent as RouteResult['intent'] | undefined) ?? route.intent, result);
          return;
        }
        if (!turn.addressed) return dropUnaddressed(turn); // group chatter, not an answer: keep the flow
        await dialog.clear();
      } else if (state) {
        await dialog.clear(); // a flow that no longer exists (after an upgrade): start afresh
      }
    }

    if (!turn.addressed && !escape) return dropUnaddressed(turn);
    const route = escape ?? (await router.route(turn.text, { isStaff: turn.isStaff }));
    await runRoute(turn, route, skills, dialog, { clarifiedBefore });
    if (notKept) turn.result.replies = [notKept, ...turn.result.replies];
  };
}

/** Runs the skill of a route, or asks a clarifying question when the router is unsure. */
export async function runRoute(
  turn: Turn,
  route: RouteResult,
  skills: SkillRegistry,
  dialog: DialogControl,
  opts: { clarifiedBefore?: boolean } = {},
): Promise<void> {
  if (route.intent === 'unknown') {
    // Second miss in a row: stop guessing, offer staff (two-stage fallback).
    const skill = opts.clarifiedBefore ? skills.giveUp : skills.clarify;
    finish(turn, 'unknown', await skill(context(turn, route, dialog, skills)));
    return;
  }
  if (route.source === 'menu' && (route.intent === 'policy_query' || route.intent === 'feedback')) {
    // Menu "1" / "3": ask for the question or the feedback; the next message goes to that skill.
    await dialog.start('core.await_text', 'wait', { intent: route.intent });
    const key = route.intent === 'policy_query' ? 'core.menu_policy_prompt' : 'core.menu_feedback_prompt';
    finish(turn, route.intent, { replies: [{ text: turn.services.prompts.t(key) }] });
    return;
  }
  const skill = skills.intents[route.intent];
  finish(turn, route.intent, await skill(context(turn, route, dialog, skills)));
}
